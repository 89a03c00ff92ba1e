"""One search box for people and words.

A search finds every quote by a speaker whose canonical name or any alias contains the
text (so "Peskov" finds the quote whose mention is "he"), and every quote whose words or
speaker mention match it in the full-text index. The text a reader types is never passed
to FTS5 as syntax: words become quoted terms, a phrase in double quotes stays a phrase and
a word ending in ``*`` is a prefix.
"""

from __future__ import annotations

import re

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
