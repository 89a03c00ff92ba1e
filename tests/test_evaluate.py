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
