"""Fit the confidence model on annotated articles (``quotes calibrate``).

Every annotated set (a gold file and its folder of articles) is extracted without a database;
each quote found is marked right or wrong end to end by the scorer's rules (the quote matches a
gold quote and its speaker is the gold one) and a logistic regression (scikit-learn's) is
fitted on the features :mod:`quotes.extract.confidence` computes. A share of every set's
articles, chosen by a hash of the article's name so that every run holds back the same ones,
is never fitted on: the calibration report and the choice of a threshold are made on those.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import DEFAULT_MODEL
from .evaluate import calibration, load_gold, score
from .extract.component import quotes_of
from .extract.confidence import UNMEASURED, Model
from .extract.pipeline import load, unparsed
from .readers import ReadError, iter_articles

HELD_BACK = 4  # one article in four
REGULARISATION = 0.3  # scikit-learn's C: smaller is smoother, and held-back calibration was best near 0.3
# A way of finding quotes (``cue_kind=...``) annotated fewer times than this gets no weight: a
# handful of examples, shrunk towards zero by the regularisation, would let such quotes through
# as sure as plain ones (the model then holds them at most UNSURE).
MIN_MEASURED = 20


def held_back(article: str) -> bool:
    return int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % HELD_BACK == 0


def predictions(nlp: Any, gold: list[dict], articles_dir: Path) -> list[dict]:
    """The quotes found in the gold's articles, as the scorer reads predictions, with features."""
    found = []
    for name in sorted({g["article"] for g in gold}):
        for article in iter_articles([str(articles_dir / name)]):
            if isinstance(article, ReadError):
                continue
            for quote in quotes_of(nlp(unparsed(nlp, article))):
                found.append({"article": name, "quote": quote.text, "type": quote.type,
                              "speaker": quote.speaker.name,
                              "speaker_mention": quote.mention.text if quote.mention is not None else None,
                              "start": quote.start, "end": quote.end, "features": quote.features})
    return found


def labelled(sets: Iterable[tuple[Path, Path]], model: str = DEFAULT_MODEL) -> list[dict]:
    """Predictions of every set, each with ``_ok`` (right end to end, or None when it lies only
    on optional gold quotes) and ``held_back``."""
    nlp, rows = load(model), []
    for gold_path, articles_dir in sets:
        gold = load_gold(str(gold_path))
        pred = predictions(nlp, gold, articles_dir)
        score(gold, pred)  # marks each prediction
        rows += [{**p, "set": gold_path.parent.name or gold_path.stem, "held_back": held_back(p["article"])}
                 for p in pred if p.get("_ok") is not None]
    return rows


def fit(rows: Sequence[dict]) -> Model:
    """The logistic model fitted on ``rows`` (features and ``_ok``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    x = vectors.fit_transform([r["features"] for r in rows])
    regression = LogisticRegression(C=REGULARISATION, max_iter=1000).fit(x, [bool(r["_ok"]) for r in rows])
    weights = dict(zip(vectors.get_feature_names_out(), regression.coef_[0], strict=True))
    seen = Counter(k for r in rows for k in r["features"] if k.startswith(UNMEASURED))
    return Model(float(regression.intercept_[0]), {k: float(v) for k, v in weights.items()
                                                   if v and not (k.startswith(UNMEASURED) and seen[k] < MIN_MEASURED)})


def thresholds(rows: Sequence[dict], model: Model) -> list[dict]:
    """At each threshold: the share of predictions shown, their precision end to end, and the
    share of the right ones kept (the recall a site showing them keeps)."""
    scored = [(model(r["features"]), bool(r["_ok"])) for r in rows]
    if not scored:
        return []
    right = sum(ok for _, ok in scored) or 1
    table = []
    for step in range(0, 100, 5):
        t = step / 100
        shown = [ok for c, ok in scored if c >= t]
        table.append({"threshold": t, "shown": round(len(shown) / len(scored), 3),
                      "precision": round(sum(shown) / len(shown), 3) if shown else 1.0,
                      "recall_kept": round(sum(shown) / right, 3)})
    return table


def report(rows: Sequence[dict], model: Model) -> dict:
    """Calibration and thresholds on the held-back rows, with the model's confidence."""
    held = [{**r, "confidence": model(r["features"])} for r in rows if r["held_back"]]
    return {"fitted_on": sum(not r["held_back"] for r in rows), "held_back": len(held),
            "calibration": calibration(held), "thresholds": thresholds(held, model)}
