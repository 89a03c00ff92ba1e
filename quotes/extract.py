"""Find quotes in a parsed article: a spaCy pipeline component.

``nlp.add_pipe("quotes")`` sets ``doc._.quotes`` to a list of :class:`Quote`, each holding
spaCy spans for its content, cue and speaker mention. The rules follow English news style:

* direct quotes are runs of text between quotation marks that read as speech (a clause, not
  a label or scare-quoted fragment), attributed by a reporting cue before, inside or after
  them, or continuing the speaker of the paragraph before;
* indirect quotes are the clausal complement of a reporting verb ("said (that) ...",
  "..., the ministry said"), "according to X", nominal cues ("expressed concern that ...")
  and characterisations ("described X as ...");
* mixed quotes are indirect quotes that carry a quoted fragment.

Speakers are the subject (or passive agent) of the cue; :mod:`quotes.attribution` turns the
mention into a name within the article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicon
from .attribution import Resolver, mention_span

EXTRACTOR_VERSION = "2"

OPENING = {"“": "”", "«": "»", "„": "“"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
MARKS = set(OPENING) | CLOSING | {STRAIGHT}
SENTENCE_END = re.compile(r"[.?!,:;…—–-]\s*$")
WORD = re.compile(r"\w+")
_NOT_NEWLINE = re.compile(r"[^\n]")
CLOSING_MARKS = re.compile("[”\"’']")
UNCLOSED_CLAUSE = re.compile(r"[^,;?!]+[,;?!](?=\s)")
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
WH_WORDS = {"when", "where", "why", "how", "what", "who", "whom", "which", "whether"}
SUBORDINATORS = {"when", "where", "while", "whereas", "because", "as", "although", "though",
                 "unless", "since", "which"}

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("skip"):
    # Character ranges (boilerplate, headline, captions) that hold no quotes of the article.
    Doc.set_extension("skip", default=None)


@dataclass
class Quote:
    """One attributed statement. ``content`` may span several sentences or paragraphs."""

    content: Span
    type: str
    cue: Span | None = None
    speaker: Span | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    role: str | None = None
    channel: str | None = None
    via: str | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # the words quoted; a quote split by its attribution is joined back together

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.content.text

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else self.content.start_char

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else self.content.end_char

    def to_dict(self) -> dict:
        doc = self.content.doc
        # Whitespace is not part of a sentence: blank lines, or boilerplate blanked before the parse.
        first = [t for t in doc[self.content.start].sent if not t.is_space]
        last = [t for t in doc[self.content.end - 1].sent if not t.is_space]
        return {
            "quote": self.text, "start": self.start, "end": self.end, "type": self.type,
            "cue": self.cue.text if self.cue is not None else None,
            "cue_lemma": " ".join(t.lemma_.lower() for t in self.cue) if self.cue is not None else None,
            "speaker_mention": self.speaker.text if self.speaker is not None else None,
            "speaker": self.speaker_name, "speaker_kind": self.speaker_kind,
            "role": self.role, "channel": self.channel, "via": self.via,
            "sentence_start": first[0].idx, "sentence_end": last[-1].idx + len(last[-1]),
        }


@Language.factory("quote_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> "ParagraphBreaks":
    return ParagraphBreaks()


class ParagraphBreaks:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, captions and paragraphs on lines of their own; without this
    the parser glues a headline to the first paragraph and a cue to the wrong clause.
    """

    def __call__(self, doc: Doc) -> Doc:
        # The break itself opens the sentence: marking the word after it instead makes the
        # small English parser cut that word off as a sentence of its own.
        for token in doc[1:]:
            if "\n" in token.text:
                token.is_sent_start = True
            elif "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc


@Language.factory("quotes", requires=["token.dep", "token.lemma"], assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder()


class QuoteFinder:
    """Sets ``doc._.quotes``. Reads ``doc._.skip`` (character ranges to ignore) if set."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


# -- quotation marks ------------------------------------------------------------------

@dataclass(frozen=True)
class MarkStyle:
    """One family of quotation marks: which open, which close, which do both."""

    marks: frozenset[str]
    opening: frozenset[str]
    closing: frozenset[str]
    straight: str
    # Single marks double as apostrophes ("don’t", "the players’ union", "the ’90s"): such
    # a mark closes a quotation only where a word ends and no letter follows, and a
    # quotation it opens must be closed: one left open at a paragraph's end is dropped.
    apostrophes: bool = False


DOUBLE = MarkStyle(frozenset(MARKS), frozenset(OPENING), frozenset(CLOSING), STRAIGHT)
SINGLE = MarkStyle(frozenset("‘’'"), frozenset("‘"), frozenset("’"), "'", apostrophes=True)
QUOTE_TOKENS = MARKS | SINGLE.marks  # tokens that are quotation marks in either style
LOOKAHEAD = 300  # characters searched for a later closing mark: a sentence or two


def quoted_runs(text: str, skip: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Character ranges between quotation marks, one list of pieces per quotation.

    Double marks are read first; single marks (British style, 'like this') count where
    they are not inside a double-quoted run, which is where American style nests them.
    """
    double = _runs(text, skip, DOUBLE)
    inside = sorted(p for run in double for p in run)
    single = [run for run in _runs(text, skip, SINGLE)
              if not any(_overlaps(piece, inside) for piece in run)]
    return sorted(double + single)


def _overlaps(piece: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    k = max(0, bisect_right(ranges, (piece[0], float("inf"))) - 1)
    return any(s < piece[1] + 1 and piece[0] - 1 < e for s, e in ranges[k:k + 2])


def _runs(text: str, skip: list[tuple[int, int]], style: MarkStyle) -> list[list[tuple[int, int]]]:
    """The quotations of one mark style.

    A quotation may have several pieces because news style continues a quote over
    paragraphs: a paragraph that opens a quote without closing it goes on in the next one,
    which opens again. Unbalanced marks are resolved locally, never for the whole text: a
    second opening mark closes the first, a stray closing mark is ignored, and a quote left
    open at the end of a paragraph that is not continued ends there if it ends a sentence
    and is dropped otherwise.
    """
    runs: list[list[tuple[int, int]]] = []
    open_run: list[tuple[int, int]] | None = None
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if not line.strip() or in_ranges(line_start, skip):
            continue
        if open_run is not None and line.lstrip()[:1] not in style.marks:
            if _ends_open(text, open_run, style):
                runs.append(open_run)
            open_run = None
        continuing, open_run, open_at = open_run, None, None
        for i, ch in enumerate(line):
            if ch not in style.marks:
                continue
            if open_at is None:
                if opens(line, i, style):
                    open_at = line_start + i
                continue
            if style.apostrophes and (not closes(line, i) or (
                    plural_possessive(line, i) and any(
                        line[j] in style.marks and closes(line, j) and not plural_possessive(line, j)
                        for j in range(i + 1, min(len(line), i + LOOKAHEAD))))):
                continue  # "the players’ pay is fair,’": the later mark closes
            piece = (open_at + 1, line_start + i)
            if ch == style.straight and i and line[i - 1].isspace() and opens(line, i, style):
                # A mark that can only open ("... his head. "Thirty years"): the quote before
                # it was never closed. News style puts the attribution after the quote's first
                # clause ('"It was close," he said, ...'), so that quote ends at the first comma.
                clause = UNCLOSED_CLAUSE.search(text, open_at + 1, line_start + i)
                if clause is not None:
                    piece = (open_at + 1, clause.end())
                    runs.append((continuing or []) + [piece])
                    continuing, open_at = None, line_start + i
                    continue
            if continuing is not None:
                runs.append(continuing + [piece])
                continuing = None
            else:
                runs.append([piece])
            open_at = None
        if open_at is not None and text[open_at + 1:line_start + len(line)].strip():
            open_run = (continuing or []) + [(open_at + 1, line_start + len(line.rstrip()))]
    if open_run is not None and _ends_open(text, open_run, style):
        runs.append(open_run)
    return runs


def _ends_open(text: str, run: list[tuple[int, int]], style: MarkStyle) -> bool:
    """Whether a quotation still open when its paragraph ends is one: it was continued from
    the paragraph before, or (double marks only) it ends a sentence."""
    if len(run) > 1:
        return True
    return not style.apostrophes and re.search(r"[.?!]$", text[run[-1][0]:run[-1][1]]) is not None


def opens(line: str, i: int, style: MarkStyle) -> bool:
    """Whether the mark at ``line[i]`` can open a quotation."""
    ch = line[i]
    if ch in style.closing:
        return False
    after = line[i + 1] if i + 1 < len(line) else " "
    if ch in style.opening:
        return not (style.apostrophes and after.isspace())
    before = line[i - 1] if i else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def plural_possessive(line: str, i: int) -> bool:
    """Whether the mark at ``line[i]`` reads as "players’ pay" (an s, the mark, a word)."""
    return line[i - 1:i] in ("s", "S") and re.match(r" [a-z0-9]", line[i + 1:i + 3]) is not None


def closes(line: str, i: int) -> bool:
    """Whether a single mark ends a quotation rather than being an apostrophe: it follows
    a word or punctuation and no letter or digit follows it."""
    before = line[i - 1] if i else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return not before.isspace() and not after.isalnum()


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``ranges`` (sorted, not overlapping)."""
    k = bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def speech_like(text: str) -> bool:
    """Whether quoted words read as a stretch of speech rather than a label or fragment.

    Speech starts as a sentence does and either ends as one (or with the comma that hands
    over to "she said") or is long enough to be a clause of its own.
    """
    stripped = text.strip()
    if not stripped:
        return False
    words = WORD.findall(stripped)
    starts_as_sentence = stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "(['‘"
    if not starts_as_sentence:
        return len(words) >= 12
    return len(words) >= 8 or (len(words) >= 2 and bool(SENTENCE_END.search(stripped)))


# -- cues -------------------------------------------------------------------------------

@dataclass
class Cue:
    verb: Token
    cue: Span
    subject: Token | None
    content: list[Span]
    passive_agent: Token | None = None


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes of a parsed document, in reading order, with their speakers resolved."""
    skip = sorted(doc._.skip or [])
    text = doc.text  # built from the tokens on every access: read it once
    runs = quoted_runs(text, skip)
    quoted = sorted(p for run in runs for p in run)
    direct_runs = [run for run in runs if speech_like(" ".join(text[s:e] for s, e in run))]
    direct_chars = sorted(p for run in direct_runs for p in run)
    # A verb of saying inside quotation marks is part of what was quoted, not an attribution.
    cues = [c for c in find_cues(doc, skip) if not in_ranges(c.verb.idx, quoted)]

    found: list[tuple[Quote, Cue | None]] = []
    # Direct quotes first: a cue whose content lies inside one is its attribution.
    attributed = {n: attribution_for(doc, text, run, cues, direct_chars) for n, run in enumerate(direct_runs)}
    for run, cue in merge_split_quotes(text, direct_runs, attributed, runs):
        span = doc.char_span(run[0][0], run[-1][1], alignment_mode="expand")
        if span is not None and len(span):
            words = " ".join(text[s:e].strip() for s, e in run)
            found.append((Quote(content=span, type="direct", pieces=list(run), text=words,
                                cue=cue.cue if cue else None), cue))
    for cue in cues:
        for content in cue.content:
            if len(content) == 0 or overlaps_direct(content, direct_chars):
                continue
            kind = "mixed" if has_fragment(content, quoted) else "indirect"
            found.append((Quote(content=content, type=kind, cue=cue.cue), cue))

    resolver = Resolver(doc)
    kept: list[Quote] = []
    for quote, cue in sorted(found, key=lambda pair: pair[0].start):
        if cue is not None:
            resolver.attribute(quote, cue.subject, cue.verb, cue.passive_agent)
        elif kept and continues(text, kept[-1], quote):
            previous = kept[-1]
            quote.speaker, quote.speaker_name = previous.speaker, previous.speaker_name
            quote.speaker_kind, quote.role = previous.speaker_kind, previous.role
        else:
            continue  # quoted words nobody is said to have said: a title, a slogan, a sign
        kept.append(quote)
    return kept


def find_cues(doc: Doc, skip: list[tuple[int, int]]) -> Iterator[Cue]:
    for token in doc:
        if in_ranges(token.idx, skip):
            continue
        lemma = token.lemma_.lower()
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            cue = according_to(doc, token)
            if cue:
                yield cue
        elif token.pos_ == "NOUN" and lemma in lexicon.REPORTING_NOUNS:
            cue = possessed_statement(doc, token)
            if cue:
                yield cue
        elif token.pos_ in ("VERB", "AUX") and lemma in lexicon.REPORTING_VERBS:
            if any(c.dep_ == "neg" for c in token.children) or (
                    token.dep_ == "xcomp" and token.head.lemma_.lower() in lexicon.DECLINING_VERBS):
                continue  # "did not say", "declined to say": nothing was said
            cue = verb_cue(doc, token, lemma)
            if cue:
                yield cue


def possessed_statement(doc: Doc, noun: Token) -> Cue | None:
    """"Chen's statement that Canada would not be rushed": the owner said the clause."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if owner is None or clause is None:
        return None
    content = clause_spans(doc, clause, noun, None)
    return Cue(verb=noun, cue=doc[noun.i:noun.i + 1], subject=owner, content=content) if content else None


def according_to(doc: Doc, token: Token) -> Cue | None:
    """'According to X, Y' / 'Y, according to X': the content is the clause it modifies."""
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    if source is None or head.i == token.i:
        return None
    exclude = set(t.i for t in token.subtree) | {to.i}
    tokens = [t for t in head.sent if t.i not in exclude and not t.is_space]
    span = contiguous(doc, tokens, around=head)
    return Cue(verb=token, cue=doc[token.i:token.i + 2], subject=source,
               content=[span] if span is not None else [])


def verb_cue(doc: Doc, verb: Token, lemma: str) -> Cue | None:
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ in SUBJECTS), None)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    cue_tokens = [verb] + [c for c in children if c.dep_ == "prt"]
    if passive and lemma != "quote" and agent_obj is not None:
        subject, agent_obj = agent_obj, None
    elif passive and lemma != "quote" and subject is not None and subject.lower_ == "it":
        subject = None  # "it was announced that ..." names nobody
    if subject is None:
        subject = inherited_subject(verb)
    if subject is not None:
        subject = past_dateline(subject, verb)

    content: list[Span] = []
    if lemma == "quote" and not passive:
        return None  # "..., quoting crime reference 44/1187": a citation, not speech
    comps = [c for c in children if (c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX", "ADJ"))
             or (c.dep_ == "xcomp" and lemma in lexicon.COMMISSIVE_VERBS and c.pos_ == "VERB")]
    if lemma == "quote":
        saying = next((c for c in children if c.dep_ in ("xcomp", "advcl") and c.lemma_ == "say"), None)
        if saying is not None:
            comps = [c for c in saying.children if c.dep_ == "ccomp"]
            cue_tokens.append(saying)
    if not comps:
        comps = misattached_that_clause(verb)
    for comp in comps:
        if lemma == "ask" or any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children) \
                or doc[comp.left_edge.i].lower_ in WH_WORDS:
            continue  # an embedded question ("say whether", "say when") reports no statement
        first = doc[comp.left_edge.i]
        while first.is_punct and first.i < comp.i:
            first = doc[first.i + 1]
        if content and first.lower_ in SUBORDINATORS and doc[first.i - 1].text == "," \
                and content[-1].end <= first.i:
            # "said X would not accept it, when millions depend on it": a subordinate
            # clause the parser hung on the verb still belongs to the claim before it.
            end = comp.right_edge.i + 1
            while end > first.i and doc[end - 1].is_punct:
                end -= 1
            content[-1] = doc[content[-1].start:end]
            continue
        content.extend(clause_spans(doc, comp, verb, subject))
    if not content and lemma in lexicon.CHARACTERISING_VERBS:
        content.extend(characterisation(doc, verb, subject))
    if not content and lemma in lexicon.LIGHT_VERBS:
        content.extend(nominal_content(doc, verb, cue_tokens))
    if not content and verb.dep_ in ("ROOT", "conj", "parataxis") and lemma not in ("call", "describe", "post"):
        content.extend(parenthetical(doc, verb, subject))
    # A second complement the parser found inside the first ("... and a gas can found in
    # his truck") is part of that claim, not another one.
    content = [c for c in content if not any(
        o is not c and o.start <= c.start and c.end <= o.end and len(o) > len(c) for o in content)]
    if not content and subject is None:
        return None  # kept without content: it may still attribute a direct quote
    cue = doc[min(t.i for t in cue_tokens):max(t.i for t in cue_tokens) + 1]
    if len(cue) > 4:
        cue = doc[verb.i:verb.i + 1]
    return Cue(verb=verb, cue=cue, subject=subject, content=content,
               passive_agent=agent_obj if lemma == "quote" else None)


def misattached_that_clause(verb: Token) -> list[Token]:
    """'told analysts on a call that the group had ...': the parser may hang the 'that'
    clause on the last noun of the verb's own phrases, as if it were a relative clause."""
    for child in verb.rights:
        if child.dep_ not in ("prep", "dobj", "dative", "npadvmod"):
            continue
        for token in child.subtree:
            if token.dep_ in ("relcl", "acl") and token.pos_ in ("VERB", "AUX"):
                first = token.doc[token.left_edge.i]
                subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                noun = token.head.lemma_.lower()
                # "their claim that ..." is the noun's content, but "on a call that ..." or
                # "in a statement that ..." names the channel of the verb's own clause.
                if first.lower_ == "that" and first.i == token.head.i + 1 and subject is not None \
                        and subject.i != first.i and (noun not in lexicon.REPORTING_NOUNS
                                                      or noun in lexicon.CHANNEL_NOUNS):
                    return [token]
    return []


def inherited_subject(verb: Token) -> Token | None:
    """The subject a cue shares with the clause it hangs from.

    '..., adding that ...', 'while saying ...', 'in confirming ..., saying ...', 'and said':
    climb to the nearest verb with a subject. A conjoined verb right after a noun phrase
    ("after South Korea and the United States claimed ...") takes that phrase instead: the
    parser often attaches such a verb to the main clause by mistake.
    """
    doc = verb.doc
    if said_next(verb) and verb.head.dep_ == "ccomp":
        # "X insisted that A and denied that B": the speaker of the verb A hangs from
        speaker = verb.head.head
        subject = next((c for c in speaker.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject if subject is not None else inherited_subject(speaker)
    if verb.dep_ == "conj" and verb.i > 0:
        before = doc[verb.i - 1]
        if before.pos_ in ("PROPN", "NOUN") and before.dep_ in ("pobj", "conj", "dobj"):
            while before.dep_ == "conj" and before.head.pos_ in ("PROPN", "NOUN"):
                before = before.head
            return before
    head = verb
    for _ in range(6):
        if head.dep_ in ("ROOT", "relcl", "ccomp", "parataxis") or head.head.i == head.i:
            break
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            subject = past_dateline(subject, head)
        if subject is not None:
            if subject.dep_ == "nsubjpass" and head.lemma_ != "quote":
                agent = next((c for c in head.children if c.dep_ == "agent"), None)
                if agent is not None:
                    subject = next((c for c in agent.children if c.dep_ == "pobj"), subject)
            if agentive(subject):
                return subject
            break
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    # "X's visit comes as NATO joined ..., saying that ...": a participle's speaker is the
    # nearest earlier subject in the sentence that can speak, when the parse gives none.
    earlier = [t for t in verb.sent if t.i < verb.i and t.dep_ == "nsubj" and agentive(t)]
    return earlier[-1] if earlier else None


def past_dateline(subject: Token, verb: Token) -> Token | None:
    """'LONDON (Reuters) - Britain and Canada said': the parser often makes the dateline's
    place the subject; the speaker is the noun phrase after the dash."""
    doc = subject.doc
    after = dateline_end(doc, subject.i)
    if subject.i >= after:
        return subject
    heads = [t for t in doc[after:verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")
             and not after <= t.head.i < verb.i]
    return heads[0] if heads else None


def agentive(token: Token) -> bool:
    """Whether a subject can be the source of words: a person, organisation or pronoun."""
    if token.i < dateline_end(token.doc, token.i):
        return False
    return (token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or token.lower_ in lexicon.PERSON_PRONOUNS | lexicon.ORG_PRONOUNS | lexicon.GROUP_PRONOUNS
            or token.lemma_.lower() in lexicon.ORG_NOUNS | lexicon.ROLE_NOUNS
            or token.pos_ == "PROPN")


def clause_spans(doc: Doc, comp: Token, verb: Token, subject: Token | None) -> list[Span]:
    """The clausal complement, cut at the cue; coordinated 'that' clauses are separate claims."""
    claims = [comp]
    for conj in comp.children:
        if conj.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            claims.append(conj)
    spans = []
    for n, claim in enumerate(claims):
        drop = set()
        for other in claims[n + 1:]:
            drop |= {t.i for t in other.subtree}
        if n + 1 < len(claims):
            drop |= {t.i for t in claim.children if t.dep_ == "cc"}
        drop |= {t.i for c in claim.children if reporters_aside(c) for t in c.subtree}
        # "insisted that A and denied that B": the parser hangs the second verb of saying
        # on A; it is the speaker's next cue, not part of the claim.
        saying = [c for c in claim.children if said_next(c)]
        if saying:
            drop |= {t.i for c in saying for t in c.subtree}
            drop |= {t.i for t in claim.children if t.dep_ == "cc" and t.i < saying[0].i}
        tokens = [t for t in claim.subtree if t.i not in drop]
        span = side_of(doc, tokens, verb, subject, drop)
        if span is not None:
            spans.append(through_closing_mark(span))
    return spans


def through_closing_mark(span: Span) -> Span:
    """A claim that opens a quoted fragment ends at its closing mark, wherever the parse of
    the fragment ended ('would not reopen “until the fire chief says it is safe.”')."""
    doc = span.doc
    if sum(t.text in QUOTE_TOKENS for t in span) % 2 == 0:
        return span
    closing = next((t for t in doc[span.end:span.sent.end] if t.text in QUOTE_TOKENS), None)
    return doc[span.start:closing.i + 1] if closing is not None else span


def said_next(token: Token) -> bool:
    """A verb of saying with a clause of its own, conjoined to a reported clause."""
    return token.dep_ == "conj" and token.lemma_.lower() in lexicon.REPORTING_VERBS \
        and any(c.dep_ == "ccomp" for c in token.children)


def reporters_aside(token: Token) -> bool:
    """'... without elaborating', '..., but did not specify ...': the writer's comment
    on what the source left out, not part of what the source said."""
    if token.dep_ == "prep" and token.lower_ == "without":
        return True
    if token.dep_ in ("advcl", "conj") and token.tag_ == "VBG" and token.lemma_ in lexicon.REPORTING_VERBS:
        return True  # '..., saying: "..."' / '..., adding that ...': a cue of its own
    if token.dep_ == "advcl" and token.i > token.head.i and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in token.children) and token.doc[token.left_edge.i - 1].text == ",":
        return True  # '..., as negotiators gathered in London': the writer's setting
    return token.dep_ == "conj" and any(c.dep_ == "neg" for c in token.children) and any(
        c.dep_ == "cc" and c.lower_ == "but" for c in token.head.children)


def side_of(doc: Doc, tokens: list[Token], verb: Token, subject: Token | None,
            dropped: set[int] = frozenset()) -> Span | None:
    """Keep the tokens on the content's side of the attribution clause, trimmed."""
    if not tokens:
        return None
    attribution = {verb.i}
    if subject is not None and subject.head.i == verb.i:
        attribution |= {t.i for t in subject.subtree}
    if tokens[0].i > verb.i:
        tokens = [t for t in tokens if t.i > max(attribution)]
        trailing = trailing_phrase(doc, tokens) if verb.pos_ in ("VERB", "AUX") else []
        if not any(t.i in dropped for t in trailing):
            tokens += trailing
    else:
        tokens = [t for t in tokens if t.i < min(attribution)]
    return contiguous(doc, tokens)


def trailing_phrase(doc: Doc, tokens: list[Token]) -> list[Token]:
    """Words the parser left between a complement and the end of its sentence.

    'as saying the business was "nowhere near" needing to raise equity': with no comma
    and no new subject before the full stop, the rest of the sentence is still the claim.
    """
    if not tokens:
        return []
    last = max(t.i for t in tokens)
    rest = list(doc[last + 1:tokens[0].sent.end])
    words = [t for t in rest if not t.is_space and not (t.is_punct and t.text in ".!?" + "".join(QUOTE_TOKENS))]
    if not words or any(t.dep_ in ("nsubj", "nsubjpass", "mark") for t in words):
        return []
    if not any(t.text in ",;:—–()" or t.dep_ == "cc" for t in words):
        return rest
    # "stole names, Social Security numbers and medical records": a list that goes on
    # after the object, with no verb of its own, is still the claim's.
    listing = doc[last].pos_ in ("NOUN", "PROPN") and words[0].text == "," \
        and any(t.dep_ == "cc" for t in words) and not any(t.text in ";:—–()" for t in words) \
        and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words)
    return rest if listing else []


TRIM_START = {"that", ",", ":", "—", "–", "-", "and", "but", "'s"}
TRIM_END = {",", ":", "—", "–", "-", "and", "but", ";", "(", "while", "as"}


def contiguous(doc: Doc, tokens: list[Token], around: Token | None = None) -> Span | None:
    """The span from the first to the last token, trimmed of linking words and punctuation.

    With ``around``, only the unbroken run of tokens containing that token is kept (used when
    a cue sits in the middle of its clause).
    """
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    if around is not None:
        ids = [t.i for t in tokens]
        if around.i in ids:
            k = ids.index(around.i)
            lo = hi = k
            while lo > 0 and ids[lo - 1] == ids[lo] - 1:
                lo -= 1
            while hi + 1 < len(ids) and ids[hi + 1] == ids[hi] + 1:
                hi += 1
            tokens = tokens[lo:hi + 1]
    start, end = tokens[0].i, tokens[-1].i + 1
    while start < end and (doc[start].lower_ in TRIM_START or doc[start].is_space
                           or (doc[start].is_punct and doc[start].text not in QUOTE_TOKENS)):
        start += 1
    while end > start and (doc[end - 1].lower_ in TRIM_END or doc[end - 1].is_space
                           or doc[end - 1].text in ".!?"):
        end -= 1
    start = after_dateline(doc, start, end)
    # "said on Monday they were close": the time belongs to the saying, not to what was said.
    while start < end and (doc[start].ent_type_ in ("DATE", "TIME") or
                           (doc[start].dep_ == "prep" and start + 1 < end and doc[start + 1].ent_type_ in ("DATE", "TIME"))):
        if doc[start].dep_ == "prep":
            start += 1
        while start < end and doc[start].ent_type_ in ("DATE", "TIME"):
            start += 1
        while start < end and doc[start].is_punct and doc[start].text not in QUOTE_TOKENS:
            start += 1
    if end - start < 3:
        return None
    return doc[start:end]


# "SEOUL (Reuters) –", "LAFAYETTE, La. (AP) —", "CEDAR FALLS, Iowa (AP) —",
# "VELMORA, March 6 (Northgate Wire) -"
DATELINE = re.compile(r"^[A-Z][A-Z.' ]*[A-Z.](?:, [A-Z][a-z]+\.?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
                      r"\s*(\([^)]{1,40}\))?\s*[–—-]+\s*")


def dateline_end(doc: Doc, i: int) -> int:
    """The token index just after a dateline ('SEOUL (Reuters) –', 'LAFAYETTE, La. (AP) —')
    opening the paragraph of token ``i``, or -1 when there is none."""
    start = doc[i].sent.start  # paragraphs open sentences, so a dateline opens one too
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc) or not doc[start].is_upper:
        return -1
    match = DATELINE.match(doc[start:start + 24].text)
    if match is None:
        return -1
    at = doc[start].idx + match.end()
    while start < len(doc) and doc[start].idx < at:
        start += 1
    return start


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """Skip a dateline that opens the first paragraph of a content span."""
    after = dateline_end(doc, start)
    return after if start < after <= end else start


def parenthetical(doc: Doc, verb: Token, subject: Token | None) -> list[Span]:
    """'X happened, the ministry said.' when the parser did not make X the cue's complement."""
    sent = verb.sent
    if subject is None or verb.i < subject.i:
        before = [t for t in sent if t.i < min(verb.i, subject.i if subject is not None else verb.i)]
    else:
        before = [t for t in sent if t.i < min(t2.i for t2 in subject.subtree)]
    if len(before) < 4 or not any(t.text == "," for t in before[-2:]) or before[0].lower_ == "according":
        return []  # "According to the source, the actor asked ...": an attribution, not content
    if not any(t.pos_ in ("VERB", "AUX") for t in before):
        return []
    span = contiguous(doc, before)
    return [span] if span is not None else []


def characterisation(doc: Doc, verb: Token, subject: Token | None) -> list[Span]:
    """'called the situation "very dangerous"', 'described the deployment as a threat'."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    complement = [c for c in verb.children
                  if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "xcomp", "ccomp")]
    if not complement and verb.lemma_ == "call":
        # "called the situation 'very dangerous'": the quoted predicate often hangs off the object.
        if not any(t.text in QUOTE_TOKENS for t in obj.subtree):
            return []
    elif not complement:
        return []
    tokens = [t for t in obj.subtree] + [t for c in complement for t in c.subtree]
    span = contiguous(doc, tokens)
    if span is None:
        return []
    closed = through_closing_mark(span)  # '“fantasy numbers from a campaign that ...”'
    if closed is not span:
        return [closed]
    # Take the quoted predicate's closing mark with it.
    end = span.end
    while end < len(doc) and (doc[end].text in QUOTE_TOKENS or doc[end].text in ".!?") and doc[end].sent == span.sent:
        if doc[end].text in QUOTE_TOKENS:
            return [doc[span.start:end + 1]]
        end += 1
    return [span]


def nominal_content(doc: Doc, verb: Token, cue_tokens: list[Token]) -> list[Span]:
    """'expressed concern that X' -> X; 'expressed Russia's interest in X' -> the object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in lexicon.REPORTING_NOUNS:
        return []
    clause = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
              and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    cue_tokens.append(obj)
    if clause:
        return clause_spans(doc, clause[0], verb, None)
    if obj.lemma_.lower() in lexicon.ATTITUDE_NOUNS and any(c.dep_ == "poss" for c in obj.children):
        span = contiguous(doc, list(obj.subtree))
        return [span] if span is not None else []
    return []


def has_fragment(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """Whether quoted words lie inside a span (``quoted`` sorted): reported speech with a
    quoted fragment is a mixed quote."""
    k = bisect_right(quoted, (span.start_char, -1))
    return k < len(quoted) and quoted[k][1] <= span.end_char + 1


def overlaps_direct(span: Span, direct: list[tuple[int, int]]) -> bool:
    """Whether a content span is mostly made of direct quotes (``direct`` sorted)."""
    length = max(1, span.end_char - span.start_char)
    k = max(0, bisect_right(direct, (span.start_char, float("inf"))) - 1)
    inside = 0
    for s, e in direct[k:]:
        if s >= span.end_char:
            break
        inside += max(0, min(e, span.end_char) - max(s, span.start_char))
    return inside / length > 0.5


def attribution_for(doc: Doc, text: str, run: list[tuple[int, int]], cues: list[Cue],
                    direct: list[tuple[int, int]]) -> Cue | None:
    """The cue that introduces a direct quote: right after it, inside it, or right before it."""
    start, end = run[0][0], run[-1][1]
    best: tuple[int, Cue] | None = None
    for cue in cues:
        v = cue.verb
        if not start - 400 < v.idx < end + 400:
            continue  # too far to introduce this quote
        if any(overlaps_direct(content, run) for content in cue.content):
            return cue
        between_after = text[end:v.idx]
        attribution_end = cue_end(cue, start)
        between_before = text[attribution_end:start]
        if v.idx >= end and "\n" not in between_after and len(between_after) < 120 and \
                not re.search(r"[.?!]\s", CLOSING_MARKS.sub("", between_after).lstrip(".,?! ")):
            distance = v.idx - end
        elif attribution_end <= start and len(between_before) < 80 and (
                ("\n" not in between_before and re.search(r"[,:]\s*[“\"«‘']?\s*$", between_before))
                or re.search(r":\s*\n\s*[“\"«‘']?\s*$", between_before)):
            distance = start - attribution_end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, cue)
    return best[1] if best else None


def cue_end(cue: Cue, limit: int) -> int:
    """Where the attribution clause of a cue ends (its speaker may follow the verb), not
    counting phrases that reach ``limit``, the quote's start ('wrote on social media: "A
    bill that ..."' parses the quote as the verb's object)."""
    end = cue.cue.end_char
    if cue.subject is not None and cue.subject.i > cue.verb.i:
        end = max(end, max(t.idx + len(t) for t in mention_span(cue.subject)))
    verb = cue.verb
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("prep", "npadvmod", "advmod", "dobj", "agent", "dative"):
            reach = max(t.idx + len(t) for t in child.subtree)
            if reach <= limit:
                end = max(end, reach)
    return end


def merge_split_quotes(text: str, direct: list[list[tuple[int, int]]], cues: dict[int, Cue | None],
                       runs: list[list[tuple[int, int]]]) -> list[tuple[list[tuple[int, int]], Cue | None]]:
    """'“A,” she said, “and B.”' is one quote: a quotation that follows the attribution of
    the one before it, in the same sentence, continues it even if it does not read as a
    sentence of its own."""
    merged: list[tuple[list[tuple[int, int]], Cue | None]] = []
    speech = {run[0] for run in direct}
    ordered = {n: run for n, run in enumerate(direct)}
    index = {run[0]: n for n, run in ordered.items()}
    for run in runs:
        cue = cues[index[run[0]]] if run[0] in speech else None
        if merged:
            prev_run, prev_cue = merged[-1]
            gap = text[prev_run[-1][1]:run[0][0]]
            if prev_cue is not None and (cue is None or cue is prev_cue) and "\n" not in gap \
                    and prev_run[-1][1] < prev_cue.verb.idx < run[0][0] \
                    and re.search(r",\s*[“\"«‘']?$", gap) and not re.search(r"[.?!]\s", gap):
                merged[-1] = (prev_run + run, prev_cue)
                continue
        if run[0] in speech:
            merged.append((run, cue))
    return merged


def continues(text: str, previous: Quote, quote: Quote) -> bool:
    """A direct quote with no cue of its own goes on with the speaker of the quote before it
    when it is in the same paragraph, or opens the next one right after it."""
    if quote.type != "direct" or previous.type != "direct" or previous.speaker is None:
        return False
    gap = text[previous.end:quote.start]
    return "\n" not in gap or (gap.count("\n") <= 2 and len(WORD.findall(gap)) <= 12)


from . import DEFAULT_MODEL
NEEDED_PIPES = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}


def load(model: str = DEFAULT_MODEL) -> Language:
    """A pipeline that finds quotes: the model's parser and tagger plus our two components.

    Components the rules never read (text classifiers, entity linkers...) are disabled so
    they cost nothing.
    """
    import spacy

    nlp = spacy.load(model)
    for name in nlp.pipe_names:
        if name not in NEEDED_PIPES:
            nlp.disable_pipe(name)
    nlp.add_pipe("quote_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("quotes")
    return nlp


def blank_out(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """``text`` with ``ranges`` turned into spaces, line breaks kept: the parser then spends
    nothing on boilerplate, and every offset still points into the original text."""
    pieces, done = [], 0
    for start, end in sorted(ranges):
        start = max(start, done)
        if end > start:
            pieces += [text[done:start], _NOT_NEWLINE.sub(" ", text[start:end])]
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def extract(nlp: Language, articles: Iterable, batch_size: int = 32) -> Iterator[tuple]:
    """Yield ``(article, [quote dicts])`` for each article, in order."""
    articles = iter(articles)
    pending: list = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(blank_out(article.text, article.skip))
            doc._.skip = list(article.skip)
            pending.append(article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield pending.pop(0), [q.to_dict() for q in doc._.quotes]
