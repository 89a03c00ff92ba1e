"""Which names :func:`quotes.canon.speakers.cluster` can put together: the match tokens.

``cluster`` merges two names only through four relations: the same kind and match key; an
acronym and the organisation it abbreviates; a one-word person name and the full names that
start or end with that word; an institution and the institutions with the same head noun
whose words include all of its words. Each name's tokens describe its side of those
relations (a description stored within its article has only the first), for every kind the
name can take (a name's kind follows the majority of its mentions, which new articles can
change):

* ``k:KIND:KEY`` - names with the same token can share a key;
* ``a:KEY`` (an organisation's key) meets ``x:ACRONYM`` (an organisation's acronym) - a key
  equal to another one's acronym; two names with one acronym are related only through a
  name whose key it is;
* ``s:WORD`` (a one-word person name) meets ``e:WORD`` (a word a longer one may be
  shortened to, :func:`quotes.canon.speakers.name_ends`);
* ``i:HEAD:WORD`` for each word of an institution, with the number of its words: a name is
  related to the names holding all of its tokens (wider) and to the names all of whose
  tokens it holds (narrower).

Names that no chain of these relations connects are clustered independently, so clustering
a set of names closed under them gives those names exactly the speakers that clustering the
whole database gives them (see :func:`quotes.store.refresh`).
"""
from __future__ import annotations

from ..lexicon import DEFAULT, INSTITUTIONS, NAME_LINKERS, Lexicon
from ..records import SPEAKER_KINDS, SpeakerKind
from .speakers import _head, _key, _key_words, _name_words, acronym, kind_of, name_ends, scope_of


def kinds(name: str, lex: Lexicon = DEFAULT) -> set[SpeakerKind]:
    """Every kind ``name`` can be given, whatever its mentions say."""
    return {kind_of(name, hint, lex) for hint in (None, *SPEAKER_KINDS)}


def tokens(name: str, lex: Lexicon = DEFAULT) -> list[tuple[str, int]]:
    """(token, number of institution words) pairs of ``name``; see the module docstring."""
    name = name.strip()
    found: dict[str, int] = {}
    for kind in sorted(kinds(name, lex)):
        key = _key(name, kind, lex)
        found[f"k:{kind}:{key}"] = 0
        if scope_of(name)[1]:
            continue  # a description within its article meets only itself
        if kind == "organisation":
            found[f"a:{key}"] = 0
            short = acronym(_name_words(name, "organisation", lex))
            if short:
                found[f"x:{short}"] = 0
            institution = frozenset(key.split()) - NAME_LINKERS
            head = _head(key.split())
            if head in INSTITUTIONS and institution:
                for word in institution:
                    found[f"i:{head}:{word}"] = len(institution)
        elif kind == "person" and not key.startswith("role:"):
            words = _key_words(_name_words(name, "person", lex))
            if len(words) > 1:
                for word in name_ends(words):
                    found[f"e:{word}"] = 0
            elif words:
                found[f"s:{words[0]}"] = 0
    return sorted(found.items())
