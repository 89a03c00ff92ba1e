"""Parse a long text in pieces, so that memory and time grow with its length, not faster.

The model's components cost far more than linear time and memory on one enormous document
(and worse on one enormous sentence): a megabyte of spaced quotation marks took over 8 GB.
A text longer than ``MAX_PARSE_TOKENS`` tokens is tokenized whole, cut into pieces of at
most that many tokens -- at a blank line if the piece has one, else at a line break, else
after a full stop, else after ``UNBROKEN_TOKENS`` tokens -- and the pieces are parsed one
by one and joined back into one `Doc`. The joined document has exactly the text and the tokens of the
whole, so every offset is exact, and the quote rules then run on it whole: a quote or a
speaker reference across two pieces is found as in one piece. Articles of ordinary length
(the longest news story is a few thousand tokens) are never cut.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

# Pieces this long parse in under 300 MB over the loaded model, at the speed of short texts.
MAX_PARSE_TOKENS = 5_000
# A run with no break at all (one endless sentence) parses fastest in shorter pieces.
UNBROKEN_TOKENS = 1_000
SENTENCE_ENDS = {".", "!", "?"}


def pieces(doc: Doc, limit: int = MAX_PARSE_TOKENS) -> Iterator[tuple[int, int]]:
    """(start, end) token ranges covering ``doc`` in order, none longer than ``limit``."""
    start = 0
    while len(doc) - start > limit:
        window = doc[start:start + limit]
        cut = None
        for fits in (_paragraph_break, _line_break, _sentence_end):
            cut = next((t.i + 1 for t in reversed(window[1:]) if fits(t)), None)
            if cut is not None:
                break
        end = cut if cut is not None else start + min(limit, UNBROKEN_TOKENS)
        yield start, end
        start = end
    yield start, len(doc)


def _paragraph_break(token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def _line_break(token) -> bool:
    return token.is_space and "\n" in token.text


def _sentence_end(token) -> bool:
    return token.text in SENTENCE_ENDS


def parse_in_pieces(nlp: Language, doc: Doc, last: str = "quotes", limit: int = MAX_PARSE_TOKENS) -> Doc:
    """``doc`` (tokenized only) run through every component but ``last``, piece by piece,
    joined again; ``last`` is left for the caller to run on the whole."""
    parts = [doc[start:end].as_doc() for start, end in pieces(doc, limit)]
    parsed = [nlp(part, disable=[last]) for part in parts]  # one at a time: bounded memory
    joined = Doc.from_docs(parsed, ensure_whitespace=False)
    assert joined.text == doc.text
    return joined
