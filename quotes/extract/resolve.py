"""Turn the speaker of a cue into a name, within one article.

A speaker mention is a noun phrase as written ("Kremlin spokesman Dmitry Peskov", "he",
"the embassy", "South Korea's president"). Resolution follows how news writing refers back:
a full name first, then the surname, a pronoun, a definite description ("the ministry") or
the document that carried the words ("the statement said"). Each way of referring is one
rule in :data:`RULES`, tried in order; when nothing in the article fits, the name stays
unknown: an honest unknown beats a confident wrong name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..canon.roles import role_key
from ..canon.speakers import acronym
from ..lexicon import Lexicon
from ..records import UNKNOWN, Attribution, SpeakerKind
from .mentions import (
    agent_of,
    antecedent_of_relative,
    capital_of_position,
    channel_of,
    clean_name,
    document_issuer,
    in_capitals,
    mention_span,
    name_start,
    names_head,
    opening_name,
    partitive_group,
    strip_article,
    title_cased,
    unnamed,
    without_trade,
)
from .referents import History, Named, Names, with_regnal_title

POSSESSIVE_START = re.compile(r"^['’]s\s*")


@dataclass
class Speech:
    """Who spoke, as the cue's clause says: the mention as written, the name it resolves to,
    how the words were said and who relayed them."""

    mention: Span | None = None
    speaker: Attribution = UNKNOWN
    channel: str | None = None
    via: str | None = None
    rule: str | None = None  # the name of the rule in RULES that found the speaker


def through(document: Span) -> str:
    """The channel a document is for its issuer: "The statement" -> "in the statement", "The
    Kremlin website" -> "on the Kremlin website"."""
    lower = document[0].lower_ in lexicon.ARTICLES or capital_of_position(document[0])
    first = document[0].lower_ if lower else document[0].text  # ("Initial reports": no name)
    on = document.root.lemma_.lower() in lexicon.POSTING_NOUNS
    return f"{'on' if on else 'in'} {first}{document[0].whitespace_}{document[1:].text}".rstrip()


class MentionPhrase:
    """One speaker mention and the facts about it that the rules read."""

    def __init__(self, span: Span):
        self.span, self.head = span, span.root
        self.lemma = self.head.lemma_.lower()
        self.lower = self.head.lower_
        self.plural = self.head.tag_ in ("NNS", "NNPS") and self.lower not in ("media", "press")
        self.first = span[0].lower_

    @cached_property
    def modifiers(self) -> list[Token]:
        return [t for t in self.span if t.i != self.head.i and t.dep_ not in ("det", "punct")]

    @property
    def definite(self) -> bool:
        return self.first in lexicon.DEFINITE


class Resolver:
    """Resolves the speaker mentions of one article, in reading order."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc, self.lex = doc, lex
        self.names = Names(doc, lex)
        self.history = History()
        self.relayed: str | None = None  # who issued the document a rule took for the speaker
        self.rule: str | None = None  # the rule that resolved the last mention remembered
        self.at = 0  # where the mention being resolved starts

    def attribute(self, subject: Token | None, verb: Token, agent: Token | None) -> Speech:
        """The speech of a cue with this subject (and, for "quoted by", this agent)."""
        speech = Speech(channel=channel_of(verb, self.lex))
        if agent is not None:
            speech.via = self.resolve(mention_span(agent, self.lex), remember=False).name
        if subject is None and agent is None:
            subject = self.name_before(verb)
        if subject is None:
            return speech
        if subject.lower_ in lexicon.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            subject = antecedent_of_relative(subject)
        if not self.names.in_text(subject.idx):
            return speech  # a credit, byline or headline-case line names no speaker
        speech.mention = mention_span(subject, self.lex)
        # ("the Ministry of Water, Land and Resource Stewardship said", its last fields parsed as
        # an apposition: the whole name the recogniser saw)
        whole = next((e for e in self.names.ents if e.label_ == "ORG" and e.start < speech.mention.start
                      and e.end == speech.mention.end and any(
                          t.lemma_.lower() in self.lex.org_nouns | lexicon.ORG_NAME_HEADS
                          for t in self.doc[e.start:speech.mention.start])), None)
        if whole is not None:
            speech.mention = self.doc[whole.start:whole.end]
        self.relayed = None
        named = self.name_after(speech.mention, verb)
        if named is not None:
            # "study co-author Karen Alley said", parsed as two subjects: the title and the name
            speech.mention = self.doc[speech.mention.start:named.end]
            speech.speaker = self.resolve(named)
            if speech.speaker.kind == "person":
                title = self.doc[speech.mention.start:named.start].text
                speech.speaker = Attribution(speech.speaker.name, "person", strip_article(title) or None)
        else:
            speech.speaker = self.resolve(speech.mention)
        speech.rule = self.rule if speech.speaker.name else None
        if speech.rule in ("document", "data") and speech.speaker.kind != "document" and speech.channel is None:
            speech.channel = through(speech.mention)  # "the statement said": its issuer, through it
        if speech.speaker.kind == "document" and self.relayed:
            speech.via = speech.via or self.relayed
            if self.history.referents:
                self.history.referents[-1].via = self.relayed
        if self.history.referents and speech.speaker.name is not None and speech.channel:
            self.history.referents[-1].channel = speech.channel
        return speech

    def name_before(self, verb: Token) -> Token | None:
        """A name written right before a verb that the parser left without a subject: in
        "Speaking to AFP, the president of the league, Jamel Msallem, said" it hung the
        speaker on the opening phrase; a participle after that verb shares its name ("...,
        Donald Trump denied ..., arguing ...")."""
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ == "VERB":
            return self.name_before(verb.head)
        if verb.tag_ in ("VBG", "VBN") or any(c.dep_ in lexicon.ANY_SUBJECT_DEPS for c in verb.children):
            return None
        at = verb.i - 1
        while at >= verb.sent.start and (self.doc[at].is_punct or self.doc[at].is_space):
            at -= 1
        if at > verb.sent.start and self.doc[at + 1].text == ")" and self.doc[at - 1].text == "(":
            at -= 2  # "Eleanor Fairbanks of the British Antarctic Survey (BAS) told": not the abbreviation
        if at < verb.sent.start:
            return None
        token = self.doc[at]
        while token.dep_ == "pobj" and token.head.lower_ in lexicon.NAME_PREPOSITIONS \
                and token.head.head.ent_type_ == "PERSON":
            token = token.head.head  # the person "of" a body
        # "In a post Sarah Collins, the chief executive of Harbour Bank said": the one described
        described = next((a.head for a in (token, *token.ancestors) if a.dep_ == "appos"), None)
        if described is not None and opening_name(described) and not self.names.in_quotes(described.idx):
            return described
        # ("Tolliver said ...", the surname of someone named in full, which the tagger took for an adverb)
        surname = token.is_title and token.is_sent_start and self.names.surname_in_full(token.text)
        if at == verb.i - 1 and token.ent_type_ != "PERSON" and not surname:
            return None  # "..., said X": the speaker comes after
        if token.ent_type_ not in lexicon.AGENT_LABELS and not surname or self.names.in_quotes(token.idx):
            return None
        while token.dep_ in ("compound", "flat") and token.head.i > token.i and token.head.ent_type_ == token.ent_type_:
            token = token.head
        return token

    def name_after(self, mention: Span, verb: Token) -> Span | None:
        """A name the parser made a second subject of the same verb, right after a mention
        that holds none but a nationality ("Early opponent MP Tanya Davies said", "The Iranian
        state news agency IRNA said"), or an office but no person ("Minister of Transportation and
        Minister responsible for Emergency Measures Gerard Stone said")."""
        office = not any(t.ent_type_ == "PERSON" for t in mention) \
            and mention.root.lemma_.lower() in self.lex.role_nouns
        names = [t for t in mention if t.pos_ == "PROPN" or (t.ent_type_ and t.pos_ != "ADJ")]
        # ("The Bangkok-based group Living Rivers Southeast Asia said": a place only says where it is)
        placed = mention.root.lemma_.lower() in self.lex.org_nouns and all(t.ent_type_ in ("GPE", "NORP", "LOC")
                                                                            for t in names)
        if not office and not placed and names:
            return None
        # (the verb whose subjects they are: "called ... but said" shares them)
        governor = mention.root.head if mention.root.dep_ in lexicon.SUBJECT_DEPS else verb
        for child in governor.children:
            if child.dep_ in lexicon.SUBJECT_DEPS and child.i >= mention.end and child.pos_ == "PROPN":
                named = mention_span(child, self.lex)
                if office and names and not any(t.ent_type_ == "PERSON" for t in named):
                    continue
                between = self.doc[mention.end:named.start]
                if all(t.text == "-" or t.dep_ == "compound" for t in between) and named.start - mention.end <= 3:
                    return named
                # ("... and Minister responsible for Emergency Measures Gerard Stone": the office's own words)
                if office and named.start > mention.end and all(
                        mention.root.left_edge.i <= t.i <= mention.root.right_edge.i for t in between):
                    return named
        return None

    def resolve(self, span: Span, remember: bool = True) -> Attribution:
        mention = MentionPhrase(span)
        outer, self.at = self.at, span.start_char
        if self.names.in_quotes(mention.head.idx):
            rule, found = None, UNKNOWN  # 'another said "Pinecrest Strong."': quoted words speak for nobody
        else:
            rule, found = next(((rule, a) for rule in RULES if (a := rule(self, mention)) is not None),
                               (None, UNKNOWN))
        if found.kind == "organisation" and found.name in self.names.abbreviations:
            # ("the agency" after "The FAA disputed ...": the name the article defined it for)
            found = replace(found, name=self.names.abbreviations[found.name])
        name = found.name or ""
        if found.kind == "organisation" and name[:1].isupper() and mention.lemma not in lexicon.INSTITUTIONS:
            # ("the ruling Democratic Rally in Cyprus": where the body is, no part of its name; but
            # "the Russian Embassy in Pyongyang" is told apart by it)
            place = next((self.doc[p.i:p.right_edge.i + 1].text for p in mention.head.children
                          if p.dep_ == "prep" and p.lower_ == "in" and any(
                              o.dep_ == "pobj" and (o.ent_type_ == "GPE" or o.lower_ in lexicon.NATIONS)
                              for o in p.children)), None)
            if place is not None and name.endswith(f" {place}"):
                found = replace(found, name=name[:-len(place) - 1])
        self.at = outer
        if remember:
            self.history.remember(span, found)
            self.rule = rule.__name__ if rule is not None else None
        return found

    def full(self, name: str) -> str:
        return self.names.full_name_near(name, self.at)


Rule = Callable[[Resolver, MentionPhrase], "Attribution | None"]


def fits(r: Resolver, name: str, gender: str | None) -> bool:
    """Whether a pronoun or description of ``gender`` can be ``name``, as far as the article
    shows: by what its speakers were called, an honorific or title written with the name, or
    else the given name."""
    if not r.history.fits(name, gender):
        return False
    if name in r.names.genders:
        return r.names.genders[name] == gender
    given = lexicon.given_name_gender(name) if " and " not in name else None
    return given is None or gender is None or given == gender


# -- the rules, in the order they are tried: each returns None when it does not apply ------

def pronoun(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """The nearest earlier speaker a pronoun can refer to; "he" and "she" skip a person the
    article has already shown to be of the other gender."""
    if len(m.span) != 1 or m.lower not in lexicon.SPEAKER_PRONOUNS or in_capitals(m.head):
        return None
    start = m.span.start_char
    if m.lower in lexicon.PERSON_PRONOUNS:
        kinds = {"person"}
    elif m.lower in lexicon.ORG_PRONOUNS:
        kinds = {"organisation", "document"}  # "The poll found ... It also found"
    else:
        kinds = {"group", "organisation"}
    gender = lexicon.GENDER.get(m.lower)
    history = r.history
    # "He challenged Biden to ...": whom the pronoun's own verb names as its object is someone else
    objects = {r.full(clean_name(mention_span(c, r.lex).text)) for c in m.head.head.children
               if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"} if m.head.dep_ in lexicon.SUBJECT_DEPS else set()
    if m.head.dep_ in ("dobj", "dative"):  # ("Walt Dombrowski asked her": not Walt Dombrowski)
        objects |= {r.resolve(mention_span(c, r.lex), remember=False).name or "" for c in m.head.head.children
                    if c.dep_ in lexicon.SUBJECT_DEPS}

    def can_be(name: str) -> bool:
        return name not in objects and fits(r, name, gender)

    if "person" in kinds:
        questioned = questioned_before(r, start, gender, m.head.head.lemma_.lower() in lexicon.ANSWERING_VERBS)
        if questioned is not None:
            return questioned
    if "person" in kinds:
        only = pair_member(r, start, gender) or subject_before_in_sentence(r, start, gender) \
            or sole_person_before(r, start, gender) or described_person_before(r, start, gender)
        if only is not None and only.name not in objects:
            return only
    if "group" in kinds:
        described = described_group_before(r, start)
        if described is not None:
            return described
    candidates = [ref for ref in history.before(start) if ref.kind in kinds and can_be(ref.name)]
    if "person" in kinds:
        # "The head of the inquiry told the court ... She also said": the last speaker, though
        # the article names nobody to the office, not someone named before
        sentence = r.names.sentence_before(start)
        office = next(((at, role) for at, role in reversed(history.unnamed) if at < start), None)
        # (a bare "the mayor" after a named speaker may be that speaker)
        if office is not None and sentence is not None and office[0] >= sentence[0] and " " in office[1] \
                and (not candidates or candidates[0].start < office[0]) \
                and lexicon.GENDER.get(office[1].lower().split()[-1], gender) == gender:
            return Attribution(None, None, office[1])
    # Someone made the subject of a sentence since the last speaker is the more salient
    # antecedent: 'Aldridge said ... . The director, Ann Lee, told analysts ... . She was
    # quoted as saying ...' is Lee; 'Lorna and Jim Pascoe ... came to the rally. They
    # said ...' is the pair.
    since = candidates[0].start if candidates else -1
    if "person" in kinds:
        subjects = [(p.start, named_before(r, p, start)) for p in r.names.subject_people
                    if since < p.start < start and can_be(r.full(p.name))]
        subjects += [(at, a) for at, a in office_holder_subjects(r, since, start) if fits(r, a.name or "", gender)]
        if subjects:
            latest = max(subjects, key=lambda found: found[0])[1]
            if gender:
                history.gender[latest.name or ""] = gender
            return latest
    if "group" in kinds:
        pairs = [name for s, name in r.names.subject_pairs if since < s < start]
        if pairs:
            return Attribution(pairs[-1], "group")
    if candidates:
        if gender:
            history.gender[candidates[0].name] = gender
        return candidates[0].attribution
    if "person" in kinds:
        # Nobody has spoken yet: the last person a sentence was about, else the last one
        # named outside quotation marks.
        before = [p for p in r.names.subject_people if p.start < start and can_be(r.full(p.name))] \
            or [p for p in r.names.people if p.start < start and not r.names.in_quotes(p.start)
                and can_be(r.full(p.name))]
        if before:
            return named_before(r, before[-1], start)
    return UNKNOWN


def office_holder_subjects(r: Resolver, since: int, start: int) -> list[tuple[int, Attribution]]:
    """"..., the President traveled to Ohio. He delivered a speech": the holders of offices
    that main clauses between ``since`` and ``start`` are about, where the article names them."""
    span = r.doc.char_span(max(since, 0), start, alignment_mode="contract")
    found = []
    for token in span if span is not None else []:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and token.lemma_.lower() in r.lex.role_nouns \
                and r.doc[token.left_edge.i].lower_ in lexicon.DEFINITE and not r.names.in_quotes(token.idx):
            holder = r.resolve(mention_span(token, r.lex), remember=False)
            if holder.kind == "person" and holder.name:
                found.append((token.idx, Attribution(r.full(holder.name), "person", holder.role)))
    return found


def named_before(r: Resolver, person: Named, start: int) -> Attribution:
    """A person named before ``start``, in full, with the title written there or, when
    none is ("Varga declined"), the one the person last spoke with ("Governor Ilse Varga")."""
    name = r.full(person.name)
    return Attribution(name, "person", person.role or last_role(r, name, start))


def last_role(r: Resolver, name: str, start: int) -> str | None:
    """The title ``name`` last spoke with before ``start``, if any."""
    return next((ref.role for ref in r.history.before(start) if ref.name == name and ref.role), None)


def sole_person_before(r: Resolver, start: int, gender: str | None) -> Attribution | None:
    """"Dara spoke from the stage. "We won," he said.": the one person the sentence before
    names (of the pronoun's gender), outside quotation marks, when that sentence refers to
    nobody else (no other name, speaker, "he" or "she", or person described as its subject)
    and nobody else is named since: the only antecedent the pronoun has, whoever spoke before."""
    names, doc = r.names, r.doc
    before = names.sentence_before(start)
    if before is None:
        return None
    lo, hi = before
    people = {r.full(p.name): p for p in names.people if lo <= p.start < start and not names.in_quotes(p.start)}
    span = doc.char_span(lo, hi, alignment_mode="expand")
    for token in span if span is not None else []:  # ("a plan that Buttigieg proposed": a surname the
        # recogniser missed, of someone the article names in full)
        alone = not token.ent_type_ or token.ent_iob_ == "B" and (
            token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")  # (or took for a body's name)
        if token.pos_ == "PROPN" and alone and not names.in_quotes(token.idx) and names.surname_in_full(token.text):
            people.setdefault(r.full(token.text), Named(token.idx, token.text, None))
    # ("Hartley ran into the chairman, Robert Kline. He told reporters": the one of the pronoun's gender)
    people = {name: person for name, person in people.items() if fits(r, name, gender)}
    if len(people) != 1:
        return None
    name, person = next(iter(people.items()))
    if person.start >= hi or span is None or any(
            ref.name != name for ref in r.history.referents if lo <= ref.start < start):
        return None  # "The manager added that Oyelaran would ...": she is the sentence's speaker
    if any((t.lower_ in lexicon.PERSON_PRONOUNS or (t.dep_ in lexicon.SUBJECT_DEPS and t.lemma_.lower()
            in r.lex.role_nouns | r.lex.epithet_nouns)) and not names.in_quotes(t.idx) for t in span):
        return None  # "She criticised Quill's plan", "The coach watched Quill": someone else
    if gender:
        r.history.gender.setdefault(name, gender)
    # (the title they last spoke with, if none is written here)
    return Attribution(name, "person", person.role or last_role(r, name, start))


def pair_member(r: Resolver, start: int, gender: str | None) -> Attribution | None:
    """"Arsenault and Lachance have not spoken since. She said ... He said ...": after two
    people written together as a sentence's subject, in the sentence before or the one before
    that, "he" or "she" is the one of the two of that gender, when the other is shown to be of
    the other gender and nobody else is named since."""
    if gender is None:
        return None
    names = r.names
    pair = next(((at, name) for at, name in reversed(names.subject_pairs)
                 if names.passage_start(start, 2) <= at < start), None)
    if pair is None or len(members := [r.full(m) for m in pair[1].split(" and ")]) != 2:
        return None
    fitting = [m for m in members if fits(r, m, gender)]
    later = {r.full(p.name) for p in names.people if pair[0] + len(pair[1]) <= p.start < start
             and not names.in_quotes(p.start)}
    if len(fitting) != 1 or not later <= set(members):
        return None
    return Attribution(fitting[0], "person", last_role(r, fitting[0], start))


def questioned_before(r: Resolver, start: int, gender: str | None, answering: bool) -> Attribution | None:
    """"Lee questioned Ruiz at length about the fund. "We took $8 million," he replied.": the
    person the sentence before put questions to, for a pronoun that answers; for one that
    merely says, when no person asked ("The Times asked Ruiz whether ... She said")."""
    for verb in (t for t in span_before(r, start) or [] if t.lemma_.lower() in lexicon.QUESTIONING_VERBS
                 and t.pos_ == "VERB"):
        asked = next((c for c in verb.children if c.dep_ == "dobj" and (
            c.pos_ == "PROPN" or c.lemma_.lower() in r.lex.role_nouns)), None)
        asker = next((c for c in verb.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
        if asked is not None and (answering or asker is not None and asker.ent_type_ != "PERSON"
                                  and asker.lower_ not in lexicon.PERSON_PRONOUNS):
            if asked.pos_ != "PROPN":  # "Reporters asked the governor whether ..."
                holder = r.resolve(mention_span(asked, r.lex), remember=False)
                return holder if holder.kind == "person" and fits(r, holder.name or "", gender) else None
            name = r.full(clean_name(mention_span(asked, r.lex).text))
            if " " in name and fits(r, name, gender):
                return Attribution(name, "person")
        # "A retired machinist, Walt Dombrowski, asked her whether she would support a tariff.
        # She said ...": whom "her" refers to, unless the asker is shown to be of her gender
        told = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.lower_ in ("her", "him")), None)
        if told is not None and gender is not None and lexicon.GENDER[told.lower_] == gender \
                and asker is not None and (asker.ent_type_ == "PERSON" or any(
                    c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in asker.children)):
            named = r.resolve(mention_span(asker, r.lex), remember=False).name or ""
            shown = r.names.genders.get(named) or lexicon.given_name_gender(named)
            if shown != gender:
                found = referent(r, told)
                return found if found is not None and found.name else None
    return None


def subject_before_in_sentence(r: Resolver, start: int, gender: str | None) -> Attribution | None:
    """"Quirin denied it, but on learning of the DNA he claimed ...": the one person named as
    the subject of a clause earlier in the pronoun's own sentence, outside quotation marks and
    outside what the pronoun's verb reports ("Pell had turned it down, he added")."""
    names, doc = r.names, r.doc
    k = bisect_right(names.sent_starts, start) - 1
    pronoun = doc.char_span(start, start + 1, alignment_mode="expand")
    if k < 0 or pronoun is None:
        return None
    verb = pronoun.root.head
    reported = {t.i for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i for t in c.subtree} \
        if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) else set()
    found = set()
    for token in doc.char_span(names.sent_starts[k], start, alignment_mode="contract") or []:
        if token.dep_ not in lexicon.SUBJECT_DEPS or names.in_quotes(token.idx) or token.pos_ != "PROPN" \
                or token.i in reported:
            continue
        span = mention_span(token, r.lex)
        persons = [e for e in r.names.ents_in(span) if e.label_ == "PERSON"]
        # "Assembly Speaker Gordon Halvorsen": the name, not the title
        written = r.names.name_alone(persons[-1])[0] if persons else clean_name(span.text)
        if token.ent_type_ == "PERSON" or names.surname_in_full(written):
            found.add(r.full(written))
    if len(found) != 1:
        return None
    name = found.pop()
    return Attribution(name, "person") if " " in name and fits(r, name, gender) else None


def span_before(r: Resolver, start: int) -> Span | None:
    """The sentence before the one holding ``start`` (:meth:`Names.sentence_before`)."""
    before = r.names.sentence_before(start)
    return r.doc.char_span(*before, alignment_mode="expand") if before is not None else None


def described_person_before(r: Resolver, start: int, gender: str | None = None) -> Attribution | None:
    """"One of the victims chose to be named. She said ...", "A local teacher spoke at the
    rally. She said ...", "The President flew to Ohio. He said ...", "His mother spoke
    briefly. ... she told the crowd": the person the sentence
    before is about, described, not named, when that sentence is no report and refers to
    nobody else: the pronoun's antecedent, whoever spoke before."""
    names, doc = r.names, r.doc
    sent = span_before(r, start)
    if sent is None:
        return None
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() in r.lex.reporting_verbs or any(
            t.ent_type_ == "PERSON" or t.lower_ in lexicon.PERSON_PRONOUNS and t.dep_ in lexicon.SUBJECT_DEPS
            for t in sent if not names.in_quotes(t.idx)):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (partitive_group(subject) is not None or (
            subject.lemma_.lower() in r.lex.role_nouns and subject.tag_ in ("NN", "NNP")
            and doc[subject.left_edge.i].lower_ in lexicon.INDEFINITE | lexicon.DEFINITE)
            # ("His mother spoke briefly. ... she told the crowd")
            or subject.lemma_.lower() in r.lex.relation_nouns and subject.tag_ == "NN"
            and any(c.dep_ == "poss" for c in subject.children)):
        return None
    if lexicon.GENDER.get(subject.lower_, gender) != gender:
        return None  # ("Her husband works in Alberta. ... she said": not him)
    found = r.resolve(mention_span(subject, r.lex), remember=False)
    # (an office the article names nobody to is still whom "his" refers to: "The parliamentary
    # budget officer was skeptical. ... his office said", not a minister named before)
    return found if found.kind == "person" or found.name is None and found.role else None


def described_group_before(r: Resolver, start: int) -> Attribution | None:
    """"The authors acknowledge in the paper that trials are needed. They write that ...":
    people described, not named, as the subject of the sentence before are what "they" refers
    to, as they were resolved (unknown, when the article never names them), not a body that
    spoke earlier."""
    root = next((t for t in span_before(r, start) or [] if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subject is None or subject.tag_ != "NNS" or subject.lemma_.lower() not in r.lex.role_nouns \
            or r.names.in_quotes(subject.idx) or r.doc[subject.left_edge.i].lower_ not in lexicon.DEFINITE:
        return None
    found = r.resolve(mention_span(subject, r.lex), remember=False)
    return found if found.kind in (None, "group") else None


def coordination(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Britain and Canada said": a group, named as written. ("Writer and performer Rob Day"
    joins two titles of one person.)"""
    if m.lemma in r.lex.role_nouns and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in m.head.children):
        return None  # "Minister of Corrections, Policing and Public Safety, Paul Hennig,": one person, titled
    # (not a conjunct that goes on a name: "Manufacturiers et Exportateurs du Québec")
    conjuncts = [c for c in m.head.children if c.dep_ == "conj" and c.doc[c.left_edge.i].ent_iob_ != "I"]
    if not conjuncts and m.head.dep_ in lexicon.SUBJECT_DEPS and any(c.dep_ == "cc" for c in m.head.children):
        # "Harbour Paper, which makes tissues, and Solaris Paper which makes towels, said": parsed as two subjects
        conjuncts = [c for c in m.head.head.children if c.dep_ == m.head.dep_ and c.i > m.head.i]
    if not conjuncts or all(one_name(m.head, c) for c in conjuncts):
        return None  # "the Globe and Mail", "Procter and Gamble": one organisation's name
    doc = r.doc
    if len(conjuncts) == 1 and m.head.is_title and not m.head.ent_type_ and m.head.i == m.span.start \
            and any(t.is_title and t.lower_ in r.lex.titles_or_roles and doc[t.i + 1].ent_type_ == "PERSON"
                    for t in conjuncts[0].subtree if t.i + 1 < len(doc)):
        # "Environment and Protected Areas Minister Rachel Sigurdson's office": an office's
        # field before its title, no party of its own
        return r.resolve(mention_span(conjuncts[0], r.lex), remember=False)
    if (m.head.pos_ == "PROPN" or m.head.ent_type_ in lexicon.NAME_LABELS) and all(fellows(c) for c in conjuncts):
        # "Dr Ana Ruiz and other researchers": the named person, for them all
        end = min(t.i for c in conjuncts for t in c.subtree if t.i > m.head.i) - 1
        kind: SpeakerKind = "person" if m.head.ent_type_ == "PERSON" or r.names.is_person(m.head.text, m.head) \
            else "organisation" if m.head.ent_type_ in lexicon.ORG_LABELS else "group"
        return Attribution(clean_name(in_full(r, r.doc[m.span.start:end])), kind)
    titled = [c for c in conjuncts if c.pos_ == "PROPN" and any(
        d.dep_ == "compound" and d.lemma_.lower() in r.lex.role_nouns for d in c.children)]
    if len(conjuncts) == 1 and titled and m.head.lemma_.lower() in r.lex.role_nouns \
            and not any(d.dep_ == "det" for d in m.head.children):
        return None
    if m.head.tag_ == "NN" and m.head.lemma_.lower() in r.lex.role_nouns and all(
            c.tag_ in ("NN", "NNP") and c.lemma_.lower() in r.lex.role_nouns
            and not any(d.dep_ in ("det", "poss") for d in c.children) for c in conjuncts):
        return None  # "Its president and chief executive, Dr. Alan Reyes": one person's two offices
    # "Ribeiro, Hale and Quist": the mention may end at the first comma; the group is all of them
    # (names only: "Ann Lee of the university and a contributor to the blog" is one person, described)
    end = max([m.span.end] + [mention_span(c, r.lex).end for c in {*m.head.conjuncts, *conjuncts} if c.pos_ == "PROPN"])
    # ("Harbour Paper, which makes tissues, and Solaris Paper": what each does is no verb of the group's)
    asides = {x.i for c in m.head.children if c.dep_ == "relcl" for x in c.subtree}
    if any(t.i not in asides and (t.pos_ in ("VERB", "AUX") or t.tag_ == "POS" or t.is_quote or t.is_sent_start)
           for t in r.doc[m.span.end:end]):
        end = m.span.end  # not "University of Wessex, Dorchester's chancellor"
    if not any(m.span.start <= c.i < end for c in conjuncts):
        return None  # "a fire service statement, as well as a ladder platform": no party written with it
    start = m.span.start + (r.doc[m.span.start].dep_ in ("det", "preconj") and m.first == "both")
    return Attribution(clean_name(in_full(r, r.doc[start:end])), "group")  # "Both Ruiz and Reyes": they


def one_name(head: Token, conjunct: Token) -> bool:
    """The recogniser reads the whole coordination as one organisation's name."""
    words = head.doc[head.i:conjunct.i + 1]
    return all(t.ent_type_ in lexicon.ORG_LABELS for t in words) and all(t.ent_iob_ == "I" for t in words[1:])


def fellows(conjunct: Token) -> bool:
    """"others", "other researchers", "her colleagues": people no name is given for."""
    return conjunct.lemma_.lower() in lexicon.FELLOW_NOUNS or conjunct.lower_ == "others" or any(
        c.dep_ == "amod" and c.lower_ == "other" for c in conjunct.children)


def in_full(r: Resolver, span: Span) -> str:
    """Parties written together with each person's full name, as the article gives it, and
    without what each is: "Quist and Tally" -> "Mara Quist and Owen Tally", "De Luca and
    others" -> "Marisol De Luca and others"; a surname two people share stays as written."""
    written: list[str] = []
    run: list[Token] = []  # the words of one name: capitalised proper nouns side by side
    # "Sarah Collins, the minister, and Michael Brown": what each party is (or does) goes
    described = {x.i for t in span for c in t.children if c.i > t.i and (
        (c.dep_ == "appos" and c.pos_ == "NOUN") or c.dep_ == "relcl") for x in c.subtree}
    described |= {t.i for t in span if t.text == "," and (t.i - 1 in described or t.i + 1 in described)}
    # "Archaeologist Dr. Naomi Martisius and other researchers": a title or description before a name goes
    described |= {t.i for t in span if t.i + 1 < span.end and t.head.ent_type_ == "PERSON" and t.head.i > t.i
                  and t.ent_type_ != "PERSON" and t.lower_ not in lexicon.ARTICLES and (
                      (t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("compound", "amod"))
                      or t.lower_.rstrip(".") in lexicon.HONORIFICS)}
    # ... with its own words ("MIT professor Dr Sara Seager", "the county's Police and Crime Commissioner Stephen Mold")
    described |= {x.i for i in list(described) for x in r.doc[i].subtree if x.i < i and x.ent_type_ != "PERSON"}
    described |= {x.i for e in r.names.ents_in(span) if e.label_ == "PERSON" for x in e.root.subtree
                  if span.start <= x.i < e.start and x.dep_ != "preconj"}

    def gap(token: Token) -> str:  # a space where words were left out after it
        return " " if token.i + 1 in described else ""

    titles = r.lex.titles_or_roles
    for token in [*(t for t in span if t.i not in described), None]:
        if token is not None and token.pos_ == "PROPN" and token.is_title:
            run.append(token)
            continue
        # "President Donald Trump and Vice President Mike Pence": the titles before a name go
        while len(run) > 1 and run[0].lower_.rstrip(".") in titles and any(t.lower_ not in titles for t in run[1:]):
            run = run[1:]
        if run:
            written.append(name_in_full(r, r.doc[run[0].i:run[-1].i + 1]) + (run[-1].whitespace_ or gap(run[-1])))
            run = []
        if token is not None:
            # "Both he and Stephen Mold": who the pronoun is
            found = pronoun(r, MentionPhrase(r.doc[token.i:token.i + 1])) if token.lower_ in ("he", "she") else None
            written.append((found.name if found and found.name else token.text) + (token.whitespace_ or gap(token)))
    return "".join(written).strip()


def name_in_full(r: Resolver, name: Span) -> str:
    """A person's name as written, or in full when it is the shorter form of one person's name
    the article gives ("Tally", "De Luca")."""
    if len(name) == 1:
        return r.full(name.text) if r.names.is_person(name.text, name[0]) else name.text
    full = r.full(name.text)
    return full if full.endswith(" " + name.text) else name.text


def partitive(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"One of the daughters said", "two of the firefighters said": members of a group the
    article names no further, kept as described (a later "she" refers back to them)."""
    group = partitive_group(m.head)
    if group is None or m.span.start != m.head.i \
            or group.lemma_.lower() in r.lex.document_nouns | r.lex.data_nouns:
        return None  # "one of the reports" is a document
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in m.head.children):
        return None  # "one of these groups, the Syrian Democratic Forces,": named beside it
    described = clean_name(m.span.text)
    if m.head.pos_ != "PROPN":
        described = described[:1].lower() + described[1:]
    return Attribution(described, "person" if m.lower in lexicon.SINGLE_PARTITIVES else "group")


def named_person(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """A person named in the mention: "Kremlin spokesman Dmitry Peskov"; "Yoon's office" is
    an organisation named after one."""
    doc = r.doc
    # "The Maritime Bulletin", taken for a person: a name that ends with a word of bodies or media is none
    bodies = r.lex.org_nouns | r.lex.media_name_words
    # (nor a title the recogniser took for a name: "The local MLA")
    # ("Assembly of First Nations National Chief Cindy Redsky": a titled name the parser hung on the body)
    persons = [e for e in r.names.ents_in(m.span) if e.label_ == "PERSON" and (names_head(e, m.head, r.lex) or (
        e.end == m.span.end and e.start > m.span.start + 1 and m.head.ent_type_ == "ORG" and doc[e.start - 1].is_title
        and doc[e.start - 1].lower_.rstrip(".") in r.lex.titles_or_roles))
               and e[-1].lower_ not in bodies and not all(t.lower_.rstrip(".") in r.lex.titles_or_roles for t in e)]
    closing = name_closing(m.span, r.lex)
    if closing is not None:
        # "The mayor of Springvale, Ana Ruiz": the name set off at the end is whom the office describes
        # (a rank in capitals after the comma goes: "a spokesman for the navy, Commodore Hendra Kusuma")
        comma = max(t.i for t in doc[m.span.start:closing.start] if t.text == ",")
        end = comma if comma + 1 < closing.start and doc[comma + 1].is_title else closing.start
        role_text = strip_article(doc[m.span.start:end].text).strip(" ,")
        return Attribution(r.full(clean_name(closing.text)), "person", role_text or None)
    if not persons:
        return None
    person = persons[-1]
    written = name_start(m.span, r.lex)
    if person.end < written and m.span.end - written >= 2 and doc[written - 1].is_lower \
            and doc[written - 1].lemma_.lower() in r.lex.role_nouns:
        # "Hutchins campaign manager Brett Lowry", of which the recogniser saw only Hutchins as a person
        role = strip_article(r.names.description(doc[m.span.start:written]))
        return Attribution(r.full(clean_name(doc[written:m.span.end].text)), "person", role or None)
    if len(person) == 2 and person[0].is_title and person[0].lower_ in r.lex.trades and person.end == m.span.end:
        return Attribution(person[1].text, "organisation")  # "Retailer Tesco", taken for a person
    kind_word = doc[person.start - 1] if person.start > m.span.start else None
    if kind_word is not None and kind_word.lemma_.lower() in r.lex.org_nouns - r.lex.role_nouns \
            and kind_word.pos_ != "PROPN" and person.end == m.span.end:
        return Attribution(clean_name(person.text), "organisation")  # "environmental group Greenpeace"
    if person.end < m.span.end and m.lemma in r.lex.org_nouns and doc[person.end].pos_ != "ADP":
        # ("the Mihai Corbu campaign"; but "Mihai Corbu of Seltz State University" is he,
        # whichever word the parser made the head)
        return owned_by(r.full(clean_name(person.text)), doc[person.end:m.span.end].text)
    name, at = r.names.name_alone(person)
    name = r.full(name)
    office = m.head.head.head if m.head.dep_ == "pobj" else m.head
    # "Chair of the Federal Reserve Jerome Powell": the office's phrase, the cue's subject
    start = office.left_edge.i if office.i < m.span.start and office.lemma_.lower() in r.lex.role_nouns \
        else m.span.start
    role = strip_article(r.names.description(doc[start:person.start + at])).strip(" ,")
    # "Regional governor Elmer Quispe Huamaní", of which the recogniser saw "Quispe Huamaní":
    # the given name is no part of the title
    words, named = role.split(), name.split()
    given = next((n for n in range(min(len(words), len(named) - 1), 0, -1) if words[-n:] == named[:n]), 0)
    role = " ".join(words[:len(words) - given])
    return Attribution(with_regnal_title(name, role), "person", role or apposition(r, m.head)[1] or None)


def appositive_name(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"the state news agency TASS", "the minister, Choe Son Hui": the name beside the noun."""
    name, _ = apposition(r, m.head)
    if not name and m.head.dep_ == "appos" and m.head.head.pos_ == "PROPN" and m.head.head.i < m.head.i \
            and not (m.head.head.ent_type_ in ("GPE", "LOC")
                     and (m.lemma in r.lex.org_nouns or m.head.pos_ == "PROPN")) \
            and r.doc[m.head.head.i + 1].text not in ("-", "–", "—"):  # ("Ottawa—Vanier MPP Ann Lee": a place's half)
        # "the Harbour Tenants Alliance, a group that argues ...": the description's name (a
        # place's apposition is no description of it: "Mindanao, the country's disaster agency said",
        # "in Lima, the Minister of ..., Rosa Elena Quispe Valdivia, said")
        found = r.resolve(mention_span(m.head.head, r.lex), remember=False)
        return found if found.name else None
    described = m.span[1:] if m.span[0].tag_ in ("PRP$", "WP$") and len(m.span) > 1 else m.span
    if not name and m.lemma in r.lex.role_nouns:
        name, described = served_by_apposition(r, m) or (None, described)
    if not name:
        return None
    if m.lemma in r.lex.org_nouns:
        return Attribution(name, "organisation")
    # ("whose president", "its CEO"; "The local MLA", its letters no name's)
    return Attribution(name, "person", strip_article(" ".join(described.text.split())))


def served_by_apposition(r: Resolver, m: MentionPhrase) -> tuple[str, Span] | None:
    """"A spokesman for Hale, Derek Simms,": a name after the one a role serves, parsed as that
    one's apposition, is the role's holder when it is someone else's name (the name in full
    and the role)."""
    for served in (t for t in m.span if t.dep_ == "pobj" and t.head.head.i == m.head.i and t.pos_ == "PROPN"):
        holder = next((c for c in served.children if c.dep_ == "appos" and r.doc[c.left_edge.i - 1].text == ","
                       and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and lexicon.given_name_gender(
                           mention_span(c, r.lex).text) is not None)), None)
        if holder is None:
            continue
        name = r.full(clean_name(mention_span(holder, r.lex).text))
        if name != r.full(clean_name(r.doc[served.left_edge.i:served.i + 1].text)) and " " in name:
            return name, r.doc[m.span.start:holder.left_edge.i - 1]
    return None


def owned_office(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Yoon's office": an organisation named after a person the article names in full, or
    after an office whose one holder it names ("the mayor's office", of Mayor Muriel Bowser)."""
    owner = next((c for c in m.head.children if c.dep_ == "poss"), None)
    if owner is None or m.lemma not in r.lex.org_nouns:
        return None
    owned = [t for t in r.doc[owner.i + 1:m.span.end] if t.dep_ != "case"]
    rest = r.doc[owner.i + 1:m.span.end].text
    if len(owned) >= 2 and all(t.is_title for t in owned) and owner.ent_type_ not in ("GPE", "LOC", "NORP") \
            and r.names.is_person(clean_name(owner.text), owner):
        # "Trump's State Department" (but "Russia's Foreign Ministry" is of a country)
        return Attribution(clean_name(" ".join(t.text for t in owned)), "organisation")
    if owner.lemma_.lower() in r.lex.role_nouns and owner.pos_ == "NOUN":
        holder = holder_in_article(r, strip_article(r.doc[owner.left_edge.i:owner.i + 1].text))
        return owned_by(holder, rest) if holder else None
    if not r.names.is_person(clean_name(owner.text), owner):
        return None
    return owned_by(r.full(clean_name(owner.text)), rest)


def owned_by(owner: str, rest: str, kind: SpeakerKind = "organisation") -> Attribution:
    """A body or proxy named after its owner, in one form wherever it is found: "Yoon Suk
    Yeol's office" for "Yoon's office", "the Yoon office" and "his office"."""
    return Attribution(f"{owner}'s {POSSESSIVE_START.sub('', rest)}", kind)


def referent(r: Resolver, token: Token) -> Attribution | None:
    """Whom a possessive or object pronoun ("his", "her", "him") refers to, found as for the
    subject pronoun of its person."""
    mention = MentionPhrase(r.doc[token.i:token.i + 1])
    mention.lower = lexicon.POSSESSIVE_SUBJECTS.get(token.lower_) or lexicon.OBJECT_SUBJECTS[token.lower_]
    return pronoun(r, mention)


def owned_by_pronoun(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"His campaign said", "her spokesman", "his wife": a body, proxy or relation owned by whom
    the possessive refers to, named as "Yoon's office" is ("Donald Trump's campaign")."""
    owner = next((c for c in m.head.children if c.dep_ == "poss" and c.lower_ in lexicon.POSSESSIVE_SUBJECTS), None)
    if owner is None or m.lemma not in r.lex.org_nouns | r.lex.proxy_nouns | r.lex.relation_nouns \
            or owner.i != m.span.start:
        return None
    found = referent(r, owner)
    if found is None or not found.name:
        return None
    kind: SpeakerKind = "organisation" if m.lemma in r.lex.org_nouns else "group" if m.plural else "person"
    relative = named_relative(r, found.name, m.lemma) if m.lemma in r.lex.relation_nouns and not m.plural else None
    if relative is not None:
        return Attribution(relative, "person", strip_article(m.span.text))
    return owned_by(found.name, r.doc[owner.i + 1:m.span.end].text, kind)


def named_relative(r: Resolver, owner: str, relation: str) -> str | None:
    """"his surviving father" of Alan Kurdi, whom the article names elsewhere ("said his
    father, Abdullah Kurdi"): the one person it gives that relation who bears the owner's
    family name."""
    family, found = owner.split()[-1], set()
    for t in r.doc:
        if t.lemma_.lower() == relation and t.pos_ == "NOUN":  # "his father, Abdullah Kurdi"
            named = [c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        elif t.ent_type_ == "PERSON" and t.dep_ != "compound":  # "Abdullah Kurdi, the boy's father"
            named = [t] if any(c.dep_ == "appos" and c.lemma_.lower() == relation for c in t.children) else []
        else:
            continue
        found |= {full for c in named if (full := r.full(clean_name(mention_span(c, r.lex).text))).split()[-1] == family
                  and full != owner}
    return found.pop() if len(found) == 1 else None


def proper_name(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """A name: a person's the recogniser missed ("Governor Ilse Varga"), a surname of someone
    named in full ("Yoon"), or an organisation's."""
    if m.head.text.isupper() and m.head.lower_ in r.lex.role_nouns and len(m.span) > 1:
        return None  # "one MP", "a Labour MP": an office written in capitals, not a name
    if len(m.span) == 1 and m.head.is_title and (
            m.head.lower_ in r.lex.titles_or_roles  # "Cardinal says" after "Chief Rosalie Cardinal"
            # "Radmall conceded": a surname the tagger took for a common noun at a sentence's start
            or m.head.pos_ != "PROPN" and m.head.ent_type_ not in lexicon.ORG_LABELS) \
            and r.full(m.head.text) != m.head.text:
        return Attribution(r.full(m.head.text), "person")  # a surname of someone named in full
    if m.head.lower_ in r.lex.role_nouns and all(t.i == m.head.i or t.lower_ in lexicon.ARTICLES for t in m.span):
        return None  # "The President insists": an office with a capital, its holder the role rule's
    if m.head.is_lower and m.head.lower_ in r.lex.role_nouns:
        return None  # "the prime minister told": an office the tagger took for a name
    if m.definite and len(m.span) == 2 and (m.head.is_title or m.head.pos_ == "PROPN") \
            and m.lemma in r.lex.org_nouns:
        # "The Commission said" after "the Commission on Presidential Debates": the body
        # named before whose name holds the word (or "the secretariat", the tagger's name)
        named = r.names.organisation_before(f"noun:{m.lemma}", m.span.start_char)
        if named is not None and named != m.head.text:
            return Attribution(named, "organisation")
    if m.head.pos_ != "PROPN" and m.head.ent_type_ not in lexicon.ORG_LABELS and not in_capitals(m.head):
        if any(c.dep_ == "prep" and m.span.start <= c.i < m.span.end and title_cased(m.head, c, r.lex)
               for c in m.head.children):  # "Mothers Against Drunk Driving"
            return Attribution(clean_name(strip_article(m.span.text)), "organisation")
        return None
    span, doc = m.span, r.doc
    at = name_alone_start(r, span)
    # ("the United States" is no title and a name, nor "of" one: "the International Federation
    # of Red Cross and Red Crescent Societies")
    titled = any(t.lower_.rstrip(".") in r.lex.titles_or_roles and t.lower_ not in lexicon.NAME_LINKERS
                 and t.text.rstrip(".").isalpha() for t in doc[span.start:at])
    titled = titled or strip_article(doc[span.start:at].text).lower() in lexicon.NATIONS  # "Norway Erna Lind"
    # "the Directorate General of Civil Aviation": an organisation's name that holds a title's words
    titled = titled and not (at < span.end and doc[at - 1].lower_ == "of" and m.head.ent_type_ in lexicon.ORG_LABELS
                             and doc[at - 1].ent_type_ in lexicon.ORG_LABELS)
    org_name = m.lemma in r.lex.org_nouns | r.lex.media_name_words | r.lex.company_name_words
    # "The Commons Library": a name that takes the article is no person's
    the_name = doc[span.start].lower_ == "the" and all(t.pos_ == "PROPN" for t in doc[span.start + 1:span.end])
    if (not m.head.ent_type_ or titled) and not org_name and not the_name:
        name = doc[at:span.end]
        if len([t for t in name if t.text != "-"]) >= 2:
            return Attribution(r.full(clean_name(name.text)), "person",
                               strip_article(doc[span.start:at].text).strip(" ,") or None)
    if titled and at < span.end and r.names.is_person(surname := clean_name(doc[at:span.end].text), m.head):
        # "President Vučić", of President Aleksandar Vučić named before
        return Attribution(r.full(surname), "person", strip_article(doc[span.start:at].text).strip(" ,") or None)
    name_text = clean_name(without_trade(span, r.lex).text)
    person, _, body = name_text.partition(" of ")
    if body and person_of_body(r, person):
        return Attribution(r.full(person), "person")  # "Jonah Petrakis of Weatherby Securities", as one name
    office = next((c for c in m.head.children if c.dep_ == "appos" and c.lemma_.lower() in r.lex.role_nouns), None)
    if office is not None:  # "Marchand, the Progressive Conservative MLA for Tuxedo": a person, by office
        return Attribution(r.full(name_text), "person", strip_article(mention_span(office, r.lex).text))
    if r.names.is_person(name_text, m.head) or len(span) == 1 and any(
            c.dep_ == "relcl" and any(w.dep_ in lexicon.SUBJECT_DEPS and w.lower_ == "who" for w in c.children)
            for c in m.head.children) or any(  # "Braun, who co-authored the paper,": a person
            c.dep_ == "relcl" and any(w.lower_ == "whose" and w.head.lemma_.lower() in r.lex.relation_nouns
                                      for w in c.subtree) for c in m.head.children):
        return Attribution(r.full(name_text), "person")  # ("Luz Marina Contreras, whose son worked there,")
    # "Democrats", "Greens": a plural name is a group's, unless the recogniser took the name
    # for an organisation's ("General Motors", "Harbour Foods") or it goes on in capitals
    # ("Americans for Fiscal Restraint")
    plural = m.head.tag_ == "NNPS" and m.head.ent_type_ != "ORG" and span[-1].i == m.head.i \
        and m.lemma not in r.lex.company_name_words  # ("Northern Timber Products")
    if plural:
        return Attribution(name_text, "group")
    return Attribution(with_the(r, m.span, r.names.organisation_in_full(name_text)), "organisation")


def person_of_body(r: Resolver, name: str) -> bool:
    """Whether "Jonah Petrakis" in "Jonah Petrakis of Weatherby Securities", which the
    recogniser took for one organisation's name, is a person's: two or more capitalised words,
    by a given name or by the last written alone elsewhere in the article ("Petrakis said")."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or words[-1].lower() in r.lex.org_nouns:
        return False
    if lexicon.given_name_gender(name) is not None:
        return True
    alone = re.compile(rf"(?<!{re.escape(words[-2])} )\b{re.escape(words[-1])}\b(?! of )")
    return alone.search(r.names.text) is not None


def with_the(r: Resolver, span: Span, name: str) -> str:
    """'The Hill', 'The Verge': a name the article writes with a capital "The" in the middle
    of a sentence keeps it (at a sentence's start the capital shows nothing)."""
    if span[0].lower_ != "the":
        return name
    text = r.names.text
    for found in re.finditer(rf"\bThe {re.escape(name)}\b", text):
        before = text[:found.start()].rstrip(" ")
        if before and before[-1] not in ".!?:;-–—\n\"“‘'(":  # (a dateline's dash opens a sentence too)
            return f"The {name}"
    return name


def name_alone_start(r: Resolver, span: Span) -> int:
    """Where the name that ends ``span`` begins (:func:`name_start`), after a generational
    suffix ("Queen Elizabeth II"), past an office the tagger read as a name ("Cardinal Ann
    Lee") and past an organisation or place the recogniser saw before it ("Ambassador to the
    United Nations Nikki Hallam"); ``span.end`` when there is none."""
    doc, end = r.doc, span.end
    if end - span.start > 1 and doc[end - 1].lower_.rstrip(".") in lexicon.NAME_SUFFIXES | lexicon.POST_NOMINALS:
        end -= 1
    at = name_start(doc[span.start:end], r.lex)
    if at == end:
        return span.end
    # (and before a surname the article gives in full: "Pastor Ambler", "on Twitter West")
    while doc[at].is_title and doc[at].lower_.rstrip(".") in r.names.described and (
            at < end - 2 or at == end - 2 and r.full(doc[end - 1].text) != doc[end - 1].text):
        at += 1
    after = at
    while after < end and doc[after].ent_type_ in lexicon.ORG_LABELS and (after == at or doc[after].ent_iob_ == "I"):
        after += 1
    start = after if doc[at].ent_iob_ == "I" and end - after >= 2 else at
    while span.start + 1 < start and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2  # never inside a hyphenated name ("Jean-François Thibodeau")
    return start


def same_source(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"the same source": the anonymous source the article last quoted."""
    if m.lemma not in r.lex.role_nouns or not any(t.lower_ == "same" for t in m.modifiers):
        return None
    earlier = next((ref for ref in r.history.before(m.span.start_char)
                    if ref.kind in ("person", "group") and ref.name[:1].islower()), None)
    return earlier.attribution if earlier is not None else None


def both_parties(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"both governments", "the two countries", "the parties" (to a deal or a dispute): the
    last parties named together."""
    sides = m.first == "the" and m.lemma in lexicon.SIDE_NOUNS and not m.modifiers
    if not m.plural or not (sides or m.first == "both" or [t.lower_ for t in m.span[:2]] == ["the", "two"]):
        return None
    pair = pair_before(r, m.span.start_char)
    return Attribution(pair, "group") if pair else None


def issued_before(r: Resolver, noun: Token) -> Token | None:
    """Who issued the document a definite description refers back to ("The ministry released a
    report on Monday. The report said ..."): the issuer of the nearest earlier noun of the
    same lemma outside quotation marks, written in its phrase ("a study by X") or as the
    subject of the verb that issued it ("X published a study", "a study was released by X"),
    or of the verb the noun is made of ("Ford filed ... The filing said"); a piece of research
    is the one the article named by any of its names ("X studied rats ... The investigation");
    words published last are what "the report" refers to ("The Times published allegations")."""
    lemma = noun.lemma_.lower()
    nouns = lexicon.alike(lemma)
    # "filing", "ruling", "investigation", "study": the verbs they are made of
    made_of = {v for n in nouns for v in (n, n[:-3], n[:-3] + "e") if n.endswith(("ing", "ion")) or v == n}
    # "The Times published allegations ... The reports said": words published in the sentence before
    published = r.lex.words_nouns | r.lex.data_nouns
    since = r.names.passage_start(noun.idx, 1)
    candidates = (t for t in reversed(r.doc[:noun.i]) if not r.names.in_quotes(t.idx) and (
        (t.pos_ == "NOUN" and t.lemma_.lower() in nouns) or (t.pos_ == "VERB" and t.lemma_.lower() in made_of)
        or (t.idx >= since and t.dep_ == "dobj" and t.lemma_.lower() in published
            and t.head.lemma_.lower() in lexicon.ISSUING_VERBS)))
    if nouns is not lexicon.RESEARCH_NOUNS:
        earlier = next(candidates, None)
        return issuer_of(earlier) if earlier is not None else None
    # an article's piece of research is the one it names whose it is ("a study by X ... this
    # experiment ... the study")
    issuer = next((issuer for earlier in candidates if (issuer := issuer_of(earlier)) is not None), None)
    before = r.names.sentence_before(noun.idx) if issuer is None else None
    if before is not None:
        # "Researchers at Tallis University tracked 2,000 patients. The study found": theirs
        sentence = r.doc.char_span(*before, alignment_mode="expand")
        root = sentence.root if sentence is not None else None
        issuer = next((c for c in root.children if c.dep_ == "nsubj" and (
            c.lemma_.lower() in lexicon.RESEARCHER_NOUNS or c.ent_type_ == "PERSON")), None) if root else None
    return issuer


def issuer_of(earlier: Token) -> Token | None:
    """Who a document or a verb of issuing it names as its issuer, if anyone."""
    if earlier.pos_ == "VERB":  # "Ford filed ...": whoever did it
        issuer = next((c for c in earlier.children if c.dep_ == "nsubj"), None)
    else:  # "per WHO guidelines ... The guidelines cite": the name written with it
        issuer = document_issuer(earlier) or next((c for c in earlier.lefts if c.pos_ == "PROPN"
                                                   or c.ent_type_ in lexicon.ORG_LABELS or in_capitals(c)), None)
        verb = earlier.head
        if issuer is None and verb.lemma_.lower() in lexicon.ISSUING_VERBS and earlier.dep_ in ("dobj", "nsubjpass"):
            issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if earlier.dep_ == "dobj" \
                else agent_of(verb) or next((agent for t in verb.subtree if t.dep_ == "acl" and t.lemma_.lower()
                                             in lexicon.ISSUING_VERBS and (agent := agent_of(t)) is not None), None)
            # ("a study was published in the journal Nature, conducted by X": the parse hung the
            # participle on the journal)
        saying = earlier.head.head if earlier.dep_ == "pobj" and earlier.head.lower_ == "in" else None
        if issuer is None and saying is not None and saying.lemma_.lower() in lexicon.REPORTING_VERBS:
            # "The board said in a report released Friday that ...": who said it
            issuer = next((c for c in saying.children if c.dep_ == "nsubj"), None)
    if issuer is None or not (in_capitals(issuer) or issuer.lower_ not in lexicon.PRONOUNS
                              and issuer.pos_ in ("NOUN", "PROPN")):
        return None  # "they published a study": nobody named
    return issuer


def data(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"A poll by Ipsos found", "court filings show": data speak for whoever the article
    says made them ("a poll by Ipsos", "the department's report", "a UN report", "a study
    conducted by X": Ipsos, the department, the UN, X, through it); data nobody is named
    for speak for themselves ("court filings", "a study published in Nature"). A paper of
    research is data, not a newspaper ("the research paper noted")."""
    if m.lemma not in r.lex.data_nouns and not (m.lemma in r.lex.media_nouns and any(
            c.dep_ == "compound" and c.lemma_.lower() in r.lex.data_nouns for c in m.head.children)):
        return None
    doc, children = r.doc, list(m.head.children)
    issuer = document_issuer(m.head)
    owner = next((c for c in children if c.dep_ == "poss"), None)
    maker = next((c for c in children if c.dep_ in ("compound", "nmod")
                  and (c.ent_type_ in lexicon.NAME_LABELS or c.pos_ == "PROPN")
                  or c.i < m.head.i and in_capitals(c)), None)  # ("WHO guidelines", the tagger's pronoun)
    if m.definite and issuer is None and owner is None and maker is None:
        # "the poll also found" (but "The poll, released by X, found", "The Emerson College
        # survey showed" name their maker now)
        earlier = r.history.earlier_mention(m.lemma, m.span.start_char)
        if earlier is not None:
            r.relayed = earlier.via
            return earlier.attribution
    described = unnamed(m.span)
    named = None
    if issuer is not None:
        named = mention_span(issuer, r.lex)
        # "a survey published in 2017 by the society": the words up to the noun, "by" ("survey by")
        lead = doc[m.span.start:min(named.start, m.head.i + 1)]
        described = f"{unnamed(lead)} by" if len(lead) else described
    elif owner is not None and (owner.lower_ not in lexicon.PRONOUNS or in_capitals(owner)):
        named = mention_span(owner, r.lex)
        rest = [t for t in doc[owner.right_edge.i + 1:m.span.end] if t.dep_ != "case"]
        described = " ".join(t.text for t in rest) + " by"  # "the department's report"
    elif maker is not None:
        named = mention_span(maker, r.lex)  # "a UN report": named as written
    elif m.definite and all(t.lemma_.lower() in r.lex.data_nouns | lexicon.BACK_REFERRING for t in m.modifiers) \
            and (issuer := issued_before(r, m.head)) is not None:
        named = mention_span(issuer, r.lex)  # "X published a study. The study found"
        described = f"{described} by"
    r.relayed = None
    if named is None:
        return Attribution(published_in(m.head) or described, "document")
    found = r.resolve(named, remember=False)
    if found.name:
        return found  # "a poll by Ipsos found": Ipsos, in its poll
    if issuer is None and owner is not None and all(t.is_lower or t.is_punct for t in named):
        return Attribution(unnamed(m.span), "document")  # "the city's most recent annual report", as written
    r.relayed = clean_name(named.text)
    if maker is None or issuer is not None or owner is not None:
        described = f"{described.rstrip(' ,')} {r.relayed}"
    return Attribution(described.replace(" ,", "").replace(",", ""), "document")


def published_in(noun: Token) -> str | None:
    """'a study published in the journal Astronomy & Astrophysics': the study as a reader can
    find it, by where it appeared ("study in Astronomy & Astrophysics"), when nobody is named
    as its maker."""
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() == "publish"):
        for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ == "in"):
            venue = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if venue is None:
                continue
            named = [t for t in venue.subtree if (t.ent_type_ or t.pos_ == "PROPN" or t.text == "&")
                     and t.ent_type_ not in lexicon.TIME_LABELS and t.ent_type_ not in lexicon.AMOUNT_LABELS]
            if named and named[0].i >= venue.left_edge.i:
                # (to the end of the journal's name: "The Lancet Regional Health – Western Pacific")
                end = max([venue.right_edge.i + 1] + [e.end for e in noun.doc.ents if e.start <= venue.i < e.end])
                return f"{noun.lemma_.lower()} in {noun.doc[named[0].i:end].text}"
    return None


def document(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"The statement said": whoever issued it, named in the phrase ("a statement from the
    ministry"), by an earlier mention of the same document, or as the last channel used."""
    # ("The IRS website advises", "Trump's Twitter account said": a channel speaks for whose it is)
    channel = m.lemma in r.lex.channel_nouns - r.lex.document_nouns
    if m.lemma not in r.lex.document_nouns and not channel:
        return None
    own = Attribution(unnamed(m.span), "document")  # issued by nobody the article shows
    owner = next((c for c in m.head.children if c.dep_ == "poss" and c.lower_ not in lexicon.PRONOUNS), None)
    issuer = document_issuer(m.head) or owner or next(  # ("a police news release": a compound's compound)
        (c for c in m.head.subtree if c.dep_ in ("compound", "nmod") and c.i < m.head.i
         and (c.ent_type_ in lexicon.ORG_LABELS or c.lemma_.lower() in r.lex.org_nouns)), None)
    # "a statement from the ministry", "a fire service statement", "Trump's statement", and
    # "the decree signed by the Pope" after a decree whose signer went unnamed
    found = r.resolve(mention_span(issuer, r.lex), remember=False) if issuer is not None else None
    if issuer is not None and issuer.lower_ in lexicon.POSSESSIVE_SUBJECTS:
        found = referent(r, issuer)  # "a statement posted to his account": whom "his" refers to
    if found is not None and found.name:
        return found
    if channel:
        return None
    if m.definite:
        earlier = r.history.earlier_mention(m.lemma, m.span.start_char)
        if earlier is not None:
            return earlier.attribution  # "The declaration added"
    if issuer is not None:
        return own
    if m.modifiers:
        return None
    issuer = issued_before(r, m.head) if m.definite else None
    if issuer is not None:  # "The ministry issued a statement on Monday. The statement said"
        found = r.resolve(mention_span(issuer, r.lex), remember=False)
        if found.name:
            return found
    recent = r.history.referents[::-1]
    issued = next((ref for ref in recent if ref.channel and m.lemma in ref.channel.lower()), None)
    issued = issued or next((ref for ref in recent if ref.kind == "organisation"), None)
    return issued.attribution if issued else own


def named_organisation(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"the state-run TASS news agency": the organisation is the name it carries."""
    if m.lemma not in r.lex.org_nouns or m.plural:
        return None
    named = [e for e in r.names.ents_in(m.span) if e.label_ == "ORG" and e.root.pos_ == "PROPN"
             and e.root.dep_ != "poss"  # "Dovenland's water agency" is not Dovenland
             and not e.text.islower()]  # "the secretary of state's office" names no "state"
    name = clean_name(named[-1].text) if named else None
    if name is None or named[-1].end == m.head.i and m.lemma in lexicon.LOCAL_BODY_NOUNS:
        return None  # "the Omsk hospital" is the hospital of a place
    if " " not in name and any(p.name.endswith(f" {name}") for p in r.names.people):
        # "the Trump campaign": a person's surname (the recogniser's organisation), so the
        # body is named after the person, as "the Biden campaign" is ("Joe Biden's campaign";
        # "Trump's campaign" where two people of the article share the name)
        rest = r.doc[named[-1].end:m.span.end].text
        return owned_by(r.full(name), rest) if POSSESSIVE_START.sub("", rest) else None
    return Attribution(name, "organisation")


def news_agency(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"state media", "the news agency": the news agency the article names, before or after."""
    agency = m.lemma == "agency" and any(t.lower_ in lexicon.NEWS_MEDIA_WORDS for t in m.span)
    if m.plural or not (m.lemma in ("media", "medium") or agency):
        return None
    agencies = [e for e in r.names.ents if e.label_ == "ORG" and lexicon.NEWS_AGENCY.search(e.text)]
    if not agencies:
        return None
    nearest = min(agencies, key=lambda e: abs(e.start_char - m.span.start_char))
    return Attribution(clean_name(nearest.text), "organisation")


def organisation_epithet(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Northway Power said ... the utility said": a definite description by line of work
    is the last organisation named that is shown to be of that line (or, for a company, one
    named in the passage whose name does not say); else it stays as described."""
    lex = r.lex
    line = ("company" if m.lemma in lex.company_nouns else "media" if m.lemma in lex.media_nouns
            else "club" if m.lemma in lex.club_nouns else None)
    bare = len(m.span) == 1 and m.lower in lexicon.BARE_BODIES  # "Police said", as "the police said"
    # ("a fire service statement": a body named in a compound is a known one, as "the fire service")
    bare = bare or m.head.dep_ == "compound" and m.span[0].dep_ != "det"
    # ("the Pittsburgh-based company", "the Danish retailer": a place says where it is, not whose)
    if (line is None and m.lemma not in lex.org_nouns) or m.lemma in lex.place_nouns \
            or not (m.definite or bare) or m.plural and not bare \
            or any((t.pos_ == "PROPN" or t.ent_type_ in lexicon.NAME_LABELS) and t.ent_type_ not in ("GPE", "NORP")
                   for t in m.span):
        return None
    if line is None and m.modifiers:
        # "the fire service" is the "North Wales Fire and Rescue Service" named before; "the
        # foreign ministry" is not the defence ministry
        words = {t.lower_ for t in m.modifiers}
        starts, names = r.names.organisations.get(f"noun:{m.lemma}", ([], []))
        named = [name for at, name in zip(starts, names, strict=True) if at < m.span.start_char
                 and words <= {w.lower() for w in name.split()}]
        return Attribution(named[-1], "organisation") if named else None
    start = m.span.start_char
    # "the ministry" after "the Ministry of Health": the name holds the noun
    name = None if m.modifiers else r.names.organisation_before(f"noun:{m.lemma}", start)
    if name is None and m.lemma in lexicon.GENERIC_BODY_NOUNS and m.definite and not m.modifiers:
        # "SENAMHI forecast ... the agency said": the body just named, before any earlier "agency"
        near = speaker_nearby(r, start, m.lemma) or body_nearby(r, start, alone=False)
        if near is not None:
            return Attribution(near, "organisation")
    ref = r.history.earlier_mention(m.lemma, start)
    if ref is not None and not (name and ref.name[:1].islower()):
        return ref.attribution  # (but "their union said ... the union": the union the article names)
    if name is None and not m.modifiers and m.definite:
        name = speaker_nearby(r, start, m.lemma)  # "X said in a statement ... The company said"
    if name is None and line in ("company", "media") and not m.modifiers:
        # "Vessel Tracker's database had no sighting ...; the website noted": the one
        # organisation named earlier in the sentence
        here = r.names.organisations_between(r.names.passage_start(start, 0), start)
        name = here.pop() if len(here) == 1 else None
    if name is None and line is not None:
        name = r.names.organisation_before(line, start, since=r.names.passage_start(start, 6))
    if name is None and line in ("company", "media"):
        # "Corvane Inc said ... the company said", the recogniser having seen no organisation
        last_words = lex.company_name_words if line == "company" else lex.media_name_words
        name = next((ref.name for ref in r.history.before(start) if ref.kind == "organisation"
                     and ref.name.split()[-1].lower().rstrip(".") in last_words), None)
    if name is None and m.definite and line is None and not m.plural:
        # "the union representing the province's nurses says ...", the article naming it later:
        # the one body it names by that noun
        bodies = set(r.names.organisations.get(f"noun:{m.lemma}", ([], []))[1])
        name = bodies.pop() if len(bodies) == 1 and r.names.organisation_before(f"noun:{m.lemma}", start) is None \
            else None
    if name is None and m.definite and not m.modifiers and line != "media" and m.lemma not in lexicon.LED_BODIES:
        # "Statistics Canada released figures. The agency said" (any body, for "the organization")
        name = body_nearby(r, start, alone=m.lemma not in lexicon.GENERIC_BODY_NOUNS)
    return Attribution(name, "organisation") if name else None


def speaker_nearby(r: Resolver, start: int, lemma: str) -> str | None:
    """The organisation that spoke last, in the sentence of ``start`` or the one before, when
    its name shows it of no other kind than ``lemma`` ("Carbones del Catatumbo said ... The
    company said"; not "The ministry said ... The company said"; any, for "the agency")."""
    last = next(iter(r.history.before(start)), None)
    if last is None or last.kind != "organisation" or last.start < r.names.passage_start(start, 1) \
            or not last.name[:1].isupper() or lemma in r.lex.media_nouns:
        return None  # (an outlet is not the body whose words it carries)
    kind = r.lex.company_nouns | r.lex.company_name_words if lemma in r.lex.company_nouns \
        else r.lex.org_nouns if lemma in lexicon.GENERIC_BODY_NOUNS else {lemma}
    other = any(w in r.lex.org_nouns - kind for w in last.name.lower().split())
    return None if other else last.name


def body_nearby(r: Resolver, start: int, kinds: Iterable[str] = (), alone: bool = True) -> str | None:
    """The one organisation, news media apart, named in the sentence of ``start`` before it
    or in the sentence before (of these kinds: "police" in its name, or any for "company"),
    when, ``alone``, no other body is described there ("The ministry criticised Tesco": whose?)."""
    since = r.names.passage_start(start, 1)
    bodies = {r.names.organisation_in_full(body) for body in r.names.organisations_between(since, start)
              if all(k in body.lower().split() or k in r.lex.company_nouns for k in kinds)
              and r.full(body) == body}  # ("Trump", the recogniser's organisation, is Donald Trump)
    # ("Nishnawbe Aski Nation ... in NAN territory": one body)
    bodies -= {b for b in bodies if b.isupper() and any(acronym(o.split()) == b.lower() for o in bodies)}
    described = {t.lemma_.lower() for t in r.doc.char_span(since, start, alignment_mode="contract") or []
                 if t.pos_ == "NOUN" and not t.ent_type_ and t.lemma_.lower() in r.lex.org_nouns
                 and not r.names.in_quotes(t.idx)}
    return bodies.pop() if len(bodies) == 1 and not (alone and described) else None


def person_epithet(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Ola Berg scored twice ... the rookie winger said": a description of a person, with
    an epithet or by what they do, is the person the passage is about (its last speaker, or
    the subject of a later sentence) when that person's own description fits; never merely
    the last person named."""
    lex = r.lex
    # "the Vermont senator" is an epithet; "the Kremlin spokesman" an office of another body
    if not m.definite or m.plural or m.lemma not in lex.role_nouns | lex.epithet_nouns \
            or any(t.ent_type_ in ("PERSON", "ORG", "FAC") or t.dep_ in ("poss", "prep")
                   or (t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP")) for t in m.span):
        return None
    epithet = [t for t in m.modifiers if t.dep_ in ("amod", "compound", "nummod", "npadvmod")]
    if not epithet and m.lemma not in lex.epithet_nouns:
        return None  # "the prosecutor": an office, whoever holds it
    described = strip_article(m.span.text)
    if m.lemma in lex.role_nouns:
        holder = holder_in_article(r, described)
        if holder:
            return Attribution(holder, "person", described)
    if m.lemma in lex.proxy_nouns:
        return None  # "the spokesman" speaks for the person the passage is about
    salient = passage_person(r, m.span.start_char)
    if salient is None:
        return None
    name, role_as_written = salient
    # the role the article gives them where it names them, when the passage gives none
    role_as_written = role_as_written or next((p.role for p in r.names.people if p.role and r.full(p.name) == name),
                                              None)
    gender = next((lexicon.GENDER[t.lower_] for t in m.span if t.lower_ in lexicon.GENDER), None)
    if not fits(r, name, gender):
        return None
    if role_as_written:
        own = {w.lower() for w in role_as_written.replace("-", " ").split()}
        if m.lemma not in own and own & (lex.role_nouns | lex.epithet_nouns):
            return None  # "the engineer" is not the minister
        if not same_office(role_key(described, lex)[1], role_key(role_as_written, lex)[1]):
            return None  # "the local health minister" is not the civil aviation minister
    return Attribution(name, "person", described)


def passage_person(r: Resolver, start: int) -> tuple[str, str | None] | None:
    """The person the passage before ``start`` is about, with the role written with them:
    its last speaker, or the subject of a later sentence."""
    names = r.names
    since = names.passage_start(start)
    speaker = next((ref for ref in r.history.before(start) if ref.kind == "person"), None)
    k = bisect_left(names.subject_starts, start)
    subject = names.subject_people[k - 1] if k else None
    salient: tuple[str, str | None] | None = None
    if speaker is not None and speaker.start >= since:
        salient = (speaker.name, speaker.role)
    if subject is not None and subject.start >= since and (speaker is None or subject.start > speaker.start):
        salient = (r.full(subject.name), subject.role)
    return salient


def party_epithet(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Sen. Ana Ruiz, D-Ohio, ... the Ohio Democrat said": a party member named by state (or
    home town) and party is the politician the article tagged so, the last one before; by party alone, the
    one politician of that party it tagged (of two, nobody)."""
    head = m.head
    party = lexicon.PARTY_MEMBERS.get(head.lower_)
    if party is None or m.first != "the" or head.i != m.span.end - 1 or not head.is_title:
        return None
    words = r.doc[m.span.start + 1:head.i].text
    tagged = [(name, where) for start, name, letter, where in r.names.party_tags
              if letter == party and start < m.span.start_char]
    if words and words not in lexicon.US_STATES and not any(where == words for _, where in tagged):
        return None  # ("the Cleveland Democrat" of "D-Cleveland", as of a state)
    if words:
        name = next((name for name, where in reversed(tagged) if where == words), None)
    else:
        name = tagged[0][0] if len({name for name, _ in tagged}) == 1 else None
    if name is None:  # (of two tagged alike, neither; with none tagged, as another epithet)
        return Attribution(None, None, strip_article(m.span.text)) if tagged else None
    return Attribution(r.full(name), "person", strip_article(m.span.text))


def nationality_epithet(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"Anna Berg, a Swede, ... the Swede said": a nationality as a noun for one person is
    the one person the article has described by it ("a Swede", "Swedish skier Anna Berg",
    "Anna Berg of Sweden"), else the person the passage is about if the article gives them
    no nationality; with neither, nobody. A people ("the French") is no one person."""
    head = m.head
    if m.first != "the" or m.plural or head.i != m.span.end - 1 or not head.is_title \
            or head.ent_type_ not in ("NORP", "PERSON") or not one_word_entity(head) \
            or m.lower in r.lex.titles_or_roles or m.lower.endswith(lexicon.COLLECTIVE_DEMONYM_ENDINGS) \
            or m.lower in r.lex.media_name_words | r.lex.company_name_words | r.lex.org_nouns \
            or any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ for t in m.span if t.i != head.i):
        return None  # (nor "the Chronicle", an outlet the recogniser took for a person, nor
        # "the charity Shelter", a name set after its kind)
    described, start = strip_article(m.span.text), m.span.start_char
    shown = nationalities(r, start)
    matching = {name for name, words in shown.items() if any(same_demonym(w, m.lower) for w in words)}
    if len(matching) == 1:
        return Attribution(matching.pop(), "person", described)
    salient = passage_person(r, start)
    if matching or salient is None or shown.get(salient[0]):
        return Attribution(None, None, described)
    return Attribution(salient[0], "person", described)


def definite_description(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"the town" (the place last named), "the embassy" (the nearest earlier mention headed
    by the same noun)."""
    if m.modifiers or not m.definite:
        return None
    if m.lemma in r.lex.place_nouns and not m.plural:
        # "the city" of an article that writes "Winnipeg city council" or "the City of Winnipeg"
        called = r.names.places_called.get(m.lemma, set())
        if len(called) == 1:
            return Attribution(next(iter(called)), "organisation")
        # In "Millbrook, Colorado" the state only locates the town.
        k = bisect_left(r.names.ent_starts, m.span.start)
        place = next((e for e in reversed(r.names.ents[:k]) if e.label_ == "GPE" and not (
            e.root.dep_ == "appos" and e.root.head.ent_type_ == "GPE")), None)
        if place is not None:
            return Attribution(clean_name(place.text), "organisation")
    ref = r.history.earlier_mention(m.lemma, m.span.start_char)
    titled = titled_before(r, m) if m.lemma in r.lex.role_nouns and not m.plural else None
    if titled is not None and (ref is None or titled.start > ref.start):
        # "Economy minister Ana Ruiz sent a letter, but the minister said": the nearest holder
        return Attribution(r.full(titled.name), "person", titled.role)
    if ref is not None:
        return ref.attribution
    if m.lemma in r.lex.role_nouns and not m.plural:
        # "Minister of Equipment and Water Karim Benjelloun-Tazi said ... the minister said": the
        # last speaker of that title, whom the recogniser did not see as a person
        spoke = next((h for h in r.history.before(m.span.start_char) if h.kind == "person" and h.name
                      and h.role and title_noun(h.role) == m.lemma), None)
        if spoke is not None:
            return spoke.attribution
        # "an interview with Gáspár Maróth, the government commissioner ... the commissioner said"
        described = strip_article(m.span.text)
        holder = holder_in_article(r, described)
        if holder:
            return Attribution(holder, "person", described)
    if m.plural and m.lemma in r.lex.agents:
        # "citing sources within the Department of Defense ... the sources said": as the
        # article first said where they are
        since = r.names.passage_start(m.span.start_char, 2)
        first = next((t for t in reversed(r.doc[:m.span.start]) if t.lemma_.lower() == m.lemma and t.idx >= since
                      and t.tag_ == "NNS" and not r.names.in_quotes(t.idx)), None)
        if first is not None and first.nbor(1).dep_ == "prep" and mention_span(first, r.lex).end > first.i + 1:
            return Attribution(unnamed(mention_span(first, r.lex)), "group")
    names = r.names
    # the nearest earlier phrase of the same noun; for a body, one that says whose it is ("the
    # Biden campaign", "his campaign"): "the August campaign" says no more than "the campaign"
    # (in the same number: "a sleep researcher" is not "the researchers")
    earlier = [c for c in names.chunks[:bisect_left(names.chunk_starts, m.span.start_char)]
               if c.root.lemma_.lower() == m.lemma and c.root.tag_.endswith("S") == m.plural
               and (m.lemma in r.lex.role_nouns or any(
                   t.i != c.root.i and (t.ent_type_ in lexicon.NAME_LABELS or (t.pos_ == "PROPN" and not t.ent_type_)
                                        or t.lower_ in lexicon.POSSESSIVE_SUBJECTS) for t in c))]
    if earlier:
        if earlier[-1][0].lower_ in lexicon.POSSESSIVE_SUBJECTS:  # "his campaign": whose it is
            return owned_by_pronoun(r, MentionPhrase(earlier[-1]))
        kind: SpeakerKind = "person" if m.lemma in r.lex.role_nouns else "organisation"
        return Attribution(clean_name(earlier[-1].text), kind)
    return None


def titled_before(r: Resolver, m: MentionPhrase) -> Named | None:
    """The person last named before the mention of those named with a title of its noun
    ("Italian economic development minister Ana Ruiz" for "the minister", "deputy director of
    the forum" for "the director"), as the title was written."""
    k = bisect_left(r.names.people_starts, m.span.start_char)
    before = [p for p in r.names.people[:k] if not r.names.in_quotes(p.start)]
    titled = next((p for p in reversed(before) if p.role and title_noun(p.role) == m.lemma), None)
    if titled is None:
        return None
    # ("Chief Ann Lee ... Chief Tom Hale ... Lee said ... The chief said": the holder named last)
    holders = {r.full(p.name): p for p in before if p.role and title_noun(p.role) == m.lemma}
    mentioned = [(p.start, r.full(p.name)) for p in before] + [
        (ref.start, ref.name) for ref in r.history.before(m.span.start_char) if ref.kind == "person"]
    last = max(((at, name) for at, name in mentioned if name in holders), default=None)
    return holders[last[1]] if last is not None else titled


def title_noun(role: str) -> str:
    """The noun of a title: "deputy director of the forum" -> "director", "Gov." -> "governor",
    "Superior Court Justice" -> "judge"."""
    last = re.split(r" (?:of|for|to|at|in) ", role.lower())[0].split()[-1].rstrip(".")
    last = lexicon.TITLE_ABBREVIATIONS.get(last, last)
    return lexicon.TITLE_OFFICES.get(last, last)


def role(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """A role: its one holder in the article, an anonymous source ("a senior official"), or
    an office-holder the article does not name ("the Kremlin spokesman"), role kept; whom it
    serves named as the article names them in full ("a spokesman for Ana Ruiz")."""
    if m.lemma not in r.lex.role_nouns:
        return None
    described = unnamed(m.span)
    served = next((t for t in m.span if t.i > m.head.i and t.pos_ == "PROPN"), None)
    written = r.doc[served.i:m.span.end] if served is not None else None
    # ("a spokesperson for Health Minister Ana Ruiz": for Ana Ruiz)
    person = r.doc[name_start(written, r.lex):m.span.end] if written is not None else None
    if written is not None and person and all(t.pos_ == "PROPN" or t.text == "-" for t in written) \
            and described.endswith(written.text) \
            and (person.root.ent_type_ == "PERSON" or r.names.is_person(person.text, person.root)):
        described = described[:len(described) - len(written.text)] + name_in_full(r, person)
    # "a protester" brings someone new in: not the protester the article named before it (a
    # lede's "a federal judge" is the judge named after it)
    before = m.span.start_char if m.first in lexicon.INDEFINITE else None
    holder = None if m.plural else holder_in_article(r, described, after=before)
    if holder:
        return Attribution(holder, "person", described)
    body = spoken_for(r, m)
    if body:
        return Attribution(f"{body} {m.head.text.lower()}", "person")
    if m.first in lexicon.INDEFINITE or (m.plural and m.first != "the") or m.lemma == "source":
        return Attribution(described, "group" if m.plural else "person")
    return Attribution(None, None, described)


def spoken_for(r: Resolver, m: MentionPhrase) -> str | None:
    """"Tesco will close 20 stores. A spokesperson said ...": a spokesperson written bare, or
    with only the kind of body ("a company spokesperson", "a police spokesman" after "West
    Yorkshire Police"), speaks for the one organisation of that kind named in their sentence
    before them or in the sentence before; so does one "for the department" written so."""
    before = [t for t in m.modifiers if t.i < m.head.i]
    kinds = [t.lemma_.lower() for t in before]
    if m.lemma not in r.lex.spokesperson_nouns or m.plural or any(
            t.dep_ != "compound" or t.pos_ != "NOUN" or t.lemma_.lower() not in r.lex.org_nouns for t in before):
        return None
    served = [t for t in m.span if t.i > m.head.i]
    if served and not (len(served) == 3 and [t.lower_ for t in served[:2]] == ["for", "the"]
                       and served[2].pos_ == "NOUN" and served[2].lemma_.lower() in r.lex.org_nouns):
        return None
    # (the body it serves said to be of a kind: no other body described nearby is in question)
    return body_nearby(r, m.span.start_char, kinds, alone=not served)


def unnamed_body(r: Resolver, m: MentionPhrase) -> Attribution | None:
    """"the ministry", "residents": an organisation or group as described; "the
    administration" the one of the president the article names."""
    if m.definite and not m.modifiers and m.lemma in lexicon.LED_BODIES:
        # the first office the article names anyone to: a president's administration is not
        # a governor's because two presidents are named
        held = {role_key(p.role, r.lex)[0] for p in r.names.people if p.role}
        office = next((o for o in lexicon.LED_BODIES[m.lemma] if role_key(o, r.lex)[0] in held), None)
        holder = holder_in_article(r, office) if office else None
        if holder:
            return owned_by(holder, m.head.text)
    leader = next((agent for c in m.head.children if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head")
                   and (agent := agent_of(c)) is not None and agent.ent_type_ == "PERSON"), None)
    if leader is not None:  # "a team led by Dr. Ana Ruiz": she speaks for it, as its first author
        return Attribution(r.full(clean_name(mention_span(leader, r.lex).text)), "person")
    if m.definite and not m.modifiers and not m.plural and m.lemma in lexicon.PERSONAL_BODIES:
        # "Don Imus died on Friday. The family said": the family of the one person the passage is about
        since = r.names.passage_start(m.span.start_char, 2)
        about = {r.full(p.name) for p in r.names.subject_people if since <= p.start < m.span.start_char}
        named = {r.full(p.name) for p in r.names.people if since <= p.start < m.span.start_char}
        if len(about) == 1 and named <= about:
            return owned_by(about.pop(), m.head.text)
    if m.span[0].lower_ in ("his", "her"):
        return Attribution(None, None, unnamed(m.span))  # "his office", whose the article does not show
    if m.lemma in r.lex.org_nouns or m.plural:
        return Attribution(unnamed(m.span), "group" if m.plural else "organisation")
    return None


RULES: tuple[Rule, ...] = (
    pronoun, coordination, partitive, party_epithet, nationality_epithet, named_person, appositive_name, owned_office,
    owned_by_pronoun, proper_name, same_source, both_parties, data, document, named_organisation, news_agency,
    organisation_epithet, person_epithet, definite_description, role, unnamed_body,
)


# -- what the rules look up ---------------------------------------------------------------

def apposition(r: Resolver, head: Token) -> tuple[str | None, str | None]:
    """'Maria Zakharova, a spokeswoman for the ministry' / 'the minister, Choe Son Hui'."""
    given = given_name(head)
    if given is not None:
        return r.full(clean_name(given.text)), None
    for child in head.children:
        if child.dep_ != "appos" or r.names.in_quotes(child.idx) or child.i > 0 and child.left_edge.i == child.i \
                and child.doc[child.i - 1].text == "(":
            continue  # ('a report by the auditor, "Connectivity in Rural Areas,"': its title; "(Basarnas)":
            # the name in full is written before its abbreviation)
        if child.left_edge.i > head.i + 1 and child.doc[child.left_edge.i - 1].text not in (",", "—", "–"):
            continue  # ("A study published in the journal Health Reports found": the journal's name,
            # which the parser hung on the study, is no apposition set off after it)
        if child.pos_ == "PROPN" and any(d.dep_ == "det" and d.lower_ in lexicon.INDEFINITE for d in child.children) \
                or child.doc[child.left_edge.i].ent_iob_ == "I":
            continue  # ("The two-term governor, a Republican who ...": what he is, no name; nor
            # the end of a name begun before it: "in The Lancet Regional Health – Western Pacific")
        appos = mention_span(child, r.lex)
        written = appos.doc[child.left_edge.i:child.right_edge.i + 1]
        if len(written) > len(appos) and all(t.is_title or t.lower_ in lexicon.SMALL_WORDS for t in written):
            appos = written  # "the group behind the petition, Save Our Library,": all of the name
        office = child.lemma_.lower() in r.lex.role_nouns and any(
            d.dep_ == "det" and d.lower_ in lexicon.ARTICLES for d in child.children)
        # ("Dutch official Pieter van den Berg": a name ending the apposition, whatever the parse)
        ending = any(e.label_ == "PERSON" and e.end == written.end and e.start > written.start
                     and not any(t.pos_ == "ADP" for t in appos.doc[written.start:e.start])
                     for e in r.names.ents_in(written))
        # (or, after a title, a name that opens with a given name: "Manitoba's Minister of
        # Housing, Bernice Okemaw", whatever the recogniser took it for)
        at = name_start(appos, r.lex)
        if not office and (child.ent_type_ == "PERSON" or ending or child.pos_ == "PROPN" and (
                head.pos_ != "PROPN" or head.lower_ in r.lex.titles_or_roles and appos.end - at > 1
                and lexicon.given_name_gender(appos.doc[at:appos.end].text) is not None)):
            # "her rival, former county treasurer Wendell Voss": the name without its title (the
            # one that holds the apposition's head: "Lord Patel of Wembley" is no Wembley)
            names = [e for e in r.names.ents_in(appos) if e.label_ == "PERSON"]
            names = [e for e in names if e.start <= child.i < e.end] or names
            name = names[-1] if names else appos.doc[at:appos.end] if appos.end - at >= 2 else appos
            return r.full(clean_name(name.text)), None
        if child.lemma_.lower() in r.lex.role_nouns:
            # "the first witness, the collector Henrietta Vale": the name hangs one deeper
            name_text, _ = apposition(r, child)
            return name_text, strip_article(appos.text)
    if head.lemma_.lower() in r.lex.role_nouns:
        # "The minister responsible for Saskatchewan Government Insurance, Troy Wasylenko,":
        # a person's name the parser set beside the body of the office, which no person is
        end = head.right_edge.i - (head.right_edge.text == ",")
        deep = next((t for t in head.subtree if t.dep_ == "appos" and head.i not in (t.i, t.head.i)
                     and t.right_edge.i == end and t.ent_type_ == "PERSON" and t.doc[t.left_edge.i - 1].text == ","
                     and (t.head.ent_type_ in lexicon.ORG_LABELS or t.head.lemma_.lower() in r.lex.org_nouns)), None)
        if deep is not None:
            return r.full(clean_name(mention_span(deep, r.lex).text)), None
    return None, None


def given_name(head: Token) -> Span | None:
    """The name a described person is given right after the description: "a protester
    named Ana", "a man identified as Tom Reyes", "a resident using the pseudonym Kit", "a
    shopkeeper, who gave only his first name, Samuel"."""
    for acl in (c for c in head.children if c.dep_ in ("acl", "relcl") and c.i > head.i and head.pos_ == "NOUN"):
        naming = acl.lemma_.lower() in lexicon.GIVEN_NAME_VERBS and acl.dep_ == "acl" \
            or acl.lemma_.lower() in ("use", "give") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lexicon.NAME_NOUNS for c in acl.children)
        names = [t for t in acl.subtree if t.i > acl.i and t.pos_ == "PROPN" and t.is_title]
        if naming and names:
            end = names[-1].i + 1
            start = end - 1
            while start - 1 > acl.i and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].is_title:
                start -= 1
            return head.doc[start:end]
    return None


def name_closing(span: Span, lex: Lexicon) -> Span | None:
    """A person's name that ends a mention after a comma ("The mayor of Springvale, Ana
    Ruiz", "The head of the fire service, chief officer Ana Ruiz", "The head of the mission,
    former Botswana foreign minister Kagiso Modise"): two or more capitalised
    words that the recogniser took for a person or for nothing, after any title ("a
    spokesman for the navy, Commodore Hendra Kusuma")."""
    commas = [t.i for t in span if t.text == ","]
    if not commas or commas[-1] == span.start:
        return None
    start = commas[-1] + 1
    doc = span.doc
    while start < span.end and (doc[start].is_lower and doc[start].pos_ in ("NOUN", "ADJ")
                                or start + 2 < span.end and doc[start].lower_.rstrip(".") in lex.title_words):
        start += 1
    # ("..., former Botswana foreign minister Kagiso Modise": the name after the whole title)
    start = max(start, name_start(doc[start:span.end], lex)) if span.end - start > 2 else start
    name = doc[start:span.end]
    if len(name) >= 2 and all(t.pos_ == "PROPN" and (t.is_title or t.text == "-") and t.ent_type_ in ("", "PERSON")
                              for t in name):
        return name
    return None


def one_word_entity(token: Token) -> bool:
    doc = token.doc
    return token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")


def nationalities(r: Resolver, before: int) -> dict[str, set[str]]:
    """The people named before ``before``, outside quotation marks, with the nationality
    and place words written with their name: "Swedish skier Anna Berg", "Anna Berg, a
    Swede", "Sweden's Anna Berg", "Anna Berg of Sweden"."""
    found: dict[str, set[str]] = {}
    for ent in r.names.ents:
        if ent.label_ != "PERSON" or ent.start_char >= before or r.names.in_quotes(ent.start_char) \
                or not r.names.in_text(ent.start_char):
            continue
        words = found.setdefault(r.full(r.names.name_alone(ent)[0]), set())
        for child in ent.root.children:
            if child.dep_ in ("compound", "amod", "poss", "appos", "prep", "nmod") \
                    and not ent.start <= child.i < ent.end:
                words |= {t.lower_ for t in child.subtree if t.ent_type_ in ("NORP", "GPE")}
    return found


def same_demonym(a: str, b: str) -> bool:
    """Whether two words name the same nation: "Swede", "Swedish" and "Sweden"; "Dane",
    "Danish"; "Briton", "British" and "Britain" (their first letters, short of a short word's end)."""
    n = min(4, len(a) - 1, len(b) - 1)
    return n >= 3 and a[:n] == b[:n]


def pair_before(r: Resolver, start: int) -> str | None:
    """The last two (or more) named parties written together before ``start``, as in
    "Britain and France", for a later "both governments" or "the two countries"."""
    for ref in reversed(r.history.referents):
        if ref.kind == "group" and ref.start < start and " and " in ref.name:
            return ref.name
    def named(t: Token) -> bool:
        return t.ent_type_ in lexicon.NAME_LABELS or (t.pos_ == "PROPN" and not t.ent_type_)

    for token in reversed([t for t in r.doc if t.idx + len(t) <= start]):
        conj = [c for c in token.children if c.dep_ == "conj" and named(c)]
        if conj and named(token) and not r.names.in_quotes(token.idx):  # "Labour and the Greens"
            return clean_name(in_full(r, r.doc[mention_span(token, r.lex).start:conj[-1].i + 1]))
    return None


def same_office(places: frozenset[str], where: frozenset[str]) -> bool:
    """Whether an office described with ``places`` (its qualifiers, :func:`role_key`) can be
    the one written with ``where``: "the Greek energy minister" is not the Italian economic
    development minister, but "a federal judge" may be a U.S. District Judge."""
    specific = places - lexicon.GENERIC_QUALIFIERS
    return not specific or not where or specific <= where


def holder_in_article(r: Resolver, described: str, after: int | None = None) -> str | None:
    """The one person the article names with this role, before or after the mention (only
    after the character ``after``, when given): 'South Korea's president' -> Yoon Suk Yeol,
    'a federal judge' -> Judge Maria Reyes."""
    title, places = role_key(described, r.lex)
    if not title:
        return None
    same_title = {r.full(p.name): role_key(p.role, r.lex)[1] for p in r.names.people
                  if p.role and role_key(p.role, r.lex)[0] == title and (after is None or p.start > after)}
    matching = {name for name, where in same_title.items() if places <= where}
    if len(matching) == 1:
        return matching.pop()
    if len(same_title) != 1 or places & r.lex.org_nouns:
        return None  # "a government spokesperson" is not the union's spokesperson
    name, where = next(iter(same_title.items()))
    return name if same_office(places, where) else None
