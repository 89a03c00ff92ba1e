"""A loaded pipeline that finds quotes, and articles run through it."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_MODEL
from ..records import Article, QuoteRecord

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


def extract(nlp: Language, articles: Iterable[Article],
            batch_size: int = 32) -> Iterator[tuple[Article, list[QuoteRecord]]]:
    """Yield each article with the records of its quotes, in order."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(blank_out(article.text, article.skip))
            doc._.skip = list(article.skip)
            pending.append(article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield pending.pop(0), [q.record() for q in doc._.quotes]
