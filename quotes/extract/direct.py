"""Direct quotes: which cue introduces each, and which quotations are one quote."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lexicon import Lexicon
from .cues import Cue
from .marks import WORD, overlaps_direct
from .mentions import mention_span

CLOSING_MARKS = re.compile("[”\"’']")


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


def continues(text: str, previous_end: int, start: int) -> bool:
    """A direct quote with no cue of its own goes on with the speaker of the direct quote
    before it when it is in the same paragraph, or opens the next one right after it."""
    gap = text[previous_end:start]
    return "\n" not in gap or (gap.count("\n") <= 2 and len(WORD.findall(gap)) <= 12)
