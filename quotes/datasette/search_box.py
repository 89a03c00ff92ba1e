"""One search box for people and words.

A search finds every quote by a speaker whose canonical name or any alias contains the
text (so "Peskov" finds the quote whose mention is "he"), and every quote whose words or
speaker mention match it in the full-text index. The text a reader types is never passed
to FTS5 as syntax: words become quoted terms, a phrase in double quotes stays a phrase and
a word ending in ``*`` is a prefix.

A search for a person and a topic ("Boris Johnson Brexit", "Yoon troops") finds, besides
those, the quotes of the speaker whose name or an alias some of its words are, whatever
the article called them, that hold the other words (``named_in``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A phrase in double quotes, or a run of anything else that is not a space.
_PIECE = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word, phrase and prefix of ``text``; None if it has none.

    >>> fts_query('risk "strategic dialogue" Pesk*')
    '"risk" "strategic dialogue" "Pesk"*'
    """
    terms = []
    for match in _PIECE.finditer(text):
        phrase, bare = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
            continue
        prefix = bare.endswith("*")
        for index, word in enumerate(words := _WORD.findall(bare)):
            star = "*" if prefix and index == len(words) - 1 else ""
            terms.append(f'"{word}"{star}')
    return " ".join(terms) or None


def like_pattern(text: str) -> str:
    """A LIKE pattern for names containing ``text``, with LIKE's wildcards taken literally."""
    escaped = text.strip().strip('"').rstrip("*").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Speakers whose canonical name or an alias contains the search text.
SPEAKERS_SQL = """
select s.id, s.name, s.kind, s.quote_count,
  (select group_concat(alias, '; ') from (
     select alias from speaker_aliases where speaker_id = s.id and alias != s.name order by alias limit 5)) as aliases
from speakers s
where s.id in (
  select id from speakers where name like :like escape '\\'
  union
  select speaker_id from speaker_aliases where alias like :like escape '\\'
)
order by s.quote_count desc, s.name
limit 20
"""


# Quotes by the speakers whose name or an alias contains the text.
BY_SPEAKERS = ("select id from speakers where name like :like escape '\\' "
               "union select speaker_id from speaker_aliases where alias like :like escape '\\'")


def wanted_sql(with_fts: bool, walk: bool) -> str:
    """The condition on the quotes table of a search: quotes by the matched speakers and
    (``with_fts``) quotes whose text matches. With ``walk`` it is written so that SQLite
    cannot look the rowids up, and reads the date index in order instead."""
    rowid = "+rowid" if walk else "rowid"
    wanted = [f"{rowid} in (select rowid from quotes where speaker_id in ({BY_SPEAKERS}))"]
    if with_fts:  # first: the larger list, and two lists are faster to build than their union
        wanted.insert(0, f"{rowid} in (select rowid from quotes_fts where quotes_fts match :fts)")
    return " or ".join(wanted)


def matches_sql(with_fts: bool) -> str:
    """At least as many quotes as a search matches, counted from the full-text index and the
    speakers' quote counts without reading a quote."""
    text = "(select count(*) from quotes_fts where quotes_fts match :fts)" if with_fts else "0"
    return f"select {text} + (select coalesce(sum(quote_count), 0) from speakers where id in ({BY_SPEAKERS}))"


MAX_NAME_WORDS = 6  # the longest name looked for in a query, in words
MAX_QUERY_WORDS = 12  # words of a query among which names are looked for


@dataclass(frozen=True)
class Named:
    """A person or organisation named in a search, and the rest of it: the topic."""

    name: str  # as the query wrote it
    speaker_ids: tuple[str, ...]
    topic: str  # an FTS5 query of the other words


def name_candidates(text: str) -> dict[str, tuple[int, int]]:
    """Every run of bare words of ``text`` (no phrase, no prefix) that may be a name, keyed by
    its lower case, with the span of pieces it covers; a run as long as the whole query is left
    to the search by name."""
    pieces = list(_PIECE.finditer(text))[:MAX_QUERY_WORDS]
    bare = [m.group(2) if m.group(2) and not m.group(2).endswith("*") else None for m in pieces]
    runs: dict[str, tuple[int, int]] = {}
    for start in range(len(pieces)):
        for end in range(start + 1, min(len(pieces), start + MAX_NAME_WORDS) + 1):
            if None in bare[start:end] or end - start == len(pieces):
                continue
            runs.setdefault(" ".join(w for w in bare[start:end] if w).lower(), (start, end))
    return runs


def spellings(gram: str) -> list[str]:
    """The ways a name may be stored that an index can look up: as typed in lower case, in
    title case and in capitals (names are stored as written; the index is case-sensitive)."""
    return list(dict.fromkeys([gram, gram.title(), gram.upper()]))


def named_sql(count: int) -> str:
    """Speakers whose name or an alias is one of ``count`` spellings (``:n0`` ...), by index."""
    names = ", ".join(f":n{i}" for i in range(count))
    return (f"select id, name as matched from speakers where name in ({names}) "
            f"union select speaker_id, alias from speaker_aliases where alias in ({names})")


def surname_sql(count: int) -> str:
    """Speakers whose name ends with one of ``count`` words or pairs of words (``:w0`` ...,
    LIKE patterns): "Peskov" names Dmitry Peskov. A scan of the speakers, as the search by
    name is; asked only when no name or alias is the words themselves."""
    ends = " or ".join(f"(' ' || name) like :w{i} escape '\\'" for i in range(count))
    return f"select id, name from speakers where {ends}"


def surname_patterns(text: str) -> dict[str, str]:
    """LIKE patterns of the runs of one or two words of ``text`` that may end a name."""
    return {gram: "% " + gram.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            for gram in name_candidates(text) if gram.count(" ") < 2}


def topic_of(text: str, covered: tuple[int, int]) -> str | None:
    """The FTS5 query of the words of ``text`` outside the pieces ``covered`` by a name."""
    pieces = [m.group(0) for m in _PIECE.finditer(text)][:MAX_QUERY_WORDS]
    return fts_query(" ".join(pieces[:covered[0]] + pieces[covered[1]:]))


def pick_named(text: str, rows: list[tuple[str, str]]) -> Named | None:
    """Of the names found in ``text`` (``rows``: speaker id and the name matched), the longest,
    first in the query, with the speakers it names and the topic left; None if there is none
    or no topic."""
    candidates = name_candidates(text)
    found: dict[str, set[str]] = {}
    whole = " ".join(text.lower().split())
    for speaker_id, matched in rows:
        matched = matched.lower()
        if matched == whole:  # the query is a name: the search by name has it all
            return None
        gram = matched if matched in candidates else next(
            (g for g in candidates if g.count(" ") < 2 and matched.endswith(" " + g)), matched)
        found.setdefault(gram, set()).add(speaker_id)
    best = sorted((gram for gram in found if gram in candidates),
                  key=lambda g: (candidates[g][0] - candidates[g][1], candidates[g][0]))
    if not best:
        return None
    topic = topic_of(text, candidates[best[0]])
    if topic is None:
        return None
    return Named(best[0], tuple(sorted(found[best[0]])), topic)


def named_quotes_sql(named: Named) -> str:
    """The condition on the quotes table for the named speakers' quotes that hold the topic
    (``:topic``), with the speakers as ``:s0`` ...; rowids, so an OR with the others is indexed."""
    ids = ", ".join(f":s{i}" for i in range(len(named.speaker_ids)))
    return (f"rowid in (select rowid from quotes where speaker_id in ({ids}) "
            "and rowid in (select rowid from quotes_fts where quotes_fts match :topic))")
