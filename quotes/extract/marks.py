"""Quotation marks: the runs of text between them, in double and single (British) style."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

OPENING = {"“": "”", "«": "»", "„": "“"}


CLOSING = {"”", "»"}


STRAIGHT = '"'


MARKS = set(OPENING) | CLOSING | {STRAIGHT}


SENTENCE_END = re.compile(r"[.?!,:;…—–-]\s*$")


WORD = re.compile(r"\w+")


UNCLOSED_CLAUSE = re.compile(r"[^,;?!]+[,;?!](?=\s)")


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
    # Finds the marks in a line: a quotation's characters are mostly no mark, and looking
    # at each of them in Python is what reading the marks cost.
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(f"[{re.escape(''.join(sorted(self.marks)))}]"))


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
        for mark in style.pattern.finditer(line):
            i, ch = mark.start(), mark.group()
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


def quote_mark(token: Token) -> bool:
    """Whether a token is a quotation mark, not the apostrophe of a plural possessive
    ("the teachers' union")."""
    return token.text in QUOTE_TOKENS and token.tag_ != "POS"


def left_open(span: Span) -> bool:
    """Whether a quotation opened in ``span`` is still open at its end (an odd number of marks)."""
    return sum(map(quote_mark, span)) % 2 == 1


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
    # (a sentence is two words or more apart: "2019-nCoV." is one word, a name)
    return len(words) >= 8 or (len(stripped.split()) >= 2 and bool(SENTENCE_END.search(stripped)))


# '"What is so sad", Ana said, "is the silence."': the attribution inside a sentence quoted in
# two pieces, set off by commas (a comma before it may stand inside the marks)
SPLITTING_ATTRIBUTION = re.compile(r"[”\"’']?\s*,?\s*[”\"’']?\s*[^\W\d][^.?!;:“”\"\n]{0,60}?,\s*[“\"‘']?\s*")


def opens_split_sentence(text: str, runs: list[list[tuple[int, int]]], n: int) -> bool:
    """Whether quotation ``n`` is the first piece of a quoted sentence the attribution splits:
    it opens a sentence of the text, and the quotation right after the attribution carries
    on with a small letter."""
    if n + 1 >= len(runs):
        return False
    run, after = runs[n], runs[n + 1]
    before = text[max(0, run[0][0] - 200):run[0][0]].rstrip(" “\"«‘'")
    if before and before[-1] not in ".?!\n" or len(WORD.findall(text, run[0][0], run[-1][1])) < 3:
        return False
    opening, going_on = text[run[0][0]:run[-1][1]].strip(), text[after[0][0]:after[-1][1]].strip()
    return bool(opening) and opening[0].isupper() and bool(going_on) and going_on[0].islower() \
        and SPLITTING_ATTRIBUTION.fullmatch(text, run[-1][1], after[0][0]) is not None \
        and len(WORD.findall(text, run[-1][1], after[0][0])) <= 6


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
