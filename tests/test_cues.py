"""Cues of English news reporting beyond 'X said Y': inserted and relative attributions,
requests and questions, relays, documents as sources and speech acts with a noun phrase."""
import pytest
from conftest import only

# -- inserted and relative attributions -------------------------------------------------

@pytest.mark.parametrize("text, content, mention", [
    ("Councillors, the mayor noted, have seen such budgets vanish before.",
     "Councillors have seen such budgets vanish before", "the mayor"),
    ("Beyond that, he said, the board may follow a lead from the province.",
     "Beyond that the board may follow a lead from the province", "he"),
    ("In between, she testified, she was held in a locked room by three officers.",
     "In between she was held in a locked room by three officers", "she"),
])
def test_an_inserted_attribution_splits_one_quote(extract_text, text, content, mention):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.speaker_mention) == (content, "indirect", mention)
    # the two pieces around the attribution, as in a split direct quote
    assert text[q.start:q.end].startswith(content.split()[0])
    assert text[q.end - 1] != ","


@pytest.mark.parametrize("text, content", [
    ('His client, he said, "deserves justice."', 'His client "deserves justice."'),
    ('The city, he said, "has failed every family on this street."',
     'The city "has failed every family on this street."'),
])
def test_an_inserted_attribution_before_the_quoted_rest_of_the_clause_splits_one_mixed_quote(
        extract_text, text, content):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.speaker_mention) == (content, "mixed", "he")


def test_an_inserted_attribution_between_two_quoted_pieces_splits_one_direct_quote(extract_text):
    q = only(extract_text('"The city failed us," he said, "and it knows it."'))
    assert (q.quote, q.type) == ("The city failed us, and it knows it.", "direct")


@pytest.mark.parametrize("text, content, mention", [
    ("The levy, said the report, would raise far less than the council expects.",
     "The levy would raise far less than the council expects", "the report"),
    ("The bridge, says engineer Mara Quinn, was never designed for such loads.",
     "The bridge was never designed for such loads", "engineer Mara Quinn"),
    ("Because warm water is light, says the study, it rises to the surface.",
     "Because warm water is light it rises to the surface", "the study"),
])
def test_an_inserted_attribution_with_its_verb_first_splits_one_quote(extract_text, text, content, mention):
    q = only(extract_text(text))
    assert (q.quote, q.speaker_mention) == (content, mention)
    assert (q.start, q.end) == (0, len(text) - 1)


def test_a_coordinated_remainder_after_the_attribution_goes_on_with_the_quote(extract_text):
    text = "She was glad to help, she said, but only for local candidates."
    q = only(extract_text(text))
    assert q.quote == "She was glad to help but only for local candidates"
    assert (q.start, q.end) == (0, len(text) - 1)


@pytest.mark.parametrize("text, content", [
    ("The bridge will stay closed, the mayor said, until engineers inspect it.",
     "The bridge will stay closed until engineers inspect it"),
    ("The guardrail would be examined, Roberts said, to determine if it failed.",
     "The guardrail would be examined to determine if it failed"),
])
def test_a_clause_governed_by_the_one_before_the_attribution_goes_on_with_the_quote(extract_text, text, content):
    q = only(extract_text(text))
    assert (q.quote, q.start, q.end) == (content, 0, len(text) - 1)


@pytest.mark.parametrize("text, content", [
    ("Turnout was low, officials said, and polls closed at eight.", "Turnout was low"),
    ("The war is over, he said, but did not say when troops would leave.", "The war is over"),
    ("The plant will close, she said, adding that no jobs would be lost.", "The plant will close"),
    ("Democrats said the vote should wait until after the election, citing the Senate's refusal in 2016.",
     "the vote should wait until after the election"),
])
def test_what_follows_an_attribution_with_a_subject_or_cue_of_its_own_is_not_joined(extract_text, text, content):
    assert extract_text(text)[0].quote == content


@pytest.mark.parametrize("text, content", [
    ("Longer term, according to the agency, the goal is to land on Mars.",
     "Longer term the goal is to land on Mars"),
    ("One child was, according to the fire service, among the dead.", "One child was among the dead"),
])
def test_an_inserted_according_to_splits_one_quote(extract_text, text, content):
    q = only(extract_text(text))
    assert (q.quote, q.cue) == (content, "according to")
    assert (q.start, q.end) == (0, len(text) - 1)


def test_an_according_to_at_the_end_keeps_its_clause(extract_text):
    q = only(extract_text("The plant will close, according to the company, which employs 300 people."))
    assert q.quote == "The plant will close"


@pytest.mark.parametrize("text, content", [
    ("According to Ana Ruiz, the mayor's chief of staff, the budget is balanced.", "the budget is balanced"),
    ("Rents have doubled, according to Ana Ruiz, a housing researcher at Harbour University.",
     "Rents have doubled"),
])
def test_who_the_source_of_according_to_is_is_not_the_claim(extract_text, text, content):
    q = only(extract_text(text))
    assert (q.quote, q.speaker.name) == (content, "Ana Ruiz")


@pytest.mark.parametrize("text", [
    "According to the family's lawyer, Sam Patel, the boy was never given medication.",
    "According to the lawyer, Sam Patel, who represents the family, the boy was never given medication.",
    "According to the family's lawyer, Dr. Sam Patel, the boy was never given medication.",
])
def test_the_name_after_the_office_of_according_to_is_the_source_not_the_claim(extract_text, text):
    # parsed as a subject of the claim, beside "the boy"
    q = only(extract_text(text))
    assert (q.quote, q.speaker.name) == ("the boy was never given medication", "Sam Patel")


@pytest.mark.parametrize("text, speaker", [
    ("NDTV later reported officials, following an investigation, stated it was a coconut.", "officials"),
    ("Ana Ruiz briefed officials on Monday and said the bridge would reopen.", "Ana Ruiz"),  # whom she told
    ("Ana Ruiz cited Article 5 of the treaty and said the allies must help.", "Ana Ruiz"),  # what she cited
])
def test_whom_a_report_names_said_what_the_verb_after_them_reports(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


def test_adding_a_thing_is_not_saying_more(extract_text):
    assert [q.quote for q in extract_text("The council added a clause saying that strikes are banned.")] == [
        "strikes are banned"]
    assert [q.quote for q in extract_text("Ana Ruiz added that the town would be rebuilt.")] == [
        "the town would be rebuilt"]


def test_an_inserted_attribution_names_its_speaker(extract_text):
    text = "Mayor Ann Lee spoke on Monday. Councillors, Lee noted, have seen such budgets vanish before."
    q = only(extract_text(text))
    assert (q.cue, q.speaker.name) == ("noted", "Ann Lee")


def test_an_attribution_before_a_direct_quote_is_not_inserted(extract_text):
    text = 'Speaking to reporters, she said, "We will not leave the town."'
    q = only(extract_text(text))
    assert (q.type, q.quote) == ("direct", "We will not leave the town.")


def test_a_relative_clause_of_saying_reports_a_claim_about_the_noun_it_describes(extract_text):
    q = only(extract_text("The agency picked two pilots for the first flight, which NASA said might take "
                          "place this summer."))
    assert (q.quote, q.type, q.cue, q.speaker.name) == ("the first flight might take place this summer", "indirect",
                                                        "said", "NASA")


@pytest.mark.parametrize("text, claim", [
    ("She unveiled a plan she said could produce 5,000 homes by 2030.", "a plan could produce 5,000 homes by 2030"),
    # (not what "which" stands for when it follows a time: the clause before it)
    ("He had not made public appearances since 2014, which his wife said was due to memory problems.",
     "was due to memory problems"),
])
def test_the_noun_a_relative_clause_of_saying_describes_is_the_claims_subject(extract_text, text, claim):
    assert extract_text(text)[-1].quote == claim


def test_a_relative_clause_of_saying_is_cut_from_the_claim_around_it(extract_text):
    text = ("United States President Donald Trump said on Friday he can and may declare a national "
            "state of emergency, which he said would allow him to act without approval from Congress.")
    assert [q.quote for q in extract_text(text)] == [
        "he can and may declare a national state of emergency",
        "a national state of emergency would allow him to act without approval from Congress"]


# -- requests and questions ----------------------------------------------------------------

@pytest.mark.parametrize("text, content, cue", [
    ("The mayor urged voters to stay home on Sunday.", "voters to stay home on Sunday", "urged"),
    ("Senators urged the nominee to withdraw from the race.", "the nominee to withdraw from the race", "urged"),
    ("The premier called on Ottawa to fund the project.", "Ottawa to fund the project", "called on"),
    ("The senator asked the ministry to explain the delay.", "the ministry to explain the delay", "asked"),
    ("The senator encouraged the agency to release the files.", "the agency to release the files",
     "encouraged"),
    ("The minister invited the countries to join the talks.", "the countries to join the talks", "invited"),
    ("The sheriff told residents to leave their homes.", "residents to leave their homes", "told"),
    ("The decree instructs bishops to notify the Vatican of any allegations.",
     "bishops to notify the Vatican of any allegations", "instructs"),
    ("He called for the government to reduce corruption.", "the government to reduce corruption", "called for"),
    ("Activists called for an independent inquiry into the shooting.",
     "an independent inquiry into the shooting", "called for"),
    # all that was asked for, though the parser coordinated its second part with the verb
    ("Activists called for an end to the fishing ban, and the cancellation of all port fees.",
     "an end to the fishing ban, and the cancellation of all port fees", "called for"),
    ("Activists called for the sale of the city airport and to let residents decide how to use the money.",
     "the sale of the city airport and to let residents decide how to use the money", "called for"),
    ("The union demanded that the company reinstate the workers.", "the company reinstate the workers",
     "demanded"),
    ("The senator asked whether the ministry had reviewed the plan.",
     "whether the ministry had reviewed the plan", "asked"),
    ("Senator Ida Moss questioned whether the ministry had reviewed the plan.",
     "whether the ministry had reviewed the plan", "questioned"),
])
def test_requests_and_questions_are_quotes(extract_text, text, content, cue):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.cue) == (content, "indirect", cue)
    assert text.startswith(q.speaker_mention)


def test_a_request_after_an_attribution(extract_text):
    text = "Hatice Cengiz addressed reporters in New York, calling for the killers to be brought to justice."
    q = only(extract_text(text))
    assert (q.quote, q.cue, q.speaker.name) == ("the killers to be brought to justice", "calling for",
                                                "Hatice Cengiz")


def test_a_request_with_a_quoted_fragment_is_mixed(extract_text):
    q = only(extract_text('Union leader Gil Frome urged both sides to "get back round the table".'))
    assert (q.type, q.quote, q.speaker.name) == ("mixed", 'both sides to "get back round the table"', "Gil Frome")


@pytest.mark.parametrize("text", [
    "Officials did not say whether the talks would resume.",
    "Officials did not ask the ministry to explain the delay.",
    "A deputy, who asked not to be identified, waved the cars through.",
    "She was invited to speak at the ceremony.",
    "The mayor was urged to resign by the council.",
    "Low interest rates encouraged buyers to borrow more.",
    "Senators from both parties pressed the nominee to lead the aviation agency over a shortage of controllers.",
])
def test_not_requests(extract_text, text):
    assert extract_text(text) == []


def test_a_request_inside_a_report_is_part_of_it(extract_text):
    text = ("A person close to the production said Pell had clashed with the director. "
            "According to the same source, the actor asked twice for the script to be changed.")
    assert len(extract_text(text)) == 2


# -- relays -------------------------------------------------------------------------------

def test_an_agency_quoting_a_person_relays_her_words(extract_text):
    q = only(extract_text('The Interfax agency quoted Ms. Orlova as saying "we will not allow this to happen."'))
    assert (q.quote, q.speaker.name, q.via) == ("we will not allow this to happen", "Orlova", "Interfax")


def test_quoted_by_still_works(extract_text):
    q = only(extract_text("Ms. Orlova was quoted by Interfax as saying the plant would close."))
    assert (q.quote, q.speaker.name, q.via) == ("the plant would close", "Orlova", "Interfax")


# -- documents and data --------------------------------------------------------------------

@pytest.mark.parametrize("text, content, cue, mention", [
    ("A poll released Tuesday shows that most voters oppose the plan.", "most voters oppose the plan",
     "shows", "A poll"),
    ("The emails show the governor knew about the delays.", "the governor knew about the delays", "show",
     "The emails"),
    ("The report found that the agency had ignored warnings.", "the agency had ignored warnings", "found",
     "The report"),
    ("The study concluded that the drug reduced deaths.", "the drug reduced deaths", "concluded", "The study"),
    ("Figures indicate that unemployment rose in March.", "unemployment rose in March", "indicate", "Figures"),
    ("The court found that the minister had acted unlawfully.", "the minister had acted unlawfully", "found",
     "The court"),
    ("According to court filings, the company hid the losses.", "the company hid the losses", "According to",
     "court filings"),
])
def test_documents_and_data_are_sources(extract_text, text, content, cue, mention):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.cue, q.speaker_mention) == (content, "indirect", cue, mention)


@pytest.mark.parametrize("text, content, mention", [
    ("Per the decree signed on Thursday, priests are expected to notify the church authorities.",
     "priests are expected to notify the church authorities", "the decree"),
    ("Prices rose by a third, per figures released by the statistics office.", "Prices rose by a third",
     "figures"),
])
def test_per_attributes_like_according_to(extract_text, text, content, mention):
    q = only(extract_text(text))
    assert (q.quote, q.cue, q.speaker_mention) == (content, "per" if text.startswith("Prices") else "Per", mention)


def test_per_as_a_rate_is_no_attribution(extract_text):
    assert extract_text("The company earned $5 per share in the quarter, up from $4.") == []


def test_a_document_reads_a_direct_quote(extract_text):
    q = only(extract_text('The family\'s statement read: "He loved this ranch and everyone on it."'))
    assert (q.type, q.cue, q.speaker_mention) == ("direct", "read", "The family's statement")


@pytest.mark.parametrize("text", [
    "She found that the house was empty.",
    "Satellite photos show the ship at anchor.",
    "Rescuers found the hikers near the summit.",
    "He read the letter aloud to the court.",
])
def test_finding_is_not_saying_without_a_source(extract_text, text):
    assert [q.quote for q in extract_text(text)] == []


# -- speech acts with a noun phrase ----------------------------------------------------------

@pytest.mark.parametrize("text, content, cue", [
    ("The mayor accused the council of lying about the budget.", "the council of lying about the budget",
     "accused"),
    ("The governor praised the crews for their work.", "the crews for their work", "praised"),
    ("The coach credited the fans with keeping the team alive.", "the fans with keeping the team alive",
     "credited"),
    ("The minister blamed the opposition for the delay.", "the opposition for the delay", "blamed"),
    ("The company denied any wrongdoing.", "any wrongdoing", "denied"),
    ("The lawsuit alleged fraud by the directors.", "fraud by the directors", "alleged"),
    ("The guidelines also list the Spanish flu as an undesirable name.",
     "the Spanish flu as an undesirable name", "list"),
    ("The host referred to the players as spoiled brats.", "the players as spoiled brats", "referred to"),
    ("The president named both groups as terrorists.", "both groups as terrorists", "named"),
    ("The ministry denied the claims about troop movements.", "the claims about troop movements", "denied"),
    ("The governor attacked the council for the delays at the border.", "the council for the delays at the border",
     "attacked"),
    ("Union leaders blasted the company over the layoffs.", "the company over the layoffs", "blasted"),
])
def test_speech_acts_with_a_claim_are_quotes(extract_text, text, content, cue):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.cue) == (content, "indirect", cue)


@pytest.mark.parametrize("text, content, speaker", [
    ('Mancini has been described by the Daily Hive as a "squirrel whisperer".',
     'Mancini as a "squirrel whisperer"', "Daily Hive"),
    ('Amman, who was described as "knife-obsessed" by the police, sent her videos.', 'as "knife-obsessed"',
     "police"),
])
def test_a_passive_characterisation_by_an_agent(extract_text, text, content, speaker):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.speaker_mention.split()[-1]) == (content, "mixed", speaker.split()[-1])


def test_a_passive_characterisation_without_an_agent_has_no_speaker(extract_text):
    assert extract_text("He was described as a quiet man.") == []


def test_a_quoted_characterisation_is_mixed(extract_text):
    q = only(extract_text('Senator Ida Moss called the plan "a disaster".'))
    assert (q.quote, q.type, q.speaker.name) == ('the plan "a disaster"', "mixed", "Ida Moss")


def test_a_characterisation_in_a_relative_clause_parsed_with_two_predicates(extract_text):
    q = only(extract_text('Joe Biden gave a speech in which he called Donald Trump a "climate arsonist."'))
    assert (q.quote, q.type, q.speaker.name) == ('Donald Trump a "climate arsonist."', "mixed", "Joe Biden")


def test_questioning_a_thing_is_no_quote(extract_text):
    assert extract_text("Senator Ida Moss questioned the decision.") == []


def test_a_quoted_imperative_is_a_direct_quote(extract_text):
    q = only(extract_text('Senator Ida Moss refused to condemn the group, stating "stand back and stand by" but '
                          'argued the other side needed to be addressed.'))
    assert (q.quote, q.type, q.speaker.name) == ("stand back and stand by", "direct", "Ida Moss")


def test_a_claim_that_is_exactly_a_quotation_is_direct_without_its_marks(extract_text):
    q = only(extract_text('Senator Ida Moss refused to condemn the group, stating "they are good people" but argued '
                          'the other side needed to be addressed.'))
    assert (q.quote, q.type) == ("they are good people", "direct")


@pytest.mark.parametrize("text", [
    "The mayor welcomed the vote.",
    "The family announced the death of the singer.",
    "The president congratulated the new speaker.",
    "The crews were praised for their work.",
    "He denied it.",
    "The court denied the appeal on Monday.",
    "The company named Ann Lee as its new chief executive.",
    "The commission confirmed the appointment of the new director.",
    "The committee read the bill for the second time.",
])
def test_bare_objects_are_not_quotes(extract_text, text):
    assert extract_text(text) == []


def test_the_channel_and_time_of_a_speech_act_are_not_its_content(extract_text):
    q = only(extract_text("The company denied the allegations in a statement on Monday."))
    assert q.quote == "the allegations"


def test_a_statement_written_to_ask_is_not_the_object_of_a_report(extract_text):
    quotes = extract_text("The mayor wrote a letter to ask for more money.")
    assert all(not q.quote.startswith("a letter") for q in quotes)


@pytest.mark.parametrize("text, claim", [
    ('Harmon said she would keep the chief "for now" but wanted "a serious conversation about accountability" '
     "after an audit released in January found the department had failed to track overtime.",
     'she would keep the chief "for now" but wanted "a serious conversation about accountability"'),
    ("He called for an outside review of the training academy in Oklahoma City, where he said a third of "
     "trainees fail to graduate.", "an outside review of the training academy in Oklahoma City"),
])
def test_a_report_of_its_own_ends_the_claim_before_it(extract_text, text, claim):
    assert extract_text(text)[0].quote == claim


@pytest.mark.parametrize("text, claim", [
    ("Ruiz said she would resign if an inquiry found any wrongdoing.",
     "she would resign if an inquiry found any wrongdoing"),
    ('Ruiz said the town would not reopen "until the fire chief says it is safe."',
     'the town would not reopen "until the fire chief says it is safe."'),
])
def test_a_proviso_with_a_verb_of_saying_stays_the_speakers(extract_text, text, claim):
    assert extract_text(text)[0].quote == claim


@pytest.mark.parametrize("text, claim", [
    ('Agency spokeswoman Lorraine Pike said in a statement after the hearing that the FAA "shares the '
     'committee\'s goal" and would "work with Congress on any bill that helps."',
     'the FAA "shares the committee\'s goal" and would "work with Congress on any bill that helps."'),
    ('Denise Harmon said she was "proud of my father\'s record" but was "running for the job in 2025, not 1999."',
     'she was "proud of my father\'s record" but was "running for the job in 2025, not 1999."'),
])
def test_both_quoted_halves_of_a_mixed_claim_are_one_quote(extract_text, text, claim):
    q = only(extract_text(text))
    assert (q.quote, q.type) == (claim, "mixed")


@pytest.mark.parametrize("text, claim", [
    ('Premier Ravi Dhillon said the budget is "a good start" and praised the dental care expansion.',
     'the budget is "a good start"'),
    ("Finance Minister Trent Olafson said the province would study the details before taking a position, but "
     "questioned the timing of new spending.", "the province would study the details before taking a position"),
    ('House Majority Leader Tom Garrity said the chamber would "take a hard look" at the bill but stopped short of '
     "promising a vote.", 'the chamber would "take a hard look" at the bill'),
])
def test_a_past_tense_after_a_claim_in_the_present_or_a_modal_is_the_speakers_next_act(extract_text, text, claim):
    assert extract_text(text)[0].quote == claim


def test_a_participle_of_saying_is_no_part_of_the_request_before_it(extract_text):
    quotes = extract_text("The U.S. Consumer Product Safety Commission on Wednesday urged owners of about 300,000 "
                          "electric bicycles to stop charging them immediately, saying the lithium-ion batteries had "
                          "caused at least 41 fires.")
    assert [q.quote for q in quotes] == [
        "owners of about 300,000 electric bicycles to stop charging them immediately",
        "the lithium-ion batteries had caused at least 41 fires"]

def test_a_clause_ending_at_its_verb_of_being_goes_on_through_the_words_quoted_after_it(extract_text):
    quotes = extract_text("President Trump sent Department of Homeland Security officers to protect federal "
                          'buildings in Portland.  Biden criticized the move, arguing Trump was "sow[ing] chaos and '
                          'division" and "mak[ing] matters worse."  The Trump campaign accused Biden of "siding with '
                          'criminals."')
    assert quotes[0].quote == 'Trump was "sow[ing] chaos and division" and "mak[ing] matters worse."'


def test_a_claim_whose_verb_the_tagger_took_for_a_participle_after_its_subject(extract_text):
    q = only(extract_text("A senior official at the authority, who spoke on condition of anonymity because he was "
                          "not authorised to discuss contract terms, said the utility expected to pay slightly more "
                          "for Lao electricity during the dry season."))
    assert q.quote == "the utility expected to pay slightly more for Lao electricity during the dry season"


@pytest.mark.parametrize("text, claim", [
    ('Lange has said he has "no control over what outside groups do," though he has appeared at two events '
     "organized by the super PAC’s largest donors.", 'he has "no control over what outside groups do,"'),
    ("A 2020 analysis by the Stimson Center found that Chinese dams had held back large amounts of water during a "
     "severe drought in 2019, though Chinese officials rejected the study's methods.",
     "Chinese dams had held back large amounts of water during a severe drought in 2019"),
])
def test_a_concession_the_writer_sets_beside_the_claim_is_not_the_claim(extract_text, text, claim):
    assert only(extract_text(text)).quote == claim

def test_a_question_put_to_someone_set_off_before_their_verb_is_not_theirs(extract_text):
    assert extract_text("Carvalho Rebelo, asked what she would say to countries that refused to sign, paused before "
                        "answering.") == []


@pytest.mark.parametrize("text, claim", [
    ("Faleolo added that her government had been told by several European delegations that they would support "
     "extending the pause, though none of them has said so publicly.",
     "her government had been told by several European delegations that they would support extending the pause"),
    ("Fiona Aldridge said the United Kingdom would \"keep an open mind\" about the panel's findings, a position "
     "campaigners called disappointing.", 'the United Kingdom would "keep an open mind" about the panel\'s findings'),
    ("The study found that sand mining was the main driver of the losses, a point the authors acknowledged.",
     "sand mining was the main driver of the losses"),
])
def test_the_writers_aside_after_a_claim_is_not_the_claim(extract_text, text, claim):
    assert [q.quote for q in extract_text(text)] == [claim]


def test_another_s_dispute_of_what_was_said_is_not_in_either_quote(extract_text):
    quotes = extract_text('Rep. Ana Ruiz spoke first. She said House Agriculture Committee Chairman Lyle Hardesty '
                          '(R-Kan.) had told her in a phone call Wednesday afternoon that "we\'re done negotiating," a '
                          "characterization Hardesty's office disputed.")
    assert not any("disputed" in q.quote for q in quotes)


def test_what_another_says_of_a_claim_after_it_is_not_the_claim(extract_text):
    quotes = extract_text("Elsie Paul-Sylliboy chairs the committee. She says the province should guarantee that at "
                          "least one emergency department is open around the clock, something the health authority "
                          "says it can't promise.")
    assert quotes[0].quote == "the province should guarantee that at least one emergency department is open around " \
                              "the clock"

def test_what_the_speaker_did_in_between_is_still_the_claim_when_it_goes_on(extract_text):
    q = only(extract_text("Cascadia Springs president Derrick Vanderhoek said the company had reached out to the band "
                          "in May, after filing the application, and had offered to fund an independent study."))
    assert q.quote.endswith("and had offered to fund an independent study")

def test_a_passive_joined_to_the_claim_is_still_the_claim(extract_text):
    q = only(extract_text("Tessa Rowan said the memo had been taken out of context and was written by a junior "
                          "staffer."))
    assert q.quote == "the memo had been taken out of context and was written by a junior staffer"

def test_a_past_aside_after_a_claim_in_the_present_is_the_writers(extract_text):
    q = only(extract_text("President Ana Ruiz was in Texas. The President insists that the budget include "
                          "funding for the wall, which was one of her campaign promises, but Congress has not "
                          "passed it."))
    assert q.quote == "the budget include funding for the wall"


@pytest.mark.parametrize("text", [
    'The study builds on research into what biologists call "domestication syndrome," a set of traits.',
    'The plan was met with what one councillor called "fury" from local tourism chiefs.',
])
def test_what_someone_calls_a_thing_is_a_name_in_use(extract_text, text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text", ["They call him the crowbar robber.", "Locals dub the bridge the Rock."])
def test_naming_in_the_present_is_not_speech(extract_text, text):
    assert extract_text(text) == []


def test_calling_something_in_quotation_marks_is_still_a_characterisation(extract_text):
    assert len(extract_text('Critics call the plan "a disaster".')) == 1


@pytest.mark.parametrize("text, content", [
    ("Mayor Jim Watson denied cutting the library budget.", "cutting the library budget"),
    ("Jim Watson admitted taking the money from the fund.", "taking the money from the fund"),
    ("Harbour Foods announced leaving its joint venture with Tallis Holdings.",
     "leaving its joint venture with Tallis Holdings"),
])
def test_a_gerund_object_of_a_verb_of_saying_is_what_was_said(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_gerund_after_a_comma_is_no_object(extract_text):
    # '..., he said, saving the rest': the narration's participle
    assert [q.quote for q in extract_text("The plant will close, the company announced, leaving 300 jobless.")] \
        == ["The plant will close"]


# -- the subject of a reported clause -----------------------------------------------------

@pytest.mark.parametrize("text, content", [
    ("The minister maintained the agency could handle the increased demand.",
     "the agency could handle the increased demand"),
    ("The government announced the tests by a military laboratory found poison in his blood.",
     "the tests by a military laboratory found poison in his blood"),
    ("The coach remarked lack of funding was one of the challenges.",
     "lack of funding was one of the challenges"),
])
def test_a_reported_clause_keeps_the_subject_the_parser_took_for_an_object(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_an_addressee_before_a_reported_clause_stays_out_of_it(extract_text):
    assert only(extract_text("She told reporters the plan would fail.")).quote == "the plan would fail"


# -- what is not a statement ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "As the month came to a close, the mayor maintained her lead in the polls.",
    "When the vote ended, the senator maintained his seat on the committee.",
])
def test_a_subordinate_clause_before_a_verb_is_its_setting_not_its_content(extract_text, text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text", [
    "When asked to resign, the minister refused.",
    "The mayor made a confusing statement about the group, when asked to condemn them, and left.",
    "The union, urged by the mayor to end the strike, refused.",
])
def test_whoever_is_asked_to_do_something_did_not_say_it(extract_text, text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text, answer", [
    ("Ostrowski, asked at a technical briefing whether the failures could happen again next summer, said that "
     "depended on how quickly the recommendations were put in place.",
     "that depended on how quickly the recommendations were put in place"),
    # (a verb of saying inside the question says nothing)
    ("Asked whether the United States would describe the events as a coup, which would trigger a suspension of aid, "
     'Whitfield said the department was "still assessing the facts."',
     'the department was "still assessing the facts."'),
    # (a participle opening a paragraph, which the tagger took for a past tense)
    ('"The way forward is at the table," Sidhu told reporters.\n\nAsked whether the province would suspend the '
     'permits, Sidhu said the review was ongoing.', "the review was ongoing"),
])
def test_whoever_is_asked_a_question_says_only_the_answer(extract_text, text, answer):
    assert [q.quote for q in extract_text(text) if q.type != "direct"] == [answer]


@pytest.mark.parametrize("text", [
    "The Harbour Times asked Abernathy whether the government would appoint a mediator.",
    "Wikinews asked Smith whether the plan would work.",
    "Reporters asked the governor whether she would resign.",
    "The newspaper asked all three candidates to release their tax returns.",
])
def test_a_newsrooms_question_is_the_reporting_not_a_quote(extract_text, text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text", [
    "The mayor called a meeting to discuss the budget.",
    "He would not say whether he would call a special session to redraw the map.",
])
def test_calling_an_event_is_convening_it_not_a_quote(extract_text, text):
    assert extract_text(text) == []


def test_calling_people_to_act_is_a_request(extract_text):
    assert only(extract_text("The union called its members to vote on the deal.")).quote == \
        "its members to vote on the deal"


def test_a_bodys_website_is_no_newsroom(extract_text):
    q = only(extract_text("The Internal Revenue Service website advises citizens to keep paying their taxes."))
    assert (q.quote, q.speaker.name) == ("citizens to keep paying their taxes", "Internal Revenue Service")


def test_of_two_subjects_the_parser_gave_a_verb_the_one_in_its_clause_speaks(extract_text):
    q = only(extract_text("The commissioner opened an investigation into the Labour MP for Bristol South West, Kieran "
                          "Doyle, after the Mail on Sunday reported that he had failed to declare a paid role."))
    assert (q.quote, q.speaker.kind) == ("he had failed to declare a paid role", "organisation")
    assert q.speaker.name.startswith("Mail")


def test_a_speaker_the_parser_hung_on_the_claims_last_noun_is_the_speaker(extract_text):
    q = only(extract_text("Flash floods triggered by days of heavy rain have killed at least 46 people on the "
                          "southern island of Mindanao, the country's disaster agency said on Saturday."))
    assert (q.quote, q.speaker.name) == ("Flash floods triggered by days of heavy rain have killed at least 46 people "
                                         "on the southern island of Mindanao", "country's disaster agency")


@pytest.mark.parametrize("text, speaker", [
    ('Simone Achebe and Raymond Falk clashed on Tuesday, prompting the moderator, Rev. Daniel Okoro, to ask them '
     'to "let each other finish a sentence."', "Daniel Okoro"),
    ("The ruling angered the mayor, leading Mayor Ana Ruiz to say the city would appeal.", "Ana Ruiz"),
])
def test_whom_a_cause_moved_to_speak_is_the_speaker(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


# -- the speaker after the verb ------------------------------------------------------------

@pytest.mark.parametrize("text, mention, kind", [
    ('"We are ready," reply Ana and Ben.', "Ana and Ben", "group"),
    ('"The river rose fast," recall Jo and Sam Miller, who run the inn.', "Jo and Sam Miller", "group"),
])
def test_a_speaker_after_the_verb_taken_for_its_object_is_the_speaker(extract_text, text, mention, kind):
    q = only(extract_text(text))
    assert (q.speaker_mention, q.speaker.name, q.speaker.kind) == (mention, mention, kind)


def test_a_subject_inside_the_quotation_is_not_the_speaker_of_the_verb_after_it(extract_text):
    # parsed with "conclusion" the subject of "tweeted" and the name its object
    q = only(extract_text('"The only conclusion I can reach after reading that devastating call summary is that the '
                          'staff want him to resign or be impeached," tweeted former thinktank executive Ken Gude.'))
    assert q.speaker.name == "Ken Gude"


def test_the_speaker_after_the_verb_wins_over_a_subject_inside_the_quotation(extract_text):
    quotes = extract_text('"The conflict between the two nations is their conflict. Not ours", said Jo Jorgensen.')
    assert [q.speaker.name for q in quotes] == ["Jo Jorgensen"]


def test_a_participle_of_saying_after_a_thing_is_the_subject_s(extract_text):
    quotes = extract_text('Governor Kay Ivey signed the act on Wednesday. The governor tweeted her reasoning saying, '
                          '"Today, I signed into law the act."')
    assert [(q.quote, q.speaker.name) for q in quotes] == [("Today, I signed into law the act.", "Kay Ivey")]


def test_an_audience_after_the_verb_is_not_the_speaker(extract_text):
    assert only(extract_text('"We are ready," told reporters on Monday.')).speaker.name is None


# -- stated positions: approval, condemnation, intentions and nouns of a position -------------

@pytest.mark.parametrize("text, content, mention, kind", [
    ("Mayor Ana Ruiz denounced the ruling as an attack on local democracy.",
     "the ruling as an attack on local democracy", "Mayor Ana Ruiz", "stance"),
    ("The Harbour Gazette endorsed the mayor's plan in an editorial on Sunday.",
     "the mayor's plan", "The Harbour Gazette", "stance"),
    ("Senator Tom Hale condemned the attack.", "the attack", "Senator Tom Hale", "stance"),
    ("The council plans to raise parking fees next year.", "to raise parking fees next year",
     "The council", "intention"),
    ("Mayor Ana Ruiz's criticism of the levy drew applause.", "criticism of the levy", "Mayor Ana Ruiz",
     "position"),
    ("Unions raised concerns about the merger on Monday.", "concerns about the merger", "Unions", "position"),
    ("Police issued a call for calm after the march.", "call for calm", "Police", "position"),
    ("Senator Tom Hale denied the allegations.", "the allegations", "Senator Tom Hale", "reference"),
    ("The company denied the report on Monday.", "the report", "The company", "reference"),
    ("Senator Tom Hale denied the charges.", "the charges", "Senator Tom Hale", "reference"),
])
def test_a_stated_position_is_a_quote_of_its_own_kind(nlp, text, content, mention, kind):
    (quote,) = nlp(text)._.quotes
    assert (quote.text, quote.mention.text, quote.type, quote.cue_kind) == (content, mention, "indirect", kind)
    assert quote.features[f"cue_kind={kind}"] == 1.0


def test_a_position_the_verb_of_saying_reports_is_one_quote(extract_text):
    q = only(extract_text("Mayor Ana Ruiz voiced her criticism of the levy."))
    assert (q.quote, q.speaker.name) == ("her criticism of the levy", "Ana Ruiz")


@pytest.mark.parametrize("text", [
    "Neither the union nor the council endorsed the plan.",
    "The victim had planned to travel to Spain.",  # a person's plans are not announced
    "The mayor did not condemn the attack.",
])
def test_no_position_was_stated(extract_text, text):
    assert extract_text(text) == []


def test_a_position_inside_a_report_is_part_of_it(extract_text):
    q = only(extract_text("Ana Ruiz said the council condemned the attack."))
    assert q.quote == "the council condemned the attack"


def test_condemning_someone_for_something_stays_a_speech_act(nlp):
    (quote,) = nlp("Tom Hale condemned the attacker for the assault.")._.quotes
    assert (quote.text, quote.cue_kind) == ("the attacker for the assault", None)


def test_a_stated_position_is_not_carried_on_by_the_next_quote_paragraph(extract_text):
    text = ('"The bill is withdrawn," Mayor Ana Ruiz said. She rejected protesters\' demands for an inquiry.\n\n'
            '"Our city has been through enough."')
    assert extract_text(text)[-1].speaker.name == "Ana Ruiz"


def test_a_reported_phrase_does_not_hold_its_own_attribution(extract_text):
    quotes = extract_text('The spokeswoman criticized the council\'s vote, which Reyes has referred to as '
                          '"theatre" and a "stunt".')
    assert [(q.quote, q.speaker.name) for q in quotes if q.speaker.name == "Reyes"] == [
        ('"theatre" and a "stunt"', "Reyes")]


def test_a_participle_of_saying_belongs_to_the_one_it_goes_with(extract_text):
    quotes = extract_text("The city banned the event on Monday, with officials saying this is for safety reasons.")
    assert [(q.quote, q.speaker.name) for q in quotes] == [("this is for safety reasons", "officials")]


@pytest.mark.parametrize("text, content", [
    ("Al Jazeera reported that the minister was flown to a hospital, and that his condition was stable.",
     "the minister was flown to a hospital, and that his condition was stable"),
    ("Hawkins claimed that the deficit is a myth and that the debt does not matter.",
     "the deficit is a myth and that the debt does not matter"),
    # parsed as two complements of "said", the phrase before the second hung on the first
    ("WHO director-general Tedros Adhanom Ghebreyesus said the name had to be easy to say and, to prevent stigma, "
     "it must not cite any specific person or place.",
     "the name had to be easy to say and, to prevent stigma, it must not cite any specific person or place"),
])
def test_coordinated_that_clauses_are_one_quote(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text", [
    "Hungary spent 1.2% of its budget on defence last year; alliance guidelines call for 2%.",
    "The union called for 500.",
])
def test_an_amount_alone_is_no_statement(extract_text, text):
    assert not [q for q in extract_text(text) if q.quote in ("2%", "500")]


def test_a_claim_ends_where_another_speaker_s_report_begins(extract_text):
    # the second report hangs deep inside the first claim's parse
    quotes = extract_text('The president said the victims were "cheerful boys starting out in life [who] have had '
                          'life torn away from them" in an "awful tragedy" while the interior minister wrote he '
                          'had ordered safety checks across the country.')
    assert [q.quote for q in quotes][-1] == "he had ordered safety checks across the country"
    assert "minister" not in quotes[0].quote
    quotes = extract_text('The president said the victims were "joyful girls" while the interior minister wrote '
                          'he had ordered safety checks across the country.')
    assert [q.quote for q in quotes] == ['the victims were "joyful girls"',
                                         "he had ordered safety checks across the country"]


@pytest.mark.parametrize("text", [
    "After stripping the names from the notice, the company published the notice on its site.",
    "In findings published Wednesday in a journal, researchers described the currents.",
])
def test_the_setting_before_a_verb_is_not_what_was_said(extract_text, text):
    assert not [q for q in extract_text(text) if q.start == 0]


@pytest.mark.parametrize("text, content", [
    ("He suggested supporters vote in person if records indicated they had not voted.",
     "supporters vote in person if records indicated they had not voted"),
    ("Officials said voters could cast ballots in person if records indicated they had not voted.",
     "voters could cast ballots in person if records indicated they had not voted"),
])
def test_a_verb_of_saying_in_a_condition_reports_nothing_and_the_condition_is_the_claim_s(extract_text, text,
                                                                                          content):
    assert [q.quote for q in extract_text(text)] == [content]


def test_a_clause_coordinated_before_another_s_announcement_is_not_its_content(extract_text):
    assert extract_text("The cabinet unanimously voted to lift it on Saturday afternoon, and the emergency "
                        "centre announced the decision that night.") == []


def test_a_report_set_beside_the_claim_with_while_is_cut_from_it(extract_text):
    quotes = extract_text('Senator Ana Ruiz told reporters Tom Reyes "was a great man," while Governor Li Wen '
                          'noted his "strength, passion and wisdom" on social media.')
    assert quotes[0].quote == 'Tom Reyes "was a great man,"'


@pytest.mark.parametrize("text, content", [
    ("The paper reached out to Ana Ruiz, one of the organisers, however Ruiz said she would not comment.",
     "she would not comment"),
    ("Regarding which part of the contest was hardest for young surgeons, Ruiz said it was the English test.",
     "it was the English test"),
])
def test_with_a_clause_of_its_own_after_it_the_verb_reports_that_clause(extract_text, text, content):
    assert [q.quote for q in extract_text(text)] == [content]


def test_a_participle_of_saying_before_the_attribution_reports_its_clause(extract_text):
    quotes = extract_text('Confirming life can thrive where there is no oxygen, Ruiz said "Astronomers should '
                          'keep an open mind".')
    assert quotes[0].quote == "life can thrive where there is no oxygen"


@pytest.mark.parametrize("text, content", [
    ("The group is banned in the country; its wing is largely rural and, according to the ministry, supportive of "
     "the group.", "supportive of the group"),
    ("According to the broadcaster, a spokesman expressed disappointment and that the office intends to appeal; "
     '"The government needs a strong agenda."',
     "a spokesman expressed disappointment and that the office intends to appeal"),
])
def test_according_to_reports_the_part_it_stands_in(extract_text, text, content):
    assert extract_text(text)[0].quote == content


@pytest.mark.parametrize("text, content, speaker", [
    # the report's issuer
    ("The agency released a report, according to which prices rose by 4%.", "prices rose by 4%", "agency"),
    ("Turkey and Libya signed a maritime agreement, according to which a section would cross the Turkish zone.",
     "a section would cross the Turkish zone", None),
])
def test_according_to_which_reports_the_relative_clause(extract_text, text, content, speaker):
    q = only(extract_text(text))
    assert (q.quote, q.speaker.name) == (content, speaker)


@pytest.mark.parametrize("text, content, speaker", [
    ("Judge Ana Ruiz ruled that denying them citizenship violated the constitution.",
     "denying them citizenship violated the constitution", "Ana Ruiz"),
    ("The court ruled that the law was unconstitutional.", "the law was unconstitutional", "court"),
])
def test_a_ruling_is_a_statement_whoever_hands_it_down(extract_text, text, content, speaker):
    q = only(extract_text(text))  # a gerund subject ("denying ...") is no speech act of its own
    assert (q.quote, q.speaker.name) == (content, speaker)


def test_a_clause_after_the_quotation_that_was_the_claim_is_the_narration(extract_text):
    # parsed with the flag's clause coordinated to the quoted one
    quotes = extract_text('Health Minister Łukasz Szumowski said "We couldn’t win," and the city flag is at half-mast.')
    assert [q.quote for q in quotes] == ["We couldn’t win,"]


@pytest.mark.parametrize("text, said", [
    ('Ana Ruiz said "we will win" and left the stage.', [("we will win", "direct")]),
    ("Britain's largest farm lobby, the Rural Producers Federation, has called the proposed cheese quota \"a "
     'sell-out of British dairy", and its president, Gwen Hollis, wrote to Marsh last week.',
     [('"a sell-out of British dairy"', "mixed")]),
    # more of the words quoted, joined on without a verb
    ('Commerce Secretary Wilbur Ross called it "gamesmanship" and a "stunt".',
     [('it "gamesmanship" and a "stunt"', "mixed")]),
])
def test_a_claim_that_opens_with_a_quotation_ends_with_it_before_the_narration_s_next_verb(extract_text, text, said):
    assert [(q.quote, q.type) for q in extract_text(text)] == said


@pytest.mark.parametrize("text, said", [
    # parsed as one sentence, the next one's clause hung on "told" and on the reason's "as"
    ('Monica Schoch-Spana told the press in a separate interview, "People have been accused of spreading germs '
     'regardless of what the science may say[.]" As of Tuesday there had been reports of people avoiding Chinese '
     'individuals in several countries.',
     ["People have been accused of spreading germs regardless of what the science may say[.]"]),
])
def test_a_quotation_ending_its_sentence_ends_what_the_verb_reports(extract_text, text, said):
    assert [q.quote for q in extract_text(text)] == said


def test_a_reason_right_after_the_claim_is_the_claim_s_though_hung_on_another_verb(extract_text):
    # parsed with the reason hung on "went"
    q = only(extract_text('Ruiz went on to say he was not giving them the longest possible sentence because they '
                          'had "accepted responsibility at an early stage in the proceeding" by pleading guilty to '
                          'ten felony charges each and "spared your children having to relive it".'))
    assert q.quote.startswith("he was not giving them the longest possible sentence because they had")
    assert q.quote.endswith('"spared your children having to relive it"')


def test_calling_someone_names_with_the_object_glued_to_the_predicate(extract_text):
    quotes = extract_text("The campaign went on through the summer. Biden called Trump a clown, a liar, and the "
                          "worst mayor in history.")  # parsed with "Trump" a compound of "clown"
    assert [q.quote for q in quotes] == ["Trump a clown, a liar, and the worst mayor in history"]


@pytest.mark.parametrize("text, speaker", [
    ("The storm hit the coast on Monday. The broadcaster also cited the head of the agency, Ana Ruiz, as saying "
     "the dam was safe.", "Ana Ruiz"),
    ("The storm hit the coast on Monday. The newspaper cited officials as saying the dam was safe.", "officials"),
])
def test_whom_an_outlet_cites_as_saying_said_it(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


def test_a_document_citing_something_as_an_example_relays_no_one(extract_text):
    q = only(extract_text("The rules were set in 2015. The guidelines cite the 2009 outbreak as an example of what "
                          "not to do."))
    assert q.speaker.name != "2009 outbreak"


def test_a_past_participle_describing_a_noun_is_no_cue(extract_text):
    # "the deal announced to investors": the deal was announced; the officials said nothing
    assert extract_text("Officials gave details of the deal announced to investors that the firm would close.") == []


def test_the_conjunct_after_but_right_before_the_verb_is_the_speaker(extract_text):
    q = only(extract_text("At the time, the company invested in e-commerce and started home deliveries, but "
                          "Gazeta Prawna reports only 0.5% of grocery turnover comes from this segment."))
    assert q.speaker.name == "Gazeta Prawna"


def test_words_before_an_auxiliary_the_parser_left_alone_are_no_claim(extract_text):
    # parsed with "features" the subject of "added" and "has" its auxiliary
    assert extract_text("Features in CentOS were tried and tested by Fedora.  Stream, on the other hand, has "
                        "features added to it before those features become a part of RHEL.") == []


@pytest.mark.parametrize("text, content", [
    ('Hotak alleged the government is "hiding casualty figures to prevent a dip in morale of the Afghan forces", '
     "whose US-built armoured vehicle was used to breach the compound's defences.",
     'the government is "hiding casualty figures to prevent a dip in morale of the Afghan forces"'),
    ("Erdogan's office said the safe zone for refugees would be set up east of the Euphrates River, which is "
     "territory controlled by the SDF.", "the safe zone for refugees would be set up east of the Euphrates River"),
    ("Critics said this was a ploy to achieve a no-deal Brexit, meaning the UK would leave without a trade deal.",
     "this was a ploy to achieve a no-deal Brexit"),
    ("Mayor Ana Ruiz said she would drop the plan, before reversing course the next day.",
     "she would drop the plan"),
    # how another answered the claim
    ("Bolton claims Trump asked Xi for help winning the election, which Trump denied.",
     "Trump asked Xi for help winning the election"),
    ("Pierce called for an end to the War on Drugs, with which Hawkins and La Riva somewhat agreed.",
     "an end to the War on Drugs"),
    ("Tom Hale challenged Ana Ruiz to name one donor who backed her, which Ruiz did not do.",
     "Ana Ruiz to name one donor who backed her"),
    # the speaker's own relative clause stays: inside the claim, or in the claim's tense
    ("Officials said the bridge, which opened in 1990, would close.", "the bridge, which opened in 1990, would close"),
    ("Officials said the dam, which is almost complete, will not harm anyone downstream.",
     "the dam, which is almost complete, will not harm anyone downstream"),
    ("Officials said they would pause the line, which is running over budget, and order an audit.",
     "they would pause the line, which is running over budget, and order an audit"),
    ("Officials said they had closed the bridge, which had been damaged in the storm.",
     "they had closed the bridge, which had been damaged in the storm"),
    # a summing up of the claim is the writer's; an appositive of the words before it is not
    ("Ana Ruiz said the decision was unlawful, a view shared by many legal experts.", "the decision was unlawful"),
    ("Ana Ruiz said the budget would be balanced by 2025 — a promise she has made before.",
     "the budget would be balanced by 2025"),
    ("Ana Ruiz said the city would appeal the ruling, a move that could delay the project by years.",
     "the city would appeal the ruling"),
    ("Ana Ruiz said the victim was Tom Reyes, a man who lived nearby.",
     "the victim was Tom Reyes, a man who lived nearby"),
    ("Officials said 40 people had died, a number that is expected to rise.", "40 people had died"),
    ('Steve Kaczmarek said members were "looking for a mayor who has their backs," a remark widely seen as '
     'favouring Falk.', 'members were "looking for a mayor who has their backs,"'),
    ("Ana Ruiz said she had asked officials to look at a treatment program, an idea that has been pushed for "
     "years by northern leaders.", "she had asked officials to look at a treatment program"),
    ("Daniel Ruiz said the former governor intended to visit all 99 of Iowa's counties, a ritual that has become "
     "something of a test of stamina for candidates.",
     "the former governor intended to visit all 99 of Iowa's counties"),
    ('Ilse Brandvold said the EU stood "ready to use all the instruments at its disposal," a phrase diplomats '
     'understood to mean targeted sanctions.', 'the EU stood "ready to use all the instruments at its disposal,"'),
    ("Ana Ruiz said the mayor had hired his brother for the job, a report the mayor denied.",
     "the mayor had hired his brother for the job"),
    ("Carolina Hertz said the company was under pressure to cut costs after reporting its lowest profit in a decade, "
     "a result the company has attributed to falling ore grades.",
     "the company was under pressure to cut costs after reporting its lowest profit in a decade"),
    # what the speaker was doing, after the quotation closes
    ('Ana Ruiz told a crowd that her opponent would "sell out the Midwest," sharpening her attacks on trade.',
     'her opponent would "sell out the Midwest,"'),
    ('Ana Ruiz told a crowd that her opponent would "sell out the Midwest", sharpening her attacks on trade.',
     'her opponent would "sell out the Midwest"'),
    ('Gov. Ana Ruiz vetoed the bill, calling it "a raid on public school budgets dressed up as parental choice" '
     'and setting up a fight with the Senate.', 'it "a raid on public school budgets dressed up as parental choice"'),
    # (its "lack" taken for a noun, and the relative clause with no relative word for an apposition)
    ("Their lawyers argued that about 140,000 registered voters in the state lack any of the accepted IDs, a "
     "figure the state disputes.", "about 140,000 registered voters in the state lack any of the accepted IDs"),
])
def test_what_the_writer_adds_after_the_claim_is_not_quoted(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, contents", [
    ('Senator Tom Hale said the peaceful transfer of power is what sets the country apart, and described the '
     'threat as "unthinkable".',
     ["the peaceful transfer of power is what sets the country apart", 'the threat as "unthinkable"']),
    ("Mayor Ana Ruiz said prices would rise and warned of strikes.", ["prices would rise"]),
    # a request made next, with whom it was made of
    ("Mayor Ana Ruiz said the union would strike and urged members to join the picket.",
     ["the union would strike", "members to join the picket"]),
    # after a quotation closed (the apostrophe of "teachers'" closes none)
    ('Craig Dunmore said the governor had "chosen the teachers\' union over the kids" and vowed to schedule an '
     'override vote.',
     ['the governor had "chosen the teachers\' union over the kids"', "to schedule an override vote"]),
])
def test_a_verb_of_saying_in_a_tense_the_claim_cannot_share_is_the_speaker_s_next_act(extract_text, text, contents):
    assert [q.quote for q in extract_text(text)] == contents


@pytest.mark.parametrize("text, content", [
    ("Hale said the new bridge will open in May, and drivers would be able to cross it for free.",
     "the new bridge will open in May, and drivers would be able to cross it for free"),
    # the narration goes on in its own tense, or in sequence
    ("Hale said the bridge will open in May, and the council voted to fund it.", "the bridge will open in May"),
    ("Hale said the bridge would open in May, and she would later resign over the delays.",
     "the bridge would open in May"),
    ("Secretary of Justice Ana Ruiz, the would-be successor should Hale resign, has expressed she is uninterested "
     "in the office but would do so if she did succeed to it, according to Reuters.",
     "she is uninterested in the office but would do so if she did succeed to it"),
    # a pronoun's clause in the past progressive goes on with the report too; a past tense not
    ("A spokesperson for Harbour Bus said their thoughts were with the families, and they were carrying out an "
     "internal investigation.", "their thoughts were with the families, and they were carrying out an internal "
     "investigation"),
    ("Jim Watson said he was tired, and he went home.", "he was tired"),
    # a verb joined on with its own modal, or in its bare form, goes on with the report
    ('Senator Ruth Albrecht said her conference would "not be rushed" and would insist on full debate time.',
     'her conference would "not be rushed" and would insist on full debate time'),
    # and so does a stance toward a claim, joined to the verb of saying
    ('A spokesman, Daniel Creel, said the company "welcomes any review" and was confident the contract had been '
     'awarded properly.', 'the company "welcomes any review" and was confident the contract had been awarded properly'),
    # or words quoted
    ('Ines Vallmark said that the alliance was "monitoring the situation closely" and stood "in full solidarity" '
     'with Finland.',
     'the alliance was "monitoring the situation closely" and stood "in full solidarity" with Finland'),
    # the clause's start, hung on the channel noun
    ("The World Health Organization said in a 2019 report that there was no evidence microplastics in drinking water "
     "posed a health risk.", "there was no evidence microplastics in drinking water posed a health risk"),
])
def test_a_clause_joined_to_the_claim_by_its_modal_is_part_of_it(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text", [
    "Ana Ruiz said the plan was costly but declined to elaborate.",
    "Ana Ruiz said the plan was costly and would not say more.",
    "Ana Ruiz said the plan was costly but would not comment further.",
    "Ana Ruiz said the plan was costly, though she did not say how much.",
    "Ana Ruiz said the plan was costly, although she did not elaborate.",
])
def test_what_the_speaker_would_not_say_is_the_narration_s(extract_text, text):
    assert only(extract_text(text)).quote == "the plan was costly"


@pytest.mark.parametrize("text, content", [
    ("Chief Raymond Moose said that was not enough.", "that was not enough"),
    ("Chief Raymond Moose said that the review was not enough.", "the review was not enough"),
])
def test_that_is_left_out_as_a_mark_but_kept_as_a_subject(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_verb_joined_on_after_the_quotation_closed_is_the_speaker_s_next_act(extract_text):
    quotes = extract_text('In a statement, press secretary Marcus Dell said President Ellen Haskins "has been clear '
                          'that a shutdown would hurt the economy" and urged lawmakers to pass the measure.')
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ('President Ellen Haskins "has been clear that a shutdown would hurt the economy"', "Marcus Dell"),
        ("lawmakers to pass the measure", "Marcus Dell")]


@pytest.mark.parametrize("text, content", [
    ("Legal experts said Thursday's decision made it more likely that the justices would act.",
     "Thursday's decision made it more likely that the justices would act"),
    ("Two weeks of climate negotiations in Bonn ended on Thursday without agreement, according to the UN.",
     "Two weeks of climate negotiations in Bonn ended on Thursday without agreement"),
    # the time of the saying is not
    ("Ana Ruiz said on Monday the talks were close to a deal.", "the talks were close to a deal"),
])
def test_a_time_that_owns_or_heads_the_claim_s_subject_is_part_of_it(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_progressive_verb_of_saying_goes_on_with_the_claim(extract_text):
    q = only(extract_text("The director said the hospital had run out of plaster and was asking for donations."))
    assert q.quote == "the hospital had run out of plaster and was asking for donations"


def test_a_participle_joined_to_a_tensed_claim_is_the_cue_s_fellow(extract_text):
    quotes = extract_text("A federal appeals court struck down the map, ruling that lawmakers had diluted the voting "
                          "power of Black residents and ordering the state to draw new districts.")
    assert [q.quote for q in quotes] == ["lawmakers had diluted the voting power of Black residents"]
    quotes = extract_text("The union issued a statement, saying members were angry and demanding a meeting.")
    assert [(q.quote, q.speaker.name) for q in quotes] == [("members were angry", "union")]


def test_data_show_a_name_at_a_figure(extract_text):
    q = only(extract_text("A poll by Ipsos shows Abernathy at 46 percent and Ruiz at 41 percent."))
    assert (q.quote, q.speaker.name) == ("Abernathy at 46 percent and Ruiz at 41 percent", "Ipsos")


@pytest.mark.parametrize("text, content", [
    # what the speaker ruled out is part of the claim
    ('Pryor said he would review the analysis "with an open mind" but would not prejudge its outcome.',
     'he would review the analysis "with an open mind" but would not prejudge its outcome'),
    ("Castellanos said she would negotiate with the other states but would not accept a deal that hurt Nevada.",
     "she would negotiate with the other states but would not accept a deal that hurt Nevada"),
    # a participle of asking that describes a noun of the claim
    ("Town council would send a letter to the minister asking for a firm reopening date, Coun. Ana Ruiz said.",
     "Town council would send a letter to the minister asking for a firm reopening date"),
    # a quotation that goes on with the sentence
    ('Omar Haddad said the authority would reopen the department overnight "the moment it is safe to do so."',
     'the authority would reopen the department overnight "the moment it is safe to do so."'),
    # a quantifier the parser took for the verb's adverb
    ("Gordon Pratt said spaces had been added, but he acknowledged more were needed in the north.",
     "more were needed in the north"),
])
def test_the_claim_keeps_what_the_parser_hung_beside_it(extract_text, text, content):
    assert extract_text(text)[-1].quote == content


@pytest.mark.parametrize("text, content", [
    ('Jonathan Pryor cited the figure, calling the backlog "the single biggest obstacle" to meeting the demand.',
     'the backlog "the single biggest obstacle" to meeting the demand'),
    ('Ana Ruiz called the plan "a disaster" on Twitter.', 'the plan "a disaster"'),
])
def test_a_characterisation_keeps_what_its_noun_is_of_and_not_where_it_was_said(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ("According to the critics, this is a ploy to achieve a no-deal Brexit, meaning the UK would leave without any "
     "arrangements.", "this is a ploy to achieve a no-deal Brexit"),
    ("Ana Ruiz said the plan was a ploy to delay the vote, meaning the council would sit until June.",
     "the plan was a ploy to delay the vote"),
])
def test_the_writer_s_gloss_after_a_claim_is_not_part_of_it(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ("Nadia Berthiaume told the court that the contractor had kept taking deposits after the complaints, and that he "
     "had spent much of the money on gambling.",
     "the contractor had kept taking deposits after the complaints, and that he had spent much of the money on "
     "gambling"),
    ("A person close to the campaign said the coach had called Hexter twice but had not asked for an endorsement.",
     "the coach had called Hexter twice but had not asked for an endorsement"),
    ("Coun. Peter Vandermeer urged residents to register at the reception centre, even if they were staying with "
     "family.", "residents to register at the reception centre, even if they were staying with family"),
])
def test_the_claim_keeps_its_second_half(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ("With less than three weeks until the primary, the race has narrowed sharply, according to a new poll, and the "
     "two campaigns spent Monday attacking each other.",
     "With less than three weeks until the primary, the race has narrowed sharply"),
    ("Prices rose by 5 percent, according to the agency, and wages fell sharply in May.", "Prices rose by 5 percent"),
    # (a verb that shares the subject goes on with it)
    ("Chile holds the largest known lithium reserves, according to the United States Geological Survey, and is the "
     "second-largest producer.", "Chile holds the largest known lithium reserves and is the second-largest producer"),
    # (a sentence after a dateline opens with its time)
    ("COLUMBUS, Ohio — With less than three weeks until the primary, the race has narrowed sharply, according to a "
     "new poll.", "With less than three weeks until the primary, the race has narrowed sharply"),
    ("According to the agency, prices rose by 5 percent and wages fell sharply in May.",
     "prices rose by 5 percent and wages fell sharply in May"),
])
def test_according_to_covers_the_clause_it_is_set_in(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_quoted_fragment_that_runs_into_the_next_sentence_ends_at_its_closing_mark(extract_text):
    q = only(extract_text('Dr. Tristan Smith explained that crews turn their transponders off at times, in order to '
                          '"avoid attracting unwanted attention. This can mean days at a time."'))
    assert (q.quote, q.type) == ('crews turn their transponders off at times, in order to "avoid attracting unwanted '
                                 'attention. This can mean days at a time."', "mixed")


def test_an_accusation_ends_before_the_writer_s_setting(extract_text):
    q = only(extract_text("Lawmakers accused the chief executives of three airlines of overselling flights they "
                          "could not staff, as a House panel examined a summer of cancellations."))
    assert q.quote == "the chief executives of three airlines of overselling flights they could not staff"


def test_a_condition_of_not_saying_is_part_of_the_claim(extract_text):
    quote = only(extract_text("Ana Ruiz said the plan would fail if the council did not say yes.")).quote
    assert quote == "the plan would fail if the council did not say yes"


def test_a_claim_the_speaker_met_and_refused_is_all_of_it(extract_text):
    quote = only(extract_text("Ana Ruiz said the council met and refused to fund the plan.")).quote
    assert quote == "the council met and refused to fund the plan"


def test_a_report_after_a_comma_ends_the_claim_before_it(extract_text):
    quotes = extract_text('In a statement posted to her account, then-Secretary Ruiz affirmed her willingness to '
                          'accept the role, writing, "The city needs certainty and stability. Our work starts now."')
    assert [q.quote for q in quotes] == ["her willingness to accept the role",
                                         "The city needs certainty and stability. Our work starts now."]


def test_an_attribution_opening_the_sentence_reports_the_clause_after_its_comma(extract_text):
    # parsed with "added" the complement of "consider"
    quotes = extract_text("An Interpol spokesperson said the request was political. The spokesperson added regarding "
                          "Iran's request, they \"would not consider requests of this nature\"; Interpol did not say "
                          "whether it received any warrants.")
    assert [(q.quote, q.speaker.name) for q in quotes][-1] == (
        'they "would not consider requests of this nature"', "Interpol spokesperson")


@pytest.mark.parametrize("text", [
    "He called for closer coordination with European governments, Yoon's office said in a statement.",
    "Amongst reported incidents of abuse by church authorities, recently Cardinal George Pell was convicted.",
])
def test_no_leading_attribution_where_the_clause_after_is_the_attribution_or_nobody_speaks(extract_text, text):
    assert all(q.quote not in ("Yoon's office said in a statement", "recently Cardinal George Pell was convicted")
               for q in extract_text(text))


def test_a_time_after_according_to_opens_the_claim(extract_text):
    q = only(extract_text("According to the World Health Organisation, in 2018 there were ten million cases."))
    assert q.quote == "in 2018 there were ten million cases"


def test_a_result_clause_after_a_comma_goes_on_reasoning_the_claim(extract_text):
    q = only(extract_text("The commissioner stated the purchase was financed by a loan, so it is not a burden on the "
                          "state budget."))
    assert q.quote == "the purchase was financed by a loan, so it is not a burden on the state budget"


def test_a_claim_whose_subject_the_parser_took_for_the_object_is_the_object_and_the_rest(extract_text):
    # parsed with "law" the object of "said" and "marked" hung inside it
    q = only(extract_text('Member of parliament Kevin Conolly said a law allowing the termination of a life marked a '
                          '"sad day for NSW".'))
    assert (q.quote, q.speaker.name) == ('a law allowing the termination of a life marked a "sad day for NSW"',
                                         "Kevin Conolly")


def test_an_object_with_a_report_in_its_relative_clause_is_no_claim(extract_text):
    quotes = extract_text("Mayor Ana Ruiz said she may declare a state of emergency, which she said would let her act "
                          "without the council.")
    assert "a state of emergency, which she said would let her act without the council" not in [q.quote for q in quotes]


@pytest.mark.parametrize("text, content", [
    ("The Ruiz campaign criticized the commutation as an abuse of power.", "the commutation as an abuse of power"),
    ("Mayor Ana Ruiz dismissed the report as fake news.", "the report as fake news"),
    # a role is what they are called, not an appointment
    ("Donald Trump attacked Matt Drudge as a consistent Trump opponent.", "Matt Drudge as a consistent Trump opponent"),
    ("Mayor Ana Ruiz praised Tom Reyes as a tireless advocate for veterans.",
     "Tom Reyes as a tireless advocate for veterans"),
])
def test_judging_something_as_something_aloud_is_a_characterisation(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_an_attack_while_something_happens_is_no_characterisation(extract_text):
    assert extract_text("Rebels attacked the convoy as it passed the bridge.") == []


@pytest.mark.parametrize("text, speaker", [
    ("Donald Trump accused Joe Biden of previously saying he wanted to ban hydraulic fracturing.", "Joe Biden"),
    ("Critics attacked Mayor Ann Lee for saying the city was safe.", "Ann Lee"),
    ("The Ruiz campaign criticized Ann Lee for not denouncing the group and for making the trip despite claiming "
     "previously that the city was not safe to visit.", "Ann Lee"),  # who made the trip claimed it
])
def test_what_someone_is_blamed_or_praised_for_saying_is_theirs_not_the_critic_s(extract_text, text, speaker):
    quotes = extract_text(text)
    claim = next(q for q in quotes if q.quote.startswith(("he wanted", "the city")))
    assert claim.speaker.name == speaker


@pytest.mark.parametrize("text, speaker", [
    ('"Walter was the best," said University of California, San Diego\'s chancellor, Pradeep Khosla.',
     "Pradeep Khosla"),
    ("Haifa University geostrategy expert and former Israeli security official, Avinoam Idan, said the supply was "
     "no great change.", "Avinoam Idan"),
])
def test_the_holder_named_beside_an_office_coordinated_with_the_subject_speaks(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


@pytest.mark.parametrize("text, speaker", [
    ("The head of Human Rights Watch Kenneth Roth said the law was unjust.", "Kenneth Roth"),
    ("The director of the museum Ana Ruiz said the painting was stolen.", "Ana Ruiz"),
    ('"We are ready," said spokesman for the Red Cross John Watson.', "John Watson"),
])
def test_the_holder_named_at_the_end_of_an_office_s_phrase_speaks(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


@pytest.mark.parametrize("text, speaker, role", [
    # the recogniser read the body and the name as one
    ("The head of the World Health Organization Tedros Adhanom Ghebreyesus said the virus was spreading.",
     "Tedros Adhanom Ghebreyesus", "head of the World Health Organization"),
    ("Hong Kong director of Amnesty International Man-kei Tam said the announcement changed nothing.",
     "Man-kei Tam", "Hong Kong director of Amnesty International"),
    ("The president of Bank of America Brian Moynihan said rates would rise.",
     "Brian Moynihan", "president of Bank of America"),
    # or the parser hung the name on the body's
    ("Chair of the Federal Reserve Jerome Powell said rates would rise.",
     "Jerome Powell", "Chair of the Federal Reserve"),
    ("The executive director of Harbour Food Bank Tom Reyes said demand had doubled.",
     "Tom Reyes", "executive director of Harbour Food Bank"),
    # or cut the name at its particle
    ("President of the European Commission Ursula von der Leyen said the deal was fair.",
     "Ursula von der Leyen", "President of the European Commission"),
])
def test_the_holder_of_an_office_of_a_named_body_is_a_person_with_the_office_as_role(extract_text, text, speaker,
                                                                                         role):
    q = only(extract_text(text))
    assert (q.speaker.name, q.speaker.kind, q.speaker.role) == (speaker, "person", role)


def test_the_holder_of_an_office_of_a_named_body_after_a_quotation_is_the_person(extract_text):
    q = only(extract_text('"The announcement changes nothing," Hong Kong director of Amnesty International Man-kei '
                          'Tam said.'))
    assert (q.speaker.name, q.speaker.kind) == ("Man-kei Tam", "person")


@pytest.mark.parametrize("text", [
    "The head of the panel said Ana Ruiz would resign.",  # a name in the claim
    "The spokesman for Ana Ruiz said she would resign.",  # whom the office serves
])
def test_a_name_that_does_not_end_a_body_s_name_is_not_the_holder_of_the_office(extract_text, text):
    assert only(extract_text(text)).speaker.name != "Ana Ruiz"


def test_a_name_the_parser_made_a_second_subject_after_a_title_speaks(extract_text):
    # "Member of parliament (MP)" and "Kevin Conolly" are parsed as two subjects of "said"
    q = only(extract_text("The debate lasted two days. Member of parliament (MP) Kevin Conolly said a law allowing "
                          'the termination of a life marked a "sad day for NSW".'))
    assert (q.speaker.name, q.speaker.kind) == ("Kevin Conolly", "person")


@pytest.mark.parametrize("text, speaker", [
    ("In a blog post Sarah Collins, the chief executive of Harbour Bank said the bank would close ten branches.",
     "Sarah Collins"),
    ("After talks with Sarah Collins, the chief executive of Harbour Bank said the bank would close ten branches.",
     None),  # the chief executive, unnamed, said it
])
def test_a_name_hung_on_the_opening_phrase_is_the_holder_of_the_office_after_it(extract_text, text, speaker):
    assert only(extract_text(text)).speaker.name == speaker


@pytest.mark.parametrize("text, claim", [
    ("The SDF said hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped after the airstrikes.",
     "hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped after the airstrikes"),
    ("Officials told the residents (many of them elderly) the bridge was safe.", "the bridge was safe"),
    ("A study by Ana Ruiz and other researchers concluded Neanderthals living in Europe tens of thousands of years ago "
     "were more sophisticated than previously thought.", "Neanderthals living in Europe tens of thousands of years ago "
     "were more sophisticated than previously thought"),
])
def test_a_subject_the_parser_broke_at_a_bracket_or_participle_is_whole(extract_text, text, claim):
    assert only(extract_text(text)).quote == claim


def test_a_verb_with_a_thing_for_its_object_reports_no_clause_before_it(extract_text):
    assert extract_text("This month's highlights: the Green Party's nominee secures ballot access in all 50 "
                        "states, the Unity Party nominee proposes a novel solution to the issue.") == []
    # a phrase set off by a comma is no object
    quote = only(extract_text("Voltra Mobility is recalling about 210,000 of its e-scooters after reports of batteries "
                              "overheating, the company said on Wednesday, the largest recall in its history.")).quote
    assert quote.startswith("Voltra Mobility is recalling")


def test_an_outlet_told_is_no_part_of_the_name_the_recogniser_joined_it_to(extract_text):
    quote = only(extract_text("Retired FBI agent Ali Soufan told NPR Hamza bin Laden had appeared in videos since he "
                              "was a young boy.")).quote
    assert quote.startswith("Hamza bin Laden had appeared")


def test_the_subject_of_an_auxiliary_parted_from_its_verb_speaks(extract_text):
    assert only(extract_text("Harbour Foods has, in a filing, said it expects a loss.")).speaker.name == "Harbour Foods"


def test_that_said_is_a_connective(extract_text):
    assert extract_text("That said, Harbour Soft is working on cheaper plans for users who cannot upgrade.") == []


@pytest.mark.parametrize("text", [
    "The wreck lay far from where the Navy's records initially predicted it would be.",
    "Asked if she would run again, Ana Ruiz said she would.",
])
def test_a_clause_that_ends_at_its_verb_of_being_or_doing_says_nothing(extract_text, text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text, content", [
    ("Mayor Ann Lee told the BBC prices would rise.", "prices would rise"),
    ("Mayor Ann Lee told reporters Ukraine would win.", "Ukraine would win"),
    ("Officer Ann Lee on Tuesday told The Harbour Post radio broadcasts were being used to warn ships.",
     "radio broadcasts were being used to warn ships"),
    ("Mayor Ann Lee said Reuters had the story first.", "Reuters had the story first"),  # said: nobody told
    ("The director of education, Ana Ruiz, told trustees the board can no longer find enough qualified teachers.",
     "the board can no longer find enough qualified teachers"),
    ("Ana Ruiz told the Norwegian newspaper Aftenposten that the engine had been inspected eleven days earlier.",
     "the engine had been inspected eleven days earlier"),
])
def test_whom_something_was_told_to_is_not_part_of_the_claim(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_pronoun_told_is_not_part_of_the_claim(extract_text):
    quotes = extract_text("Pam Shriver said her husband had told her Trump had not met him until college.")
    assert "Trump had not met him until college" in [q.quote for q in quotes]


# -- phrases of wording ----------------------------------------------------------------------

@pytest.mark.parametrize("text, content, kind", [
    ('As Senator Ana Ruiz put it, "the system is broken."', "the system is broken.", "direct"),
    ("As Senator Ana Ruiz put it, the system is broken beyond repair.", "the system is broken beyond repair",
     "indirect"),
    ("Senator Ana Ruiz put it bluntly: the system is broken beyond repair.", "the system is broken beyond repair",
     "indirect"),
    ("The system is broken beyond repair, as Senator Ana Ruiz put it.", "The system is broken beyond repair",
     "indirect"),
])
def test_the_clause_a_phrase_of_wording_is_set_in_is_what_was_said(extract_text, text, content, kind):
    q = only(extract_text(text))
    assert (q.quote, q.type, q.speaker.name) == (content, kind, "Ana Ruiz")


@pytest.mark.parametrize("text", ["Senator Ana Ruiz put it on the table.", "She put the report in the car."])
def test_putting_a_thing_somewhere_is_no_wording(extract_text, text):
    assert extract_text(text) == []


def test_what_a_document_shows_is_not_also_the_object_of_its_publishing(extract_text):
    q = only(extract_text("The ministry published a report showing that exports fell sharply in March."))
    assert q.quote == "exports fell sharply in March"


def test_a_statement_someone_released_is_theirs(extract_text):
    q = only(extract_text("The Ruiz campaign released a statement saying the senator had done nothing wrong."))
    assert (q.quote, q.speaker.name) == ("the senator had done nothing wrong", "Ruiz campaign")


@pytest.mark.parametrize("text, content", [
    ("Hana Ishibe left the show. She later told fans during a livestream that she was “gutted” but understood his "
     "reasons.", "she was “gutted” but understood his reasons"),
    ("Mayor Ana Ruiz said she disagreed with the ruling but respected it.",
     "she disagreed with the ruling but respected it"),
])
def test_a_stated_attitude_joined_on_without_a_subject_goes_on_with_the_report(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ("Tesco stated its intention to leave the Polish market altogether.",
     "its intention to leave the Polish market altogether"),
    ("The company announced plans to close 20 stores next year.", "plans to close 20 stores next year"),
])
def test_a_stated_intention_is_what_was_said(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_plans_approved_are_no_statement(extract_text):
    assert extract_text("The council approved plans to build a new library.") == []


def test_denying_claims_that_something_happened_denies_the_claims(extract_text):
    q = only(extract_text("Saudi Arabia initially denied all claims that the journalist was killed."))
    assert (q.quote, q.cue) == ("all claims that the journalist was killed", "denied")


def test_a_finding_whose_clause_the_parser_built_around_a_noun(extract_text):
    q = only(extract_text("The poll, conducted by Quinnipiac University, found that 52 percent of voters disapprove "
                          "of the president's handling of the economy."))
    assert (q.quote, q.speaker.name) == ("52 percent of voters disapprove of the president's handling of the economy",
                                         "Quinnipiac University")


def test_a_denial_of_the_charges_after_a_quote_is_not_shown_as_sure(extract_text):
    quotes = extract_text('"I never took a dime," Roy Carver said outside the courthouse, denying the charges.')
    assert next(q for q in quotes if q.quote == "the charges").confidence <= 0.5


def test_a_subject_the_parser_hung_on_the_opening_phrase_speaks(extract_text):
    q = only(extract_text("In a written statement to CBC News, the Department of Fisheries and Oceans said the "
                          "closure would protect the stock."))
    assert (q.quote, q.speaker.name) == ("the closure would protect the stock", "Department of Fisheries and Oceans")


def test_an_intention_expressed_without_an_owner_is_a_wish_not_an_announcement(extract_text):
    assert extract_text("In grade school, Elijah Cummings expressed intent to become a lawyer.") == []


@pytest.mark.parametrize("text, content", [
    ("The denial came a day after Ana Ruiz, who sat on the board until May, said in a deposition that the chief "
     "of staff had called her twice.", "the chief of staff had called her twice"),
    ("The protest came days after Coun. Mark Lind said that the park would be paved over.",
     "the park would be paved over"),
])
def test_narration_that_leads_into_the_speaker_s_name_is_not_the_claim(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ('Ana Ruiz said only that her campaign was "in conversations" with the organizers.',
     'her campaign was "in conversations" with the organizers'),
    ("Ana Ruiz said simply that the vote had been rigged.", "the vote had been rigged"),
])
def test_a_word_the_writer_puts_before_that_is_not_part_of_the_claim(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_quoted_characterisation_joined_to_a_claim_is_the_speaker_s_next_words(extract_text):
    quotes = extract_text('A spokesperson for the senator, Ana Ruiz, said the senator had an attendance rate above '
                          '95 percent and called the attack "a distortion."')
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ("the senator had an attendance rate above 95 percent", "Ana Ruiz"),
        ('the attack "a distortion."', "Ana Ruiz")]


def test_a_participle_set_off_after_the_reported_clause_is_the_speaker_s(extract_text):
    quotes = extract_text('Gov. Ana Ruiz on Thursday denied that her office pressured the regulators, calling the '
                          'accusations "completely false."')
    assert [q.speaker.name for q in quotes] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_clause_whose_verb_the_parser_took_for_an_adjective_is_still_the_claim(extract_text):
    q = only(extract_text("House Minority Leader Ana Ruiz said the ruling vindicated concerns Democrats raised "
                          "during floor debate."))
    assert q.quote == "the ruling vindicated concerns Democrats raised during floor debate"


def test_a_clause_whose_verb_the_tagger_took_for_a_noun_is_still_the_claim(extract_text):
    q = only(extract_text("The group's president, Ana Ruiz, said the bill \"locks in Biden-era spending levels for "
                          "another quarter.\""))
    assert (q.quote, q.type) == ('the bill "locks in Biden-era spending levels for another quarter."', "mixed")


@pytest.mark.parametrize("text, content", [
    ("Ana Ruiz claimed the election was stolen without providing evidence.", "the election was stolen"),
    ("Ana Ruiz claimed the election was stolen without evidence.", "the election was stolen"),
    ("Ana Ruiz said the talks had failed, without giving details.", "the talks had failed"),
    ("Residents say the plan was rushed through without proper consultation.",
     "the plan was rushed through without proper consultation"),
])
def test_what_the_writer_says_the_source_left_out_is_not_the_claim_but_a_claim_s_without_is(extract_text, text,
                                                                                             content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, content", [
    ("Outside experts said the study was well designed but urged caution about drawing firm conclusions.",
     "the study was well designed"),
    ("Ana Ruiz said the report found rents had doubled and recommended a cap on increases.",
     "the report found rents had doubled and recommended a cap on increases"),
])
def test_a_verb_of_saying_joined_to_a_claim_about_a_thing_is_the_speaker_s_next_act(extract_text, text, content):
    assert [q.quote for q in extract_text(text)][0] == content


def test_a_that_clause_after_the_phrases_of_a_channel_is_the_claim(extract_text):
    q = only(extract_text("The province's public safety minister, Ana Ruiz, said in an interview with CBC News that "
                          "she had spoken with the chief on Monday."))
    assert (q.quote, q.speaker.name) == ("she had spoken with the chief on Monday", "Ana Ruiz")


@pytest.mark.parametrize("text, content", [
    ('Campaign spokesman Omar Haddad said in a statement that "early polls mean nothing" and that the senator\'s '
     'message on wages was "landing with voters."',
     '"early polls mean nothing" and that the senator\'s message on wages was "landing with voters."'),
    ('Councillor Dana Whitford spoke at the meeting. She said she supported transit "in principle" but that '
     'council was "making promises with money we don\'t have."',
     'she supported transit "in principle" but that council was "making promises with money we don\'t have."'),
])
def test_a_second_reported_clause_opened_by_and_that_or_but_that_is_the_same_claim(extract_text, text, content):
    assert extract_text(text)[-1].quote == content


def test_a_that_clause_after_a_statement_issued_on_a_day_is_the_claim(extract_text):
    quotes = extract_text("The safety board said in a preliminary report released on Friday that the train had "
                          "passed a red signal. The two trains stopped 50 metres apart, according to the report.")
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ("the train had passed a red signal", "safety board"),
        ("The two trains stopped 50 metres apart", "safety board")]


@pytest.mark.parametrize("text, content", [
    ('A survey released Tuesday by the Prairie Institute found that 62 percent of farmers backed "a cap on input '
     'prices," while 29 percent opposed it.',
     '62 percent of farmers backed "a cap on input prices," while 29 percent opposed it'),
])
def test_a_figure_set_against_the_one_before_is_the_rest_of_the_finding(extract_text, text, content):
    assert only(extract_text(text)).quote == content


def test_a_concession_after_a_quotation_is_still_the_writer_s(extract_text):
    q = only(extract_text('The mayor said the plan had "no support on this council," while she has voted for it '
                          'twice.'))
    assert q.quote == 'the plan had "no support on this council,"'


@pytest.mark.parametrize("text, content", [
    ('Radar logs show the ferry turning back, in a pattern described by Coastline Weekly as "erratic and '
     'hard to explain".', 'a pattern as "erratic and hard to explain"'),
    ('The proposal was described by tenant groups as "a giveaway to developers."',
     'The proposal as "a giveaway to developers."'),
])
def test_what_a_passive_of_describing_describes_is_part_of_the_characterisation(extract_text, text, content):
    assert [q.quote for q in extract_text(text) if "as" in q.quote.split()] == [content]


@pytest.mark.parametrize("text, content", [
    ("Energy analyst Mira Halloran said the new pipeline could not be considered a turning point for the region, as "
     "it would not change who supplies most of its gas.",
     "the new pipeline could not be considered a turning point for the region, as it would not change who supplies "
     "most of its gas"),
    ("The minister said the talks would resume on Monday, as negotiators gathered in Geneva.",
     "the talks would resume on Monday"),
])
def test_a_reason_given_with_as_is_the_speaker_s_but_a_setting_is_the_writer_s(extract_text, text, content):
    assert only(extract_text(text)).quote == content


@pytest.mark.parametrize("text, speaker", [
    ("The mayor, asked whether she would run again, said she had not decided.", "mayor"),
    ('Union president Kevin MacAskill spoke at noon. MacAskill, asked about those comments later in the day, said he '
     'had heard the same speech "at every table for the last three contracts."', "Kevin MacAskill"),
])
def test_whom_a_participle_of_asking_set_off_before_the_verb_asked_speaks(extract_text, text, speaker):
    q = extract_text(text)[-1]
    assert speaker in (q.speaker.name, q.speaker.role)
