"""Find quotes in parsed articles: the ``quotes`` spaCy component and its rules.

``nlp.add_pipe("quotes")`` sets ``doc._.quotes`` to a list of :class:`Quote`; the modules
follow the steps: quotation :mod:`.marks`, reporting :mod:`.cues` and their :mod:`.content`,
the attribution of :mod:`.direct` quotes, speaker :mod:`.mentions`, what they refer to
(:mod:`.referents`) and their resolution to names (:mod:`.resolve`).
"""
from .component import EXTRACTOR_VERSION, Quote, QuoteFinder, find_quotes
from .pipeline import TooLarge, blank_out, extract, extract_or_fail, load

__all__ = ["EXTRACTOR_VERSION", "Quote", "QuoteFinder", "TooLarge", "blank_out", "extract", "extract_or_fail",
           "find_quotes", "load"]
