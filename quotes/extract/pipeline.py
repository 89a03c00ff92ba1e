"""A loaded pipeline that finds quotes, and articles run through it."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_MODEL
from ..lexicon import DEFAULT, Lexicon
from ..records import Article, QuoteRecord
from .chunks import MAX_PARSE_TOKENS, parse_in_pieces
from .component import extractor_version, quotes_of

# Components the rules read, and ours; the others (text classifiers, entity linkers...) are disabled.
NEEDED_PIPES = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter",
                "quote_paragraphs", "quotes"}
NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class Extractor:
    """What extracts quotes: a spaCy pipeline (a package name or the path of a saved one) and
    the word lists. Picklable and hashable, so that worker processes build the same pipeline
    and keep one per extractor."""

    model: str = DEFAULT_MODEL
    lexicon: Lexicon = DEFAULT

    @classmethod
    def of(cls, model: str | Extractor) -> Extractor:
        """``model`` as an extractor: a pipeline name or path comes with the default words."""
        return model if isinstance(model, Extractor) else cls(model)

    @property
    def version(self) -> str:
        """Stored with each article it extracted (``quotes ingest --reextract``)."""
        return extractor_version(self.lexicon)

    def __str__(self) -> str:
        return self.model if self.lexicon == DEFAULT else f"{self.model}@{self.version}"


def load(model: str | Extractor = DEFAULT_MODEL) -> Language:
    """A pipeline that finds quotes: the model's parser and tagger plus our two components.

    A saved pipeline that has them keeps them; an extractor's word lists other than the
    default ones replace those of its ``quotes`` component.
    """
    extractor = Extractor.of(model)
    nlp = spacy.load(extractor.model)
    for name in nlp.pipe_names:
        if name not in NEEDED_PIPES:
            nlp.disable_pipe(name)
    if "quote_paragraphs" not in nlp.component_names:
        nlp.add_pipe("quote_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    config = {"lexicon": {"@misc": "quotes.lexicon.v1", **extractor.lexicon.config()}}
    if "quotes" not in nlp.component_names:
        nlp.add_pipe("quotes", config=config)
    elif extractor.lexicon != DEFAULT:
        nlp.replace_pipe("quotes", "quotes", config=config)
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


def unparsed(nlp: Language, article: Article) -> Doc:
    """The article as the pipeline takes it: tokenised, its boilerplate blanked out and its
    skip ranges set for the ``quotes`` component."""
    doc = nlp.make_doc(blank_out(article.text, article.skip))
    doc._.skip = list(article.skip)
    return doc


class ArticleTooLarge(Exception):
    """An article whose parse would not fit in the memory this process may use."""

    def __init__(self, name: str):
        super().__init__(f"{name}: article too large to parse within the memory limit")


def extract(nlp: Language, articles: Iterable[Article],
            batch_size: int = 32) -> Iterator[tuple[Article, list[QuoteRecord]]]:
    """Yield each article with the records of its quotes, in order; raise `ArticleTooLarge`."""
    for article, found in extract_or_fail(nlp, articles, batch_size):
        if isinstance(found, ArticleTooLarge):
            raise found
        yield article, found


def extract_or_fail(nlp: Language, articles: Iterable[Article], batch_size: int = 32
                    ) -> Iterator[tuple[Article, list[QuoteRecord] | ArticleTooLarge]]:
    """Each article with the records of its quotes, or the `ArticleTooLarge` error it alone failed with.

    Articles are parsed in batches of ``batch_size``; one longer than the parse limit is
    parsed on its own, in pieces (:mod:`.chunks`). Running out of memory fails only the
    article being parsed: a batch that does is parsed again one article at a time.
    """
    batch: list[tuple[Article, Doc]] = []
    for article in articles:
        doc = unparsed(nlp, article)
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
                 ) -> Iterator[tuple[Article, list[QuoteRecord] | ArticleTooLarge]]:
    if not batch:
        return
    try:
        done = [[q.record() for q in quotes_of(doc)]
                for doc in nlp.pipe([doc for _, doc in batch], batch_size=batch_size)]
    except MemoryError:
        for article, doc in batch:
            yield article, _parse_one(nlp, article, doc, pieces=False)
        return
    yield from zip([article for article, _ in batch], done, strict=True)


def _parse_one(nlp: Language, article: Article, doc: Doc, pieces: bool) -> list[QuoteRecord] | ArticleTooLarge:
    skip = doc._.skip
    try:
        if pieces:
            doc = parse_in_pieces(nlp, doc, last="quotes")
            doc._.skip = skip
            doc = nlp.get_pipe("quotes")(doc)
        else:
            doc = nlp(doc)
        return [q.record() for q in quotes_of(doc)]
    except MemoryError:
        return ArticleTooLarge(article.name)
