"""Direct quotes: which cue introduces each, and which quotations are one quote."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .. import lexicon
from ..lexicon import Lexicon
from .cues import Cue, agentive
from .marks import WORD, overlaps_direct
from .mentions import mention_span
from .referents import Named, Names

CLOSING_MARKS = re.compile("[”\"’']")
ENDS_SENTENCE = re.compile("\\.[”\"’']*\\s*$")
# a sentence of its own between an attribution and the quotation after it
SENTENCE_BREAK = re.compile("[.?!][”\"’']?\\s+[A-Z]")
OPENING_ONLY = re.compile("\\s*[“\"«‘']\\s*")
OPENING_MARKS = " \t“\"«‘'"  # what may stand between a line's start and a quotation
# 'said "A" and "B"': two quotations of one attribution, joined by "and" alone
COORDINATED_GAP = re.compile("[”\"’']?\\s*,?\\s*and\\s*[“\"«‘']?")


def attribution_for(doc: Doc, text: str, run: list[tuple[int, int]], cues: list[Cue],
                    direct: list[tuple[int, int]], lex: Lexicon) -> Cue | None:
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
        attribution_end = cue_end(cue, start, lex)
        between_before = text[attribution_end:start]
        if v.idx >= end and "\n" not in between_after and len(between_after) < 120 and \
                not re.search(r"[.?!]\s", CLOSING_MARKS.sub("", between_after).lstrip(".,?! ")) \
                and not (ENDS_SENTENCE.search(text, start, end) and cue.subject is not None
                         and cue.subject.i < v.i):
            # ('"We cannot accept it." Reyes said he would appeal': a full stop ends the quote's
            # sentence; a speaker written before the verb after it begins another one)
            distance = v.idx - end
        elif attribution_end <= start and len(between_before) < 80 and not SENTENCE_BREAK.search(between_before) and (
                ("\n" not in between_before and re.search(r"[,:]\s*[“\"«‘']?\s*$", between_before))
                or re.search(r":\s*\n\s*[“\"«‘']?\s*$", between_before)
                or (v.pos_ == "VERB" and OPENING_ONLY.fullmatch(between_before))):  # 'tweeted "..."'
            distance = start - attribution_end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, cue)
    return best[1] if best else None


def opened_before(content: Span, run: list[tuple[int, int]], text: str) -> bool:
    """'said the law has "condemned many women to ..."': a reported clause that opens before
    the quotation, in the same sentence, and ends with it is one mixed quote; the quotation
    alone would begin a few words late."""
    start, end = run[0][0], run[-1][1]
    if not content.start_char < start < content.end_char:
        return False
    lead = text[content.start_char:start]
    if "\n" in lead or re.search(r"[.?!:;]\s", lead):
        return False
    # 'added authorities "are waiting for updates"': the clause's subject, then its quoted words
    subject = next((c for c in content.root.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
    opens = subject is not None and subject.left_edge.idx == content.start_char and WORD.search(lead) is not None \
        and not text[subject.right_edge.idx + len(subject.right_edge):start].strip(" “\"«‘'")
    if end <= content.end_char + 3:
        return opens or len(WORD.findall(lead)) >= 2
    return opens  # (and they go on past where the parser ended the clause)


def through_quotation(content: Span, runs: list[list[tuple[int, int]]], text: str) -> Span:
    """A reported clause as far as the quotation it opens goes (:func:`opened_before`)."""
    for run in runs:
        if run[-1][1] > content.end_char and opened_before(content, run, text):
            return content.doc.char_span(content.start_char, run[-1][1], alignment_mode="expand") or content
    return content


COLON_LEAD = re.compile(r"\s*(\S.{0,118}?)\s*:\s*[“\"«‘']?\s*")


def colon_attribution(doc: Doc, text: str, run: list[tuple[int, int]], lex: Lexicon) -> Cue | None:
    """A line that names its speaker before a colon and the quote: 'Dana Orr, The Ledger:
    "..."', 'Sam Whitby, on social media: "..."', 'The minister's reply: "..."'. The speaker is
    a person's name opening the line (what follows a comma places or describes them), or the
    owner of a noun of statement."""
    start = run[0][0]
    line_start = text.rfind("\n", 0, start) + 1
    lead = COLON_LEAD.fullmatch(text, line_start, start)
    if lead is None:
        return None
    span = doc.char_span(lead.start(1), lead.end(1), alignment_mode="expand")
    if span is None or not 0 < len(span) <= 12:
        return None
    colon = doc[span.end:span.end]  # no verb: the cue is empty
    first = span[0]
    if first.ent_iob_ == "B" and first.ent_type_ == "PERSON":
        end = first.i + 1
        while end < span.end and doc[end].ent_iob_ == "I":
            end += 1
        if end == span.end or doc[end].text == ",":
            return Cue(verb=doc[end - 1], cue=colon, subject=doc[end - 1], content=[])
    head = span.root
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if head.lemma_.lower() in lex.reporting_nouns and owner is not None and head.i == span.end - 1:
        return Cue(verb=head, cue=doc[head.i:head.i + 1], subject=owner, content=[])
    return None


def clause_attribution(doc: Doc, text: str, run: list[tuple[int, int]], lex: Lexicon) -> Cue | None:
    """'Senator Ana Ruiz spoke on the radio, "This will end badly."', 'The campaign released a
    statement: "We cannot accept it."': a quoted sentence after the comma or colon that ends a
    clause about someone is theirs, the clause's verb its cue."""
    start = run[0][0]
    comma = max(text.rfind(",", max(0, start - 4), start), text.rfind(":", max(0, start - 4), start))
    if comma < 0 or text[comma + 1:start].strip(" “\"«‘'") or not text[start:].lstrip(" “\"«‘'")[:1].isupper():
        return None
    before = doc.char_span(comma, comma + 1)
    if before is None:
        return None
    verb = doc[before.start - 1] if before.start > 0 else before[0]
    if verb.lemma_.lower() in lexicon.MENTION_NOUNS:
        return None  # 'trying to add the question, "Is this person a citizen?"': words named, not said
    while verb.head.i < before.start and verb.head.i != verb.i:
        verb = verb.head  # the clause before the comma, however the parser joined the quote to it
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if verb.pos_ != "VERB" or verb.i > before.start or subject is None or not agentive(subject, lex) \
            or "\n" in text[verb.idx:start]:
        return None
    return Cue(verb=verb, cue=doc[verb.i:verb.i + 1], subject=subject, content=[])


def cue_end(cue: Cue, limit: int, lex: Lexicon) -> int:
    """Where the attribution clause of a cue ends (its speaker may follow the verb), not
    counting phrases that reach ``limit``, the quote's start ('wrote on social media: "A
    bill that ..."' parses the quote as the verb's object)."""
    end = cue.cue.end_char
    if cue.subject is not None and cue.subject.i > cue.verb.i:
        end = max(end, max(t.idx + len(t) for t in mention_span(cue.subject, lex)))
    verb = cue.verb
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("prep", "npadvmod", "advmod", "dobj", "agent", "dative"):
            reach = max(t.idx + len(t) for t in child.subtree)
            if reach > limit and child.dep_ == "prep" and child.idx < limit:
                # 'told the BBC after the verdict "My client ..."', the quote hung on the
                # phrase: the phrase's words up to the quote
                reach = max(t.idx + len(t) for t in child.subtree if t.idx + len(t) <= limit and not t.is_punct)
            if reach <= limit:
                end = max(end, reach)
    return end


def merge_split_quotes(text: str, direct: list[list[tuple[int, int]]], cues: dict[int, Cue | None],
                       runs: list[list[tuple[int, int]]]) -> list[tuple[list[tuple[int, int]], Cue | None]]:
    """'“A,” she said, “and B.”' is one quote: a quotation that follows the attribution of
    the one before it, in the same sentence, continues it even if it does not read as a
    sentence of its own; so does one joined by "and" to a quotation its attribution opens
    ('said "A" and "B"')."""
    merged: list[tuple[list[tuple[int, int]], Cue | None]] = []
    speech = {run[0] for run in direct}
    ordered = {n: run for n, run in enumerate(direct)}
    index = {run[0]: n for n, run in ordered.items()}
    for run in runs:
        cue = cues[index[run[0]]] if run[0] in speech else None
        if merged:
            prev_run, prev_cue = merged[-1]
            gap = text[prev_run[-1][1]:run[0][0]]
            if prev_cue is not None and (cue is None or cue is prev_cue) and "\n" not in gap and (
                    (prev_run[-1][1] < prev_cue.verb.idx < run[0][0] and re.search(r",\s*[“\"«‘']?$", gap)
                     and not re.search(r"[.?!]\s", gap))
                    or (prev_cue.verb.idx < prev_run[0][0] and COORDINATED_GAP.fullmatch(gap))
                    or (cue is None and prev_run[-1][1] < prev_cue.verb.idx < run[0][0] and fragment(text, prev_run)
                        and re.search(r"[.]\s*[“\"«‘']?$", gap))):
                merged[-1] = (prev_run + run, prev_cue)
                continue
        if run[0] in speech:
            merged.append((run, cue))
    return merged


def fragment(text: str, run: list[tuple[int, int]]) -> bool:
    """Whether a quotation is a subordinate clause ending in a comma ('"Whenever there are
    signs of a palm branch,"'), whose sentence the next quotation completes."""
    words = text[run[0][0]:run[-1][1]].strip(" “\"«‘'”»’")
    first = words.split(maxsplit=1)[0].lower() if words else ""
    return first in lexicon.FRAGMENT_OPENERS and words.endswith(",") and not re.search(r"[.?!]\s", words)


def continues(text: str, previous_end: int, start: int, opens_paragraph: bool = False) -> bool:
    """A direct quote with no cue of its own goes on with the speaker of the quote before it
    when it is in the same paragraph, or opens the next one right after it. After a reported
    statement ("..., Ng said in a note to clients."), the next paragraph continues it only
    when it opens with the quotation."""
    if start < previous_end:
        return False  # a fragment quoted inside the quote before it
    gap = text[previous_end:start]
    if opens_paragraph and "\n" in gap:
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip(OPENING_MARKS):
            return False
    return "\n" not in gap or (gap.count("\n") <= 2 and len(WORD.findall(gap)) <= 12)



def introduced(text: str, start: int, last_quote_end: int | None, names: Names) -> Named | None:
    """"Mara Quinn, who runs a shop by the river, was not convinced. / "We have lost half our
    customers."": a quotation that opens a paragraph, after a paragraph that quotes nobody and
    names one person, as the subject of a sentence, is that person's."""
    line = text.rfind("\n", 0, start) + 1
    before = len(text[:line].rstrip())
    if text[line:start].strip(OPENING_MARKS) or not before:
        return None
    paragraph = text.rfind("\n", 0, before) + 1
    quoted = last_quote_end is not None and last_quote_end > paragraph
    people = {names.full_name(p.name) for p in names.people
              if paragraph <= p.start < before and not names.in_quotes(p.start)}
    subjects = [p for p in names.subject_people if paragraph <= p.start < before]
    if len(people) == 1 and subjects and not quoted:
        return subjects[-1]
    # "Collins said the plan would fail. Brown, the treasurer, disagreed. / "...": the one
    # person the paragraph's last sentence is about, when it quotes nobody and does not deny
    sentence = names.passage_start(before - 1, sentences=0)
    last = [p for p in subjects if p.start >= sentence]
    if len(last) != 1 or (last_quote_end is not None and last_quote_end > sentence):
        return None
    named = names.doc.char_span(last[0].start, last[0].start + 1, alignment_mode="expand")
    if named is None or any(c.dep_ == "neg" for c in named.sent.root.children):
        return None
    return last[0]


def named_between(end: int, start: int, speaker: str | None, mention: Span | None, names: Names) -> bool:
    """Whether the text between a quote ending at ``end`` and ``start`` introduces a person
    other than its ``speaker`` (as the subject of a sentence): a quotation after that is no
    longer sure to be the speaker's. A person merely mentioned ("Khosla talked of Munk's
    ...") is not, nor the quote's own ``mention``."""
    return any(names.full_name(p.name) != speaker
               and not (mention is not None and mention.start_char <= p.start < mention.end_char)
               for p in names.subject_people if end <= p.start < start)
