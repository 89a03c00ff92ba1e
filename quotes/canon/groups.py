"""Quote groups: one speaker's quotes that report the same statement in different articles.

Two quotes of one speaker in different articles say the same thing when their content words
have Jaccard >= 0.5, or when an indirect/mixed rendering's words are >= 0.6 contained in a
direct/mixed quote (:func:`matching`). A group is a connected set of two quotes or more.
Adding quotes can only join sets and removing quotes can only split the set they were in, so
groups can be kept up to date without comparing every quote again (quotes.store): a new
quote is compared only with the quotes its :func:`probes` find among the :func:`terms` of
its speaker's quotes, which include all those that can match it. A group's id is that of its
first member (:func:`group_id`), so a group that gains quotes keeps it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from ..lexicon import STOPWORDS
from .partition import Partition

WORD = re.compile(r"\w+")
# An indirect rendering shorter than this is contained in too much to be evidence.
MIN_CONTAINED_WORDS = 3


# Verbatim copies of a statement are common: a refresh reads them again and again.
@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return frozenset(WORD.findall(text.lower())) - STOPWORDS


def _matches(words: frozenset[str], kind: str, other: frozenset[str], other_kind: str) -> bool:
    """:func:`matching` for two quotes' content words; a quote without any matches nothing."""
    return bool(words and other) and matching(len(words), kind, len(other), other_kind, len(words & other))


def matching(size: int, kind: str, other_size: int, other_kind: str, shared: int) -> bool:
    """Whether two quotes of ``size`` and ``other_size`` content words, ``shared`` of them in
    common, say the same thing: Jaccard >= 0.5, i.e. 3 * shared >= size + other_size, or one
    contained in the other (:func:`_contained`)."""
    return (3 * shared >= size + other_size
            or _contained(size, kind, other_kind, shared) or _contained(other_size, other_kind, kind, shared))


def _contained(size: int, kind: str, quote_kind: str, shared: int) -> bool:
    """Whether an indirect/mixed rendering of ``size`` words sharing ``shared`` with a
    direct/mixed quote is contained in it: shared / size >= 0.6, i.e. 5 * shared >= 3 * size."""
    return kind != "direct" and quote_kind != "indirect" and size >= MIN_CONTAINED_WORDS and 5 * shared >= 3 * size


def group_id(quote_ids: Iterable[str]) -> str:
    """A group's id: stays the same as quotes join the group, unless one sorts before all."""
    return hashlib.sha1(min(quote_ids).encode()).hexdigest()[:16]


# A rendering's term under each of its first words (:func:`terms`): not a content word.
CONTAINED = "c:"


def terms(words: frozenset[str], kind: str) -> list[str]:
    """What a quote is found by in its speaker's word index: each of its content words and,
    for a rendering that can be contained in another quote, CONTAINED before each of its
    first words (:func:`_ordered`), of which any quote containing it holds one."""
    found = list(words)
    if kind != "direct" and len(words) >= MIN_CONTAINED_WORDS:
        # 5 * shared >= 3 * size: at most size - that many words can be missing.
        kept = len(words) - (3 * len(words) + 4) // 5 + 1
        found += [CONTAINED + word for word in _ordered(words)[:kept]]
    return found


class Probe(NamedTuple):
    """Where a quote finds, in its speaker's word index (:func:`terms`), every quote of the
    speaker that can match it (:func:`matching`): those that hold ``need`` of ``shared``
    or one of ``contained``."""

    shared: list[str]
    need: int
    contained: list[str]

    def among(self, lists: Mapping[str, Collection[int]]) -> set[int]:
        """The quotes found, given the index's list of quotes for each term looked up."""
        counts = Counter(quote for term in self.shared for quote in set(lists.get(term, ())))
        found = {quote for quote, count in counts.items() if count >= self.need}
        return found.union(*(lists.get(term, ()) for term in self.contained))


def probes(words: frozenset[str], kind: str, seen: Mapping[str, int]) -> Probe:
    """A quote that matches this one by Jaccard >= 0.5 or contains it shares half its words
    or more, so of any size - half + 1 of them it holds one, and of two words more it holds
    three: the rarest words are looked up (``seen``: in how many quotes each word is), whose
    lists are shortest, and a quote sharing one rare word by chance is passed over. A
    rendering this one contains holds one of its own first words, as CONTAINED terms."""
    if not words:
        return Probe([], 1, [])
    half = (len(words) + 1) // 2
    looked = min(len(words), len(words) - half + 3)
    rarest = sorted(words, key=lambda word: (seen.get(word, 0), word))[:looked]
    contained = [CONTAINED + word for word in words] if kind != "indirect" else []
    return Probe(rarest, half - (len(words) - looked), contained)


def _ordered(words: frozenset[str]) -> list[str]:
    """Words in one fixed order, longest (so most often rarest) first."""
    return sorted(words, key=lambda word: (-len(word), word))


class Said(NamedTuple):
    """A quote as grouping sees it."""

    article: str
    kind: str  # direct, indirect or mixed
    words: frozenset[str]


def joined(quotes: Mapping[int, Said], units: Mapping[int, str], near: Mapping[int, Iterable[int]]) -> list[list[str]]:
    """Sets of ``units`` (a group or a lone quote each) that new quotes join together.

    ``near`` maps each new quote to the quotes it may match, at least every one that does
    (keys missing from ``quotes`` are passed over); ``quotes`` are those of one speaker, and
    ``units`` gives each quote's unit (the group it is in, or its own). The sets of more
    than one unit are returned. A quote is not compared with those of a unit it joined
    already: ``quotes`` may find their words only when asked.
    """
    partition: Partition[str] = Partition(set(units.values()))
    for key, others in near.items():
        said = quotes[key]
        for other in others:
            if other not in quotes or partition.find(units[other]) == partition.find(units[key]):
                continue
            theirs = quotes[other]
            if theirs.article != said.article and _matches(said.words, said.kind, theirs.words, theirs.kind):
                partition.union(units[key], units[other])
    return [members for members in partition.sets() if len(members) > 1]


def same_statements(bucket: Sequence[tuple], known: Sequence[frozenset[str]] | None = None) -> list[list[tuple]]:
    """Connected sets of one speaker's quotes (rows: speaker, id, article, type, quote) that
    say the same thing in different articles; ``known`` are the rows' content words when the
    caller has them.

    Verbatim copies (the same words and type) are compared once, as one
    node holding every article they appear in: a statement that runs in
    thousands of articles would otherwise cost a comparison per pair of copies.
    Comparing every pair of nodes would be quadratic too, so only pairs that
    can match are compared (prefix filtering). Order each node's words rarest
    first: when a pair must share k of a node's n words, its two rarest shared
    words are among that node's first n - k + 2. For Jaccard this holds on both
    sides, so only those prefixes are indexed; for containment the rendering's
    prefix is looked up in all words of the direct quotes. A candidate must
    turn up twice before its words are compared.
    """
    if len({row[2] for row in bucket}) < 2:
        return []
    copies: dict[tuple[frozenset[str], str], list[tuple]] = defaultdict(list)
    for row, row_words in zip(bucket, known or [content_words(row[4]) for row in bucket], strict=True):
        copies[(row_words, row[3])].append(row)
    nodes = list(copies)
    words = [ws for ws, _ in nodes]
    kinds = [kind for _, kind in nodes]
    articles = [frozenset(row[2] for row in copies[node]) for node in nodes]
    frequency = Counter(chain.from_iterable(words))
    rank = {w: r for r, w in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    ranked = [sorted(ws, key=rank.__getitem__) for ws in words]
    sizes = [len(ws) for ws in words]
    alike: dict[str, list[int]] = defaultdict(list)
    containers: dict[str, list[int]] = defaultdict(list)
    for j, node_words in enumerate(words):
        if kinds[j] != "indirect":
            for w in node_words:
                containers[w].append(j)
    partition: Partition[int] = Partition(range(len(nodes)))
    find = partition.find

    def apart(i: int, j: int) -> bool:
        """Whether some copy of node i and some copy of node j are in different articles."""
        return len(articles[i]) > 1 or articles[i] != articles[j]

    def candidates(index: dict[str, list[int]], ranked_words: list[str], shared: int) -> set[int]:
        """Nodes in ``index`` that can share ``shared`` of ``ranked_words``."""
        size = len(ranked_words)
        if shared < 2:
            prefix = ranked_words[: size - shared + 1]
            return set(chain.from_iterable(index.get(w, ()) for w in prefix))
        once: set[int] = set()
        twice: set[int] = set()
        for w in ranked_words[: size - shared + 2]:
            found = index.get(w)
            if found:
                twice.update(once.intersection(found))
                once.update(found)
        return twice

    for i, ws in enumerate(ranked):
        size, mine = sizes[i], words[i]
        if not size:
            continue
        root = find(i)
        # shared / (size + theirs - shared) >= 0.5, i.e. 3 * shared >= size + theirs,
        # needs at least half of this node's words.
        for j in candidates(alike, ws, (size + 1) // 2):
            if apart(i, j) and (other := find(j)) != root and _matches(mine, kinds[i], words[j], kinds[j]):
                partition.union(other, root)
                root = find(i)
        for w in ws[: size - (size + 1) // 2 + 2]:
            alike[w].append(i)
        if kinds[i] != "direct" and size >= MIN_CONTAINED_WORDS:
            # 5 * shared >= 3 * size needs this many shared words.
            for j in candidates(containers, ws, (3 * size + 4) // 5):
                if apart(i, j) and (other := find(j)) != root and _matches(mine, kinds[i], words[j], kinds[j]):
                    partition.union(other, root)
                    root = find(i)

    # A lone node is a group when its copies are in two articles or more.
    return [
        [row for i in members for row in copies[nodes[i]]]
        for members in partition.sets()
        if len(members) > 1 or (sizes[members[0]] and len(articles[members[0]]) > 1)
    ]
