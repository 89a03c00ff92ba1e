"""Which lines of an article are not its body: headline, site chrome, photo captions, appeals.

Decided by general signs (chrome phrases, photo-credit patterns, short unpunctuated lines,
verbatim repeats), so a body paragraph is only dropped when it carries such a sign.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from .. import lexicon

CHROME_PHRASES = [
    r"back to top", r"scroll to top", r"most (?:popular|read)", r"latest news", r"read (?:more|next)",
    r"related(?: articles| stories)?", r"previous post", r"next post", r"previous post next post",
    r"subscribe(?: now)?", r"sign (?:up|in)", r"log in", r"share(?: this(?: article)?)?",
    r"advertisement", r"skip to (?:main )?content", r"follow us.*", r"continue", r"once", r"monthly",
    r"annual", r"donate(?: now)?", r"not ready to support today\?", r"remind me later",
    r"subscribers agree to the privacy policy", r"sign up for (?:our|the) .*newsletter",
    r"(?:©|copyright\b).{0,150}", r"(?:support|donate to|subscribe to) [^.?]{1,60}!?",
]
CHROME = re.compile(rf"^(?:{'|'.join(CHROME_PHRASES)})[.!]?$", re.I)
# A link to another story under a label: "Related: Former school to be sold, board confirms".
LINKED_STORY = re.compile(r"^(?:related(?: stories| articles)?|read (?:more|also|next)|also read|see also|more on this"
                          r"(?: story)?|watch|listen)\s*:\s*\S.{0,200}$", re.I)
NEWSLETTER = re.compile(
    r"\bnewsletter\b.*\b(?:sign up|subscribe|inbox|mailbox)|\b(?:sign up|subscribe)\b.*\bnewsletter\b", re.I)
CREDIT = re.compile(  # photo credits: "Sputnik/Pool via REUTERS/File Photo", "Name / POOL / kremlin.ru"
    # The lookahead names the characters the branches start with, so that the search passes over
    # every other position at once (three times faster: this search is most of a page's classifying).
    r"(?=[/vREA]|(?i:[fagspi(]))(?:/\s*POOL\s*/|\bvia REUTERS\b|\bREUTERS/|\bAFP/|/AFP\b|\bEPA(?:-EFE)?/"
    r"|(?i:\bfile photo\b|\bAP Photo\b|\bGetty Images\b|\bshutterstock\b|\bphoto by\b"
    r"|\bphotograph:|^photo:|\(photo:|\bphoto (?:provided|released) by\b"
    r"|\bin this (?:file |handout )?(?:photo|picture|image)\b))")
APPEAL_START = re.compile(r"^(?:a message from .+:|dear readers,?)$", re.I)
APPEAL = re.compile(r"support us|donat|contribution|subscri", re.I)
# A turn of an interview transcript opens with its speaker's label: "((Name))", "Q:", "A:" or a
# name in capitals ("SMITH:"). Its words are the speaker's own answer or question, not speech an
# article reports; a label in capitals counts when it opens two lines (one is a dateline).
TURN = re.compile(r"\(\([^()]{1,60}\)\)")
LABEL = re.compile(r"(?:Q|A|[A-Z][A-Z.'’ -]{0,40}[A-Z])\s?:\s")
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
CLOSED = re.compile(r"[.!?:\"”’](?:\s*\([^()]*\))?$")  # sentence end, maybe before a "(Yonhap)" credit
SHORT_WORDS = 6  # lines this short without closing punctuation are menus, buttons and labels
DECK_WORDS = 40


def skip_ranges(text: str, title: str | None) -> list[tuple[int, int]]:
    """Character ranges that are not article body: headline, site chrome, photo captions, appeals.

    Neighbouring skipped lines merge into one range.
    """
    ranges: list[tuple[int, int]] = []
    for start, end, line, skipped in classify(text, title):
        if not (skipped and line):
            continue
        if ranges and not text[ranges[-1][1]:start].strip():
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


@functools.lru_cache(maxsize=4)
def classify(text: str, title: str | None) -> tuple[tuple[int, int, str, bool], ...]:
    """(start, end, stripped line, is boilerplate) for every line of text. Kept for the last few
    texts: reading a page asks it of the same text for the skip ranges, the outlet and the check
    that the page has an article, and it costs more than the page's extraction."""
    lines, keys, decks, skip = _signs(text)
    title_key = _key(title) if title else None
    found, previous = [], None
    for (start, end, line), key, deck, skipped in zip(lines, keys, decks, skip, strict=True):
        if line:
            # The line after the headline, unpunctuated, is its deck ("Provost says ...;
            # vote set for March 12").
            skipped = skipped or key == title_key or (deck and previous is not None and previous == title_key)
            previous = key
        found.append((start, end, line, skipped))
    return tuple(found)


@functools.lru_cache(maxsize=4)
def _signs(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...], tuple[bool, ...], tuple[bool, ...]]:
    """What :func:`classify` sees in each line whatever the title: the line, its key, whether it
    could be a deck, and whether it is boilerplate. Worked out once for a text that is classified
    with its title and without (for the outlet), as the photo-credit search is most of the cost."""
    lines = tuple(_lines(text))
    keys = tuple(_key(line) for _, _, line in lines)
    decks = tuple(len(line.split()) <= DECK_WORDS and not CLOSED.search(line) for _, _, line in lines)
    credit = [_is_credit(line) for _, _, line in lines]
    skip = credit.copy()
    previous = None
    for i, (_, _, line) in enumerate(lines):
        if line:
            skip[i] |= (_is_chrome(line) or line == previous
                        or (len(line.split()) <= SHORT_WORDS and not CLOSED.search(line)))
            previous = line
    block: list[int] = []
    for i, (_, _, line) in enumerate([*lines, (0, 0, "")]):  # a caption shares a block with its credit
        if line:
            block.append(i)
        elif block:
            if len(block) <= 3 and any(credit[j] for j in block):
                for j in block:
                    skip[j] |= len(lines[j][2]) <= 300
            block = []
    for i in _transcript_turns([line for _, _, line in lines]):
        skip[i] = True
    last_appeal = None  # where the page last asks for support: looked for only after an appeal's opening
    for i, (start, _, line) in enumerate(lines):  # a donation appeal runs to the end of the page
        if len(text) // 3 < start and APPEAL_START.match(line):
            if last_appeal is None:
                last_appeal = max((m.start() for m in APPEAL.finditer(text)), default=-1)
            if start < last_appeal:
                skip[i:] = [True] * (len(lines) - i)
                break
    return lines, keys, decks, tuple(skip)


def _transcript_turns(lines: list[str]) -> list[int]:
    """The indexes of the lines that are turns of an interview transcript (see TURN, LABEL),
    with the paragraphs that carry a turn on: those after it that speak in the first person
    outside quotation marks, which reported prose never does."""
    labels = [m.group(0).split(":")[0].strip() if (m := LABEL.match(line)) else None for line in lines]
    counts = Counter(label for label in labels if label)
    turns = {label for label, n in counts.items() if n > 1} | ({"Q", "A"} & counts.keys())
    found, within = [], False
    for i, line in enumerate(lines):
        if TURN.match(line) or labels[i] in turns:
            within = True
        elif line:
            within = within and bool(lexicon.FIRST_PERSON.search(QUOTED.sub("", line)))
        if within and line:
            found.append(i)
    return found


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped content) for each line; blank lines give an empty string."""
    start = 0
    for raw in text.split("\n"):
        yield start, start + len(raw), raw.strip()
        start += len(raw) + 1


def _key(line: str) -> str:
    return " ".join(line.replace("’", "'").casefold().split())


def _is_chrome(line: str) -> bool:
    return bool(CHROME.match(line) or LINKED_STORY.match(line) or (len(line) <= 400 and NEWSLETTER.search(line)))


def _is_credit(line: str) -> bool:
    return 0 < len(line) <= 400 and bool(CREDIT.search(line))


def headline(text: str) -> str | None:
    """The first line that is not chrome, if it reads like a headline rather than a sentence."""
    for _, _, line in _lines(text):
        if line and not _is_chrome(line) and not _is_credit(line):
            return line if len(line.split()) <= 30 and not line.endswith(".") else None
    return None
