"""The summary of a run: what an ingest or a merge did, counted as it goes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .extract import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from .store import ArticleState


SKIPPED = "skipped: "  # how a message about an input left out on purpose begins


@dataclass
class Summary:
    """What a run did, counted as it goes; ``on_error`` and ``on_progress`` hear of it at once."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # left out on purpose, e.g. pages in another language
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    on_error: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    on_progress: Callable[[int], None] | None = field(default=None, repr=False, compare=False)
    kinds: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)
        if self.on_error:
            self.on_error(message)

    def skip(self, message: str) -> None:
        self.skipped += 1
        if self.on_error:
            self.on_error(SKIPPED + message)

    def report(self, message: str) -> None:
        """A message from where failures are only text (a Dask worker): a skip or a failure."""
        if message.startswith(SKIPPED):
            self.skip(message.removeprefix(SKIPPED))
        else:
            self.fail(message)

    def admit(self, article_id: str, text_hash: str, stored: ArticleState | None, reextract: bool,
              version: str = EXTRACTOR_VERSION) -> bool:
        """Count an article that needs no extracting, given what is ``stored`` for it, as
        unchanged and return False; remember one that does as new or updated, until it is
        saved, and return True."""
        if stored is not None and stored.text_hash == text_hash and (
                not reextract or stored.extractor_version == version):
            self.unchanged += 1
            if self.on_progress:
                self.on_progress(1)
            return False
        self.kinds[article_id] = "updated" if stored else "new"
        return True

    def count_saved(self, article_id: str, quotes: int) -> None:
        """Count an admitted article, saved with its ``quotes``, as new or updated."""
        kind = self.kinds.pop(article_id, "new")
        setattr(self, kind, getattr(self, kind) + 1)
        self.quotes += quotes
