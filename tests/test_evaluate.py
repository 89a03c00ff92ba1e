"""Scoring against a gold annotation: the matching rules of the shared scorer."""
from __future__ import annotations

import pytest

from quotes.evaluate import GoldError, load_gold, score, score_overlap, speaker_ok

GOLD = {"article": "a.txt", "type": "direct", "quote": "We will rebuild the bridge by spring.",
        "start": 10, "end": 46, "speaker": "Paul Ryan", "speaker_aliases": ["Ryan"]}


@pytest.mark.parametrize("speaker, mention, ok", [
    ("Paul Ryan", None, True),
    ("House Speaker Paul Ryan", None, True),  # a longer form
    ("Ryan", None, True),  # an alias
    (None, "he", False),
    ("", "Speaker Paul Ryan", True),  # the mention as written
    ("Paul Ryan's office", None, False),
    ("Ryan aides", None, False),
])
def test_a_speaker_is_right_by_name_alias_or_mention(speaker, mention, ok):
    assert speaker_ok({"speaker": speaker, "speaker_mention": mention}, GOLD) is ok


def test_word_matching_needs_half_the_words():
    near = {"article": "a.txt", "quote": "we will rebuild the bridge", "speaker": "Ryan", "type": "direct"}
    far = {"article": "a.txt", "quote": "the bridge", "speaker": "Ryan", "type": "direct"}
    assert score([GOLD], [near])["quotes"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert score([GOLD], [far])["quotes"]["recall"] == 0.0


def test_overlap_scoring_does_not_punish_a_split_quote():
    halves = [{"article": "a.txt", "quote": "We will rebuild", "start": 10, "end": 25, "speaker": "Ryan"},
              {"article": "a.txt", "quote": "the bridge by spring.", "start": 26, "end": 46, "speaker": "Ryan"}]
    result = score_overlap([GOLD], halves)
    assert result["quotes"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["end2end"]["f1"] == 1.0
    assert score([GOLD], halves)["quotes"]["precision"] == 0.5  # by words, one half is an extra


def test_a_bad_gold_file_names_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"article": "a.txt", "quote": "x", "speaker": "y", "type": "direct"}\n\nnot json\n')
    with pytest.raises(GoldError, match=r"gold.jsonl:3: not a JSON object"):
        load_gold(str(path))


def test_each_prediction_is_marked_right_wrong_or_optional():
    optional = {**GOLD, "quote": "Nothing else is planned.", "start": 50, "end": 74, "optional": True}
    right = {"article": "a.txt", "quote": "We will rebuild the bridge by spring.", "speaker": "Ryan"}
    extra = {"article": "a.txt", "quote": "taxes will rise", "speaker": "Ryan"}
    on_optional = {"article": "a.txt", "quote": "Nothing else is planned.", "speaker": "Ryan"}
    score([GOLD, optional], [right, extra, on_optional])
    assert (right["_ok"], extra["_ok"], on_optional["_ok"]) == (True, False, None)


def test_calibration_compares_each_band_with_the_share_right():
    from quotes.evaluate import calibration, calibration_table

    pred = [{"confidence": 0.95, "_ok": True}, {"confidence": 0.95, "_ok": False},
            {"confidence": 0.6, "_ok": True}, {"confidence": 0.3, "_ok": None}]
    result = calibration(pred)
    assert result["n"] == 3  # the optional one is left out
    assert result["bands"] == [{"band": "0.5-0.7", "n": 1, "mean_confidence": 0.6, "right": 1.0},
                               {"band": "0.9-1.0", "n": 2, "mean_confidence": 0.95, "right": 0.5}]
    assert result["ece"] == pytest.approx((0.4 * 1 + 0.45 * 2) / 3, abs=0.001)
    assert calibration_table(result).splitlines()[-1] == "ECE 0.433 over 3 predictions"


def test_evaluate_at_a_threshold_scores_only_what_is_kept(pipeline_loaded_once, tmp_path):
    from quotes.evaluate import evaluate

    (tmp_path / "a.txt").write_text('"We will rebuild the bridge by spring," House Speaker Paul Ryan said.\n')
    gold = tmp_path / "gold.jsonl"
    gold.write_text(__import__("json").dumps({**GOLD, "start": 1, "end": 37}) + "\n")
    everything = evaluate(str(gold), str(tmp_path))
    assert everything["end2end"]["f1"] == 1.0 and everything["calibration"]["n"] == 1
    nothing = evaluate(str(gold), str(tmp_path), min_confidence=1.0)
    assert nothing["kept"] == {"kept": 0, "of": 1, "min_confidence": 1.0}
    assert nothing["end2end"]["recall"] == 0.0
