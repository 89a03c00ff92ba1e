"""Fitting the confidence model (quotes calibrate) on annotated articles."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run

from quotes.calibrate import MIN_MEASURED, fit, held_back
from quotes.datasette.serve import load_metadata
from quotes.extract.confidence import MODEL, Model

DEV = Path(__file__).parent / "data" / "dev"
DEV3 = Path(__file__).parent / "data" / "dev3"


def test_the_same_articles_are_held_back_every_time():
    names = [f"article{n}.txt" for n in range(400)]
    held = [n for n in names if held_back(n)]
    assert held == [n for n in names if held_back(n)]
    assert 0.15 < len(held) / len(names) < 0.35


def test_calibrate_fits_weights_and_reports_on_held_back_articles(pipeline_loaded_once, tmp_path):
    out = tmp_path / "confidence.json"
    result = run("calibrate", "--set", str(DEV / "gold.jsonl"), str(DEV / "articles"),
                 "--set", str(DEV3 / "gold.jsonl"), str(DEV3 / "articles"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "ECE" in result.output and "threshold" in result.output
    data = json.loads(out.read_text())
    assert data["about"]["fitted_on"] > 50 and data["about"]["held_back"] > 0
    assert any(name.startswith("rule=") for name in data["weights"])
    model = Model.load(out)
    assert 0 < model({"rule=named_person": 1.0, "type=direct": 1.0}) < 1


def test_fitting_articles_whose_quotes_are_all_right_are_one_line(nlp, tmp_path):
    # a gold annotation made of the extractor's own output: every quote found is right
    articles = sorted((DEV / "articles").glob("*.txt"))[:8]
    assert any(held_back(a.name) for a in articles) and not all(held_back(a.name) for a in articles)
    gold = tmp_path / "gold.jsonl"
    with gold.open("w") as out:
        for article in articles:
            for q in nlp(article.read_text())._.quotes:
                record = q.record()
                out.write(json.dumps({"article": article.name, "type": record.type, "quote": record.quote,
                                      "start": record.start, "end": record.end, "speaker": record.speaker.name,
                                      "speaker_aliases": [], "optional": False}) + "\n")
    result = run("calibrate", "--set", str(gold), str(DEV / "articles"), "-o", str(tmp_path / "c.json"))
    assert result.exit_code == 1 and "are right: a model needs both" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "c.json").exists()


def test_too_few_articles_to_hold_some_back_is_one_line(pipeline_loaded_once, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text((DEV / "gold.jsonl").read_text().splitlines()[0] + "\n")
    result = run("calibrate", "--set", str(gold), str(DEV / "articles"), "-o", str(tmp_path / "c.json"))
    assert result.exit_code == 1 and "too few annotated articles" in result.output
    assert not (tmp_path / "c.json").exists()


def test_the_shipped_model_shows_a_named_speaker_and_not_an_unknown_one():
    threshold = load_metadata()["plugins"]["quotes"]["min_confidence"]
    named = MODEL({"rule=named_person": 1.0, "kind=person": 1.0, "full_name": 1.0, "type=direct": 1.0})
    unknown = MODEL({"rule=none": 1.0, "kind=none": 1.0, "type=direct": 1.0})
    assert named > threshold > unknown


def test_a_way_of_finding_quotes_the_model_was_not_fitted_on_is_unsure():
    sure = {"rule=named_person": 1.0, "kind=person": 1.0, "full_name": 1.0, "type=indirect": 1.0}
    unfitted = Model(MODEL.bias, {k: w for k, w in MODEL.weights.items() if not k.startswith("cue_kind=")})
    assert unfitted(sure) > 0.75
    assert unfitted({**sure, "cue_kind=stance": 1.0}) <= 0.5
    fitted = Model(MODEL.bias, {**unfitted.weights, "cue_kind=stance": 0.1})
    assert fitted({**sure, "cue_kind=stance": 1.0}) > 0.75


def test_a_way_of_finding_quotes_annotated_a_few_times_gets_no_weight():
    plain = [{"features": {"type=indirect": 1.0}, "_ok": n % 10 != 0} for n in range(200)]
    few = [{"features": {"type=indirect": 1.0, "cue_kind=stance": 1.0}, "_ok": n % 2 == 0}
           for n in range(MIN_MEASURED - 1)]
    assert "cue_kind=stance" not in fit(plain + few).weights
    many = few + [{"features": {"type=indirect": 1.0, "cue_kind=stance": 1.0}, "_ok": False}] * 5
    assert fit(plain + many).weights["cue_kind=stance"] < 0


def test_a_quote_nobody_is_named_for_is_never_sure():
    generous = Model(5.0, {"type=direct": 3.0})
    assert generous({"type=direct": 1.0, "kind=person": 1.0}) > 0.99
    assert generous({"type=direct": 1.0, "kind=none": 1.0}) <= 0.5
