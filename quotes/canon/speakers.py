"""Canonical speakers across articles.

Each article names its speakers in its own way: "South Korean President Yoon Suk
Yeol", "President Yoon", "Yoon"; "KCNA", "the Korean Central News Agency";
"the Russian Embassy in North Korea", "the Russian embassy in Pyongyang".
:func:`cluster` maps every name seen in the database to one canonical
:class:`Speaker`, so a reader can find everything one speaker said.

These are pure functions over names: no database, no article text. They are
deliberately conservative - a wrong merge puts words in someone else's mouth,
while a missed merge only splits one speaker's quotes over two rows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import (
    AFFILIATION_WORDS,
    CAPITALS,
    COMPASS_WORDS,
    COUNTRY_ABBREVIATIONS,
    COUNTRY_NAMES,
    DEFAULT,
    DEMONYMS,
    DETERMINERS,
    GENERIC_ORG_SUFFIXES,
    GIVEN_NAMES,
    INSTITUTIONS,
    NAME_LINKERS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONS,
    ORG_DESCRIPTORS,
    ORG_TITLES,
    PREPOSITIONS,
    PRONOUNS,
    REGNAL_TITLES,
    TITLE_PHRASES,
    Lexicon,
)
from ..records import SPEAKER_KINDS, SpeakerKind
from .partition import Partition

# Words that place an organisation rather than name it: "Russian" in "Russian state media".
COUNTRIES = {
    name.lower(): name
    for name in [*CAPITALS.values(), *COUNTRY_ABBREVIATIONS.values(), *COUNTRY_NAMES.values()]
}
PLACE_WORDS = frozenset(
    " ".join([*COUNTRIES, *CAPITALS, *DEMONYMS, *DEMONYMS.values(), *NATIONS]).split()
) | COMPASS_WORDS

_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u0060\u00b4"), "'")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_EDGE = " \t\n\"'\u201c\u201d()[],;:"

# The article a described speaker's name is stored with: "police (article 3f2a9c0144aa12bd)".
SCOPE = re.compile(r" \(article ([0-9a-f]+)\)$")


@dataclass(frozen=True)
class Mention:
    """One way a speaker was named, with how many quotes used it."""

    name: str
    kind: str | None = None
    role: str | None = None
    mention: str | None = None  # as written in the article: "Kremlin spokesman Dmitry Peskov", "he"
    count: int = 1


@dataclass
class Speaker:
    id: str
    name: str
    kind: SpeakerKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def slug(name: str) -> str:
    """URL-safe id for a name: "Choe Son-hui" -> "choe-son-hui", "Ségolène" -> "segolene".

    Accents come off Latin letters only; other scripts keep their letters.
    """
    text = unaccented(name.translate(_APOSTROPHES).replace("'", "")).lower()
    return re.sub(r"[\W_]+", "-", text).strip("-") or hashlib.sha1(name.encode()).hexdigest()[:12]


def is_described(name: str, kind: str | None = None, lex: Lexicon = DEFAULT) -> bool:
    """A description with no proper noun in it ("police", "the company", "senior official"),
    or a person described by a role and a country ("a senior US official", an anonymous
    source): it names a different speaker in each article. "London police", "the Delhi
    Police", "British officials" and "the Kremlin spokesman" carry the place or body that
    makes them one speaker."""
    text = clean(name)
    if not any(c.isalpha() for c in text):
        return False
    if not any(c.isupper() for c in text):
        return True
    words = _words(text, frozenset())
    return kind == "person" and bool(words) and bare(words[-1]) in lex.role_nouns | lex.title_words \
        and all(w[:1].islower() or bare(w) in PLACE_WORDS for w in words)


def in_article(name: str, article_id: str, kind: str | None = None, lex: Lexicon = DEFAULT) -> str:
    """The name a speaker is stored under: a description within its article, so that
    "police" in a London and in an Auckland article are two speakers; a name as it is."""
    return f"{name} (article {article_id})" if is_described(name, kind, lex) and not SCOPE.search(name) else name


def scope_of(name: str) -> tuple[str, str | None]:
    """A stored name without its article, and the article: ("police", "3f2a9c0144aa12bd")."""
    found = SCOPE.search(name)
    return (name[:found.start()], found.group(1)) if found else (name, None)


def unaccented(text: str) -> str:
    """"Erdoğan" -> "Erdogan": news writes a name both ways. Accents come off Latin letters
    only; other scripts keep their letters."""
    text = unicodedata.normalize("NFC", text)
    return text if text.isascii() else "".join(_ascii_or_self(c) for c in text)


def _ascii_or_self(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)
    return base.encode("ascii", "ignore").decode() if base[0].isascii() else char


def clean(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).translate(_DASHES)
    return " ".join(text.split()).strip(_EDGE)


def bare(word: str) -> str:
    """A word lower-cased without dots or a possessive, for comparisons."""
    word = word.lower().replace(".", "")
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


def _is_title(bares: Sequence[str], i: int, titles: frozenset[str], phrases: tuple[str, ...]) -> bool:
    if bares[i] in titles or any(part in titles for part in bares[i].split("-")):
        return True
    return bool(phrases) and " ".join(bares[max(0, i - 2) : i + 1]).endswith(phrases)


def _is_name_word(word: str) -> bool:
    return not word[:1].islower() or word in NAME_PARTICLES


@lru_cache(maxsize=1 << 18)
def _words(name: str, titles: frozenset[str], phrases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The name's words as written, without a leading "the" or the titles (and title
    ``phrases``) before a name."""
    words = tuple(clean(name).split())
    while words and words[0].lower() == "the":
        words = words[1:]
    bares = [bare(w) for w in words]
    marks = [i for i in range(len(words)) if _is_title(bares, i, titles, phrases)]
    if marks and marks[-1] + 1 < len(words):
        tail = words[marks[-1] + 1 :]
        if not tail[0][:1].islower() and all(_is_name_word(w) for w in tail):
            # ("Pope Francis": a given name alone keeps the title it goes by)
            words = words[marks[-1]:] if _regnal(words[marks[-1]:]) else tail
    return words


def _key_words(words: Sequence[str]) -> list[str]:
    return [part for w in words for part in bare(w).split("-") if part]


def _head(words: Sequence[str]) -> str:
    """The noun a phrase is about: "embassy" in "russian embassy in pyongyang"."""
    for i, word in enumerate(words):
        if word in PREPOSITIONS and i:
            return words[i - 1]
    return words[-1] if words else ""


def _is_role(words: Sequence[str], lex: Lexicon) -> bool:
    """A role, not a name: "South Korea's president", "the chief of NATO"."""
    key = _key_words(words)
    if not key:
        return False
    titles = lex.title_words
    return key[-1] in titles or (key[0] in titles and len(key) > 1 and key[1] in PREPOSITIONS)


def _conjuncts(words: Sequence[str]) -> list[list[str]]:
    """ "Seoul, Washington and Kyiv" -> [[Seoul], [Washington], [Kyiv]]; no "and": one part."""
    if not any(w.lower() in ("and", "&") for w in words):
        return [list(words)]
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower() in ("and", "&"):
            parts.append([])
            continue
        parts[-1].append(word.rstrip(","))
        if word.endswith(","):
            parts.append([])
    return [p for p in parts if p]


def _is_group(words: Sequence[str]) -> bool:
    """Several speakers at once: "South Korea and the United States", "Russian officials"."""
    if not words:
        return False
    lowered = [w.lower() for w in words]
    before_of = words[: lowered.index("of")] if "of" in lowered else words
    if len(_conjuncts(before_of)) > 1:  # but not "Ministry of Foreign Affairs and Trade"
        return True
    head = words[-1]
    return (
        len(words) > 1
        and head[:1].islower()
        and head.endswith("s")
        and not head.endswith(("ss", "us", "is", "news", "ics"))
    )


@lru_cache(maxsize=1 << 18)
def kind_of(name: str, hint: str | None = None, lex: Lexicon = DEFAULT) -> SpeakerKind:
    """Person, organisation, group or document, from the name's shape and the extractor's hint.

    The shape wins over the hint where it is unambiguous: a coordination or a
    plural is a group, an institution noun ("Yoon's office") an organisation.
    """
    name = scope_of(name)[0]
    words = _words(name, frozenset())
    if hint == "document":
        return "document"  # "court filings" is no group, "UN report" no organisation
    if hint == "group" or _is_group(words):
        return "group"
    if _head(_key_words(words)) in lex.org_heads:
        return "organisation"
    if hint in SPEAKER_KINDS:
        return hint
    if _country_form(words) or _is_acronym(_words(name, ORG_TITLES)):
        return "organisation"
    return "person"


def is_document(mention: str, lex: Lexicon = DEFAULT) -> bool:
    """A mention headed by a document ("The statement", "Trump's statement", "a letter from
    the ministry"): the channel its issuer spoke through."""
    head = _head(_key_words(_words(mention, frozenset())))
    nouns = lex.document_nouns | lex.data_nouns
    return head in nouns or head.endswith("s") and head[:-1] in nouns


def _is_acronym(words: Sequence[str]) -> bool:
    return len(words) == 1 and len(words[0].replace(".", "")) > 1 and words[0].isupper()


def _country_form(words: Sequence[str]) -> str | None:
    """ "Washington" -> "United States", "U.S." -> "United States", "DPRK" -> "North Korea"."""
    joined = " ".join(_key_words(words))
    if joined in CAPITALS:
        return CAPITALS[joined]
    if joined in COUNTRIES:
        return COUNTRIES[joined]
    if joined in COUNTRY_NAMES:
        return COUNTRY_NAMES[joined]
    if _is_acronym(words):
        return COUNTRY_ABBREVIATIONS.get(joined)
    return None


def _org_key(words: Sequence[str]) -> str:
    """Match key for an organisation: country forms, demonyms and descriptors folded.

    "Russia's Foreign Ministry" == "Russian foreign ministry";
    "the Russian embassy in Pyongyang" == "the Russian Embassy in North Korea";
    "the state-run TASS news agency" == "TASS state news agency" == "TASS".
    """
    country = _country_form(words)
    if country:
        return country.lower()
    key: list[str] = []
    proper = False  # a capitalised word that is not a country: "TASS", not "Russian"
    previous = ""
    for word in words:
        folded = bare(word)
        if word.replace(".", "").isupper() and folded in COUNTRY_ABBREVIATIONS:
            parts = COUNTRY_ABBREVIATIONS[folded].lower().split()
        elif previous in ("in", "to") and folded in CAPITALS:
            parts = CAPITALS[folded].lower().split()
        else:
            parts = [DEMONYMS.get(p, p) for p in folded.split("-") if p]
            proper = proper or (word[:1].isupper() and not set(parts) <= PLACE_WORDS | ORG_DESCRIPTORS)
        key.extend(p for p in parts if p not in DETERMINERS)
        previous = folded
    if proper and any(k in ORG_DESCRIPTORS for k in key):
        key = [k for k in key if k not in ORG_DESCRIPTORS]  # but "Russian state media" stays itself
    for suffix in GENERIC_ORG_SUFFIXES:
        if len(key) > len(suffix) and tuple(key[-len(suffix) :]) == suffix:
            key = key[: -len(suffix)]
    return " ".join(key)


def _name_words(name: str, kind: str, lex: Lexicon = DEFAULT) -> Sequence[str]:
    if kind == "person":
        titles = lex.title_words  # "Maria Zakharova, a spokeswoman": the name before the comma
        return _person_words(_words(name.split(",")[0], titles, TITLE_PHRASES) or _words(name, titles, TITLE_PHRASES),
                             lex)
    return _words(name, ORG_TITLES)


def _person_words(words: Sequence[str], lex: Lexicon) -> Sequence[str]:
    """A person's name without a nickname written inside it ('Mitchell "Mitch" Stoltz') and
    without the words before it that describe the person ("Astronomer Ann Lee", "Libertarian
    Jo Quist", "Pastor Eli Ambler") while two words of name remain."""
    inner = range(1, len(words) - 1)
    words = [w for i, w in enumerate(words) if not (i in inner and w[0] in "\"“(‘'" and w[-1] in "\"”)’'")]
    described = lex.role_nouns | lex.epithet_nouns | AFFILIATION_WORDS
    while len(words) > 2 and words[0][:1].isupper() and bare(words[0]) in described and not _regnal(words):
        words = words[1:]
    return tuple(words)


def _regnal(words: Sequence[str]) -> bool:
    """"Pope Francis", "Queen Elizabeth II": a regnal title before a given name alone, which
    the name keeps."""
    return bool(words) and bare(words[0]) in REGNAL_TITLES \
        and len([w for w in words[1:] if bare(w) not in NAME_SUFFIXES]) == 1


@lru_cache(maxsize=1 << 18)
def _key(name: str, kind: str, lex: Lexicon = DEFAULT) -> str:
    name, article = scope_of(name)
    if article:
        return f"{_key(name, kind, lex)} @{article}"  # only the same description in one article
    words = _name_words(name, kind, lex)
    if kind == "person":
        if _is_role(words, lex):
            return "role:" + " ".join(_key_words(words))
        return "".join(_key_words(words))  # "Choe Sonhui" == "Choe Son-hui"
    if kind == "group":
        return " & ".join(sorted(_org_key(part) for part in _conjuncts(words)))
    return _org_key(words)


def acronym(words: Sequence[str]) -> str | None:
    """ "Korean Central News Agency" -> "kcna", "North Atlantic Treaty Organization" -> "nato"."""
    letters = [w[0] for w in words if w.lower() not in NAME_LINKERS]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    return "".join(letters).lower()


def _display(name: str, kind: str, lex: Lexicon) -> str:
    name = scope_of(name)[0]
    words = _name_words(name, kind, lex)
    if kind == "organisation":
        country = _country_form(words)
        if country:
            return country
        if clean(name).startswith("The ") and words:
            return " ".join(("The", *words))  # "The Verge", "The Hill": the article wrote "The" as part of the name
    return " ".join(words) or clean(name) or name


def _merge_unique(partition: Partition, candidates: dict[str, set[str]]) -> None:
    """Merge each name into its only candidate; a name with several candidates stays apart.

    Candidates are all decided before any merge, so the outcome is order-independent.
    """
    unions = []
    for name, others in candidates.items():
        roots = {partition.find(o) for o in others} - {partition.find(name)}
        if len(roots) == 1:
            unions.append((name, roots.pop()))
    for a, b in unions:
        partition.union(a, b)


@dataclass
class _Tally:
    """What :func:`cluster` counts of the mentions of each name (stripped)."""

    counts: Counter[str] = field(default_factory=Counter)
    kinds: dict[str, Counter[SpeakerKind]] = field(default_factory=lambda: defaultdict(Counter))
    roles: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    written: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lex: Lexicon = DEFAULT

    @classmethod
    def of(cls, mentions: Iterable[Mention], lex: Lexicon = DEFAULT) -> _Tally:
        tally = cls(lex=lex)
        for m in mentions:
            name = (m.name or "").strip()
            if not name:
                continue
            tally.counts[name] += m.count
            tally.kinds[name][kind_of(name, m.kind, lex)] += m.count
            if m.role and m.role.strip():
                tally.roles[name][m.role.strip()] += m.count
            if m.mention and m.mention.strip():
                tally.written[name].add(m.mention.strip())
        return tally

    def kind(self, name: str) -> SpeakerKind:
        """The kind most of the name's mentions give it, the first alphabetically on a tie."""
        found = self.kinds[name]
        return min(found, key=lambda k: (-found[k], k))

    def speaker(self, group: list[str]) -> Speaker:
        """The speaker of names put together (sorted), not numbered yet."""
        kind = self.kind(group[0])
        name = _canonical(group, kind, self.counts, self.lex)
        article = scope_of(group[0])[1]  # a description's speaker is one article's: its own id
        written = {n: {w for w in self.written[n] if kind == "document" or not is_document(w, self.lex)}
                   for n in group}  # "the statement" is how a speaker spoke, not a name of theirs
        return Speaker(id=slug(f"{name} {article[:8]}" if article else name), name=name, kind=kind,
                       aliases=_aliases(group, name, written),
                       roles=_ranked(sum((self.roles[n] for n in group), Counter())))


def name_kinds(mentions: Iterable[Mention], lex: Lexicon = DEFAULT) -> dict[str, SpeakerKind]:
    """Each name's kind (stripped), as :func:`cluster` gives it. With the set of names, it
    is all cluster's rules look at to decide which names go together: counts, roles and
    wordings only shape each speaker's name, aliases and roles."""
    tally = _Tally.of(mentions, lex)
    return {name: tally.kind(name) for name in tally.counts}


def speaker_of(mentions: Iterable[Mention], lex: Lexicon = DEFAULT) -> Speaker:
    """The speaker, not numbered yet, of names that :func:`cluster` puts together (and with
    no other name), from their mentions alone."""
    tally = _Tally.of(mentions, lex)
    return tally.speaker(sorted(tally.counts))


def cluster(mentions: Iterable[Mention], numbered: bool = True, lex: Lexicon = DEFAULT) -> dict[str, Speaker]:
    """Map every name mentioned to its canonical Speaker.

    Rules, in order:
    1. same kind and same match key (titles, case, hyphens, possessives,
       demonyms, capitals-as-countries, descriptors folded);
    2. an organisation acronym joins the one organisation it abbreviates
       ("KCNA" -> "Korean Central News Agency");
    3. a one-word person name joins the one full name it can stand for
       (:func:`name_ends`: "Yoon" -> "Yoon Suk Yeol", "Peskov" -> "Dmitry
       Peskov"); with two candidates ("Kim Jong Un", "Kim In-ae") it stays on
       its own;
    4. a less specific institution that names its place joins the one most
       specific institution containing its words ("Russian Embassy" ->
       "Russian Embassy in North Korea"); "the embassy" may be any country's.
    Roles ("South Korea's president") only ever match the same role, and a
    description within its article (:func:`in_article`) the same description
    there. Kinds never mix. The result depends on the multiset of mentions, not their order.

    Two speakers whose names slug alike are told apart by :func:`distinguish`; with ``numbered``
    false that is left to the caller, which clusters names no rule relates in parts.
    """
    tally = _Tally.of(mentions, lex)
    names = sorted(tally.counts)
    kind = {n: tally.kind(n) for n in names}
    key = {n: _key(n, kind[n], lex) for n in names}
    partition = Partition(names)

    first: dict[tuple[str, str], str] = {}
    for n in names:
        partition.union(first.setdefault((kind[n], key[n]), n), n)

    # A description stored within its article joins only the same description there.
    named = [n for n in names if not scope_of(n)[1]]
    orgs = [n for n in named if kind[n] == "organisation"]
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for n in orgs:
        short = acronym(_name_words(n, "organisation", lex))
        if short:
            by_acronym[short].add(n)
    _merge_unique(partition, {n: by_acronym[key[n]] for n in orgs if key[n] in by_acronym})

    people = [n for n in named if kind[n] == "person" and not key[n].startswith("role:")]
    _merge_unique(partition, _full_name_candidates(people, lex))
    _merge_unique(partition, _institution_candidates(orgs, key))

    members: dict[str, list[str]] = defaultdict(list)
    for n in names:
        members[partition.find(n)].append(n)
    speakers = [(tally.speaker(group), group) for group in members.values()]
    if numbered:
        distinguish([s for s, _ in speakers])
    return {n: speaker for speaker, group in speakers for n in group}


def _full_name_candidates(people: list[str], lex: Lexicon) -> dict[str, set[str]]:
    """For each one-word person name, the full names it may stand for (:func:`name_ends`)."""
    by_end: dict[str, set[str]] = defaultdict(set)
    single: dict[str, str] = {}
    for n in people:
        words = _key_words(_name_words(n, "person", lex))
        if len(words) > 1:
            for word in name_ends(words):
                by_end[word].add(n)
        elif words:
            single[n] = words[0]
    return {n: by_end[word] for n, word in single.items() if word in by_end}


def name_ends(words: Sequence[str]) -> list[str]:
    """The words of a full name that the name alone may stand for: the surname ("Peskov"),
    and the first word of a longer name, a family name written first ("Yoon" of "Yoon Suk
    Yeol"), unless it is a given name ("Robert" is not Robert Gabriel Mugabe, nor
    "Bernadette" Bernadette Quayle)."""
    words = [w for w in words if w not in NAME_SUFFIXES] or list(words)
    return [words[0], words[-1]] if len(words) > 2 and words[0] not in GIVEN_NAMES else [words[-1]]


def _institution_candidates(orgs: list[str], key: dict[str, str]) -> dict[str, set[str]]:
    """For each institution name that carries its place ("Russian Embassy"), the most
    specific institutions containing all its words; one that does not ("Ministry of Foreign
    Affairs") may be any country's."""
    words = {n: frozenset(key[n].split()) - NAME_LINKERS for n in orgs}
    heads = {n: _head(key[n].split()) for n in orgs}
    by_word: dict[str, set[str]] = defaultdict(set)
    for n in orgs:
        if heads[n] in INSTITUTIONS:
            for word in words[n]:
                by_word[word].add(n)
    candidates = {}
    for n in orgs:
        if heads[n] not in INSTITUTIONS or not words[n] & PLACE_WORDS:
            continue
        wider = set.intersection(*(by_word.get(w, set()) for w in words[n]))
        ordered = sorted(
            (m for m in wider if heads[m] == heads[n] and words[m] > words[n]),
            key=lambda m: (-len(words[m]), m),
        )
        widest: list[str] = []
        for m in ordered:
            if not any(words[m] < words[o] for o in widest):
                widest.append(m)
        if widest:
            candidates[n] = set(widest)
    return candidates


def _canonical(group: list[str], kind: str, counts: Counter[str], lex: Lexicon) -> str:
    """The most complete (most words, most capitalised, no possessive), then most frequent form.

    A short acronym ("KCNA", "NATO", "TASS") wins: it is how the organisation is known.
    """
    displays: Counter[str] = Counter()
    for n in group:
        displays[_display(n, kind, lex)] += counts[n]
    if kind == "organisation":
        short = [d for d in displays if d.isalpha() and d.isupper() and len(d) >= 3]
        if short:
            return min(short, key=lambda d: (-displays[d], d))

    def rank(display: str) -> tuple:
        words = display.split()
        return (
            -len(_key_words(words)),
            -sum(1 for w in words if w[:1].isupper()),
            "'s" in display,
            -displays[display],
            len(display),
            display,
        )

    return min(displays, key=rank)


def _aliases(group: list[str], name: str, written: dict[str, set[str]]) -> list[str]:
    found = {name, *(scope_of(n)[0] for n in group)}
    for n in group:
        found |= written[n]
    return sorted(a for a in found if a.lower() not in PRONOUNS or a.isupper())


def _ranked(counter: Counter[str]) -> list[str]:
    return [item for item, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def distinguish(speakers: list[Speaker]) -> None:
    """Two speakers with one slug (two unresolved "Kim"s) get "-2", "-3" in a fixed order."""
    taken = {s.id for s in speakers}
    seen: set[str] = set()
    for speaker in sorted(speakers, key=lambda s: (s.id, s.kind, s.name, s.aliases)):
        if speaker.id in seen:
            n = 2
            while f"{speaker.id}-{n}" in taken:
                n += 1
            speaker.id = f"{speaker.id}-{n}"
            taken.add(speaker.id)
        seen.add(speaker.id)
