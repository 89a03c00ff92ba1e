"""How likely a quote and its speaker are both right, from how they were found.

A reader should be able to tell an attribution the rules are sure of ("...," Peskov told
reporters) from one they guessed (a "he" three paragraphs after the last person named). The
estimate is a logistic model over plain features of the quote (its type and cue, its length)
and of how its speaker was resolved (the rule, the kind of speaker, how far back the
antecedent lies, how many people the passage names: ``component.features``). Its weights are
fitted on the annotated development sets by ``quotes calibrate`` and shipped beside this
module as ``confidence.json``; they count in the extractor version, like the code.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

WEIGHTS = Path(__file__).with_name("confidence.json")

# Features of ways of finding a quote (``cue_kind=stance``, ...) that a model fitted without
# them, or on too few of them, cannot estimate: a quote found so is unsure, at most UNSURE,
# until the weights are fitted on annotations that hold enough such quotes.
UNMEASURED = "cue_kind="
UNSURE = 0.5
NOBODY = "kind=none"  # the feature of a quote whose speaker is unknown: at most UNSURE too


@dataclass(frozen=True)
class Model:
    """A logistic model: ``bias`` plus the weighted sum of the features, through the sigmoid."""

    bias: float
    weights: Mapping[str, float]

    def __call__(self, found: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in found.items())
        p = round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 3)
        if any(name.startswith(UNMEASURED) and name not in self.weights for name in found) or found.get(NOBODY):
            return min(p, UNSURE)  # (a quote nobody is named for is never a sure attribution)
        return p

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})

    def save(self, path: Path, about: Mapping[str, object]) -> None:
        data = {"about": dict(about), "bias": round(self.bias, 5),
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())}}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


MODEL = Model.load()
