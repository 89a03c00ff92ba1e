"""The reader pages as JSON (``/-/search.json``, ``/-/speaker/ID.json``, ``/-/group/ID.json``):
what each page shows, with the same filters and limits, so that a program reads the same
quotes a reader sees. Markup is left out: a quote comes with its text and offsets."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

# A quote's fields in the JSON, in this order; the page's markup (context, diff) is not among them.
QUOTE_FIELDS = ("id", "quote", "type", "cue", "speaker_id", "speaker", "speaker_kind", "speaker_mention",
                "role", "channel", "via", "via_speaker_id", "outlet", "published", "article_id",
                "article_title", "url", "group_id", "confidence", "uncertain", "speaker_rule",
                "antecedent_start", "antecedent_end")


def quote_json(row: dict[str, Any]) -> dict[str, Any]:
    """One quote card as data, with the link to the quote in its article."""
    quote = {field: row.get(field) for field in QUOTE_FIELDS}
    quote["uncertain"] = bool(row.get("uncertain"))
    quote["article_url"] = f"/quotes/articles/{row['article_id']}#q-{row['id']}"
    evidence = row.get("evidence")
    quote["evidence"] = ({key: str(evidence[key]) for key in ("mention", "named", "where", "by")}
                         if evidence else None)
    return quote


def search_json(data: dict[str, Any], urls: dict[str, str | None]) -> dict[str, Any]:
    """The search page: its speakers and one page of quotes, with the next page's URL."""
    return {"q": data["q"], "named": data.get("named"), "speakers": data["speakers"],
            "min_confidence": data.get("min_confidence"), "uncertain": data.get("uncertain", 0),
            "page": data["page"], "next": urls["next_url"], "previous": urls["previous_url"],
            "quotes": [quote_json(q) for q in data["quotes"]]}


def speaker_json(data: dict[str, Any], links: dict[str, str | None]) -> dict[str, Any]:
    """The speaker page: facts, counts, the chart's months and one page of their latest quotes."""
    return {"speaker": {**data["speaker"], "roles": data["roles"], "article": data["article"]},
            "aliases": data["aliases"],
            "outlets": data["outlets"], "months": [{"month": m, "quotes": n} for m, n in data["months"]],
            "shown": data["shown"], "min_confidence": data["min_confidence"],
            "relayed_by": data["relayed_by"], "relays": data["relays"], "links": links,
            "page": data["page"], "next": links["next_url"], "previous": links["previous_url"],
            "latest": [quote_json(q) for q in data["latest"]]}


def group_json(data: dict[str, Any]) -> dict[str, Any]:
    """The group page: every wording of the statement (a group is one page)."""
    return {"group": data["group"], "reference": data["reference"], "types": data["types"],
            "quotes": [quote_json(q) for q in data["quotes"]]}


def response(data: dict[str, Any], status: int = 200) -> Response:
    return Response.json(data, status=status)
