"""Metadata a user gives for articles whose files do not carry it: ``articles.csv`` beside
them (one row per file), and ``quotes ingest --outlet --published`` for every file."""
from __future__ import annotations

import csv
import dataclasses
import os
from collections.abc import Iterator

from ..records import Article
from .article import iso_date, make_article
from .registry import ReadError

SIDECAR = "articles.csv"
FIELDS = ("outlet", "url", "published", "title", "author")
ONE_ARTICLE_FIELDS = ("url", "title")  # a file of many articles (JSON lines) takes only the others

Sidecar = dict[str, dict[str, str]]  # file name -> the fields given for it


def read_sidecar(directory: str) -> Sidecar | ReadError | None:
    """The ``articles.csv`` of ``directory``: a header row naming ``file`` and any of FIELDS,
    then a row per file of the directory; None when there is none."""
    path = os.path.join(directory, SIDECAR)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            unknown = [name for name in header if name not in ("file", *FIELDS)]
            if "file" not in header or unknown:
                return ReadError(path, None, f"needs a header of file and any of {', '.join(FIELDS)}"
                                 + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return ReadError(path, None, f"cannot read metadata ({error})")
    for number, row in enumerate(rows, start=2):
        if row.get("published") and not iso_date(row["published"]):
            return ReadError(path, number, f"published {row['published']!r} is not a date")
    return {row["file"].strip(): {k: v.strip() for k, v in row.items() if k in FIELDS and v and v.strip()}
            for row in rows if row.get("file")}


def with_given(articles: Iterator[Article | ReadError], given: dict[str, str], many: bool
               ) -> Iterator[Article | ReadError]:
    """``articles`` of one file with the fields its sidecar row gives, in place of what the file
    carries or the text suggests; ``many``: the file holds several articles."""
    fields = {k: v for k, v in given.items() if not (many and k in ONE_ARTICLE_FIELDS)}
    for article in articles:
        if isinstance(article, ReadError) or not fields:
            yield article
            continue
        values = {name: getattr(article, name) for name in FIELDS} | fields
        # Made again: the title decides which lines are the headline, the url the article's id.
        yield make_article(article.name, article.text, values["title"], values["url"],
                           values["outlet"], values["published"], values["author"])


def with_defaults(article: Article, defaults: dict[str, str]) -> Article:
    """``article`` with the ``defaults`` (outlet, published) where it has none."""
    outlet = article.outlet or defaults.get("outlet") or None
    published = article.published or iso_date(defaults.get("published"))
    if (outlet, published) == (article.outlet, article.published):
        return article
    return dataclasses.replace(article, outlet=outlet, published=published)
