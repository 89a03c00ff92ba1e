"""The spaCy components: ``quotes`` sets ``doc._.quotes``; ``quote_paragraphs`` breaks sentences at lines.

The rules follow English news style:

* direct quotes are runs of text between quotation marks that read as speech (a clause, not
  a label or scare-quoted fragment), attributed by a reporting cue before, inside or after
  them, or continuing the speaker of the paragraph before (:mod:`.marks`, :mod:`.direct`);
* indirect quotes are the clausal complement of a reporting verb ("said (that) ...",
  "..., the ministry said"), "according to X", nominal cues ("expressed concern that ...")
  and characterisations ("described X as ...") (:mod:`.cues`, :mod:`.content`);
* mixed quotes are indirect quotes that carry a quoted fragment.

Speakers are the subject (or passive agent) of the cue; :mod:`.resolve` turns the mention
into a name within the article.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from ..records import UNKNOWN, Attribution, QuoteRecord
from .cues import Cue, find_cues
from .direct import attribution_for, colon_attribution, continues, merge_split_quotes
from .marks import has_fragment, in_ranges, overlaps_direct, quoted_runs, speech_like
from .resolve import Resolver

PACKAGE = Path(__file__).resolve().parent.parent


def code_version(package: Path = PACKAGE) -> str:
    """A hash of the code and word lists extraction runs on: stored with each article, so
    that ``quotes ingest --reextract`` redoes what older rules extracted."""
    sources = [*sorted((package / "extract").glob("*.py")), package / "lexicon.py", package / "records.py",
               package / "canon" / "roles.py", package / "canon" / "speakers.py"]
    digest = hashlib.sha1()
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = code_version()

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("skip"):
    # Character ranges (boilerplate, headline, captions) that hold no quotes of the article.
    Doc.set_extension("skip", default=None)


@dataclass
class Quote:
    """One attributed statement. ``content`` may span several sentences or paragraphs."""

    content: Span
    type: str
    cue: Span | None = None
    mention: Span | None = None  # the speaker as written: "he", "Kremlin spokesman Dmitry Peskov"
    speaker: Attribution = UNKNOWN  # who that is, within the article
    channel: str | None = None
    via: str | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # the words quoted; a quote split by its attribution is joined back together

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.content.text

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else self.content.start_char

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else self.content.end_char

    def record(self) -> QuoteRecord:
        """The quote as plain values, for storage."""
        doc = self.content.doc
        # Whitespace is not part of a sentence: blank lines, or boilerplate blanked before the parse.
        first = [t for t in doc[self.content.start].sent if not t.is_space]
        last = [t for t in doc[self.content.end - 1].sent if not t.is_space]
        return QuoteRecord(
            quote=self.text, type=self.type, start=self.start, end=self.end,
            sentence_start=first[0].idx, sentence_end=last[-1].idx + len(last[-1]),
            cue=self.cue.text if self.cue is not None else None,
            cue_lemma=" ".join(t.lemma_.lower() for t in self.cue) if self.cue is not None else None,
            speaker_mention=self.mention.text if self.mention is not None else None,
            speaker=self.speaker, channel=self.channel, via=self.via,
        )


@Language.factory("quote_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


class ParagraphBreaks:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, captions and paragraphs on lines of their own; without this
    the parser glues a headline to the first paragraph and a cue to the wrong clause.
    """

    def __call__(self, doc: Doc) -> Doc:
        # The break itself opens the sentence: marking the word after it instead makes the
        # small English parser cut that word off as a sentence of its own.
        for token in doc[1:]:
            if "\n" in token.text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc


@Language.factory(
    "quotes",
    default_config={"words": {}, "extra_words": {}},
    requires=["token.dep", "token.lemma"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str, words: dict[str, list[str]],
                extra_words: dict[str, list[str]]) -> QuoteFinder:
    """``words`` replaces whole word lists of :class:`~quotes.lexicon.Lexicon` (by field
    name, e.g. ``reporting_verbs``); ``extra_words`` adds to them."""
    return QuoteFinder(Lexicon.from_config(words, extra_words))


class QuoteFinder:
    """Sets ``doc._.quotes``. Reads ``doc._.skip`` (character ranges to ignore) if set."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self.lexicon)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.lexicon.to_disk(path / "lexicon.json")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> QuoteFinder:
        self.lexicon = Lexicon.from_disk(Path(path) / "lexicon.json")
        return self


def find_quotes(doc: Doc, lex: Lexicon) -> list[Quote]:
    """All quotes of a parsed document, in reading order, with their speakers resolved."""
    skip = sorted(doc._.skip or [])
    text = doc.text  # built from the tokens on every access: read it once
    runs = quoted_runs(text, skip)
    quoted = sorted(p for run in runs for p in run)
    direct_runs = [run for run in runs if speech_like(" ".join(text[s:e] for s, e in run))]
    direct_chars = sorted(p for run in direct_runs for p in run)
    # A verb of saying inside quotation marks is part of what was quoted, not an attribution.
    cues = [c for c in find_cues(doc, skip, lex) if not in_ranges(c.verb.idx, quoted)]

    found: list[tuple[Quote, Cue | None]] = []
    # Direct quotes first: a cue whose content lies inside one is its attribution.
    attributed = {n: attribution_for(doc, text, run, cues, direct_chars, lex) or colon_attribution(doc, text, run, lex)
                  for n, run in enumerate(direct_runs)}
    for run, cue in merge_split_quotes(text, direct_runs, attributed, runs):
        span = doc.char_span(run[0][0], run[-1][1], alignment_mode="expand")
        if span is not None and len(span):
            words = " ".join(text[s:e].strip() for s, e in run)
            found.append((Quote(content=span, type="direct", pieces=list(run), text=words,
                                cue=cue.cue if cue and len(cue.cue) else None), cue))
    for cue in cues:
        for content in cue.content:
            if len(content) == 0 or overlaps_direct(content, direct_chars):
                continue
            kind = "mixed" if has_fragment(content, quoted) else "indirect"
            quote = Quote(content=content, type=kind, cue=cue.cue)
            if cue.cut is not None and content.start < cue.cut[0] and cue.cut[1] < content.end:
                # "Beyond that, he said, the board may ...": one quote of the two pieces
                quote.pieces = [(content.start_char, doc[cue.cut[0] - 1].idx + len(doc[cue.cut[0] - 1])),
                                (doc[cue.cut[1]].idx, content.end_char)]
                quote.text = " ".join(text[s:e] for s, e in quote.pieces)
            found.append((quote, cue))

    resolver = Resolver(doc, lex)
    kept: list[Quote] = []
    for quote, cue in sorted(found, key=lambda pair: pair[0].start):
        if cue is not None:
            speech = resolver.attribute(cue.subject, cue.verb, cue.passive_agent)
            quote.mention, quote.speaker = speech.mention, speech.speaker
            quote.channel, quote.via = speech.channel, speech.via
        elif kept and quote.type == "direct" and kept[-1].mention is not None \
                and continues(text, kept[-1].end, quote.start, opens_paragraph=kept[-1].type != "direct"):
            quote.mention, quote.speaker = kept[-1].mention, kept[-1].speaker
        else:
            continue  # quoted words nobody is said to have said: a title, a slogan, a sign
        kept.append(quote)
    return kept

