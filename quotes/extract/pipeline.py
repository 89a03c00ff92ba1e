"""A loaded pipeline that finds quotes, and articles run through it."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_MODEL
from ..records import Article, QuoteRecord
from .chunks import MAX_PARSE_TOKENS, parse_in_pieces

# Components the rules read; the others (text classifiers, entity linkers...) are disabled.
NEEDED_PIPES = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}
NOT_NEWLINE = re.compile(r"[^\n]")


def load(model: str = DEFAULT_MODEL) -> Language:
    """A pipeline that finds quotes: the model's parser and tagger plus our two components."""
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
            pieces += [text[done:start], NOT_NEWLINE.sub(" ", text[start:end])]
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


class TooLarge(Exception):
    """An article whose parse would not fit in the memory this process may use."""

    def __init__(self, name: str):
        super().__init__(f"{name}: article too large to parse within the memory limit")


def extract(nlp: Language, articles: Iterable[Article],
            batch_size: int = 32) -> Iterator[tuple[Article, list[QuoteRecord]]]:
    """Yield each article with the records of its quotes, in order; raise `TooLarge`."""
    for article, found in extract_or_fail(nlp, articles, batch_size):
        if isinstance(found, TooLarge):
            raise found
        yield article, found


def extract_or_fail(nlp: Language, articles: Iterable[Article], batch_size: int = 32
                    ) -> Iterator[tuple[Article, list[QuoteRecord] | TooLarge]]:
    """Each article with the records of its quotes, or the `TooLarge` error it alone failed with.

    Articles are parsed in batches of ``batch_size``; one longer than the parse limit is
    parsed on its own, in pieces (:mod:`.chunks`). Running out of memory fails only the
    article being parsed: a batch that does is parsed again one article at a time.
    """
    batch: list[tuple[Article, Doc]] = []
    for article in articles:
        doc = nlp.make_doc(blank_out(article.text, article.skip))
        doc._.skip = list(article.skip)
        if len(doc) <= MAX_PARSE_TOKENS:
            batch.append((article, doc))
            if len(batch) >= batch_size:
                yield from _parse_batch(nlp, batch, batch_size)
                batch = []
            continue
        yield from _parse_batch(nlp, batch, batch_size)
        batch = []
        yield article, _parse_one(nlp, article, doc, pieces=True)
    yield from _parse_batch(nlp, batch, batch_size)


def _parse_batch(nlp: Language, batch: list[tuple[Article, Doc]], batch_size: int
                 ) -> Iterator[tuple[Article, list[QuoteRecord] | TooLarge]]:
    if not batch:
        return
    try:
        done = [[q.record() for q in doc._.quotes]
                for doc in nlp.pipe([doc for _, doc in batch], batch_size=batch_size)]
    except MemoryError:
        for article, doc in batch:
            yield article, _parse_one(nlp, article, doc, pieces=False)
        return
    yield from zip([article for article, _ in batch], done, strict=True)


def _parse_one(nlp: Language, article: Article, doc: Doc, pieces: bool) -> list[QuoteRecord] | TooLarge:
    skip = doc._.skip
    try:
        if pieces:
            doc = parse_in_pieces(nlp, doc, last="quotes")
            doc._.skip = skip
            doc = nlp.get_pipe("quotes")(doc)
        else:
            doc = nlp(doc)
        return [q.record() for q in doc._.quotes]
    except MemoryError:
        return TooLarge(article.name)
