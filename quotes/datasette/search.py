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


def quotes_sql(with_fts: bool, columns: str, joins: str) -> str:
    """Quotes by the matched speakers, and (``with_fts``) quotes whose text matches, newest first."""
    wanted = ["select rowid from quotes where speaker_id in ("
              "select id from speakers where name like :like escape '\\' "
              "union select speaker_id from speaker_aliases where alias like :like escape '\\')"]
    if with_fts:
        wanted.append("select rowid from quotes_fts where quotes_fts match :fts")
    return (f"select {columns} from quotes q {joins} "
            f"where q.rowid in ({' union '.join(wanted)}) "
            "order by q.published is null, q.published desc, q.rowid desc limit :limit")
