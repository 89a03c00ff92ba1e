"""How likely a quote and its speaker are both right, from how they were found.

A reader should be able to tell an attribution the rules are sure of ("...," Peskov told
reporters) from one they guessed (a "he" three paragraphs after the last person named). The
estimate is a logistic model over plain features of the quote (its type and cue, its length)
and of how its speaker was resolved (the rule, the kind of speaker, how far back the
antecedent lies, how many people the passage names). Its weights are fitted on the annotated
development sets by ``quotes calibrate`` and shipped beside this module as ``confidence.json``;
they count in the extractor version, like the code.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import lexicon

if TYPE_CHECKING:
    from .component import Quote
    from .referents import Names

WEIGHTS = Path(__file__).with_name("confidence.json")
PLAIN_CUES = frozenset({"say", "tell", "according to", "add"})
NEARBY_CHARS = 600  # how far back a competing person counts
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|our|us)\b")


def features(quote: Quote, names: Names) -> dict[str, float]:
    """The model's inputs for ``quote``: indicators (1.0) and a few scaled numbers."""
    speaker, text = quote.speaker, quote.content.doc.text
    cue = " ".join(t.lemma_.lower() for t in quote.cue) if quote.cue is not None else None
    found = {f"type={quote.type}": 1.0, f"rule={quote.rule or 'none'}": 1.0,
             f"kind={speaker.kind or 'none'}": 1.0,
             "cue=plain" if cue in PLAIN_CUES else "cue=none" if cue is None else "cue=other": 1.0,
             "words": math.log1p(len(quote.text.split())) / 4, "split": float(len(quote.pieces) > 1),
             "question": float(quote.text.rstrip(" ,.\"”’'").endswith("?"))}
    if cue is not None:
        found[f"cue={cue}"] = 1.0  # the verb itself: "said" is surer than "suggested"
    if quote.type != "direct":
        found["first_person"] = float(bool(FIRST_PERSON.search(quote.text)))  # reported speech shifts person
    if speaker.kind == "person" and speaker.name:
        found["full_name"] = float(" " in speaker.name)
    if speaker.name:
        found["described"] = float(speaker.name[:1].islower())  # "report", "senior official": no name
    mention = quote.mention
    if mention is not None:
        found["mention_words"] = min(len(mention), 8) / 8
        found["pronoun"] = float(len(mention) == 1 and mention[0].lower_ in lexicon.SPEAKER_PRONOUNS)
        start = mention.start_char
        nearby = {names.full_name(p.name) for p in names.people if start - NEARBY_CHARS < p.start < start}
        found["people_nearby"] = min(len(nearby), 4) / 4
    if quote.antecedent is not None and mention is not None:
        gap = max(0, mention.start_char - quote.antecedent[1])
        found["antecedent_far"] = math.log1p(gap / 100) / 4
        found["paragraphs_back"] = min(text.count("\n\n", quote.antecedent[1], mention.start_char), 4) / 4
    return found


@dataclass(frozen=True)
class Model:
    """A logistic model: ``bias`` plus the weighted sum of the features, through the sigmoid."""

    bias: float
    weights: Mapping[str, float]

    def __call__(self, found: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in found.items())
        return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 3)

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})

    def save(self, path: Path, about: Mapping[str, object]) -> None:
        data = {"about": dict(about), "bias": round(self.bias, 5),
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())}}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


MODEL = Model.load()
