"""Offices: "the chief of NATO" and "NATO Secretary-General Mark Rutte" hold the same one.

A role an article gives without a name is resolved to the one person known to hold it, in
the article (:mod:`quotes.extract.resolve`) or across the database (:mod:`quotes.store`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..lexicon import (
    DEFAULT,
    DEMONYMS,
    GENERIC_QUALIFIERS,
    NAME_LINKERS,
    PORTFOLIO_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_CLASSES,
    Lexicon,
)
from .speakers import acronym, bare, clean


@lru_cache(maxsize=8192)
def role_key(role: str, lex: Lexicon = DEFAULT) -> tuple[str, frozenset[str]]:
    """A role as (office, the places and organisations that qualify it), comparable across
    wordings: "chief of the North Atlantic Treaty Organization" and "NATO Secretary-General"
    both give ("head", {..., "nato"}); "South Korea's president" and "South Korean
    President" both give ("president", {"south", "korea"})."""
    text = " " + clean(role).replace("Secretary General", "Secretary-General") + " "
    text = re.sub(r"['’]s\b", " ", text)
    words = text.split()
    short = acronym([w for w in words if w[:1].isupper() and bare(w) not in lex.title_words])
    lowered = " " + " ".join(TITLE_ABBREVIATIONS.get(bare(w), bare(w)) for w in words) + " "  # "Gov." a governor
    for adjective, country in sorted(DEMONYMS.items(), key=lambda kv: -len(kv[0])):
        lowered = lowered.replace(f" {adjective} ", f" {country} ")
    bares = lowered.split()
    titles = [b for b in bares if b in lex.role_nouns or b in TITLE_CLASSES]
    if not titles:
        return "", frozenset()
    title = titles[-1]
    places = {b for b in bares if b != title and b not in NAME_LINKERS}
    if short and len(short) >= 3:
        places.add(short)
    return TITLE_CLASSES.get(title, title), frozenset(places)


def role_index(holders: dict[str, list[str]], lex: Lexicon = DEFAULT) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Speakers (by id) by the offices their recorded roles name, for :func:`role_holder`."""
    index: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for speaker, roles in sorted(holders.items()):
        for office, places in (role_key(role, lex) for role in roles):
            if office and places:
                index[office].append((speaker, places))
    return index


def role_holder(role: str, index: dict[str, list[tuple[str, frozenset[str]]]],
                lex: Lexicon = DEFAULT) -> str | None:
    """The one speaker whose recorded roles name the same office as ``role``, or None: a
    role that fits nobody, or several people, is never guessed, nor one that names no place
    or organisation ("the local health minister")."""
    office, places = role_key(role, lex)
    if not office or not places - GENERIC_QUALIFIERS - PORTFOLIO_WORDS:
        return None
    # (nor is a holder whose role names none: "Foreign Minister Lukas Brandli" of one article
    # is not "former Botswana foreign minister Kagiso Modise" of another)
    found = {speaker for speaker, where in index.get(office, ())
             if where - GENERIC_QUALIFIERS - PORTFOLIO_WORDS and (places <= where or where <= places)}
    return found.pop() if len(found) == 1 else None
