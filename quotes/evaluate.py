"""Score extraction against a gold annotation, with the matching rules of the shared scorer.

A prediction matches a gold quote of the same article when their word sets overlap with
Jaccard >= 0.5, one-to-one, best pairs first; with ``overlap``, by character offsets instead
(:func:`score_overlap`). A speaker is right when the canonical name, or the mention as
written, is the gold name or an alias, case and punctuation folded, or the same name longer
or shorter ("House Speaker Paul Ryan" ~ "Paul Ryan"). Gold lines marked ``optional`` neither
count for recall nor against precision; ``speaker_unscored`` ones count as end-to-end hits
once found.
"""
from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from . import DEFAULT_MODEL, store

WORD = re.compile(r"\w+", re.UNICODE)
DROP = {"the", "a", "an", "of", "s"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").lower()
    return " ".join(w for w in WORD.findall(text.replace("-", " ")) if w not in DROP)


def words(text: str) -> set[str]:
    return set(WORD.findall(unicodedata.normalize("NFKC", text or "").lower()))


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def name_in(name: str, mention: str) -> bool:
    """``name`` (folded) names the speaker of ``mention`` (as written): the mention, or one of
    its comma-separated parts, is the name or ends with it ("House Speaker Paul Ryan" ~ "Paul
    Ryan"), or the name is a fuller form of a capitalised part ("Tapper" ~ "Jake Tapper")."""
    for part in [mention] + re.split(r",|\(| of | himself| herself", mention):
        folded = fold(part)
        if folded and (folded == name or folded.endswith(" " + name)
                       or (any(ch.isupper() for ch in part) and name.endswith(" " + folded))):
            return True
    return False


def speaker_ok(pred: dict, gold: dict) -> bool:
    """The predicted speaker (canonical name, or the mention as written) is the gold speaker,
    one of its aliases, or the same name in a longer or shorter form."""
    names = [gold["speaker"], *gold.get("speaker_aliases", [])]
    for field in ("speaker", "speaker_mention"):
        predicted = fold(pred.get(field) or "")
        if predicted and any(name_in(predicted, n) for n in names):
            return True
    return False


def prf(hits: int, npred: int, ngold: int) -> dict:
    p = hits / npred if npred else 0.0
    r = hits / ngold if ngold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _by_article(gold: list[dict], pred: list[dict]) -> dict[str, tuple[list, list]]:
    """The gold quotes and the predictions of each article."""
    found: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for g in gold:
        found[g["article"]][0].append(g)
    for p in pred:
        found[p.get("article", "")][1].append(p)
    return found


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Precision, recall and F1 of quotes and end to end, speaker and type accuracy; each
    prediction is marked ``_ok``: right end to end, wrong, or None (only on optional quotes)."""
    by_article = _by_article(gold, pred)
    tp = fp = fn = spk = typ = e2e = checked = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses, extras, wrong = [], [], []
    for article, (golds, preds) in by_article.items():
        pairs = sorted(((jaccard(words(g["quote"]), words(p.get("quote", ""))), gi, pi)
                        for gi, g in enumerate(golds) for pi, p in enumerate(preds)), reverse=True)
        used_g, used_p = set(), set()
        for sim, gi, pi in pairs:
            if sim < 0.5 or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = golds[gi], preds[pi]
            if g.get("optional"):
                p["_ok"] = None
                continue
            tp += 1
            by_type[g["type"]][0] += 1
            typ += p.get("type") == g["type"]
            if g.get("speaker_unscored"):
                e2e += 1
                p["_ok"] = True
                continue
            checked += 1
            ok = p["_ok"] = speaker_ok(p, g)
            spk += ok
            e2e += ok
            if not ok:
                wrong.append((article, g["speaker"], p.get("speaker"), g["quote"][:70]))
        for gi, g in enumerate(golds):
            if gi not in used_g and not g.get("optional"):
                fn += 1
                by_type[g["type"]][1] += 1
                misses.append((article, g["speaker"], g["quote"][:70]))
        for pi, p in enumerate(preds):
            if pi not in used_p:
                p["_ok"] = False
                fp += 1
                extras.append((article, p.get("speaker"), p.get("quote", "")[:70]))
    return {
        "gold": tp + fn, "predicted": tp + fp, "matched": tp,
        "quotes": prf(tp, tp + fp, tp + fn),
        "speaker_accuracy": round(spk / checked, 3) if checked else 0.0,
        "recall_by_type": {t: round(f / (f + m), 3) for t, (f, m) in sorted(by_type.items())},
        "end2end": prf(e2e, tp + fp, tp + fn),
        "type_accuracy": round(typ / tp, 3) if tp else 0.0,
        "misses": misses, "extras": extras, "wrong_speaker": wrong,
    }


def score_overlap(gold: list[dict], pred: list[dict]) -> dict:
    """Scoring by character offsets: a gold quote is found when predictions cover half of it
    (its speaker is that of the prediction covering most of it), and a prediction is right
    when half of it lies in gold quotes; splitting or joining quotes is not punished."""
    by_article = _by_article(gold, [p for p in pred if p.get("start") is not None and (p.get("end") or 0) > p["start"]])

    def overlap(a: dict, b: dict) -> int:
        return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))

    found = ngold = spk = checked = e2e_found = right = npred = e2e_right = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for golds, preds in by_article.values():
        for g in golds:
            if g.get("optional") or g["end"] <= g["start"]:
                continue
            ngold += 1
            cover = [(overlap(g, p), i) for i, p in enumerate(preds)]
            if sum(c for c, _ in cover) * 2 < g["end"] - g["start"]:
                by_type[g["type"]][1] += 1
                continue
            found += 1
            by_type[g["type"]][0] += 1
            if g.get("speaker_unscored"):
                e2e_found += 1
                continue
            checked += 1
            ok = speaker_ok(preds[max(cover)[1]], g)
            spk += ok
            e2e_found += ok
        for p in preds:
            inside = [(overlap(g, p), i) for i, g in enumerate(golds)]
            hit = sum(c for c, _ in inside) * 2 >= p["end"] - p["start"]
            if hit and all(golds[i].get("optional") for c, i in inside if c):
                p["_ok"] = None
                continue
            npred += 1
            p["_ok"] = False
            if hit:
                right += 1
                g = golds[max(inside)[1]]
                p["_ok"] = bool(g.get("speaker_unscored")) or speaker_ok(p, g)
                e2e_right += p["_ok"]

    def f1(p: float, r: float) -> float:
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    qp, qr = (right / npred if npred else 0.0), (found / ngold if ngold else 0.0)
    ep, er = (e2e_right / npred if npred else 0.0), (e2e_found / ngold if ngold else 0.0)
    return {
        "gold": ngold, "predicted": npred, "matched": found,
        "quotes": {"precision": round(qp, 3), "recall": round(qr, 3), "f1": f1(qp, qr)},
        "speaker_accuracy": round(spk / checked, 3) if checked else 0.0,
        "recall_by_type": {t: round(f / (f + m), 3) for t, (f, m) in sorted(by_type.items())},
        "end2end": {"precision": round(ep, 3), "recall": round(er, 3), "f1": f1(ep, er)},
        "misses": [], "extras": [], "wrong_speaker": [],
    }


# Confidence bands of the calibration table, as the shared scorer draws them.
BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def calibration(pred: list[dict]) -> dict:
    """For predictions scored by :func:`score` (which marks each right or not), grouped by
    confidence: how many, their mean confidence, the share right end to end; and the expected
    calibration error (the mean gap, weighted by group size). Optional-only ones are left out."""
    scored = [(float(p.get("confidence", 1.0)), bool(p["_ok"])) for p in pred if p.get("_ok") is not None]
    bands, ece = [], 0.0
    for low, high in BANDS:
        group = [(c, ok) for c, ok in scored if low <= c < high]
        if group:
            mean = sum(c for c, _ in group) / len(group)
            right = sum(ok for _, ok in group) / len(group)
            ece += abs(mean - right) * len(group) / len(scored)
            bands.append({"band": f"{low:.1f}-{min(high, 1.0):.1f}", "n": len(group),
                          "mean_confidence": round(mean, 3), "right": round(right, 3)})
    return {"bands": bands, "ece": round(ece, 3), "n": len(scored)}


def calibration_table(result: dict) -> str:
    lines = ["confidence   n   mean conf   right"]
    lines += [f"{b['band']}  {b['n']:5d}   {b['mean_confidence']:.3f}      {b['right']:.3f}" for b in result["bands"]]
    return "\n".join([*lines, f"ECE {result['ece']:.3f} over {result['n']} predictions"])


class GoldError(ValueError):
    """A gold file that is not one JSON object per line with the fields scoring needs."""


def load_gold(path: str) -> list[dict]:
    gold = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldError(f"{path}:{number}: not a JSON object ({error.msg})") from None
            missing = [k for k in ("article", "quote", "speaker", "type") if not isinstance(row, dict) or k not in row]
            if missing:
                raise GoldError(f"{path}:{number}: missing {', '.join(missing)}")
            gold.append(row)
    return gold


def evaluate(gold_path: str, articles_dir: str, model: str = DEFAULT_MODEL, overlap: bool = False,
             min_confidence: float | None = None) -> dict:
    """Ingest the gold's articles into a scratch database, export and score, as a user would;
    with ``min_confidence``, only the quotes a site showing those at or above it shows."""
    from .ingest import ingest

    gold = load_gold(gold_path)
    names = sorted({g["article"] for g in gold})
    paths = [str(Path(articles_dir) / name) for name in names if (Path(articles_dir) / name).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = str(Path(tmp) / "evaluate.db")
        ingest(db_path, paths, model=model, processes=1)
        db = store.open_db(db_path)
        pred = list(store.export_rows(db))
        db.close()
    if min_confidence is not None:
        shown = [p for p in pred if (p.get("confidence") or 0.0) >= min_confidence]
        kept = {"kept": len(shown), "of": len(pred), "min_confidence": min_confidence}
        pred = shown
    result = score_overlap(gold, pred) if overlap else score(gold, pred)
    result["calibration"] = calibration(pred)
    result["articles"] = len(paths)
    if min_confidence is not None:
        result["kept"] = kept
    return result


def report(result: dict, show: bool = False, as_json: bool = False, calibrated: bool = False) -> str:
    lines = [calibration_table(result["calibration"])] if calibrated else []
    if show:
        for title, rows in (("missed", result["misses"]), ("extra", result["extras"]),
                            ("wrong speaker", result["wrong_speaker"])):
            lines.append(f"-- {title}: {len(rows)}")
            lines.extend("   " + " | ".join(str(x) for x in row) for row in rows)
    if as_json:
        lines.append(json.dumps({k: v for k, v in result.items()
                                 if k not in ("misses", "extras", "wrong_speaker", "calibration")}))
    q, e = result["quotes"], result["end2end"]
    lines.append(
        f"quotes P={q['precision']:.3f} R={q['recall']:.3f} F1={q['f1']:.3f} | "
        f"speaker acc={result['speaker_accuracy']:.3f} | end2end F1={e['f1']:.3f} | "
        + (f"type acc={result['type_accuracy']:.3f} | " if "type_accuracy" in result else "")
        + "recall by type "
        + " ".join(f"{t}={r:.2f}" for t, r in result["recall_by_type"].items())
        + f" | gold={result['gold']} pred={result['predicted']}"
        + (" | kept {kept} of {of} predictions at confidence >= {min_confidence}".format(**result["kept"])
           if "kept" in result else ""))
    return "\n".join(lines)
