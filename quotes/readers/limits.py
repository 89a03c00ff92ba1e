"""How much one read may take, so that memory and parse time stay bounded on any input.

Readers look these up on this module when they run (``limits.MAX_BYTES``), so a test can
lower one in a single place.
"""
from __future__ import annotations

MAX_BYTES = 50_000_000  # largest file read whole, largest stdin; also the longest JSONL line
MAX_TEXT_CHARS = 1_000_000  # longest article text: spaCy's own limit on one document
MAX_WORD_CHARS = 5_000  # longest run without a space: prose never has one, and the tokenizer slows
# Longest value of each metadata field. Pages list titles, urls and authors by the hundred (and
# Datasette shows an article's title beside every quote that links to it), so one field must not
# make a page megabytes long. A JSONL field over its limit is refused; a title or author found in
# a page or the text is cut, and a url too long to be real is dropped.
MAX_FIELD_CHARS = {"id": 500, "title": 500, "url": 2_000, "outlet": 200, "author": 300, "published": 100}
