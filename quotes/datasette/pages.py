"""Reader pages of the quotes site, served by Datasette through ``register_routes``.

* ``/-/search?q=``: one search box for people and words (``search_box.py``);
* ``/-/speaker/ID``: a speaker with roles, aliases, outlets, a chart of quotes over time,
  latest quotes and who relays or is relayed by them;
* ``/-/group/ID``: one statement across outlets, each wording with its differences marked;
* ``/-/speaker/ID.atom`` and ``/-/search.atom?q=``: Atom feeds of the newest quotes.

Every page is rendered with Datasette's ``base.html`` (templates in ``templates/``), and
every piece of article text goes through Jinja's autoescaping or ``markupsafe``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from ..canon.speakers import is_described, scope_of
from ..readers.limits import MAX_FIELD_CHARS as FIELD_CHARS
from . import feeds, page_json, search_box, table_search
from .serve import DATABASE

LATEST = 20  # quotes on a speaker page and in a feed
SEARCH_LIMIT = 100

# One quote as the pages show it: the words in their sentence (the window of the article
# text around them, with the quote's offsets in that window), speaker, outlet and article.
EVIDENCE_CHARS = 120  # of the article shown on each side of the mention a speaker was resolved to

# An article's title and url (of ``articles a``) read within the limits an ingest keeps them
# to, so that a database written before those limits still gives pages of a bounded size.
ARTICLE_TITLE = f'substr(a.title, 1, {FIELD_CHARS["title"]})'
ARTICLE_URL = f'case when length(a.url) <= {FIELD_CHARS["url"]} then a.url end'

QUOTE_COLUMNS = f"""
q.id, q.quote, q.type, q.cue, q.role, q.channel, q.via, q.via_speaker_id, q.speaker_mention,
q.published, q.group_id, q.speaker_id, s.name as speaker, s.kind as speaker_kind,
o.name as outlet, a.id as article_id, {ARTICLE_TITLE} as article_title, {ARTICLE_URL} as url,
substr(a.text, min(coalesce(q.sentence_start, q.start), q.start) + 1,
       max(coalesce(q.sentence_end, q."end"), q."end") - min(coalesce(q.sentence_start, q.start), q.start))
  as context,
q.start - min(coalesce(q.sentence_start, q.start), q.start) as quote_start,
q."end" - min(coalesce(q.sentence_start, q.start), q.start) as quote_end,
q.confidence, q.speaker_rule, q.antecedent_start, q.antecedent_end, a.ingested_at as stored_at,
substr(a.text, max(0, q.antecedent_start - {EVIDENCE_CHARS}) + 1,
       q.antecedent_end - max(0, q.antecedent_start - {EVIDENCE_CHARS}) + {EVIDENCE_CHARS}) as antecedent_context,
q.antecedent_start - max(0, q.antecedent_start - {EVIDENCE_CHARS}) as antecedent_at,
case when q.antecedent_end <= q.start then
  length(substr(a.text, q.antecedent_end + 1, q.start - q.antecedent_end))
  - length(replace(substr(a.text, q.antecedent_end + 1, q.start - q.antecedent_end), char(10), ''))
end as lines_back
""".strip()
QUOTE_JOINS = """
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
left join outlets o on o.id = q.outlet_id
""".strip()


MAX_PAGE = 100  # pages of quotes a reader can turn: the deepest reads 100 pages' worth of rows


def turnable(page: int) -> int:
    """``page`` within the pages a reader can turn, 1 to MAX_PAGE."""
    return max(1, min(page, MAX_PAGE))


def window(limit: int, page: int = 1) -> dict[str, int]:
    """The parameters of ``newest`` for page ``page`` of ``limit`` quotes, and one more, which
    tells whether there is a next page."""
    page = turnable(page)
    return {"limit": limit + 1, "offset": (page - 1) * limit, "upto": page * limit + 1}


def page_number(request: Any) -> int:
    """The page a reader asked for (``?page=``), 1 if none or not a number."""
    try:
        return turnable(int(request.args.get("page", "1")))
    except ValueError:
        return 1


def newest(where: str) -> str:
    """The quotes matching ``where`` (a condition on the quotes table), newest first and then
    the undated, as ``select`` of a whole quote row for the pages: ``:limit`` of them after the
    first ``:offset`` (``:upto`` is their sum; see ``window``). Each half is read from an index
    in that order, so only ``:upto`` rows are read: a condition such as ``published is null`` in
    the ORDER BY would make SQLite read and sort every match."""
    return f"""
select {QUOTE_COLUMNS} from (
  select * from (select rowid as picked, 0 as undated, published from quotes
                 where ({where}) and published is not null order by published desc, rowid desc limit :upto)
  union all
  select * from (select rowid as picked, 1 as undated, null from quotes
                 where ({where}) and published is null order by rowid desc limit :upto)
) as n
join quotes q on q.rowid = n.picked
{QUOTE_JOINS}
order by n.undated, n.published desc, n.picked desc
limit :limit offset :offset"""


# A speaker's quotes that someone relayed, and who: from the index of relayed quotes.
RELAYED_BY_SQL = """
select coalesce(v.id, '') as id, coalesce(v.name, q.via) as name, count(*) as quotes
from quotes q left join speakers v on v.id = q.via_speaker_id
where q.speaker_id = :id and (q.via_speaker_id is not null or q.via is not null)
group by 1, 2 order by quotes desc, name
"""


def in_context(row: Any) -> Markup:
    """The quote inside its sentence, the quoted words in ``<mark>``; the quote alone if the
    article text no longer matches the offsets."""
    context, start, end, quote = row["context"], row["quote_start"], row["quote_end"], row["quote"]
    if not context or context[start:end] != quote:
        return Markup("<mark>{}</mark>").format(quote)
    return Markup("{}<mark>{}</mark>{}").format(context[:start].lstrip(), quote, context[end:].rstrip())


def quote_dicts(rows: Iterable[Any], threshold: float = 0.0) -> list[dict[str, Any]]:
    """Rows as the quote cards read them: the quote in its sentence, whether its speaker is
    uncertain (its confidence is under ``threshold``), how the speaker was found, and who relayed
    the words as a name alone (a description's without its article)."""
    return [{**dict(row), "via": row["via"] and scope_of(row["via"])[0], "in_context": in_context(row),
             "evidence": evidence(row),
             "uncertain": uncertain(row["confidence"], threshold)}
            for row in rows]


# How a speaker was found, said to a reader after "found by": every rule of resolve.RULES and
# of component.FLOAT_RULES; "the mention" only for quotes stored before rules were recorded.
FOUND_BY = {
    "pronoun": "a pronoun", "coordination": "names joined by “and”", "partitive": "a part of a group",
    "nationality_epithet": "a nationality", "party_epithet": "a party and state, as tagged on a politician",
    "named_person": "the name, given in full elsewhere",
    "appositive_name": "the name beside the description", "owned_office": "the office's owner",
    "owned_by_pronoun": "the owner a possessive refers to",
    "proper_name": "a surname", "same_source": "“the same source” as before",
    "both_parties": "the two parties named before", "data": "the data", "document": "the document",
    "named_organisation": "the organisation's name", "news_agency": "the news agency the article names",
    "organisation_epithet": "a description", "person_epithet": "a description",
    "definite_description": "a description", "role": "the office", "unnamed_body": "a description",
    "introduced": "the paragraph before, which introduces them", "continued": "the quote before",
}


def evidence(row: Any) -> dict[str, Any] | None:
    """Where the article names the speaker this quote's mention refers to ("he" -> Dmitry
    Peskov, named two paragraphs earlier): the mention, the name in its context, how far."""
    context, at = row["antecedent_context"], row["antecedent_at"]
    if context is None or at is None or row["antecedent_end"] is None:
        return None
    length = row["antecedent_end"] - row["antecedent_start"]
    before, named, after = context[:at], context[at:at + length], context[at + length:]
    before = before[before.rfind("\n") + 1:]  # the line it is named on
    after = after[:after.find("\n")] if "\n" in after else after
    lines = row["lines_back"]
    where = ("later in the article" if lines is None else "in the same paragraph" if lines == 0
             else "in the paragraph before" if lines <= 2 else f"{(lines + 1) // 2} paragraphs earlier")
    return {"mention": row["speaker_mention"], "named": named, "where": where,
            "by": FOUND_BY.get(row["speaker_rule"] or "", "the mention"),
            "context": Markup("…{}<mark>{}</mark>{}…").format(before.lstrip(), named, after.rstrip())}


def uncertain(confidence: float | None, threshold: float) -> bool:
    """Whether a quote is shown marked "speaker uncertain": its confidence is under the
    threshold (a quote stored before confidence was has none, and is not)."""
    return confidence is not None and confidence < threshold


def min_confidence(datasette: Any) -> float:
    """The confidence a quote needs to be shown as sure: ``min_confidence`` among the quotes
    plugin's settings in metadata.yml (0: every quote)."""
    config = datasette.plugin_config("quotes") or {}
    try:
        return float(config.get("min_confidence", 0.0))
    except (TypeError, ValueError):
        return 0.0


# The quotes shown where the site speaks for itself (home page, speaker pages, charts, feeds):
# those sure enough, and those stored before confidence was (never unsure by default).
SHOWN = "(confidence >= :min_confidence or confidence is null)"


def roles_text(roles: str | None) -> list[str]:
    """A speaker's roles, stored as a JSON list, as a list of strings."""
    try:
        value = json.loads(roles or "[]")
    except ValueError:
        return [roles] if roles else []
    return [str(role) for role in value] if isinstance(value, list) else [str(value)]


# ---- Word differences ----

def _key(word: str) -> str:
    """What a word is compared by: letters and digits, lower-cased ("Talks," is "talks")."""
    return re.sub(r"\W+", "", word.lower()) or word


def marked_differences(text: str, reference: str) -> Markup:
    """``text`` with the words that ``reference`` does not have in ``<ins>``, and the
    reference's words that ``text`` lacks in ``<del>``, compared word by word (difflib)."""
    words, other = text.split(), reference.split()
    matcher = difflib.SequenceMatcher(a=[_key(w) for w in other], b=[_key(w) for w in words], autojunk=False)
    parts: list[Markup] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(words[b0:b1])))
            continue
        if a1 > a0:
            parts.append(Markup('<del class="diff">{}</del>').format(" ".join(other[a0:a1])))
        if b1 > b0:
            parts.append(Markup('<ins class="diff">{}</ins>').format(" ".join(words[b0:b1])))
    return Markup(" ").join(parts)


# ---- The chart ----

MAX_MONTHS = 120  # a longer span is drawn year by year


def time_axis(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Quotes per month (``YYYY-MM``) with every month between the first and the last, the
    empty ones at 0, so that bars stand at their place in time; per year over a long span.
    Values that are not a month are left out."""
    months = {(int(m[:4]), int(m[5:7])): n for m, n in counts
              if len(m) == 7 and m[:4].isdigit() and m[4] == "-" and m[5:7].isdigit() and 1 <= int(m[5:7]) <= 12}
    if not months:
        return []
    first, last = min(months), max(months)
    if (last[0] - first[0]) * 12 + last[1] - first[1] >= MAX_MONTHS:
        years = Counter[int]()
        for (year, _), n in months.items():
            years[year] += n
        return [(str(year), years[year]) for year in range(first[0], last[0] + 1)]
    axis = []
    year, month = first
    while (year, month) <= last:
        axis.append((f"{year:04d}-{month:02d}", months.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return axis


def timeline_svg(counts: Sequence[tuple[str, int]], width: int = 640, height: int = 160) -> Markup:
    """Quotes per month as an SVG bar chart on a time axis, drawn here so the page needs no script."""
    counts = time_axis(counts)
    if not counts:
        return Markup("")
    top = max(n for _, n in counts)
    left, bottom, gap = 30, 24, 4
    bar = max(4.0, min(48.0, (width - left) / len(counts) - gap))
    plot = height - bottom - 10
    parts = [Markup('<svg class="timeline" role="img" viewBox="0 0 {} {}" width="{}" height="{}">'
                    "<title>Quotes per month</title>").format(width, height, width, height),
             Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>').format(
                 left, height - bottom, width, height - bottom),
             Markup('<text x="0" y="{}" class="tick">{}</text>').format(14, top)]
    for index, (month, n) in enumerate(counts):
        x = left + gap + index * (bar + gap)
        h = plot * n / top
        parts.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="bar">'
                            "<title>{}: {} quotes</title></rect>").format(
                                x, height - bottom - h, bar, h, month, n))
        if len(counts) <= 12 or index % max(1, len(counts) // 12) == 0:
            parts.append(Markup('<text x="{:.1f}" y="{}" class="tick">{}</text>').format(
                x, height - 6, month))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


# ---- Data ----

# The quotes of a speaker shown as sure, counted once by outlet and month: the page's outlet
# counts, chart and total all come from this one pass over the speaker's quotes.
SHOWN_TALLY_SQL = f"""
select t.outlet_id, coalesce(o.name, 'unknown outlet') as outlet, t.month, t.quotes
from (select outlet_id, substr(published, 1, 7) as month, count(*) as quotes from quotes
      where speaker_id = :id and {SHOWN} group by outlet_id, month) as t
left join outlets o on o.id = t.outlet_id
"""


def tally(rows: Iterable[Any]) -> tuple[list[dict[str, Any]], list[tuple[str, int]], int]:
    """Quotes per outlet (most first), per month (in order, the undated left out) and in all,
    from the counts by outlet and month of ``SHOWN_TALLY_SQL``."""
    outlets: dict[str | None, dict[str, Any]] = {}
    months: dict[str, int] = {}
    for outlet_id, outlet, month, quotes in rows:
        outlets.setdefault(outlet_id, {"outlet": outlet, "quotes": 0})["quotes"] += quotes
        if month is not None:
            months[month] = months.get(month, 0) + quotes
    by_count = sorted(outlets.values(), key=lambda o: (-o["quotes"], o["outlet"]))
    return by_count, sorted(months.items()), sum(o["quotes"] for o in by_count)


# Speakers described rather than named ("police", "a senior official") are one article's each
# (quotes.canon.speakers.in_article): where they are listed, the article tells them apart.
# Of each speaker id in ``:ids`` (a JSON list), a stored name of theirs and its article.
ARTICLE_OF_SQL = f"""
select q.speaker_id, q.name_in_article, a.id, {ARTICLE_TITLE} as title, o.name as outlet, a.published
from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
where q.rowid in (select (select rowid from quotes where speaker_id = ids.value and name_in_article is not null
                          limit 1) from json_each(:ids) as ids)
"""


async def articles_of(db: Any, speakers: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The article of each described speaker among ``speakers`` (with ``id``, ``name`` and
    ``kind``), by id: its id, title, outlet, date and how a reader tells it (``label``).
    A speaker is one article's when its stored name carries the article (``scope_of``);
    only names a description can be (``is_described``) are looked up."""
    ids = [s["id"] for s in speakers if s.get("id") and s.get("name") and is_described(s["name"], s.get("kind"))]
    if not ids:
        return {}
    found = {}
    for row in (await db.execute(ARTICLE_OF_SQL, {"ids": json.dumps(ids)})).rows:
        if scope_of(row["name_in_article"])[1] is not None:
            article = {key: row[key] for key in ("id", "title", "outlet", "published")}
            dated = ", ".join(filter(None, [row["outlet"], row["published"]]))
            found[row["speaker_id"]] = {**article, "label": row["title"] or dated or "an article"}
    return found


async def with_articles(db: Any, speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``speakers`` with the article of each described one under ``article`` (None for the others)."""
    found = await articles_of(db, speakers)
    return [{**s, "article": found.get(s["id"])} for s in speakers]


def from_article(article: dict[str, Any] | None) -> Markup:
    """Beside a described speaker's name: the article it comes from, linked."""
    if not article:
        return Markup("")
    return Markup(' <span class="from-article">in <a href="/quotes/articles/{}">{}</a></span>').format(
        quote(str(article["id"]), safe=""), article["label"])


async def speaker_row(db: Any, speaker_id: str) -> dict[str, Any] | None:
    rows = (await db.execute("select * from speakers where id = :id", {"id": speaker_id})).rows
    return dict(rows[0]) if rows else None


async def latest_by(db: Any, speaker_id: str, threshold: float, page: int = 1) -> list[dict[str, Any]]:
    """One page of a speaker's newest quotes shown as sure (and one more: see ``window``)."""
    params = {"id": speaker_id, "min_confidence": threshold, **window(LATEST, page)}
    return quote_dicts((await db.execute(newest(f"speaker_id = :id and {SHOWN}"), params)).rows, threshold)


async def speaker_data(db: Any, speaker_id: str, threshold: float = 0.0, page: int = 1) -> dict[str, Any] | None:
    """A speaker's page: counts, outlets, chart and latest quotes of the quotes shown as sure
    (confidence at or above ``threshold``), and how many others there are."""
    speaker = await speaker_row(db, speaker_id)
    if speaker is None:
        return None
    params = {"id": speaker_id, "min_confidence": threshold}
    aliases = [r[0] for r in (await db.execute(
        "select alias from speaker_aliases where speaker_id = :id order by alias", params)).rows]
    outlets, months, shown = tally((await db.execute(SHOWN_TALLY_SQL, params)).rows)
    latest = await latest_by(db, speaker_id, threshold, page)
    relayed_by = [{**dict(r), "name": scope_of(r["name"])[0]} for r in (await db.execute(RELAYED_BY_SQL, params)).rows]
    relays = await with_articles(db, [dict(r) for r in (await db.execute(
        "select s.id, s.name, s.kind, count(*) as quotes from quotes q join speakers s on s.id = q.speaker_id "
        "where q.via_speaker_id = :id group by s.id order by quotes desc, s.name", params)).rows])
    article = (await articles_of(db, [speaker])).get(speaker_id)
    return {
        "speaker": speaker, "article": article, "roles": roles_text(speaker.get("roles")), "aliases": aliases,
        "outlets": outlets, "chart": timeline_svg(months), "months": time_axis(months), "latest": latest,
        "relayed_by": relayed_by, "relays": relays, "shown": shown, "min_confidence": threshold,
        **paged(latest, LATEST, page, "latest"),
    }


def paged(quotes: list[dict[str, Any]], limit: int, page: int, key: str) -> dict[str, Any]:
    """A page of ``quotes`` read with ``window``: at most ``limit`` of them under ``key``, the
    page number, and the next page's number if there is one."""
    page = turnable(page)
    more = len(quotes) > limit and page < MAX_PAGE
    return {key: quotes[:limit], "page": page, "next_page": page + 1 if more else None}


async def group_data(db: Any, group_id: str) -> dict[str, Any] | None:
    rows = (await db.execute(
        "select g.*, s.name as speaker from quote_groups g left join speakers s on s.id = g.speaker_id "
        "where g.id = :id", {"id": group_id})).rows
    if not rows:
        return None
    group = dict(rows[0])
    quotes = quote_dicts((await db.execute(
        f"select {QUOTE_COLUMNS} from quotes q {QUOTE_JOINS} where q.group_id = :id "
        "order by q.published, o.name, q.rowid", {"id": group_id})).rows)
    reference = group.get("label") or (quotes[0]["quote"] if quotes else "")
    for row in quotes:
        row["diff"] = marked_differences(row["quote"], reference)
    types = Counter(q["type"] for q in quotes)
    return {"group": group, "quotes": quotes, "reference": reference, "types": dict(types)}


async def search_data(db: Any, text: str, limit: int = SEARCH_LIMIT, threshold: float = 0.0,
                      only_sure: bool = False, page: int = 1) -> dict[str, Any]:
    """The speakers and quotes a search finds: every quote, those under ``threshold`` marked
    uncertain, or with ``only_sure`` (a feed) only the others."""
    text = text.strip()
    fts = search_box.fts_query(text)
    if fts is None:  # no word left once FTS syntax is dropped ("*", a lone quotation mark)
        return {"q": "", "speakers": [], "quotes": [], "page": 1, "next_page": None}
    like = search_box.like_pattern(text)
    params: dict[str, Any] = {"like": like, "fts": fts, "min_confidence": threshold, **window(limit, page)}
    speakers = [dict(r) for r in (await db.execute(search_box.SPEAKERS_SQL, params)).rows]
    matches = (await db.execute(search_box.matches_sql(fts is not None), params)).rows[0][0]
    wanted = search_box.wanted_sql(fts is not None, walk=matches > table_search.WALK_FROM)
    named = await named_in(db, text)
    if named is not None:
        params.update({"topic": named.topic, **{f"s{i}": s for i, s in enumerate(named.speaker_ids)}})
        wanted = f"{search_box.named_quotes_sql(named)} or {wanted}"
        known = {s["id"] for s in speakers}
        speakers = [dict(r) for r in (await db.execute(
            f"select id, name, kind, quote_count, null as aliases from speakers where id in "
            f"({', '.join(f':s{i}' for i in range(len(named.speaker_ids)))})", params)).rows
            if r["id"] not in known] + speakers
    speakers = await with_articles(db, speakers)
    quotes = quote_dicts((await db.execute(
        newest(f"({wanted}) and {SHOWN}" if only_sure else wanted), params)).rows, threshold)
    shown = paged(quotes, limit, page, "quotes")
    quotes = shown["quotes"]
    return {**shown, "q": text, "speakers": speakers, "min_confidence": threshold,
            "uncertain": sum(q["uncertain"] for q in quotes),
            "named": {"name": named.name, "speaker_ids": list(named.speaker_ids)} if named else None}


async def named_in(db: Any, text: str) -> search_box.Named | None:
    """The speaker some words of a search name, with the other words as its topic."""
    grams = [spelling for gram in search_box.name_candidates(text) for spelling in search_box.spellings(gram)]
    if not grams:
        return None
    rows = (await db.execute(search_box.named_sql(len(grams)), {f"n{i}": g for i, g in enumerate(grams)})).rows
    if not rows and (ends := list(search_box.surname_patterns(text).values())):
        rows = (await db.execute(search_box.surname_sql(len(ends)), {f"w{i}": e for i, e in enumerate(ends)})).rows
    return search_box.pick_named(text, [(r[0], r[1]) for r in rows])


# ---- Routes ----

def speaker_url(speaker_id: str) -> str:
    return "/-/speaker/" + quote(str(speaker_id), safe="")


def group_url(group_id: str) -> str:
    return "/-/group/" + quote(str(group_id), safe="")


def _db(datasette: Any) -> Any:
    """The quotes database: the one named "quotes", else the first one served."""
    try:
        return datasette.get_database(DATABASE)
    except KeyError:
        return datasette.get_database()


async def _page(datasette: Any, request: Any, template: str, context: dict[str, Any]) -> Response:
    return Response.html(await datasette.render_template(template, context, request=request))


async def _not_found(datasette: Any, request: Any, what: str) -> Response:
    html = await datasette.render_template(
        "quotes_not_found.html", {"what": what}, request=request)
    return Response.html(html, status=404)


def turning(path: str, args: dict[str, str], data: dict[str, Any], json: bool) -> dict[str, str | None]:
    """The URLs of this page (as JSON too), of the next and of the previous page of quotes."""
    def url(page: int, suffix: str = "") -> str:
        query = urlencode({**args, **({"page": str(page)} if page > 1 else {})})
        return f"{path}{suffix}?{query}" if query else f"{path}{suffix}"

    suffix = ".json" if json else ""
    page, after = data["page"], data["next_page"]
    return {"json_url": url(page, ".json"), "next_url": url(after, suffix) if after else None,
            "previous_url": url(page - 1, suffix) if page > 1 else None}


async def search_page(datasette: Any, request: Any) -> Response:
    text = request.args.get("q", "")
    data = await search_data(_db(datasette), text, limit=SEARCH_LIMIT, threshold=min_confidence(datasette),
                             page=page_number(request))
    json = request.url_vars.get("format") == "json"
    urls = turning("/-/search", {"q": data["q"]} if data["q"] else {}, data, json)
    if json:
        return page_json.response(page_json.search_json(data, urls))
    feed = "/-/search.atom?" + urlencode({"q": data["q"]}) if data["q"] else None
    return await _page(datasette, request, "quotes_search.html", {**data, **urls, "feed_url": feed})


def speaker_links(datasette: Any, speaker_id: str, threshold: float) -> dict[str, str]:
    """Where a speaker's page links: its feed, its JSON, all their quotes and the uncertain ones."""
    url = speaker_url(speaker_id)
    return {"page": url, "feed": f"{url}.atom",
            "all": datasette.urls.query(DATABASE, "speaker_timeline") + "?" + urlencode({"speaker": speaker_id}),
            "uncertain": "/quotes/quotes_view?" + urlencode({"speaker_id": speaker_id, "confidence__lt": threshold})}


async def speaker_page(datasette: Any, request: Any) -> Response:
    speaker_id = request.url_vars["id"]
    threshold = min_confidence(datasette)
    data = await speaker_data(_db(datasette), speaker_id, threshold, page_number(request))
    json = request.url_vars.get("format") == "json"
    if data is None:
        message = f"No speaker with the id {speaker_id!r}."
        return (page_json.response({"error": message}, status=404) if json
                else await _not_found(datasette, request, message))
    links = speaker_links(datasette, speaker_id, threshold)
    urls = turning(speaker_url(speaker_id), {}, data, json)
    if json:
        return page_json.response(page_json.speaker_json(data, {**links, **urls}))
    return await _page(datasette, request, "quotes_speaker.html", {
        **data, **urls, "feed_url": links["feed"], "timeline_url": links["all"]})


async def group_page(datasette: Any, request: Any) -> Response:
    group_id = request.url_vars["id"]
    data = await group_data(_db(datasette), group_id)
    json = request.url_vars.get("format") == "json"
    if data is None:
        message = f"No quote group with the id {group_id!r}."
        return (page_json.response({"error": message}, status=404) if json
                else await _not_found(datasette, request, message))
    if json:
        return page_json.response(page_json.group_json(data))
    return await _page(datasette, request, "quotes_group.html", {**data, "json_url": group_url(group_id) + ".json"})


async def speaker_feed(datasette: Any, request: Any) -> Response:
    speaker_id = request.url_vars["id"]
    db = _db(datasette)
    speaker = await speaker_row(db, speaker_id)
    if speaker is None:
        return Response.text(f"No speaker with the id {speaker_id!r}.", status=404)
    latest = (await latest_by(db, speaker_id, min_confidence(datasette)))[:LATEST]
    return feeds.response(
        datasette, request, feed_id=f"speaker/{speaker_id}", title=f"New quotes by {speaker['name']}",
        page=f"/-/speaker/{speaker_id}", quotes=latest)


async def search_feed(datasette: Any, request: Any) -> Response:
    text = request.args.get("q", "").strip()
    data = await search_data(_db(datasette), text, limit=LATEST, threshold=min_confidence(datasette),
                             only_sure=True)
    query = urlencode({"q": text})
    return feeds.response(
        datasette, request, feed_id=f"search?{query}", title=f"New quotes for “{text}”",
        page=f"/-/search?{query}", quotes=data["quotes"])


ROUTES = [
    (r"^/-/search(\.(?P<format>json))?$", search_page),
    (r"^/-/search\.atom$", search_feed),
    (r"^/-/speaker/(?P<id>[^/]+)\.atom$", speaker_feed),
    (r"^/-/speaker/(?P<id>[^/]+?)(\.(?P<format>json))?$", speaker_page),
    (r"^/-/group/(?P<id>[^/]+?)(\.(?P<format>json))?$", group_page),
]


# ---- Not found ----

# ---- The home page ----

async def home_vars(datasette: Any) -> dict[str, Any]:
    """The newest quotes and the canned queries, for the home page (``index.html``)."""
    try:
        db = _db(datasette)
    except (KeyError, IndexError):
        return {"latest_quotes": [], "canned": [], "quotes_db": None}
    threshold = min_confidence(datasette)
    try:
        latest = quote_dicts((await db.execute(newest(SHOWN), {**window(10), "min_confidence": threshold})).rows)[:10]
    except Exception:  # a database without our schema
        latest = []
    canned = await datasette.get_canned_queries(db.name, None)
    return {"latest_quotes": latest, "quotes_db": db.name, "min_confidence": threshold, **await _sections(db),
            "canned": [{"name": k, "title": v.get("title") or k} for k, v in canned.items()]}


async def _sections(db: Any) -> dict[str, bool]:
    """Whether any quote has a date (else the home page says "undated", not "newest") and any
    statement was carried by several outlets (else its link, to an empty list, is left out)."""
    try:
        dated, shared = (await db.execute(
            "select exists(select 1 from quotes where published is not null), "
            "exists(select 1 from quote_groups where outlet_count > 1)")).first()
    except Exception:  # a database without our schema
        return {"dated": False, "shared_groups": False}
    return {"dated": bool(dated), "shared_groups": bool(shared)}
