"""Canonical speakers, offices and statements: which names are one speaker, which must stay
apart, and which quotes report one statement."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from quotes.canon.groups import MIN_CONTAINED_WORDS, content_words, matching, probes, same_statements, terms
from quotes.canon.roles import role_holder, role_index, role_key
from quotes.canon.speakers import Mention, cluster, kind_of, slug


def speakers(*names: str, kinds: dict[str, str] | None = None) -> dict[str, str]:
    """Name -> canonical name, for names as the extractor resolved them."""
    kinds = kinds or {}
    return {name: s.name for name, s in cluster(Mention(n, kinds.get(n)) for n in names).items()}


def same(*names: str, kinds: dict[str, str] | None = None) -> set[str]:
    return set(speakers(*names, kinds=kinds).values())


# names written in several ways


@pytest.mark.parametrize("a, b", [
    ("Choe Son-hui", "Choe Son Hui"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("President Yoon Suk Yeol", "Yoon Suk Yeol"),
    ("South Korean President Yoon Suk Yeol", "yoon suk yeol"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
    ("NATO Secretary-General Mark Rutte", "Mark Rutte"),
    ("US Secretary of State Antony Blinken", "Antony Blinken"),
    ("Deputy ministry spokesperson Kim In-ae", "Kim In ae"),
    ("Mr. Kim", "Kim"),
    ("European Commission President Ursula von der Leyen", "Ursula von der Leyen"),
    ("Russia’s Foreign Ministry", "Russia's foreign ministry"),
    ("The Kremlin", "Kremlin"),
])
def test_titles_case_hyphens_and_apostrophes_do_not_split_a_speaker(a, b):
    assert len(same(a, b)) == 1


def test_a_role_without_a_name_is_not_its_holder():
    assert len(same("South Korea's president", "Yoon Suk Yeol")) == 2


# kind_of


@pytest.mark.parametrize("name, hint, kind", [
    ("Yoon Suk Yeol", "person", "person"),
    ("Yoon Suk Yeol's office", "person", "organisation"),  # the shape beats the hint
    ("the Russian embassy in Pyongyang", None, "organisation"),
    ("KCNA", None, "organisation"),
    ("Washington", None, "organisation"),
    ("South Korea and the United States", "organisation", "group"),
    ("Russian news agencies", None, "group"),
    ("South Korean and Western leaders", None, "group"),
    ("Ministry of Foreign Affairs and Trade", None, "organisation"),
    ("Maria Zakharova, a spokeswoman for the ministry", "person", "person"),
])
def test_kind_of(name, hint, kind):
    assert kind_of(name, hint) == kind


# Names that are one speaker


def test_hyphenated_and_spaced_korean_names_are_one_person():
    assert same("Choe Son-hui", "Choe Son Hui", "Choe Sonhui", "Choe") == {"Choe Son Hui"}


def test_titles_and_surname_join_the_full_name():
    names = speakers("Yoon", "Yoon Suk Yeol", "President Yoon Suk Yeol", "President Yoon")
    assert set(names.values()) == {"Yoon Suk Yeol"}


@pytest.mark.parametrize("names, name", [
    (("Pope Francis", "Francis"), "Pope Francis"),
    (("Prince Harry",), "Prince Harry"),
    (("Queen Elizabeth II",), "Queen Elizabeth II"),
    (("King Charles", "Charles"), "King Charles"),
])
def test_a_given_name_alone_keeps_the_regnal_title_it_goes_by(names, name):
    assert set(speakers(*names, kinds={n: "person" for n in names}).values()) == {name}


def test_acronym_joins_the_organisation_it_abbreviates_and_names_it():
    assert same("KCNA", "Korean Central News Agency", "state media KCNA",
                "North Korea's official Korean Central News Agency") == {"KCNA"}
    assert same("NATO", "North Atlantic Treaty Organization",
                kinds={"NATO": "organisation",
                       "North Atlantic Treaty Organization": "organisation"}) == {"NATO"}
    assert same("TASS", "the state-run TASS news agency", "TASS state news agency",
                kinds={"TASS": "organisation"}) == {"TASS"}


def test_embassy_named_by_host_city_or_country_is_one_embassy():
    assert same("the Russian Embassy in North Korea", "the Russian embassy in Pyongyang",
                "Russian Embassy") == {"Russian Embassy in North Korea"}


def test_an_institution_that_names_no_place_may_be_any_countrys():
    names = speakers("Russian Embassy in North Korea", "the embassy", "Turkish Ministry of Foreign Affairs",
                     "Ministry of Foreign Affairs")
    assert len(set(names.values())) == 4


def test_foreign_ministry_variants_are_one_ministry():
    assert same("Russian Foreign Ministry", "Russian foreign ministry",
                "Russia's Foreign Ministry", "Russia’s Foreign Ministry") == {"Russian Foreign Ministry"}


def test_capitals_speaking_for_their_country():
    names = speakers("Washington", "the United States", "U.S.", "US", "Seoul", "South Korea")
    assert names == {"Washington": "United States", "the United States": "United States",
                     "U.S.": "United States", "US": "United States",
                     "Seoul": "South Korea", "South Korea": "South Korea"}


def test_speaker_carries_aliases_roles_and_a_slug_id():
    result = cluster([
        Mention("Dmitry Peskov", "person", "Kremlin spokesman", "Kremlin spokesman Dmitry Peskov", 2),
        Mention("Peskov", "person", None, "he"),
        Mention("Peskov", "person", "Putin's spokesman", "Peskov"),
    ])
    peskov = result["Peskov"]
    assert result["Dmitry Peskov"] is peskov
    assert (peskov.id, peskov.name, peskov.kind) == ("dmitry-peskov", "Dmitry Peskov", "person")
    assert peskov.aliases == ["Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", "Peskov"]
    assert peskov.roles == ["Kremlin spokesman", "Putin's spokesman"]  # most frequent first


# Names that must stay apart


def test_two_kims_stay_two_speakers():
    names = speakers("Kim Jong Un", "Kim In-ae", "Kim Jong-un")
    assert names["Kim Jong-un"] == names["Kim Jong Un"] == "Kim Jong Un"
    assert names["Kim In-ae"] == "Kim In-ae"


def test_a_given_name_is_not_the_person_of_that_first_name():
    names = speakers("Bernadette", "Bernadette Quayle", "Robert", "Robert Downey Jr.", "Downey")
    assert names["Bernadette"] == "Bernadette" and names["Robert"] == "Robert"
    assert names["Downey"] == "Robert Downey Jr."  # the surname before a generational suffix


def test_a_given_name_is_not_a_family_name_written_first():
    names = speakers("Robert", "Robert Gabriel Mugabe", "Yoon", "Yoon Suk Yeol")
    assert names["Robert"] == "Robert"
    assert names["Yoon"] == "Yoon Suk Yeol"


def test_a_bare_surname_shared_by_two_people_stays_unmerged():
    result = cluster(Mention(n, "person") for n in ("Kim Jong Un", "Kim In-ae", "Kim"))
    assert len({s.id for s in result.values()}) == 3
    assert result["Kim"].name == "Kim"


def test_a_person_never_merges_with_an_organisation():
    result = cluster([Mention("Yoon Suk Yeol", "person"), Mention("Yoon Suk Yeol's office"),
                      Mention("Yoon", "organisation")])
    assert result["Yoon Suk Yeol"].id != result["Yoon Suk Yeol's office"].id
    assert result["Yoon"].id != result["Yoon Suk Yeol"].id


def test_a_role_never_merges_into_a_person():
    result = cluster([Mention("Dmitry Peskov", "person"), Mention("Kremlin spokesman", "person"),
                      Mention("Kremlin", "organisation"),
                      Mention("South Korea's president", "person"), Mention("Yoon Suk Yeol")])
    assert len({s.id for s in result.values()}) == 5


def test_a_bare_embassy_with_two_embassies_known_stays_unmerged():
    names = speakers("the Russian embassy in Pyongyang", "the US embassy in Seoul", "the embassy")
    assert len(set(names.values())) == 3


def test_different_countries_state_media_stay_apart():
    assert len(same("Russian state media", "North Korean state media", "Russia")) == 3


def test_clashing_slugs_get_distinct_ids():
    result = cluster([Mention("Kim", "person"), Mention("KIM", "organisation")])
    assert sorted(s.id for s in result.values()) == ["kim", "kim-2"]


# Determinism


def test_result_does_not_depend_on_input_order():
    mentions = [Mention(n, k, r, m) for n, k, r, m in [
        ("Choe Son-hui", "person", "Foreign Minister", "North Korean Foreign Minister Choe Son-hui"),
        ("Choe Son Hui", "person", None, "Choe Son Hui"),
        ("Choe", "person", None, "she"),
        ("Kim Jong Un", "person", "leader", "North Korean leader Kim Jong Un"),
        ("Kim In-ae", "person", "deputy spokesperson", "Kim In-ae"),
        ("Kim", "person", None, "Kim"),
        ("KCNA", "organisation", None, "state media KCNA"),
        ("Korean Central News Agency", "organisation", None, "the Korean Central News Agency"),
        ("Russian Embassy in North Korea", "organisation", None, "the embassy"),
        ("Russian embassy in Pyongyang", "organisation", None, "The Russian embassy in Pyongyang"),
        ("Russian Foreign Ministry", "organisation", None, "the Russian Foreign Ministry"),
        ("Russian foreign ministry", "organisation", None, "The Russian foreign ministry"),
        ("Washington", "organisation", None, "Washington"),
        ("United States", "organisation", None, "the United States"),
        ("South Korea and the United States", "group", None, "South Korea and the United States"),
    ]]
    expected = cluster(mentions)
    for seed in range(20):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected


def test_slug():
    assert slug("Choe Son-hui") == "choe-son-hui"
    assert slug("Russia's Foreign Ministry") == "russias-foreign-ministry"
    assert slug("Ségolène Royal") == "segolene-royal"
    assert slug("Зеленский") == "зеленский"


@pytest.mark.parametrize("one, other", [
    ("chief of the North Atlantic Treaty Organization", "NATO Secretary-General"),
    ("South Korea's president", "South Korean President"),
    ("the Kremlin spokesman", "Kremlin spokeswoman"),
])
def test_roles_name_the_same_office_across_wordings(one, other):
    index = role_index({"holder": [other]})
    assert role_holder(one, index) == "holder"


def test_a_role_held_by_two_people_or_nobody_is_not_guessed():
    index = role_index({"a": ["Kremlin spokesman"], "b": ["Kremlin spokesman"], "c": ["US President"]})
    assert role_holder("the Kremlin spokesman", index) is None
    assert role_holder("French President", index) is None
    assert role_holder("president", index) is None  # no place: any president


def test_a_role_that_names_no_place_is_nobody_across_articles():
    index = role_index({"a": ["Health Minister"], "b": ["Kremlin spokesman"]})
    assert role_holder("the local health minister", index) is None  # every country has one
    assert role_holder("the Kremlin spokesman", index) == "b"


def test_a_holder_whose_role_names_no_place_holds_no_office_named_with_one():
    index = role_index({"brandli": ["Foreign Minister"]})  # of one article: whose foreign minister?
    assert role_holder("head of the SADC mission, former Botswana foreign minister Kagiso Modise", index) is None
    assert role_holder("Botswana's foreign minister", index) is None


# quote groups


def _all_pairs_reference(bucket: list[tuple]) -> set[frozenset[str]]:
    """The matching rule of quote groups applied to every pair, for comparison."""
    words = [content_words(row[4]) for row in bucket]
    parent = list(range(len(bucket)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in ((a, b) for a in range(len(bucket)) for b in range(a)):
        if bucket[i][2] == bucket[j][2] or not words[i] or not words[j]:
            continue
        shared = len(words[i] & words[j])
        matched = 3 * shared >= len(words[i]) + len(words[j])
        for r, q in ((i, j), (j, i)):  # a rendering r contained in a quote q
            if (bucket[r][3] != "direct" and bucket[q][3] != "indirect"
                    and len(words[r]) >= MIN_CONTAINED_WORDS and 5 * shared >= 3 * len(words[r])):
                matched = True
        if matched:
            parent[find(i)] = find(j)
    sets: dict[int, set[str]] = {}
    for i, row in enumerate(bucket):
        sets.setdefault(find(i), set()).add(row[1])
    return {frozenset(ids) for ids in sets.values() if len(ids) > 1}


WORDING = st.lists(st.sampled_from(["sanctions", "troops", "border", "talks", "missile",
                                     "alliance", "nuclear", "peace", "deal", "the"]),
                   max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDING, st.sampled_from(["a1", "a2", "a3"]),
                          st.sampled_from(["direct", "indirect", "mixed"])), max_size=25))
def test_grouping_matches_comparing_every_pair(quotes):
    # Verbatim copies are common (wire stories reprinted everywhere) and are compared once,
    # and only pairs sharing rare words are compared at all: neither may change the groups.
    bucket = [("speaker", f"q{n}", article, kind, text) for n, (text, article, kind) in enumerate(quotes)]
    groups = {frozenset(row[1] for row in group) for group in same_statements(bucket)}
    assert groups == _all_pairs_reference(bucket)


SAID = st.tuples(st.frozensets(st.sampled_from("abcdefghijkl"), max_size=12),
                 st.sampled_from(["direct", "indirect", "mixed"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(SAID, max_size=20), SAID, st.dictionaries(st.sampled_from("abcdefghijkl"), st.integers(0, 50)))
def test_a_new_quote_finds_every_quote_of_its_speaker_it_can_match(others, new, seen):
    # The refresh compares a new quote only with what its probe finds in the speaker's word
    # index, looking up a few rare words: nothing the quote matches may be left out.
    lists: dict[str, list[int]] = {}
    for number, (words, kind) in enumerate(others):
        for term in terms(words, kind):
            lists.setdefault(term, []).append(number)
    words, kind = new
    found = probes(words, kind, seen).among(lists)
    for number, (theirs, their_kind) in enumerate(others):
        if words and theirs and matching(len(words), kind, len(theirs), their_kind, len(words & theirs)):
            assert number in found


def test_a_statement_reprinted_verbatim_is_one_group():
    bucket = [("speaker", f"q{n}", f"a{n % 500}", "direct", "We will never accept the deal.")
              for n in range(2000)]
    bucket.append(("speaker", "other", "a1", "direct", "Troops crossed the border at dawn."))
    groups = same_statements(bucket)
    assert [len(group) for group in groups] == [2000]


# descriptions: one speaker per article, never across the world

def test_a_description_is_one_speaker_per_article():
    from quotes.canon.speakers import in_article
    stored = [in_article(name, article) for name, article in [
        ("police", "a1"), ("the police", "a1"), ("police", "b2"), ("police", "c3"), ("company", "c3")]]
    found = cluster(Mention(n, "group" if "police" in n else None) for n in stored)
    police = {found[n].id for n in stored if "police" in n}
    assert len(police) == 3 and found[stored[0]] is found[stored[1]]
    assert {found[n].name for n in stored if "police" in n} == {"police"}  # shown as written
    assert found[stored[0]].aliases == ["police", "the police"]


@pytest.mark.parametrize("name, described", [
    ("police", True), ("the government", True), ("senior official", True), ("statement", True),
    ("London police", False), ("police in Auckland", False), ("Delhi Police", False),
    ("British officials", False), ("Dmitry Peskov", False),
])
def test_a_description_has_no_proper_noun(name, described):
    from quotes.canon.speakers import in_article, is_described
    assert is_described(name) is described
    assert (in_article(name, "ab12") != name) is described


@pytest.mark.parametrize("name, kind, described", [
    ("senior US official", "person", True), ("French diplomatic source", "person", True),
    ("Kremlin spokesman", "person", False), ("British officials", "group", False),
    ("US official", "organisation", False), ("Ann Lee", "person", False),
])
def test_an_anonymous_person_described_with_a_country_is_one_articles(name, kind, described):
    from quotes.canon.speakers import is_described
    assert is_described(name, kind) is described


def test_a_description_within_its_article_joins_no_named_institution():
    from quotes.canon.speakers import in_article
    ministry = in_article("ministry", "a1")
    found = cluster([Mention("Russian Foreign Ministry", "organisation"), Mention(ministry, "organisation"),
                     Mention("Ministry", "organisation")])
    assert found[ministry] is not found["Russian Foreign Ministry"]
    assert found[ministry] is not found["Ministry"]


def test_a_document_is_no_alias_of_the_person_who_issued_it():
    found = cluster([Mention("Donald Trump", "person", mention="President Donald Trump"),
                     Mention("Donald Trump", "person", mention="The statement"),
                     Mention("Donald Trump", "person", mention="Trump's statement"),
                     Mention("Britain and Canada", "group", mention="a joint letter from the two countries"),
                     Mention("statement", "document", mention="The statement")])
    assert found["Donald Trump"].aliases == ["Donald Trump", "President Donald Trump"]
    assert found["Britain and Canada"].aliases == ["Britain and Canada"]
    assert "The statement" in found["statement"].aliases  # a document unissued is its own speaker


@pytest.mark.parametrize("names, name", [
    (("Libertarian Jo Quist", "Jo Quist", "Quist"), "Jo Quist"),
    (("Astronomer Ann Delacorte", "Ann Delacorte"), "Ann Delacorte"),
    (("Pastor Eli Ambler", "Ambler"), "Eli Ambler"),
    (('Robert "Bobby" Kalder', "Robert Kalder", "Kalder"), "Robert Kalder"),
])
def test_a_person_is_named_without_what_describes_them_or_a_nickname(names, name):
    assert same(*names) == {name}


def test_a_given_name_that_is_also_a_role_stays_in_a_name_of_two_words():
    assert speakers("Dean Vollmer", "John Vollmer", "Vollmer")["Dean Vollmer"] == "Dean Vollmer"


def test_a_name_the_article_writes_with_a_capital_the_keeps_it():
    result = cluster(Mention(n, "organisation") for n in ("The Verge", "Verge", "BBC"))
    assert result["Verge"].name == result["The Verge"].name == "The Verge"
    assert result["BBC"].name == "BBC"


def test_a_title_written_short_holds_the_same_office_as_written_out():
    assert role_key("Gov.")[0] == role_key("Governor")[0] == "governor"
