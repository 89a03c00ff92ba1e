"""Union-find: the connected sets of the items that matching rules pair up."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T", int, str)  # ordered, so that a set's root is its smallest item


class Partition(Generic[T]):
    """Disjoint sets of items. A set's root is its smallest item, so the sets and their roots
    never depend on the order in which pairs were joined."""

    def __init__(self, items: Iterable[T]):
        self.parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def sets(self) -> list[list[T]]:
        """The sets, each in the order its items were given, ordered by their first item."""
        members: dict[T, list[T]] = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return list(members.values())
