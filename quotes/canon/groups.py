"""Quote groups: one speaker's quotes that report the same statement in different articles.

Two quotes of one speaker in different articles say the same thing when their content words
have Jaccard >= 0.5, or when an indirect/mixed rendering's words are >= 0.6 contained in a
direct/mixed quote (:func:`matching`). A group is a connected set of two quotes or more.
Adding quotes can only join sets and removing quotes can only split the set they were in, so
groups can be kept up to date without comparing every quote again (quotes.store).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import NamedTuple

from ..lexicon import STOPWORDS
from .partition import Partition

WORD = re.compile(r"\w+")
# An indirect rendering shorter than this is contained in too much to be evidence.
MIN_CONTAINED_WORDS = 3


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


class Said(NamedTuple):
    """A quote as grouping sees it."""

    article: str
    kind: str  # direct, indirect or mixed
    words: frozenset[str]


def joined(quotes: Mapping[int, Said], units: Mapping[int, str], new: Iterable[int]) -> list[list[str]]:
    """Sets of ``units`` (a group or a lone quote each) that the ``new`` quotes join together.

    ``quotes`` are one speaker's quotes, or at least every one that shares a word with a new
    quote; ``units`` gives each quote's unit (the group it is in, or its own). Each new quote
    is compared with the quotes that share a word with it, by counting the words shared. The
    sets of more than one unit are returned.
    """
    new = list(new)
    wanted = frozenset().union(*(quotes[key].words for key in new))
    postings: dict[str, list[int]] = defaultdict(list)
    for key, said in quotes.items():
        for word in said.words & wanted:
            postings[word].append(key)
    partition: Partition[str] = Partition(set(units.values()))
    for key in new:
        said = quotes[key]
        size = len(said.words)
        shared = Counter(chain.from_iterable(postings[word] for word in said.words))
        for other, count in shared.items():
            theirs = quotes[other]
            if (units[other] != units[key] and theirs.article != said.article
                    and matching(size, said.kind, len(theirs.words), theirs.kind, count)):
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
