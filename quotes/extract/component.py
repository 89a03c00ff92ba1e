"""The spaCy components: ``quotes`` finds quotes; ``quote_paragraphs`` breaks sentences at lines.

``quotes`` keeps the content of each quote in the span group ``doc.spans["quotes"]`` and the
rest (type, speaker, cue, mention, channel, via, pieces) as plain values in
``doc._.quote_data``, so a processed Doc goes through ``doc.to_bytes()`` and ``DocBin``. The
span extensions (``span._.speaker``, ``span._.cue``, ...) and ``doc._.quotes`` (the typed
:class:`Quote` of each) are read from those.

The rules follow English news style:

* direct quotes are runs of text between quotation marks that read as speech (a clause, not
  a label or scare-quoted fragment), attributed by a reporting cue before, inside or after
  them, or continuing the speaker of the paragraph before (:mod:`.marks`, :mod:`.direct`);
* indirect quotes are the clausal complement of a reporting verb ("said (that) ...",
  "..., the ministry said"), "according to X", nominal cues ("expressed concern that ...")
  and characterisations ("described X as ...") (:mod:`.cues`, :mod:`.content`);
* mixed quotes are indirect quotes that carry a quoted fragment.

Speakers are the subject (or passive agent) of the cue; :mod:`.resolve` turns the mention
into a name within the article.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import lexicon
from ..lexicon import DEFAULT, Lexicon
from ..records import UNKNOWN, Attribution, QuoteRecord, QuoteType
from .confidence import MODEL, UNMEASURED
from .content import ends_with_quotation
from .cues import Cue, find_cues
from .direct import (
    attribution_for,
    clause_attribution,
    colon_attribution,
    continues,
    introduced,
    merge_split_quotes,
    named_between,
    opened_before,
    through_quotation,
)
from .marks import has_fragment, in_ranges, opens_split_sentence, overlaps_direct, speech_like
from .mentions import name_romance_bodies
from .referents import History, Names
from .resolve import Resolver

PACKAGE = Path(__file__).resolve().parent.parent


def code_version(package: Path = PACKAGE) -> str:
    """A hash of the code and word lists extraction runs on: stored with each article, so
    that ``quotes ingest --reextract`` redoes what older rules extracted."""
    sources = [*sorted((package / "extract").glob("*.py")), package / "lexicon.py", package / "given_names.tsv",
               package / "census_names.tsv", package / "records.py",
               package / "canon" / "roles.py", package / "canon" / "speakers.py",
               package / "extract" / "confidence.json"]
    digest = hashlib.sha1()
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = code_version()


def extractor_version(lexicon: Lexicon = DEFAULT) -> str:
    """The version stored with articles extracted with ``lexicon``: the code's, or, with
    word lists other than the default ones, a hash of the code's and the lists'."""
    if lexicon == DEFAULT:
        return EXTRACTOR_VERSION
    return hashlib.sha1(f"{EXTRACTOR_VERSION} {lexicon.fingerprint}".encode()).hexdigest()[:12]


QUOTES = "quotes"  # the span group of the quotes' content, in reading order

# The rules of floats(), for a quote with no cue of its own: the person the paragraph before
# introduces, or the speaker of the quote before.
INTRODUCED, CONTINUED = "introduced", "continued"
FLOAT_RULES = (INTRODUCED, CONTINUED)


@dataclass
class Quote:
    """One attributed statement. ``content`` may span several sentences or paragraphs.

    A typed view of one span of ``doc.spans["quotes"]`` and its plain values in
    ``doc._.quote_data``, which is what the Doc keeps and serialises.
    """

    content: Span
    type: QuoteType
    cue: Span | None = None
    mention: Span | None = None  # the speaker as written: "he", "Kremlin spokesman Dmitry Peskov"
    speaker: Attribution = UNKNOWN  # who that is, within the article
    channel: str | None = None
    via: str | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # the words quoted; a quote split by its attribution is joined back together
    # how the speaker was found: a rule of resolve.RULES, or for a quote with no cue of its
    # own one of FLOAT_RULES (see floats())
    rule: str | None = None
    antecedent: tuple[int, int] | None = None  # the mention the speaker was resolved to, if not this one
    cue_kind: str | None = None  # None for words said; else what a stated position's cue is (cues.Cue.kind)
    confidence: float | None = None  # that quote and speaker are both right (confidence.py)
    features: dict[str, float] = field(default_factory=dict)  # the confidence model's inputs

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.content.text

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else self.content.start_char

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else self.content.end_char

    def record(self) -> QuoteRecord:
        """The quote as plain values, for storage."""
        doc = self.content.doc
        # Whitespace is not part of a sentence: blank lines, or boilerplate blanked before the parse.
        first = next(t for t in doc[self.content.start].sent if not t.is_space)
        last = next(t for t in reversed(doc[self.content.end - 1].sent) if not t.is_space)
        return QuoteRecord(
            quote=self.text, type=self.type, start=self.start, end=self.end,
            sentence_start=first.idx, sentence_end=last.idx + len(last),
            cue=self.cue.text if self.cue is not None else None,
            cue_start=self.cue.start_char if self.cue is not None else None,
            cue_end=self.cue.end_char if self.cue is not None else None,
            cue_lemma=cue_key(self.cue),
            speaker_mention=self.mention.text if self.mention is not None else None,
            speaker=self.speaker, channel=self.channel, via=self.via, confidence=self.confidence,
            speaker_rule=self.rule, antecedent=self.antecedent,
        )

    def data(self) -> dict[str, Any]:
        """What the Doc keeps of the quote besides its content span: plain values, and
        character offsets for spans, which ``doc.to_bytes()`` and ``DocBin`` can store."""
        return {
            "content": [self.content.start_char, self.content.end_char], "type": self.type, "text": self.text,
            "pieces": [list(p) for p in self.pieces], "cue": _offsets(self.cue), "mention": _offsets(self.mention),
            "speaker": asdict(self.speaker), "channel": self.channel, "via": self.via,
            "rule": self.rule, "antecedent": None if self.antecedent is None else list(self.antecedent),
            "confidence": self.confidence, "features": self.features, "cue_kind": self.cue_kind,
        }

    @classmethod
    def of(cls, content: Span, data: dict[str, Any]) -> Quote:
        """The quote whose content is ``content`` and whose other values are ``data``."""
        doc = content.doc
        return cls(content=content, type=data["type"], text=data["text"],
                   pieces=[(start, end) for start, end in data["pieces"]],
                   cue=_span(doc, data["cue"]), mention=_span(doc, data["mention"]),
                   speaker=Attribution(**data["speaker"]), channel=data["channel"], via=data["via"],
                   rule=data["rule"], antecedent=None if data["antecedent"] is None else tuple(data["antecedent"]),
                   confidence=data["confidence"], features=dict(data["features"]), cue_kind=data.get("cue_kind"))


def _offsets(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start_char, span.end_char]


def _span(doc: Doc, offsets: list[int] | None) -> Span | None:
    return None if offsets is None else doc.char_span(offsets[0], offsets[1])


def keep_quotes(doc: Doc, quotes: list[Quote]) -> None:
    """Store ``quotes`` in the Doc: their content as ``doc.spans["quotes"]`` (labelled with
    the quote type, with the quote's position as span id), the rest in ``doc._.quote_data``.
    Two quotes may share their content span: each keeps its own id and its own data."""
    doc.spans[QUOTES] = [Span(doc, q.content.start, q.content.end, label=q.type, span_id=str(n))
                         for n, q in enumerate(quotes)]
    doc._.quote_data = [q.data() for q in quotes]


def quote_of(span: Span) -> Quote | None:
    """The quote whose content is ``span``, a span of ``doc.spans["quotes"]``; None for any other."""
    found = span.doc._.quote_data or []
    n = int(span.id_) if span.id_.isdigit() else len(found)
    # (DocBin gives back the lists as tuples)
    if n >= len(found) or tuple(found[n]["content"]) != (span.start_char, span.end_char):
        return None
    return Quote.of(span, found[n])


def quotes_of(doc: Doc) -> list[Quote]:
    """The quotes the component found in ``doc``, in reading order, as typed records."""
    spans = doc.spans[QUOTES] if QUOTES in doc.spans else []
    return [quote for quote in map(quote_of, spans) if quote is not None]


def _quote_value(name: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        quote = quote_of(span)
        return None if quote is None else getattr(quote, name)
    return get


# Span extensions of the quotes' content spans, read from doc._.quote_data.
SPAN_VALUES = {"quote_type": "type", "quote_text": "text", "cue": "cue", "mention": "mention",
               "speaker": "speaker", "channel": "channel", "via": "via", "pieces": "pieces",
               "speaker_rule": "rule", "antecedent": "antecedent", "confidence": "confidence"}

if not Doc.has_extension("quote_data"):
    Doc.set_extension("quote_data", default=None)
if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=quotes_of)
if not Doc.has_extension("skip"):
    # Character ranges (boilerplate, headline, captions) that hold no quotes of the article.
    Doc.set_extension("skip", default=None)
if not Span.has_extension("quote"):
    Span.set_extension("quote", getter=quote_of)
for _extension, _field in SPAN_VALUES.items():
    if not Span.has_extension(_extension):
        Span.set_extension(_extension, getter=_quote_value(_field))


@Language.factory("quote_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Also teaches the pipeline's tokenizer the abbreviated titles of news style, as one
    word each: English models know "Sen." and "Gov.", not "Sgt." or "Coun.", and cut the
    sentence after "said Sgt." from the name that follows."""
    if hasattr(nlp.tokenizer, "add_special_case"):  # (spaCy's own tokenizer, not a custom callable)
        for title in lexicon.ABBREVIATED_TITLES:
            nlp.tokenizer.add_special_case(f"{title}.", [{"ORTH": f"{title}."}])
    return ParagraphBreaks()


class ParagraphBreaks:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, captions and paragraphs on lines of their own; without this
    the parser glues a headline to the first paragraph and a cue to the wrong clause.
    """

    def __call__(self, doc: Doc) -> Doc:
        # The break itself opens the sentence: marking the word after it instead makes the
        # small English parser cut that word off as a sentence of its own.
        for before, token in pairwise(doc):  # each token made once, not again as the next one's predecessor
            if "\n" in token.text or "\n" in before.whitespace_:
                token.is_sent_start = True
                # '... for transit in this city."' ending a paragraph: the closing mark ends the
                # sentence (left free, the parser makes it a sentence of its own)
                if before.i > 0 and (before.is_quote or before.is_bracket) \
                        and doc[before.i - 1].text in (".", "!", "?", ","):
                    before.is_sent_start = False
            elif token.text in ("[", "(") and before.is_alpha:
                # 'lines [and manage] vegetation': a bracket after a word goes on its sentence
                # (the small English parser starts a new one there, cutting a quotation in two)
                token.is_sent_start = False
        return doc


@Language.factory(
    "quotes",
    default_config={"lexicon": {"@misc": "quotes.lexicon.v1", "words": {}, "extra_words": {}}},
    requires=["token.dep", "token.lemma"],
    assigns=["doc.spans", "doc._.quote_data"],
)
def make_quotes(nlp: Language, name: str, lexicon: Lexicon) -> QuoteFinder:
    """``lexicon`` is the word lists the rules read: by default ``quotes.lexicon.v1`` with
    ``words`` (whole lists replaced, by field name of :class:`~quotes.lexicon.Lexicon`, e.g.
    ``reporting_verbs``) and ``extra_words`` (added to them)."""
    return QuoteFinder(lexicon)


class QuoteFinder:
    """Sets ``doc.spans["quotes"]`` and ``doc._.quote_data``. Reads ``doc._.skip`` (character
    ranges to ignore) if set."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        keep_quotes(doc, find_quotes(doc, self.lexicon))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def find_quotes(doc: Doc, lex: Lexicon) -> list[Quote]:
    """All quotes of a parsed document, in reading order, with their speakers resolved."""
    name_romance_bodies(doc)
    skip = sorted(doc._.skip or [])
    resolver = Resolver(doc, lex)
    text = resolver.names.text
    runs, quoted = resolver.names.quotations, resolver.names.quoted
    direct_runs = [run for n, run in enumerate(runs) if not titled(doc, run, lex)
                   and (speech_like(" ".join(text[s:e] for s, e in run)) or opens_split_sentence(text, runs, n))]
    direct_chars = sorted(p for run in direct_runs for p in run)
    # A verb of saying inside quotation marks is part of what was quoted, not an attribution.
    cues = [c for c in find_cues(doc, skip, lex) if not in_ranges(c.verb.idx, quoted)]

    found: list[tuple[Quote, Cue | None]] = []
    # Direct quotes first: a cue whose content lies inside one is its attribution.
    attributed = {n: attribution_for(doc, text, run, cues, direct_chars, lex) or colon_attribution(doc, text, run, lex)
                  or clause_attribution(doc, text, run, lex) for n, run in enumerate(direct_runs)}
    merged, opened = [], []
    for run, cue in merge_split_quotes(text, direct_runs, attributed, runs):
        if cue is None or cue.kind is not None or not any(opened_before(c, run, text) for c in cue.content):
            merged.append((run, cue))
        else:
            opened.append(run)  # part of a mixed quote
    # '"A," she said, "and we will go on."': the piece after the attribution is quoted too
    merged_chars = sorted(p for run, _ in merged for p in run)
    for run, cue in merged:
        span = doc.char_span(run[0][0], run[-1][1], alignment_mode="expand")
        if span is not None and len(span):
            words = " ".join(text[s:e].strip() for s, e in run)
            found.append((Quote(content=span, type="direct", pieces=list(run), text=words,
                                cue=cue.cue if cue and len(cue.cue) else None), cue))
    # (words of a name the parser read as a clause are no claim)
    bodies = [(e.start, e.end) for e in doc.ents if e.label_ in lexicon.ORG_LABELS]
    for cue in cues:
        for content in cue.content:
            if cue.cut is None and cue.kind is None and content.start <= cue.cue.start and cue.cue.end <= content.end:
                content = after_attribution(content, cue.cue)
            content = ends_with_quotation(through_quotation(content, opened, text))
            if len(content) > 2 and (content[1].idx, content[-2].idx + len(content[-2])) in quoted \
                    and content[0].is_quote and content[-1].is_quote and content[1:-1].root.pos_ in ("VERB", "AUX"):
                content = content[1:-1]  # 'stating "stand back"': exactly a quoted clause, its words without the marks
            if len(content) == 0 or overlaps_direct(content, merged_chars) \
                    or any(start <= content.start and content.end <= end for start, end in bodies):
                continue
            # (what opened with a quotation and now ends with it is that quotation)
            kind: QuoteType = "direct" if (content.start_char, content.end_char) in quoted \
                else "mixed" if has_fragment(content, quoted) else "indirect"
            quote = Quote(content=content, type=kind, cue=cue.cue, cue_kind=cue.kind)
            if cue.cut is not None and content.start < cue.cut[0] and cue.cut[1] < content.end:
                # "Beyond that, he said, the board may ...": one quote of the two pieces
                quote.pieces = [(content.start_char, doc[cue.cut[0] - 1].idx + len(doc[cue.cut[0] - 1])),
                                (doc[cue.cut[1]].idx, content.end_char)]
                quote.text = " ".join(text[s:e] for s, e in quote.pieces)
            found.append((quote, cue))

    kept: list[Quote] = []
    for quote, cue in sorted(found, key=lambda pair: pair[0].start):
        if any(k.start == quote.start and k.end == quote.end for k in kept[-2:]):
            continue  # the same words by two cues ("reiterated her view that ..."): one quote, the first
        if cue is not None:
            speech = resolver.attribute(cue.subject, cue.verb, cue.passive_agent)
            if speech.mention is not None and quote.type != "direct" and not quote.pieces \
                    and quote.start <= speech.mention.start_char < quote.end:
                continue  # words that hold their own speaker: the parse ran the claim over its attribution
            quote.mention, quote.speaker = speech.mention, speech.speaker
            quote.channel, quote.via, quote.rule = speech.channel, speech.via, speech.rule
            quote.antecedent = antecedent(text, quote, resolver.history)
        elif quote.type != "direct" or not floats(quote, kept, text, resolver.names):
            continue  # quoted words nobody is said to have said: a title, a slogan, a sign
        kept.append(quote)
    kept = without_relays(kept)
    for quote in kept:
        # ("said her husband had told her ...": words inside another's report are second-hand)
        within = any(other is not quote and other.start <= quote.start and quote.end <= other.end
                     and other.speaker.name != quote.speaker.name for other in kept)
        quote.features = features(quote, resolver.names, text, within)
        quote.confidence = MODEL(quote.features)
    return kept


def floats(quote: Quote, kept: list[Quote], text: str, names: Names) -> bool:
    """Give a direct quote with no cue of its own the speaker news style leaves it to: the
    person the paragraph before introduces, else the speaker of the quote before it, when
    nobody else is introduced in between (else it stays, its speaker unknown). Whether the
    quote is one. A stated position ("protesters' demands for ...") is no speaker's words to
    carry on."""
    kept = [q for q in kept if q.cue_kind is None]
    last_end = kept[-1].end if kept else None
    person = introduced(text, quote.start, last_end, names)
    if person is not None:
        quote.mention = quote.content.doc.char_span(person.start, person.start + len(person.name),
                                                    alignment_mode="expand")
        quote.speaker = Attribution(names.full_name(person.name), "person", person.role)
        quote.rule = INTRODUCED
        return True
    if not kept or kept[-1].mention is None \
            or not continues(text, kept[-1].end, quote.start, opens_paragraph=kept[-1].type != "direct"):
        return False
    before = kept[-1]
    if named_between(before.end, quote.start, before.speaker.name, before.mention, names):
        return True
    quote.mention, quote.speaker, quote.rule = before.mention, before.speaker, CONTINUED
    quote.antecedent = before.antecedent or _offsets_tuple(before.mention)
    return True


def titled(doc: Doc, run: list[tuple[int, int]], lex: Lexicon) -> bool:
    """'a paper titled "Measles Resurgence"', 'signs reading "Parks Not Parking."', 'a report
    by the auditor, "Connectivity in Rural Areas," found': the quotation ``run`` is a title or
    a written text (lexicon.TITLING_WORDS; or words in capitals set beside a noun), not
    speech; but 'a statement reading "..."' gives its issuer's words."""
    quoted = doc.char_span(run[0][0], run[-1][1], alignment_mode="expand")
    if quoted is None or quoted.start == 0 or len(quoted) == 0:
        return False
    at = quoted.start - 1
    while at >= 0 and (doc[at].is_quote or doc[at].text in (",", ":")):
        at -= 1  # back over the opening mark, and a comma or colon before it
    if at < 0:
        return False
    word = doc[at]
    if word.lower_ in lexicon.TITLING_WORDS:
        return not (word.lower_ == "reading" and word.i > 0 and doc[word.i - 1].lemma_.lower() in lex.document_nouns)
    words = [t for t in quoted if t.is_alpha]
    capitals = len(words) >= 2 and all(t.is_title or t.lower_ in lexicon.SMALL_WORDS for t in words)
    before = doc[quoted.start - 2] if quoted.start > 1 and doc[quoted.start - 1].is_quote else None
    if capitals and len(words) <= 6 and before is not None and (
            before.tag_ == "POS" or before.text in ("'", "’") and doc[before.i - 1].lower_.endswith("s")
            or before.lower_ == "on"):
        return True  # 'Appearing on CBS' "Face the Nation,"': a programme's name, after its owner or "on"
    # (set off by commas after a noun, all its words in capitals)
    return doc[quoted.start - 1].is_quote and doc[at + 1].text == "," and word.pos_ in ("NOUN", "PROPN") \
        and "," in (quoted[-1].text, doc[quoted.end].text if quoted.end < len(doc) else "") and len(words) >= 2 \
        and all(t.is_title or t.lower_ in lexicon.SMALL_WORDS for t in words)


def after_attribution(content: Span, cue: Span) -> Span:
    """'which Ross has referred to as "a stunt"': content the parser let run over its own
    attribution is what follows the cue (its "as", "that" left out)."""
    doc = content.doc
    start = cue.end
    while start < content.end and (doc[start].lower_ in lexicon.CONTENT_OPENERS or doc[start].text == ","):
        start += 1
    return doc[start:content.end]


def without_relays(quotes: list[Quote]) -> list[Quote]:
    """"X said the suspect had fled, the BBC reported": the outlet only carries X's words. A
    clause an organisation reports (lexicon.RELAY_CUES) that holds a whole attribution of its
    own, or whose words another speaker's quote in the same sentence says, is not that
    organisation's statement: it becomes the inner quote's ``via``, and the inner quote ends
    before the outlet's attribution. ("X said his roommates said ..." stays X's: a person
    vouches for it.)"""
    relays = set()
    for outer in quotes:
        if outer.cue is None or not relaying(outer):
            continue
        start, end = outer.content.start, outer.content.end
        inner = [q for q in quotes if q is not outer and q.cue is not None and q.speaker.name
                 and q.speaker.name != outer.speaker.name and q.type != "direct"
                 and (start <= q.cue.start and q.cue.end <= end and start <= q.content.start and q.content.end <= end
                      or q.cue.sent == outer.content.sent and q.cue.end <= start < q.content.end)]
        if inner:
            relays.add(id(outer))
            for quote in inner:
                quote.via = quote.via or outer.speaker.name
                if not quote.pieces and outer.content.end < outer.cue.start < quote.content.end:
                    # "... renders it unnecessary, Cyprus Mail reported": the quote ends with the outlet's words
                    quote.content = quote.content.doc[quote.content.start:outer.content.end]
                    quote.text = quote.content.text
    return [q for q in quotes if id(q) not in relays]


def relaying(quote: Quote) -> bool:
    """An organisation's "..., the BBC reported" or "according to Reuters": words it may
    only carry."""
    return quote.type != "direct" and quote.speaker.kind == "organisation" and cue_key(quote.cue) in lexicon.RELAY_CUES


def antecedent(text: str, quote: Quote, history: History) -> tuple[int, int] | None:
    """Where the article names the speaker that ``quote``'s mention refers to ("he", "Peskov",
    "the spokesman"): the nearest earlier mention of the full name, else of the same speaker,
    else the first later one. None when the mention names the speaker in full itself."""
    name, mention = quote.speaker.name, quote.mention
    if name is None or mention is None or name.casefold() in mention.text.casefold():
        return None
    start, end = mention.start_char, mention.end_char
    at = text.rfind(name, 0, start)
    if at >= 0:
        return at, at + len(name)
    earlier = next((r for r in history.before(start) if r.name == name and r.end <= start), None)
    if earlier is not None:
        return earlier.start, earlier.end
    at = text.find(name, end)
    return (at, at + len(name)) if at >= 0 else None


NEARBY_CHARS = 600  # how far back a person named counts as competing for a mention


def features(quote: Quote, names: Names, text: str, within: bool = False) -> dict[str, float]:
    """The confidence model's inputs for ``quote`` of the document ``text`` (:mod:`.confidence`):
    indicators (1.0) of how it was found and how its speaker was resolved (``within`` another
    source's quote), and a few numbers scaled to about [0, 1]."""
    speaker = quote.speaker
    cue = cue_key(quote.cue)
    found = {f"type={quote.type}": 1.0, f"rule={quote.rule or 'none'}": 1.0,
             f"kind={speaker.kind or 'none'}": 1.0,
             "cue=plain" if cue in lexicon.PLAIN_CUES else "cue=none" if cue is None else "cue=other": 1.0,
             "words": math.log1p(len(quote.text.split())) / 4, "split": float(len(quote.pieces) > 1),
             "question": float(quote.text.rstrip(" ,.\"”’'").endswith("?")), "within": float(within)}
    if cue is not None:
        found[f"cue={cue}"] = 1.0  # the verb itself: "said" is surer than "suggested"
    if quote.cue_kind is not None:
        found[f"{UNMEASURED}{quote.cue_kind}"] = 1.0  # a stated position, not words said
    if quote.type != "direct":
        found["first_person"] = float(bool(lexicon.FIRST_PERSON.search(quote.text)))  # not shifted
    if speaker.kind == "person" and speaker.name:
        found["full_name"] = float(" " in speaker.name)
    if speaker.name:
        found["described"] = float(speaker.name[:1].islower())  # "report", "senior official": no name
    mention = quote.mention
    if mention is not None:
        found["mention_words"] = min(len(mention), 8) / 8
        found["pronoun"] = float(len(mention) == 1 and mention[0].lower_ in lexicon.SPEAKER_PRONOUNS)
        start = mention.start_char
        nearby = {names.full_name(p.name) for p in names.people if start - NEARBY_CHARS < p.start < start}
        found["people_nearby"] = min(len(nearby), 4) / 4
    if quote.antecedent is not None and mention is not None:
        gap = max(0, mention.start_char - quote.antecedent[1])
        found["antecedent_far"] = math.log1p(gap / 100) / 4
        found["paragraphs_back"] = min(text.count("\n\n", quote.antecedent[1], mention.start_char), 4) / 4
    return found


def cue_key(cue: Span | None) -> str | None:
    """A cue as its lemmas ("according to", "tell"): how word lists and the store name it."""
    return " ".join(t.lemma_.lower() for t in cue) if cue is not None else None


def _offsets_tuple(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (span.start_char, span.end_char)

