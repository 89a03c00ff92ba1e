"""Direct quotes: the attribution that introduces each, and the quotes that carry a speaker on."""
from __future__ import annotations

import pytest
from conftest import only

from quotes.extract.marks import speech_like


def said(records) -> list[tuple[str, str | None]]:
    return [(r.quote, r.speaker.name) for r in records]


# -- floating quotes and continued paragraphs -------------------------------------------------

def test_quote_paragraphs_carry_the_speaker_of_the_quote_before(extract_text):
    text = '"We were not ready," Ruiz said.\n\n"Nobody was."\n\n"Next year will be different."'
    assert said(extract_text(text)) == [("We were not ready,", "Ruiz"), ("Nobody was.", "Ruiz"),
                                        ("Next year will be different.", "Ruiz")]


def test_a_quote_paragraph_after_a_reported_statement_is_the_same_speaker(extract_text):
    text = ("Markets fell sharply, economist Mina Ng said in a note to clients.\n\n"
            '"Investors should brace for more volatility this quarter."')
    quotes = extract_text(text)
    assert said(quotes)[-1] == ("Investors should brace for more volatility this quarter.", "Mina Ng")
    assert quotes[-1].cue is None


def test_a_quote_after_a_reported_statement_in_its_paragraph_is_the_same_speaker(extract_text):
    text = ('The crossing took much endurance, Zapata said. "It is an isometric exercise for '
            'the thighs, so it burns."')
    assert said(extract_text(text))[-1] == (
        "It is an isometric exercise for the thighs, so it burns.", "Zapata")


def test_a_paragraph_that_does_not_open_with_the_quote_does_not_carry_a_reported_speaker(extract_text):
    text = ("Markets fell sharply, economist Mina Ng said in a note to clients.\n\n"
            'Traders on the floor were calmer. One of them shrugged: the mood was "Business as usual today."')
    assert [name for _, name in said(extract_text(text))] == ["Mina Ng"]


def test_a_fragment_inside_a_reported_statement_is_not_a_quote_of_its_own(extract_text):
    text = ('The agency announced the new name of the disease: "COVID-19" is to replace the '
            'temporary designation "2019-nCoV."')
    assert "2019-nCoV." not in [r.quote for r in extract_text(text)]


GRANT = '"The bridge will reopen in May," said Transport Minister Paul Grant.'


def test_a_quote_paragraph_after_a_person_is_introduced_is_theirs(extract_text):
    text = (f"{GRANT}\n\nLocal shopkeeper Mara Quinn has waited two years.\n\n"
            '"We have lost half our customers since it closed."')
    quote = extract_text(text)[-1]
    assert (quote.quote, quote.speaker.name, quote.speaker_rule, quote.cue) == (
        "We have lost half our customers since it closed.", "Mara Quinn", "introduced", None)


@pytest.mark.parametrize("after, speaker", [
    ("Mara Quinn disagreed.", "Mara Quinn"),
    ("Mara Quinn, who runs a shop by the bridge, disagreed with him.", "Mara Quinn"),
    # not the last speaker's any more, nor someone who says nothing
    ("Mara Quinn did not reply.", None),
])
def test_a_quote_after_someone_else_is_introduced_is_theirs_not_the_last_speakers(extract_text, after, speaker):
    text = f'{GRANT} {after}\n\n"We have lost half our customers since it closed."'
    quote = extract_text(text)[-1]
    assert (quote.quote, quote.speaker.name) == ("We have lost half our customers since it closed.", speaker)


def test_a_person_merely_mentioned_does_not_stop_a_quote_carrying_on(extract_text):
    text = f'{GRANT} Grant spoke of Mara Quinn\'s "patience".\n\n"We will reopen on time."'
    assert said(extract_text(text))[-1] == ("We will reopen on time.", "Paul Grant")


def test_a_quote_after_a_sentence_whose_subject_is_a_person_is_theirs(extract_text):
    text = f'{GRANT}\n\nSenator Mara Quinn spoke on the radio, "We have lost half our customers."'
    quote = extract_text(text)[-1]
    assert (quote.speaker.name, quote.cue) == ("Mara Quinn", "spoke")


# -- colon and list attributions ---------------------------------------------------------------

@pytest.mark.parametrize("lead, speaker", [
    ("Dana Orr, The Ledger:", "Dana Orr"),
    ("Sam Whitby, on social media:", "Sam Whitby"),
    ("Dana Orr:", "Dana Orr"),
])
def test_a_name_before_a_colon_attributes_the_quote(extract_text, lead, speaker):
    text = f'{lead} "The council has to answer for this budget before the vote."'
    (quote,) = extract_text(text)
    assert (quote.type, quote.quote, quote.speaker.name, quote.cue) == (
        "direct", "The council has to answer for this budget before the vote.", speaker, None)


def test_a_statement_noun_before_a_colon_is_its_owners(extract_text):
    (quote,) = extract_text('The minister\'s reply: "We have no plans to raise the fuel tax this year."')
    assert (quote.speaker_mention, quote.cue) == ("The minister", "reply")


@pytest.mark.parametrize("lead", ["Update:", "Photo of the day:", "The road ahead:"])
def test_a_label_before_a_colon_names_nobody(extract_text, lead):
    assert extract_text(f'{lead} "We have no plans to raise the fuel tax this year."') == []


@pytest.mark.parametrize("text", [
    '"We will fight this," said Coun. Ana Ruiz. Residents packed the chamber, some holding signs reading '
    '"Parks Not Parking."',
    '"We will fight this," said Coun. Ana Ruiz. Her paper, titled "Why Cities Lose Their Parks," came out in May.',
    '"We will fight this," said Coun. Ana Ruiz. A report by the auditor, "Parks in Rural and Remote Areas," came '
    'out in May.',
    # a programme's name after its owner or "on"
    '"We will fight this," said Coun. Ana Ruiz. Appearing on CBS\' "Face the Nation," she repeated it.',
    '"We will fight this," said Coun. Ana Ruiz. Appearing on "Meet the Press," she repeated it.',
])
def test_a_title_or_a_sign_in_quotation_marks_is_nobody_s_speech(extract_text, text):
    assert [q.quote for q in extract_text(text)] == ["We will fight this,"]


def test_a_statement_reading_gives_its_issuer_s_words(extract_text):
    (quote,) = extract_text('The ministry issued a statement reading: "We will not negotiate with anyone."')
    assert (quote.quote, quote.speaker.name) == ("We will not negotiate with anyone.", "ministry")


def test_a_name_with_a_who_clause_is_a_person_s(extract_text):
    (quote,) = extract_text("Braun, who co-authored the paper, said outbreaks tend to follow the same pattern.")
    assert (quote.speaker.name, quote.speaker.kind) == ("Braun", "person")


@pytest.mark.parametrize("quoted, speech", [
    ("2019-nCoV.", False),  # a name, its one word hyphenated
    ("We won.", True),
    ("a sell-out of British dairy", False),
])
def test_quoted_words_read_as_speech_when_they_are_a_sentence(quoted, speech):
    assert speech_like(quoted) is speech


# -- a cue right before the quotation mark ----------------------------------------------------

@pytest.mark.parametrize("verb", ["wrote", "tweeted"])
def test_a_verb_of_saying_right_before_the_mark_attributes_the_quote(extract_text, verb):
    text = f'Former premier Donald Marsh {verb} "Let us all pray for the mayor. We are with you."'
    (quote,) = extract_text(text)
    assert (quote.type, quote.speaker.name, quote.cue) == ("direct", "Donald Marsh", verb)


@pytest.mark.parametrize("text, speaker, cue", [
    ('Senator Ana Ruiz spoke on the radio, "This is going to end badly. Nothing is worse for the town."',
     "Ana Ruiz", "spoke"),
    ('Mayor Tom Reyes, also on social media, defended his decision, "As I have said before, the bridge stays '
     'closed."', "Tom Reyes", "defended"),
])
def test_a_quoted_sentence_after_a_clause_about_someone_is_theirs(extract_text, text, speaker, cue):
    q = only(extract_text(text))
    assert (q.type, q.speaker.name, q.cue) == ("direct", speaker, cue)


def test_a_quotation_after_a_noun_that_names_words_is_no_ones_saying(extract_text):
    text = ('For weeks, the Harbour administration has been trying to add the question, "Is this person a '
            'citizen of the country?", to the census.')
    assert [q for q in extract_text(text) if q.speaker.name] == []


def test_a_quote_right_after_its_verb_and_a_phrase_is_that_verbs(extract_text):
    # the parser hangs the quote on "after the verdict"; the next sentence names someone else
    quotes = extract_text('Howard Ruben, a lawyer for the family, told the BBC after the verdict "My client is '
                          'very relieved with the verdict." Sophie Oban, another lawyer, said the case was closed.')
    assert [(q.quote, q.speaker.name) for q in quotes] == [
        ("My client is very relieved with the verdict.", "Howard Ruben"), ("the case was closed", "Sophie Oban")]


def test_a_speaker_after_said_that_the_parser_took_into_the_quotation(extract_text):
    # parsed as "people think that said a protester": the verb of saying inside the last sentence
    q = only(extract_text('"She is only doing this to break the movement. A lot of people think that," '
                          'said a protester named Lena.'))
    assert (q.speaker.name, q.type) == ("Lena", "direct")


def test_two_quotations_of_one_attribution_joined_by_and_are_one_quote(extract_text):
    q = only(extract_text('The mayor, Ana Ruiz, said on Friday "We asked the council once again to act" and '
                          '"So we told them we needed the bridge open. They refused."'))
    assert q.quote == "We asked the council once again to act So we told them we needed the bridge open. They refused."


@pytest.mark.parametrize("text, speaker", [
    ('The vote count went on for days. The Ruiz campaign released a statement: "We cannot accept this result." '
     "Tom Reyes said he would appeal.", "Ruiz campaign"),
    ('The vote count went on for days. The ministry issued a statement on Friday: "The dam is safe." Later, '
     "Tom Reyes said it was not.", "ministry"),
])
def test_a_quotation_after_a_clause_and_colon_is_its_subject_s_not_the_next_sentence_s(extract_text, text, speaker):
    assert extract_text(text)[0].speaker.name == speaker


def test_a_sentence_quoted_in_two_pieces_is_one_quote_though_its_first_piece_is_short(extract_text):
    q = only(extract_text('She spoke to reporters. "What is so sad for me", Ana Ruiz said, "is not seeing the '
                          'perpetrators punished."'))
    assert (q.quote, q.type, q.speaker.name) == (
        "What is so sad for me is not seeing the perpetrators punished.", "direct", "Ana Ruiz")


@pytest.mark.parametrize("text", [
    'The union called the cuts "Plainly unfair", Ana Ruiz said, "and wrong".',  # a phrase inside the sentence
    'She spoke to reporters. "Unfair", Ana Ruiz said, "and wrong".',  # a word, not a sentence's opening
])
def test_a_quoted_phrase_before_an_attribution_is_no_quoted_sentence(extract_text, text):
    assert all(q.type != "direct" for q in extract_text(text))


def test_the_piece_after_the_attribution_gives_no_second_quote(extract_text):
    quotes = extract_text('Ana Ruiz said she would appeal. "This ruling is not the end," she said, "and we will '
                          'go on."')
    assert [(q.quote, q.type) for q in quotes] == [
        ("she would appeal", "indirect"), ("This ruling is not the end, and we will go on.", "direct")]


@pytest.mark.parametrize("text, content", [
    ('Ana Ruiz said the law has "condemned many women, generally of limited means, to resort to unsafe practices '
     'in secret."', 'the law has "condemned many women, generally of limited means, to resort to unsafe practices '
     'in secret."'),
    ('Police chief Tom Reyes urged drivers to "not forget that the health and lives of other people depend on you."',
     'drivers to "not forget that the health and lives of other people depend on you."'),
    # the clause's subject alone before the quotation; and a quotation that goes on past where
    # the parser ends the clause
    ('The judge said they "appear not to have shown any respect for the standards of decent behaviour."',
     'they "appear not to have shown any respect for the standards of decent behaviour."'),
    ('He added authorities "are still waiting for updates on the condition, so please refrain from speculating."',
     'authorities "are still waiting for updates on the condition, so please refrain from speculating."'),
])
def test_a_reported_clause_that_ends_with_a_quoted_sentence_is_one_mixed_quote(extract_text, text, content):
    q = only(extract_text(text))
    assert (q.quote, q.type) == (content, "mixed")


def test_a_quotation_right_after_the_verb_stays_direct(extract_text):
    q = only(extract_text('Mayor Ana Ruiz said on Friday "We can do it if we want. We may do it."'))
    assert (q.quote, q.type) == ("We can do it if we want. We may do it.", "direct")


def test_a_quotation_after_a_colon_is_not_attributed_by_a_verb_a_sentence_before(extract_text):
    quotes = extract_text('Senator Tom Hale said the transfer of power is what sets the country apart, and described '
                          'the threat as "unthinkable." The Ruiz campaign put out a statement:  "The people will '
                          'decide this election. And the government can escort trespassers out."')
    assert quotes[-1].speaker.name == "Ruiz campaign"


def test_a_quotation_after_whom_it_was_told_and_a_comma_is_a_direct_quote(extract_text):
    quotes = extract_text('Emily Spanton said she was attacked. She told a guard at the door, in French and '
                          'English, "they raped me".')
    assert [(q.quote, q.type, q.speaker.name) for q in quotes][-1] == ("they raped me", "direct", "Emily Spanton")


def test_a_story_told_introduces_no_words(extract_text):
    assert extract_text("He told the story, and the audience laughed at every turn.") == []


def test_words_in_quotation_marks_speak_for_nobody(extract_text):
    quotes = extract_text('A sign at the entrance read "Thank you firefighters," and another, a few metres away, said '
                          '"Pinecrest Strong."')
    assert all(q.speaker.name is None and q.confidence <= 0.5 for q in quotes)


def test_a_quoted_subordinate_clause_goes_on_in_the_quotation_after_its_attribution(extract_text):
    quotes = extract_text('"Whenever there are signs of sending a palm branch," wrote student protester Joshua Wong on '
                          'Twitter. "They always come with a far tighter grip on civil rights."')
    q = only(quotes)
    assert (q.quote, q.speaker.name) == ("Whenever there are signs of sending a palm branch, They always come with a "
                                         "far tighter grip on civil rights.", "Joshua Wong")


def test_a_quotation_of_whole_sentences_before_its_attribution_stays_apart_from_the_next(extract_text):
    quotes = extract_text('"If you are under an order, go. Don\'t stop to pack the garage," Brigitte Aucoin said. '
                          '"Every car that turns around on that highway is a car that blocks a fire truck."')
    assert len(quotes) == 2


@pytest.mark.parametrize("text, speaker", [
    ('"I don\'t make evidence up," Calloway said. "Nobody said you should," Gloria Ramirez shot back.',
     "Gloria Ramirez"),
    ('"That is false," Gloria Ramirez fired back.', "Gloria Ramirez"),
])
def test_a_phrasal_verb_of_answering_back_attributes_the_quote(extract_text, text, speaker):
    assert extract_text(text)[-1].speaker.name == speaker


def test_firing_back_without_words_is_no_speech(extract_text):
    assert extract_text("Police fired back at the gunmen on Tuesday.") == []
