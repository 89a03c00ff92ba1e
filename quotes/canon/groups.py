"""Quote groups: one speaker's quotes that report the same statement in different articles."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from itertools import chain

from ..lexicon import STOPWORDS
from .partition import Partition

WORD = re.compile(r"\w+")
# An indirect rendering shorter than this is contained in too much to be evidence.
MIN_CONTAINED_WORDS = 3


def content_words(text: str) -> frozenset[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return frozenset(WORD.findall(text.lower())) - STOPWORDS


def same_statements(bucket: list[tuple]) -> list[list[tuple]]:
    """Connected sets of one speaker's quotes that say the same thing in different articles.

    Two quotes match when their content words have Jaccard >= 0.5, or when an
    indirect/mixed rendering's words are >= 0.6 contained in a direct/mixed
    quote. Verbatim copies (the same words and type) are compared once, as one
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
    for row in bucket:
        copies[(content_words(row[4]), row[3])].append(row)
    nodes = list(copies)
    words = [ws for ws, _ in nodes]
    kinds = [kind for _, kind in nodes]
    articles = [frozenset(row[2] for row in copies[node]) for node in nodes]
    frequency = Counter(chain.from_iterable(words))
    rank = {w: r for r, w in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    ranked = [sorted(ws, key=rank.__getitem__) for ws in words]
    sizes = [len(ws) for ws in words]
    similar: dict[str, list[int]] = defaultdict(list)
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
        for j in candidates(similar, ws, (size + 1) // 2):
            if apart(i, j) and (other := find(j)) != root:
                if 3 * len(mine & words[j]) >= size + sizes[j]:
                    partition.union(other, root)
                    root = find(i)
        for w in ws[: size - (size + 1) // 2 + 2]:
            similar[w].append(i)
        if kinds[i] != "direct" and size >= MIN_CONTAINED_WORDS:
            # shared / size >= 0.6, i.e. 5 * shared >= 3 * size.
            for j in candidates(containers, ws, (3 * size + 4) // 5):
                if apart(i, j) and (other := find(j)) != root:
                    if 5 * len(mine & words[j]) >= 3 * size:
                        partition.union(other, root)
                        root = find(i)

    # A lone node is a group when its copies are in two articles or more.
    return [
        [row for i in members for row in copies[nodes[i]]]
        for members in partition.sets()
        if len(members) > 1 or (sizes[members[0]] and len(articles[members[0]]) > 1)
    ]
