"""Shared by the store's tests: the sample articles with hand-made quotes, and ways to look
at a whole database."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.records import Article, Attribution, QuoteRecord

SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
META = {  # name: (outlet, published)
    "000_7586c69c994ee961.txt": ("Yonhap", "2024-10-29"),
    "001_9850cac4f2388300.txt": ("Reuters", "2024-10-29"),
    "002_614e8b809048a462.txt": (None, "2023-11-17"),
    "003_8c76175bb869eee0.txt": ("The Moscow Times", "2024-10-29"),
    "004_6101a84cd05339c5.txt": (None, "2024-11-01"),
}


def sample(name: str, text: str | None = None) -> Article:
    outlet, published = META[name]
    return Article(
        name=name,
        text=(SAMPLES / name).read_text() if text is None else text,
        url=f"https://example.com/{name}",
        outlet=outlet,
        published=published,
    )


def quote(article: Article, words: str, speaker: str | None, type: str = "indirect",
          kind: str | None = "person", mention: str | None = None, role: str | None = None,
          **fields) -> QuoteRecord:
    """A quote record as extraction makes it, with offsets located in the article's text."""
    start = article.text.index(words)
    end = start + len(words)
    paragraph_start = article.text.rfind("\n", 0, start) + 1
    paragraph_end = article.text.find("\n", end)
    return QuoteRecord(
        quote=words, start=start, end=end, type=type,
        cue=fields.pop("cue", "said"), cue_lemma=fields.pop("cue_lemma", "say"),
        speaker_mention=mention or speaker,
        speaker=Attribution(speaker, kind if speaker else None, role),
        sentence_start=paragraph_start,
        sentence_end=len(article.text) if paragraph_end < 0 else paragraph_end,
        **fields,
    )


@pytest.fixture
def batch() -> list[tuple[Article, list[QuoteRecord]]]:
    """The sample articles with hand-made quotes: Yoon under three names, one statement
    of the Russian embassy in two outlets, the Pentagon's troop count twice."""
    a0, a1, a2, a3, a4 = (sample(name) for name in META)
    return [
        (a0, [
            quote(a0, "the North sent about 10,000 soldiers to train in eastern Russia",
                  "United States", kind="organisation"),
            quote(a0, "Choe's visit is part of a \"strategic dialogue\" agreed upon by the leaders "
                      "of both countries", "Russian Embassy in North Korea", type="mixed",
                  kind="organisation", mention="The Russian Embassy in North Korea"),
        ]),
        (a1, [
            quote(a1, "I want everyone to be on alert about risk management,",
                  "Yoon", type="direct", cue="told", cue_lemma="tell", channel="told the meeting"),
            quote(a1, "North Korea had sent 10,000 troops to eastern Russia for training",
                  "Pentagon", kind="organisation", mention="It"),
        ]),
        (a2, [
            quote(a2, "Discussions are still underway through diplomatic channels. We will make "
                      "announcements as soon as the dates are set,", "Dmitry Peskov",
                  type="direct", mention="he", role="Kremlin spokesman", via="TASS",
                  cue="quoted", cue_lemma="quote"),
        ]),
        (a3, [
            quote(a3, "Choe's latest visit came after the two countries' leaders agreed to step up "
                      "“strategic dialogue” at their meeting in June", "Russian embassy in Pyongyang",
                  type="mixed", kind="organisation", mention="The Russian embassy in Pyongyang"),
        ]),
        (a4, [
            quote(a4, "North Korea has sent about 10,000 troops to Russia, who are expected to arrive "
                      "in battlefields in Ukraine within “the next several weeks.”", "Pentagon",
                  type="mixed", kind="organisation", mention="the Pentagon"),
            quote(a4, "North Korean troops could be deployed to battlefronts “more quickly than "
                      "anticipated.”", "South Korean President Yoon Suk Yeol", type="mixed",
                  role="South Korean President", cue="shared", cue_lemma="share"),
            quote(a4, "The illegal military collusion between Russia and North Korea poses a "
                      "significant security threat to the international community and a serious "
                      "matter that could potentially harm our security.", "President Yoon",
                  type="direct", mention="Yoon"),
        ]),
    ]


def counts(db) -> dict[str, int]:
    return {table: db[table].count for table in
            ("outlets", "articles", "speakers", "speaker_aliases", "quote_groups", "quotes")}


def dump(db) -> dict[str, list]:
    """Every table's rows, for comparing whole databases."""
    return {table: db.execute(f"select * from [{table}] order by 1, 2").fetchall()
            for table in ("outlets", "speakers", "speaker_aliases", "quote_groups", "quotes")}


def search(db, words: str) -> list[str]:
    return [row["quote"] for row in db.query(
        "select quote from quotes where rowid in "
        "(select rowid from quotes_fts where quotes_fts match ?) order by quote", [words])]
