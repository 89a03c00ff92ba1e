"""Find quotes in parsed articles: the ``quotes`` spaCy component and its rules.

``nlp.add_pipe("quotes")`` keeps the quotes of a Doc in ``doc.spans["quotes"]``, with span
extensions for their speaker, cue, type ...; ``doc._.quotes`` (or :func:`quotes_of`) gives
the typed :class:`Quote` of each. The modules follow the steps: quotation :mod:`.marks`,
reporting :mod:`.cues` and their :mod:`.content`, the attribution of :mod:`.direct` quotes,
speaker :mod:`.mentions`, what they refer to (:mod:`.referents`) and their resolution to
names (:mod:`.resolve`).
"""
from .component import EXTRACTOR_VERSION, Quote, QuoteFinder, extractor_version, find_quotes, quotes_of
from .pipeline import ArticleTooLarge, Extractor, blank_out, extract, extract_or_fail, load

__all__ = ["EXTRACTOR_VERSION", "ArticleTooLarge", "Extractor", "Quote", "QuoteFinder", "blank_out", "extract",
           "extract_or_fail", "extractor_version", "find_quotes", "load", "quotes_of"]
