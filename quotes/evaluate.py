"""Score extraction against a gold annotation, with the matching rules of the shared scorer.

A prediction matches a gold quote of the same article when their word sets overlap with
Jaccard >= 0.5, one-to-one, best pairs first. Speakers are compared case- and
punctuation-folded, against the gold name or any alias; for people, a longer predicted name
ending with the gold name also counts. Gold lines marked ``optional`` neither count for
recall nor against precision; ``speaker_unscored`` ones count as end-to-end hits once found.
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


def speaker_ok(pred: str | None, gold: dict) -> bool:
    p = fold(pred or "")
    if not p:
        return False
    names = [fold(gold["speaker"])] + [fold(a) for a in gold.get("speaker_aliases", [])]
    if p in names:
        return True
    g = names[0].split()
    return len(g) >= 2 and p.endswith(" ".join(g))


def prf(hits: int, npred: int, ngold: int) -> dict:
    p = hits / npred if npred else 0.0
    r = hits / ngold if ngold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Precision, recall and F1 of quotes and end to end, speaker and type accuracy."""
    by_article: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for g in gold:
        by_article[g["article"]][0].append(g)
    for p in pred:
        by_article[p.get("article", "")][1].append(p)
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
                continue
            tp += 1
            by_type[g["type"]][0] += 1
            typ += p.get("type") == g["type"]
            if g.get("speaker_unscored"):
                e2e += 1
                continue
            checked += 1
            ok = speaker_ok(p.get("speaker"), g)
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


def evaluate(gold_path: str, articles_dir: str, model: str = DEFAULT_MODEL) -> dict:
    """Ingest the gold's articles into a scratch database, export and score, as a user would."""
    from .ingest import ingest

    with open(gold_path, encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    names = sorted({g["article"] for g in gold})
    paths = [str(Path(articles_dir) / name) for name in names if (Path(articles_dir) / name).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = str(Path(tmp) / "evaluate.db")
        ingest(db_path, paths, model=model, processes=1)
        db = store.open_db(db_path)
        pred = list(store.export_rows(db))
        db.close()
    result = score(gold, pred)
    result["articles"] = len(paths)
    return result


def report(result: dict, show: bool = False, as_json: bool = False) -> str:
    lines = []
    if show:
        for title, rows in (("missed", result["misses"]), ("extra", result["extras"]),
                            ("wrong speaker", result["wrong_speaker"])):
            lines.append(f"-- {title}: {len(rows)}")
            lines.extend("   " + " | ".join(str(x) for x in row) for row in rows)
    if as_json:
        lines.append(json.dumps({k: v for k, v in result.items()
                                 if k not in ("misses", "extras", "wrong_speaker")}))
    q, e = result["quotes"], result["end2end"]
    lines.append(
        f"quotes P={q['precision']:.3f} R={q['recall']:.3f} F1={q['f1']:.3f} | "
        f"speaker acc={result['speaker_accuracy']:.3f} | end2end F1={e['f1']:.3f} | "
        f"type acc={result['type_accuracy']:.3f} | recall by type "
        + " ".join(f"{t}={r:.2f}" for t, r in result["recall_by_type"].items())
        + f" | gold={result['gold']} pred={result['predicted']}")
    return "\n".join(lines)
