"""The article page: ``/quotes/articles/ID`` read as an article, not as a database row.

A reader checks a quote against the article it came from, so every quote card links here.
The page (``templates/row-quotes-articles.html``, Datasette's row template of the articles
table) shows the text in its paragraphs with each quote in a ``<mark>`` coloured by speaker,
the speaker's name beside it, the cue words and the names a pronoun or description was
resolved to marked; its JSON stays Datasette's row JSON. Every piece of article text goes
through ``markupsafe``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from datasette.utils import urlsafe_components
from markupsafe import Markup, escape

from .feeds import web_link
from .pages import ARTICLE_TITLE, ARTICLE_URL, min_confidence, speaker_url, uncertain

COLOURS = 8  # speaker colours in quotes.css: speaker-0 ... speaker-7

ARTICLE_SQL = f"""
select a.id, {ARTICLE_TITLE} as title, {ARTICLE_URL} as url,
  a.published, a.author, a.ingested_at, a.text, a.outlet_id, o.name as outlet
from articles a left join outlets o on o.id = a.outlet_id
where a.id = :id
"""
# Read through the index on (article_id, start): the article's quotes in reading order.
QUOTES_SQL = """
select q.id, q.start, q."end", q.type, q.cue, q.speaker_id, s.name as speaker, q.speaker_mention,
  q.confidence, q.speaker_rule, q.antecedent_start, q.antecedent_end, q.cue_start, q.cue_end
from quotes q left join speakers s on s.id = q.speaker_id
where q.article_id = :id
order by q.start, q."end"
"""


@dataclass(frozen=True)
class Span:
    """A stretch of the article text to mark: a quote, its cue, or the name its speaker was
    resolved to. ``quote`` is the quote's row (with its colour and who said it)."""

    start: int
    end: int
    kind: str  # "quote", "cue" or "antecedent"
    quote: dict[str, Any]


def who(row: dict[str, Any]) -> str:
    """The speaker as the page names them: the canonical name, else the article's words."""
    return row["speaker"] or row["speaker_mention"] or "unknown speaker"


def spans(text: str, quotes: list[dict[str, Any]]) -> list[Span]:
    """The spans to mark, in text order and not overlapping: a quote wins over a cue or an
    antecedent inside it, and of two overlapping quotes the first is marked. A cue is marked
    where extraction found it; quotes stored before cue offsets were (``cue_start`` null
    until ``quotes ingest --reextract``) have none marked rather than a guessed one."""
    wanted: list[Span] = []
    for row in quotes:
        wanted.append(Span(row["start"], row["end"], "quote", row))
        for kind in ("cue", "antecedent"):
            if row[f"{kind}_start"] is not None and row[f"{kind}_end"] is not None:
                wanted.append(Span(row[f"{kind}_start"], row[f"{kind}_end"], kind, row))
    rank = {"quote": 0, "cue": 1, "antecedent": 2}
    kept: list[Span] = []
    for span in sorted(wanted, key=lambda s: (rank[s.kind], s.start)):
        if 0 <= span.start < span.end <= len(text) and not any(
                span.start < k.end and k.start < span.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def render_span(piece: str, span: Span, first: bool) -> Markup:
    """One marked stretch within a paragraph; the quote's anchor and speaker on its first piece."""
    row = span.quote
    colour = f"speaker-{row['colour']}"
    if span.kind == "cue":
        return Markup('<span class="cue" title="cue of the quote by {}">{}</span>').format(who(row), piece)
    if span.kind == "antecedent":
        return Markup('<span class="antecedent {}" title="“{}”, the speaker of a quote here, is {}">{}</span>').format(
            colour, row["speaker_mention"] or "", who(row), piece)
    uncertain = " uncertain" if row["uncertain"] else ""
    mark = Markup('<mark class="quote {} quote-{}{}"{} title="{} ({})">{}</mark>').format(
        colour, row["type"], uncertain, Markup(' id="q-{}"').format(row["id"]) if first else "",
        who(row), row["type"], piece)
    if not first:
        return mark
    label = Markup('<span class="uncertain-label">speaker uncertain</span> ') if row["uncertain"] else ""
    name = (Markup('<a href="{}">{}</a>').format(speaker_url(row["speaker_id"]), who(row)) if row["speaker_id"]
            else escape(who(row)))
    return mark + Markup(' <span class="said-by {}">{}{}</span>').format(colour, label, name)


def paragraphs(text: str, marked: list[Span]) -> list[Markup]:
    """The text in its paragraphs (its non-empty lines), each with its marked spans; a span
    across lines is marked in each."""
    out: list[Markup] = []
    started: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        parts: list[Markup] = []
        at = start
        for span in (s for s in marked if s.start < end and s.end > start):
            low, high = max(span.start, start), min(span.end, end)
            parts.append(escape(text[at:low]))
            parts.append(render_span(text[low:high], span, id(span) not in started))
            started.add(id(span))
            at = high
        parts.append(escape(text[at:end]))
        out.append(Markup("").join(parts))
    return out


def coloured(rows: Iterable[Any], threshold: float) -> list[dict[str, Any]]:
    """Quote rows with a colour per speaker (in order of first quote) and whether each is uncertain."""
    colours: dict[str, int] = {}
    quotes = []
    for row in rows:
        quote = dict(row)
        key = quote["speaker_id"] or who(quote)
        quote["colour"] = colours.setdefault(key, len(colours) % COLOURS)
        quote["uncertain"] = uncertain(quote["confidence"], threshold)
        quotes.append(quote)
    return quotes


def quoted(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who is quoted in the article, most quoted first, each with their colour and first quote."""
    people: dict[str, dict[str, Any]] = {}
    for row in quotes:
        person = people.setdefault(row["speaker_id"] or who(row), {
            "id": row["speaker_id"], "name": who(row), "colour": row["colour"], "quotes": 0,
            "first": row["id"], "uncertain": 0})
        person["quotes"] += 1
        person["uncertain"] += row["uncertain"]
    return sorted(people.values(), key=lambda p: -p["quotes"])


async def article_data(db: Any, article_id: str, threshold: float) -> dict[str, Any] | None:
    """What the article page shows: the article's facts, its marked paragraphs and who is quoted."""
    rows = (await db.execute(ARTICLE_SQL, {"id": article_id})).rows
    if not rows:
        return None
    article = dict(rows[0])
    text = article.pop("text") or ""
    quotes = coloured((await db.execute(QUOTES_SQL, {"id": article_id})).rows, threshold)
    body = paragraphs(text, spans(text, quotes))
    if body and article["title"] and str(escape(article["title"].strip())) == str(body[0]).strip():
        body = body[1:]  # the headline, kept as the text's first line
    return {"article": article, "link": web_link(article["url"]), "paragraphs": body,
            "quoted": quoted(quotes), "quote_count": len(quotes),
            "uncertain": sum(q["uncertain"] for q in quotes), "min_confidence": threshold}


async def row_vars(datasette: Any, request: Any, database: str) -> dict[str, Any]:
    """Template variables of the articles table's row page (``extra_template_vars``)."""
    pks = urlsafe_components(request.url_vars.get("pks", ""))
    if len(pks) != 1:
        return {}
    try:
        data = await article_data(datasette.get_database(database), pks[0], min_confidence(datasette))
    except Exception:  # a database without our schema: Datasette's row page as it is
        return {}
    return {"reader": data} if data else {}
