"""Who an article names, and whom it has quoted so far: what later mentions can refer to."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..canon.speakers import acronym, unaccented
from ..lexicon import Lexicon
from ..records import Attribution, SpeakerKind
from .marks import in_ranges, quoted_runs
from .mentions import clean_name, entities, mention_span, name_cased, name_start, strip_article, without_trade


@dataclass
class Referent:
    """A speaker the article has named: a candidate for later pronouns and descriptions."""

    start: int
    name: str
    kind: SpeakerKind
    head: str  # lemma of the head noun of the mention that introduced it
    end: int  # where that mention ends
    role: str | None = None
    channel: str | None = None
    via: str | None = None  # the issuer of a document that spoke

    @property
    def attribution(self) -> Attribution:
        return Attribution(self.name, self.kind, self.role)


def with_regnal_title(name: str, role: str | None) -> str:
    """'Harry' titled 'Prince' is Prince Harry: a given name alone keeps the regnal title it
    goes by (:data:`~quotes.lexicon.REGNAL_TITLES`)."""
    if role and " " not in name and role.lower() in lexicon.REGNAL_TITLES:
        return f"{role[:1].upper()}{role[1:]} {name}"
    return name


def spelled(name: Span, short: str) -> Span:
    """The end of ``name`` whose capitalised words' initials spell the abbreviation ``short``
    ("Chief Ann Lee of the Northern Treaty Nations Council" for "NTNC", a person and a body the
    recogniser joined), else all of it ("the Department of Forestry and Fire Protection (CalFire)")."""
    for k in range(len(name)):
        rest = name[k:]
        if rest[0].is_title and acronym([t.text for t in rest if t.is_title]) == short.lower():
            return rest
    return name


def titled_gender(words: list[str], name: str) -> str | None:
    """The gender a title or description among ``words`` gives the person ``name`` ("Mr",
    "spokeswoman"), but not one that begins another name ("Prince George-Mackenzie MLA Kelly
    Lind": a place's)."""
    name_words = set(name.split())
    for word, after in zip(words, [*words[1:], ""], strict=False):
        key = word.lower().rstrip(".")
        if key in lexicon.GENDER and not (after[:1].isupper() and after.split("-")[0] not in name_words):
            return lexicon.GENDER[key]
    return None


@dataclass(frozen=True)
class Named:
    """A person the article names: where, the name as written, the title written with it."""

    start: int
    name: str
    role: str | None


class Names:
    """The people, entities and noun phrases of one article, each worked out once, on demand."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc, self.lex = doc, lex
        self._full_names: dict[tuple[str, bool], str] = {}  # asked for again and again

    @cached_property
    def text(self) -> str:
        """The article's text: ``Doc.text`` makes and joins the tokens again on every access;
        this joins them as it does, from the tokens made once."""
        return "".join(t.text_with_ws for t in self.tokens)

    @cached_property
    def tokens(self) -> list[Token]:
        """The article's tokens, made once: the lookups below walk the whole article nine
        times, and iterating a Doc makes a new object of every token on every walk."""
        return list(self.doc)

    @cached_property
    def ents(self) -> list[Span]:
        return entities(self.doc, self.lex)

    @cached_property
    def ent_starts(self) -> list[int]:
        return [e.start for e in self.ents]

    @cached_property
    def party_tags(self) -> list[tuple[int, str, str, str | None]]:
        """Politicians tagged with party and state ("Sen. Ana Ruiz, D-Ohio,", "..., R-Kan.") or,
        in a state's legislature, home town ("D-Cleveland"): where, the name, the party's letter
        and the state or town, in the article's order."""
        tagged = []
        for ent in self.ents:
            found = lexicon.PARTY_TAG.match(self.text, ent.end_char) if ent.label_ == "PERSON" else None
            if found is not None:
                short = found.group(2).strip()
                state = next((name for name, forms in lexicon.US_STATES.items() if short == name or short in forms),
                             None)
                tagged.append((ent.start_char, clean_name(ent.text), found.group(1), state or short.rstrip(".")))
        return tagged

    @cached_property
    def places_called(self) -> dict[str, set[str]]:
        """The places the article calls a city, a town, ... by the noun: "Winnipeg city council",
        "the City of Winnipeg" (not "a small Colorado town": where a town is, not its name)."""
        doc, called = self.doc, dict[str, set[str]]()
        for t in self.tokens:
            noun = t.lemma_.lower()
            if noun not in self.lex.place_nouns or t.i == 0 or self.in_quotes(t.idx):
                continue
            if t.is_lower and doc[t.i - 1].pos_ == "PROPN":
                start = t.i - 1
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                    start -= 1
                name = doc[start:t.i].text
                if name not in lexicon.US_STATES and name.lower() not in lexicon.NATIONS \
                        and doc[t.left_edge.i].lower_ not in lexicon.INDEFINITE:
                    called.setdefault(noun, set()).add(name)
            elif t.is_title and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].ent_type_ == "GPE":
                called.setdefault(noun, set()).add(clean_name(mention_span(doc[t.i + 2], self.lex).text))
        return called

    def ents_in(self, span: Span) -> list[Span]:
        """The entities lying wholly inside ``span``."""
        k = bisect_left(self.ent_starts, span.start)
        found = []
        while k < len(self.ents) and self.ents[k].start < span.end:
            if self.ents[k].end <= span.end:
                found.append(self.ents[k])
            k += 1
        return found

    @cached_property
    def people(self) -> list[Named]:
        """Everyone the article names as a person, with the title written before them."""
        named = self._recognised_people() + self._titled_names() + self._named_roles() + self._nicknamed() \
            + self._honoured()
        return sorted((n for n in named if self.in_text(n.start)), key=lambda n: (n.start, n.name, n.role or ""))

    def _recognised_people(self) -> list[Named]:
        found = []
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            head = ent.root
            title = [t for t in head.subtree if t.i < ent.start and t.head.i >= t.i
                     and t.dep_ in ("compound", "amod", "poss", "nmod", "case", "det")]
            begin = title[0].i if title else ent.start
            # ("Whitford and Representative Marcy Hollenbeck": the title is what follows the "and")
            begin = max([begin] + [t.i + 1 for t in self.doc[begin:ent.start] if t.dep_ == "cc" or t.text == ","])
            role = self.doc[begin:ent.start].text if begin < ent.start else None
            if role and self.doc[begin].dep_ == "det":
                role = strip_article(role) or None
            for child in head.children:
                if child.dep_ == "appos" and child.lemma_.lower() in self.lex.role_nouns:
                    role = strip_article(mention_span(child, self.lex).text)
            name, at = self.name_alone(ent)
            if not _words(name):
                continue  # "Whole Woman's Health" taken for a person: no word of it is a name
            role = role or self.description(self.doc[ent.start:ent.start + at]) or None
            if role is None and at == 0 and len(ent) > 1 and self.describes(ent[0]):
                role = ent[0].text  # "Pope Francis": a title kept in the name the person goes by
            found.append(Named(self.doc[ent.start + at].idx, with_regnal_title(name, role), role))
        return found

    def name_alone(self, ent: Span) -> tuple[str, int]:
        """A person's name without the office, description, country or nickname the recogniser
        took into it ("Astronomer Paul R. Delacorte", "Health Secretary Ann Lee"), and
        how many words went before it: what follows the last such word, when that is two
        words of name or more, or a surname the article gives in full ("Pastor Ambler")."""
        before = [i for i, t in enumerate(ent) if self.describes(t)
                  and not (t.i + 1 < len(self.doc) and self.doc[t.i + 1].text == "-" and not t.whitespace_)]
        if not before:
            return NICKNAME.sub("", clean_name(ent.text)), 0
        others = [clean_name(e.text) for e in self.ents if e.label_ == "PERSON" and not self.describes(e[0])
                  and e.text != ent.text] + self.written_names
        for at in reversed(before):
            words = [t for t in ent[at + 1:] if t.text != "-" and t.lower_.rstrip(".") not in lexicon.NAME_SUFFIXES]
            alone = NICKNAME.sub("", clean_name(ent[at + 1:].text))
            if len(words) >= 2 or (words and _longer(alone, _worded(others))):
                return alone, at + 1
        return NICKNAME.sub("", clean_name(ent.text)), 0

    @staticmethod
    def description(span: Span) -> str:
        """What the words before a name say of the person, without an honorific ("Dr", "Mme")."""
        return "".join(t.text_with_ws for t in span if t.lower_.rstrip(".") not in lexicon.HONORIFICS).strip()

    def describes(self, token: Token) -> bool:
        """Whether a capitalised word before a name describes the person rather than naming
        them: a title or office, an occupation, a party or a nationality (not a country, which
        may be a given name: "Chad Le Clos"), or is where they posted ("on Twitter West"), or the
        field of an office ("Member of Parliament Femke Willems")."""
        word = token.lower_
        field = word in lexicon.PORTFOLIO_WORDS and token.i > 0 and token.doc[token.i - 1].lower_ in ("of", "for")
        # (a nation's noun that is a given name too, "Finn Wolfhard", names the person)
        nation = word in lexicon.NATIONALITY_NOUNS and word not in lexicon.GIVEN_NAMES | lexicon.NAME_SEXES.keys()
        return token.text[:1].isupper() and (word.rstrip(".") in self.described or word in lexicon.DEMONYMS or nation
                                             or word.endswith(lexicon.OCCUPATION_ENDINGS) or field)

    @cached_property
    def described(self) -> frozenset[str]:
        return self.lex.titles_or_roles | self.lex.epithet_nouns | self.lex.trades | lexicon.AFFILIATION_WORDS \
            | lexicon.PLATFORMS

    def _titled_names(self) -> list[Named]:
        """"Council member Odile Harlan", "Norway Erna Lind", "union attorney Daniel Kessler":
        a title or a country before a name the recogniser took for an organisation or place
        (with the title or country in it)."""
        found = []
        for ent in self.ents:
            if ent.label_ not in ("ORG", "GPE") or len(ent) < 2 or ent.root.pos_ != "PROPN" \
                    or ent.root.lemma_.lower() in self.lex.org_nouns:
                continue
            before = self.doc[ent.start - 1] if ent.start else None
            first = ent.start + (ent[0].lower_ in lexicon.ARTICLES)
            at = name_start(ent, self.lex)
            if first < at <= ent.end - 2:
                found.append(Named(self.doc[at].idx, clean_name(self.doc[at:ent.end].text),
                                   strip_article(self.doc[ent.start:at].text) or None))
            elif before is not None and before.pos_ in ("NOUN", "PROPN") and (  # (not "of" in "chief of Acme Supply")
                    before.lower_ in self.lex.titles_or_roles or before.lemma_.lower() in self.lex.role_nouns):
                found.append(Named(ent.start_char, clean_name(ent.text), before.text))
        return found

    def _named_roles(self) -> list[Named]:
        """"the Social Democrat candidate, Asha Mistry", "Gáspár Maróth, the government
        commissioner": a name in apposition to a role is a person's even when the recogniser
        took it for something else."""
        found = []
        for token in self.tokens:
            if token.dep_ != "appos":
                continue
            head = token.head
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.lex.role_nouns and head.pos_ == "PROPN" \
                    and head.ent_type_ != "PERSON" and head.dep_ != "compound":
                # "Gáspár Maróth, the government commissioner"
                name = mention_span(head, self.lex)
                name = self.doc[name.start:min(name.end, head.i + 1)]
                if len(name) >= 2 and all(t.is_title or t.text == "-" for t in name):
                    found.append(Named(name.start_char, clean_name(name.text),
                                       strip_article(mention_span(token, self.lex).text)))
            elif token.pos_ == "PROPN" and token.ent_type_ != "PERSON" and head.lemma_.lower() in self.lex.role_nouns \
                    and not any(d.dep_ == "det" and d.lower_ in lexicon.INDEFINITE for d in token.children):
                # "the Social Democrat candidate, Asha Mistry" (not "the governor, a Republican")
                name = mention_span(token, self.lex)
                joined = next((t.i for t in name if t.dep_ == "cc" or t.text == ","), name.end)
                name = self.doc[name.start:joined]  # "officers Ann Lee and Tom Hale": the first of two
                # ("Member of Parliament Femke Willems": the office's field is no part of the name)
                name = self.doc[at:name.end] if name.end - (at := name_start(name, self.lex)) >= 2 else name
                if len(name) >= 2 and all(t.is_title or t.text == "-" or t.is_lower for t in name):
                    role = mention_span(head, self.lex)
                    role_text = self.doc[role.start:name.start].text.strip(" ,") if role.start < name.start < role.end \
                        else role.text
                    found.append(Named(name.start_char, clean_name(name.text), strip_article(role_text)))
        return found

    def _honoured(self) -> list[Named]:
        """"Mme Claire Vautrin", "Dr Lee": a name after an honorific is a person's, whatever the
        recogniser took it for."""
        found, doc = [], self.doc
        for token in self.tokens[:-1]:
            if not token.is_title or token.lower_.rstrip(".") not in lexicon.HONORIFICS:
                continue
            end = token.i + 1
            while end < len(doc) and end < token.i + 4 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                    and doc[end].lower_ not in self.lex.not_in_names:
                end += 1
            if end > token.i + 1:
                found.append(Named(doc[token.i + 1].idx, clean_name(doc[token.i + 1:end].text), None))
        return found

    def _nicknamed(self) -> list[Named]:
        """'Mitchell "Mitch" Stoltz', 'Mitchell (Mitch) Stoltz': a name with the nickname
        written inside it, which the recogniser splits; the person is the given name and the
        surname ("Mitchell Stoltz")."""
        found, doc = [], self.doc
        for mark in self.tokens[1:len(doc) - 3]:
            if mark.text not in NICKNAME_MARKS:
                continue
            i = mark.i - 1
            given, nick, close = doc[i], doc[i + 2], doc[i + 3]
            if not (given.pos_ == "PROPN" and given.is_title
                    and nick.is_title and close.text == NICKNAME_MARKS[mark.text]
                    and given.lower_ not in self.lex.titles_or_roles):
                continue
            end = i + 4
            while end < len(doc) and end < i + 6 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            words = {t.lower_ for t in (given, nick, *doc[i + 4:end])}
            if end > i + 4 and not words & (self.lex.not_in_names | self.lex.company_name_words):
                found.append(Named(given.idx, f"{given.text} {clean_name(doc[i + 4:end].text)}", None))
        return found

    @cached_property
    def genders(self) -> dict[str, str]:
        """What the article shows of its people's gender where it names them: an honorific
        or a gendered title before the name ("Mr Tom Hale", "spokeswoman Ann Lee")."""
        found: dict[str, str] = {}
        for ent in self.ents:
            if ent.label_ == "PERSON" and ent.start:
                name = self.full_name(self.name_alone(ent)[0])
                gender = titled_gender([t.text for t in self.doc[max(0, ent.start - 2):ent.start + 2]
                                        if t.lower_ not in lexicon.PRONOUNS], name)
                if gender:
                    found.setdefault(name, gender)
        for token in self.tokens[:-1]:  # "Mr Quill", even where the recogniser saw no person
            if not token.is_title or token.lower_.rstrip(".") not in lexicon.GENDER \
                    or token.lower_ in lexicon.PRONOUNS:
                continue
            after = self.doc[token.i + 1]
            if after.pos_ == "PROPN":
                end = after.i
                while end + 1 < len(self.doc) and self.doc[end + 1].pos_ == "PROPN" and self.doc[end + 1].is_title:
                    end += 1
                name = self.full_name(clean_name(self.doc[after.i:end + 1].text))
                found.setdefault(name, lexicon.GENDER[token.lower_.rstrip(".")])
        return found

    @cached_property
    def quotations(self) -> list[list[tuple[int, int]]]:
        """The article's quotations (:func:`.marks.quoted_runs`), read once for the resolver
        and the component both."""
        skip = sorted(self.doc._.skip or []) if self.doc.has_extension("skip") else []
        return quoted_runs(self.text, skip)

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """The character ranges inside quotation marks: whoever is named there is talked
        about by the speaker, not a speaker of the passage."""
        return sorted(p for run in self.quotations for p in run)

    def in_quotes(self, start: int) -> bool:
        return in_ranges(start, self.quoted)

    @cached_property
    def not_text(self) -> list[tuple[int, int]]:
        """The lines that are not running text: a photo credit ("Lee Park / The Associated
        Press"), a byline ("By Ann Lee, Staff Writer"), a dateline or time stamp, a line in
        headline case ("Mayor Said The Budget Was Needed"). Nobody named there speaks."""
        found, at = [], 0
        for line in self.text.split("\n"):
            if not_running_text(line):
                found.append((at, at + len(line)))
            at += len(line) + 1
        return found

    def in_text(self, start: int) -> bool:
        return not in_ranges(start, self.not_text)

    @cached_property
    def subject_people(self) -> list[Named]:
        """The people named in full who are the subject of a sentence (or in apposition to
        it), outside quotation marks; another single word is too often a misread noun
        ("Volumes are up")."""
        found = []
        for person in self.people:
            if " " not in self.full_name(person.name) or self.in_quotes(person.start):
                continue
            token = self.doc.char_span(person.start, person.start + 1, alignment_mode="expand")
            head = token.root if token is not None else None
            while head is not None and head.dep_ in ("compound", "flat") and head.head is not head:
                head = head.head
            if head is not None and head.dep_ == "appos":
                head = head.head
            # Of the sentence's main verb: the subject of reported content ("Smith said Joe
            # Biden approved it") is talked about, not talking; or the root itself, when the
            # parser loses the verb ("Gord Skaalen, who has lived here for 31 years, left").
            if head is not None and ((head.dep_ in lexicon.SUBJECT_DEPS and head.head.dep_ == "ROOT")
                                     or (head.dep_ == "ROOT" and head.pos_ == "PROPN")
                                     or self._reported_by_non_person(head)):
                found.append(person)
        # "But Grady, nicknamed ..., is not going quietly": a surname the recogniser took for
        # a place, or for nothing, is still the person named in full before.
        seen = {p.start for p in found}
        for word in self.tokens:
            if word.dep_ == "ROOT" and word.is_sent_start and word.is_title and word.ent_iob_ == "O" \
                    and word.idx not in seen and not self.in_quotes(word.idx) and self.in_text(word.idx) \
                    and any(c.dep_ == "dobj" for c in word.children) and self.surname_in_full(word.text):
                # "Trump encouraged schools to reopen", the tagger having taken the surname for the verb
                found.append(Named(word.idx, word.text, None))
                continue
            if word.pos_ != "PROPN" or word.dep_ not in lexicon.SUBJECT_DEPS:
                continue
            alone = word.ent_iob_ == "B" and word.ent_type_ != "PERSON" and (
                word.i + 1 == len(self.doc) or self.doc[word.i + 1].ent_iob_ != "I") \
                or word.ent_iob_ == "O" and not any(c.dep_ == "compound" for c in word.children)
            # "Grady concurred: "..."", parsed as the complement of what follows, leads its sentence
            lead = word.head.dep_ == "ccomp" and self.doc[min(word.head.i + 1, len(self.doc) - 1)].text == ":"
            if word.dep_ in lexicon.SUBJECT_DEPS and (word.head.dep_ == "ROOT" or lead) and word.pos_ == "PROPN" \
                    and alone and word.is_title \
                    and word.idx not in seen and not self.in_quotes(word.idx) and self.in_text(word.idx) \
                    and self.surname_in_full(word.text):
                found.append(Named(word.idx, word.text, None))
            elif word.dep_ in lexicon.SUBJECT_DEPS and word.head.dep_ == "ROOT" and word.ent_iob_ == "O":
                # "Ana Ruiz spoke from the stage": a name of two or three words the recogniser
                # saw nothing in, the subject of its sentence
                name = self.doc[word.left_edge.i:word.i + 1]
                if all(t.ent_iob_ == "O" and (t.i == word.i or t.dep_ == "compound") for t in name) \
                        and clean_name(name.text) in self.written_names and name.start_char not in seen \
                        and not self.in_quotes(name.start_char):
                    found.append(Named(name.start_char, clean_name(name.text), None))
        return sorted(found, key=lambda n: n.start)

    def surname_in_full(self, word: str) -> bool:
        """Whether a one-word name is the surname of someone the article names in full ("Quirin"
        for Antoine Quirin), a country excepted ("Zimbabwe" beside "Youth Forum Zimbabwe")."""
        return " " not in word and word.lower() not in lexicon.NATIONS and " " in self.full_name(word)

    @cached_property
    def subject_starts(self) -> list[int]:
        return [p.start for p in self.subject_people]

    @cached_property
    def people_starts(self) -> list[int]:
        return [p.start for p in self.people]

    def _reported_by_non_person(self, subject: Token) -> bool:
        """The subject of what an outlet or a body reported ("PBS revealed that the prince
        accepted ..."): no person speaks that sentence, so the person it is about is its
        most salient one."""
        clause = subject.head
        if subject.dep_ not in lexicon.SUBJECT_DEPS or clause.dep_ != "ccomp" or clause.head.dep_ != "ROOT":
            return False
        speaker = next((c for c in clause.head.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
        return speaker is not None and (speaker.ent_type_ in lexicon.ORG_LABELS
                                        or speaker.lemma_.lower() in self.lex.org_nouns | self.lex.document_nouns)

    @cached_property
    def subject_pairs(self) -> list[tuple[int, str]]:
        """Named parties written together as a sentence's subject ("Lorna and Jim Pascoe")."""
        return [(t.idx, clean_name(mention_span(t, self.lex).text)) for t in self.tokens
                if t.dep_ in lexicon.SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.ent_type_ in lexicon.NAME_LABELS
                and any(c.dep_ == "conj" and c.ent_type_ for c in t.children)]

    @cached_property
    def sent_starts(self) -> list[int]:
        """Where the sentences begin; the blank lines between paragraphs, which the parser may
        make sentences of their own, are none."""
        return [s.start_char for s in self.doc.sents if not s.text.isspace()]

    def sentence_before(self, start: int) -> tuple[int, int] | None:
        """The character range of the sentence before the one holding ``start``, past the
        sentences of a quotation there (the quotation a pronoun at ``start`` attributes)."""
        j = bisect_right(self.sent_starts, start) - 2
        while j >= 0 and self.in_quotes(self.sent_starts[j] + 1):
            j -= 1
        return (self.sent_starts[j], self.sent_starts[j + 1]) if j >= 0 else None

    def passage_start(self, start: int, sentences: int = 3) -> int:
        """Where the passage around ``start`` begins: its sentence and the ``sentences`` before."""
        k = bisect_right(self.sent_starts, start) - 1
        return self.sent_starts[max(0, k - sentences)] if k >= 0 else 0

    @cached_property
    def organisations(self) -> dict[str | None, tuple[list[int], list[str]]]:
        """The organisations the article names outside quotation marks, by line of work
        ("company", "media", "club"; None when the name does not show it) and by the
        organisation nouns in their names ("noun:ministry"): the starts and the names, in
        reading order."""
        found: dict[str | None, tuple[list[int], list[str]]] = {}
        for ent in self.ents:
            # "Northamptonshire Police": a name in capitals, whatever the tagger made its head
            named = ent.root.pos_ == "PROPN" or all(t.is_title or not t.is_alpha for t in ent) and any(
                t.pos_ == "PROPN" for t in ent)
            if ent.label_ != "ORG" or not named or self.in_quotes(ent.start_char) or not self.in_text(ent.start_char):
                continue
            name = clean_name(without_trade(ent, self.lex).text)
            if self.surname_in_full(name):
                continue  # "Teixeira", of Paulo Teixeira, which the recogniser took for a body
            # (the nouns of the name's head: "Court of Justice of the European Union" is no union)
            of = next((t.i for t in ent if t.pos_ == "ADP"), ent.end)
            nouns = {t.lemma_.lower() for t in ent if t.i < of and t.lemma_.lower() in self.lex.org_nouns}
            for key in {self._line_of_work(ent), *(f"noun:{n}" for n in nouns)}:
                starts, names = found.setdefault(key, ([], []))
                starts.append(ent.start_char)
                names.append(name)
        for start, name, noun in [*self._unrecognised_bodies(), *self._police_forces()]:
            starts, names = found.setdefault(f"noun:{noun}", ([], []))
            at = bisect_left(starts, start)
            starts.insert(at, start)
            names.insert(at, name)
        return found

    def _police_forces(self) -> list[tuple[int, str, str]]:
        """Police forces named without the word "police" (lexicon.POLICE_FORCE_WORDS:
        "Prince George RCMP", "Kent Constabulary"), whatever the recogniser made of them: where
        each starts, the name and "police", the noun that refers back to them."""
        found: list[tuple[int, str, str]] = []
        for token in self.tokens:
            if token.lower_ not in lexicon.POLICE_FORCE_WORDS or not token.text[:1].isupper() \
                    or self.in_quotes(token.idx) or not self.in_text(token.idx):
                continue
            start = token.i
            while start > 0 and self.tokens[start - 1].pos_ == "PROPN" and self.tokens[start - 1].text[:1].isupper():
                start -= 1
            found.append((self.tokens[start].idx, clean_name(self.doc[start:token.i + 1].text), "police"))
        return found

    def _unrecognised_bodies(self) -> list[tuple[int, str, str]]:
        """Names in capitals that end in an organisation's noun, which the recogniser did not
        take for an organisation ("North Wales Fire and Rescue Service were called"): where
        each starts, the name and its noun."""
        found: list[tuple[int, str, str]] = []
        run: list[Token] = []
        for token in [*self.tokens, None]:
            if token is not None and (token.is_title and token.pos_ == "PROPN" and token.ent_type_ != "ORG"
                                      or run and token.lower_ in ("and", "of")):
                run.append(token)
                continue
            while run and not run[-1].is_title:
                run.pop()
            # ("Amalgamated Transit Union Local 966": a union's local, by its number)
            local = len(run) >= 3 and run[-1].lower_ == "local" and token is not None and token.like_num
            head = run[-2] if local else run[-1] if run else None
            if len(run) >= 2 and head is not None and head.lemma_.lower() in self.lex.org_nouns \
                    and self.in_text(run[0].idx) and not self.in_quotes(run[0].idx):
                end = run[-1].i + 1 + local
                found.append((run[0].idx, clean_name(self.doc[run[0].i:end].text), head.lemma_.lower()))
            run = []
        return found

    def _line_of_work(self, ent: Span) -> str | None:
        """What kind of organisation a name shows: by its last word ("Harbour Gazette",
        "Acme Inc") or the noun written with it ("the utility Northway Power", "Northway
        Power, the utility")."""
        lex = self.lex
        last = clean_name(ent.text).split()[-1].lower().rstrip(".") if clean_name(ent.text) else ""
        root = ent.root
        described = [t.lemma_.lower() for t in self.doc[max(0, ent.start - 2):ent.start] if t.pos_ == "NOUN"]
        described += [c.lemma_.lower() for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
        if root.dep_ == "appos" and root.head.i < ent.start:
            described.append(root.head.lemma_.lower())
        for words in ([last], described):
            for word in words:
                if word in lex.media_nouns or word in lex.media_name_words:
                    return "media"
                if word in lex.company_nouns or word in lex.company_name_words:
                    return "company"
                if word in lex.club_nouns:
                    return "club"
            if any(w in lex.org_nouns for w in words):
                return "other"
        if ent.text in lexicon.NEWS_AGENCIES:
            return "media"
        return None

    def organisation_before(self, line_of_work: str, start: int, since: int = 0) -> str | None:
        """The last organisation of this line of work named before ``start``; a company may
        also be one whose name does not show its line of work, named since ``since``."""
        best: tuple[int, str] | None = None
        for kind in (line_of_work, None) if line_of_work == "company" else (line_of_work,):
            starts, names = self.organisations.get(kind, ([], []))
            k = bisect_left(starts, start)
            if k and (kind is not None or starts[k - 1] >= since) and (best is None or starts[k - 1] > best[0]):
                best = (starts[k - 1], names[k - 1])
        return best[1] if best else None

    def organisation_in_full(self, name: str) -> str:
        """'Salling' -> 'Salling Group' when the article names exactly one organisation so, its
        other words a company's ("Group", "Inc", "A/S"); 'SDF' -> 'Syrian Democratic Forces'
        when the article gives the abbreviation in brackets after the name; else the name as
        written."""
        if name in self.abbreviations:
            return self.abbreviations[name]
        full = {clean_name(e.text) for e in self.ents if e.label_ == "ORG" and len(e) > 1 and e[0].text == name
                and all(t.lower_.rstrip(".") in self.lex.company_name_words or t.is_punct for t in e[1:])}
        if not full and " " not in name and name[:1].isupper():
            # "the Ledger" after "the Valley Ledger": the one name the article gave in full that ends so
            full = {clean_name(named.text) for e in self.ents if e.label_ == "ORG" and e[-1].text == name
                    and len(named := without_trade(e, self.lex)) > 1}  # (not "Chipmaker Nvidia")
        return full.pop() if len(full) == 1 else name

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """"the Syrian Democratic Forces (SDF)", "the Department of Forestry and Fire
        Protection (CalFire)": the short names the article defines, for the names in full
        (an abbreviation defined for two names stands for neither)."""
        found: dict[str, set[str]] = {}
        tokens = self.tokens
        for e in self.ents:
            if e.label_ not in lexicon.ORG_LABELS:
                continue
            if e[-1].text == "(":  # ("the Department of Fisheries and Oceans (": the recogniser took the bracket)
                e = e[:-1]
            if e.end + 2 >= len(tokens) or len(e) < 2:
                continue
            opening, short, closing = tokens[e.end:e.end + 3]
            if opening.text == "(" and closing.text == ")" and short.is_alpha \
                    and sum(c.isupper() for c in short.text) >= 2 and short.text[0].isupper():
                found.setdefault(short.text, set()).add(clean_name(spelled(self.whole_name(e), short.text).text))
        return {short: names.pop() for short, names in found.items() if len(names) == 1}

    def whole_name(self, ent: Span) -> Span:
        """An organisation's name with the words before it the recogniser left out: "Centre
        for Volcanology and Geological Hazard Mitigation", of which it saw the last three."""
        start = ent.start
        while start > 1 and self.doc[start - 1].lower_ in ("of", "for", "and") and self.doc[start - 2].is_title \
                and self.doc[start - 2].pos_ == "PROPN":
            start -= 2
            while start > 0 and self.doc[start - 1].is_title and self.doc[start - 1].pos_ == "PROPN" \
                    and not self.doc[start - 1].is_sent_start:
                start -= 1
        return self.doc[start:ent.end]

    def organisations_between(self, since: int, start: int) -> set[str]:
        """The organisations, news media apart, named from ``since`` up to ``start``."""
        media = set(self.organisations.get("media", ([], []))[1])
        return {name for starts, names in self.organisations.values() for at, name in zip(starts, names, strict=True)
                if since <= at < start and name not in media}

    @cached_property
    def chunks(self) -> list[Span]:
        """Indefinite noun phrases and named definite ones ("the Biden campaign", "the
        government of Samoa"), the first mention of what a later "the ..." refers to."""
        found = []
        for chunk in self.doc.noun_chunks:
            # "the government of Samoa": named by the place or body after it
            of = next((c for c in chunk.root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            named = next((o for o in of.children if o.dep_ == "pobj" and o.pos_ == "PROPN"
                          and o.ent_type_ in lexicon.ORG_LABELS), None) if of is not None else None
            if named is not None and chunk[0].lower_ in lexicon.DEFINITE:
                found.append(self.doc[chunk.start:named.right_edge.i + 1])
            elif len(chunk) > 1 and (chunk[0].lower_ not in lexicon.DEFINITE or any(
                    (t.pos_ == "PROPN" or t.ent_type_ == "NORP") and t.i < chunk.root.i for t in chunk)):
                found.append(chunk)  # "a spokesman", "the Biden campaign", "the Samoan government"
        return found

    @cached_property
    def chunk_starts(self) -> list[int]:
        return [c.start_char for c in self.chunks]

    def is_person(self, name: str, token: Token) -> bool:
        """A one-word name is a person's when the article names that person in full, even
        where the recogniser took it for a place ("Castellani said", of Marie Castellani, whom
        it names as a person, or writes after a given name), unless it is a country's name
        ("Jordan said")."""
        full = self.full_name(name, unrecognised=False)
        if full == name:
            # or writes it after a given name the recogniser missed ("Represenative Adam Schiff"),
            # or is itself such a name ("Rosa Elena Quispe Valdivia", taken for a place)
            full = self.full_name(name)
            if " " not in full or lexicon.given_name(full.split()[0]) is None \
                    or full == name and (name not in self.written_names or token.ent_type_ == "ORG"):
                return False
            return name.lower() not in lexicon.NATIONS
        if token.ent_type_ != "GPE" or any(e.label_ == "PERSON" and e.text == name for e in self.ents):
            return True
        return name.lower() not in lexicon.NATIONS and any(p.name == full for p in self.people)  # not "Korea's"

    @cached_property
    def owners(self) -> list[str]:
        """Full names written only as an owner ("Pekka Nieminen's team"), which the recogniser
        may take for an organisation: two or more capitalised words, none an organisation's."""
        lex, found = self.lex, []
        for token in self.tokens:
            if token.lower_ not in ("'s", "’s") or token.tag_ != "POS" or not self.in_text(token.idx):
                continue
            start = token.i
            while start and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].is_title:
                start -= 1
            words = [t.lower_ for t in self.doc[start:token.i]]
            if len(words) >= 2 and not set(words) & (lex.not_in_names | lex.company_name_words | lex.media_name_words):
                found.append(clean_name(self.doc[start:token.i].text))
        return found

    # The names full_name looks among, each with its words: split once per article, not
    # again for every name looked up.
    @cached_property
    def worded_people(self) -> Worded:
        return _worded([p.name for p in self.people] + self.labelled_people)

    @cached_property
    def labelled_people(self) -> list[str]:
        """People named on a line of their own above what they said, in a round-up of reactions
        ("Rep. Bao Nguyen-Whitaker (R-Texas)"): no running text, but the name in full that the
        paragraphs after it shorten."""
        found = []
        for ent in self.ents:
            if ent.label_ != "PERSON" or self.in_text(ent.start_char):
                continue
            line = self.doc[ent.sent.start:ent.sent.end]
            rest = [t for t in line if not (ent.start <= t.i < ent.end) and not t.is_punct and not t.is_space]
            if len(rest) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in rest):
                found.append(self.name_alone(ent)[0])
        return found

    @cached_property
    def worded_owners(self) -> Worded:
        return _worded(self.owners)

    @cached_property
    def worded_written_names(self) -> Worded:
        return _worded(self.written_names)

    @cached_property
    def written_names(self) -> list[str]:
        """Runs of two or three capitalised proper nouns that may be a person's name, whatever
        the recogniser took them for ("Sigrid Thorvaldsen" as a building), after the words
        that describe the person, without a title, an organisation's word or a country in them."""
        lex, found = self.lex, []
        not_names = lex.not_in_names | lex.titles_or_roles | lex.company_name_words | lex.media_name_words \
            | lexicon.AFFILIATION_WORDS  # ("the Ohio Democrat")
        runs: list[list[Token]] = [[]]
        for token in self.tokens:
            if (name_cased(token) and token.ent_type_ not in lexicon.TIME_LABELS and (
                    token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.lower_ in lexicon.GIVEN_NAMES)) \
                    or (token.text == "-" and runs[-1]):  # not "On Sunday Ann Lee said"
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            while run and (self.describes(run[0]) or run[0].lower_ in lexicon.PORTFOLIO_WORDS):
                run = run[1:]  # "Astronomer Hugo Lindqvist", "(Minister of) Foreign Affairs Ana Ruiz"
            # "Committee Represenative Adam Schiff": a long run ends with a given name and what follows
            sure = [lexicon.given_name(t.text) for t in run]
            given = sorted((s, k) for k, s in enumerate(sure) if k and s is not None and len(run) - k in (2, 3, 4)
                           and run[k - 1].text != "-" and (len(run) - k < 4 or "-" in (t.text for t in run[k:])))
            # (not "Nils-Erik Haagenrud"; "Karim Benjelloun-Tazi")
            # ("Bank of America Brian Moynihan", "Minister of Equipment and Water Karim Benjelloun":
            # a run that goes on a name written with "of", or an office's fields)
            linked = bool(run) and run[0].i > 1 and self.doc[run[0].i - 1].lower_ in \
                lexicon.NAME_PREPOSITIONS | {"and", "&"} and self.doc[run[0].i - 2].is_title
            if (len(run) > 3 or linked) and given and (sure[0] is None or given[0][0] < sure[0]):
                run = run[given[0][1]:]
            words = [t for t in run if t.text != "-"]
            after = self.doc[run[-1].i + 1].text if run and run[-1].i + 1 < len(self.doc) else ""
            # ("Rosa Elena Quispe Valdivia": two given names and two surnames)
            doubled = len(words) == 4 and sure[:2] == [s for s in sure[:2] if s is not None] and sure[2] is None \
                and len(run) == 4
            if (2 <= len(words) <= 3 or doubled) and run[-1].text != "-" and after not in ("'", "’") \
                    and self.in_text(run[0].idx) \
                    and not any(t.lower_ in not_names or t.lower_ in lexicon.NATIONS for t in words):
                found.append(clean_name(self.doc[run[0].i:run[-1].i + 1].text))
        return found

    def full_name(self, name: str, unrecognised: bool = True) -> str:
        """'Yoon' -> 'Yoon Suk Yeol', 'De Luca' -> 'Elena De Luca', 'Ana Vidal' -> 'Ana Vidal
        Soto', when the article names exactly one such person (a single word anywhere in the
        name, several as its end or, but for one more surname, its start); an article that
        names nobody so as a person may write the name as an owner ("Pekka Nieminen's team")
        or, with ``unrecognised``, as a name the recogniser took for something else or cut
        short ("Carmen Ruiz Ortega" of which it saw "Ruiz Ortega"), which alone does not show a
        person ("Harrowgate Rovers")."""
        key = (name, unrecognised)
        if key not in self._full_names:
            self._full_names[key] = self._full_name(name, unrecognised)
        return self._full_names[key]

    def _full_name(self, name: str, unrecognised: bool) -> str:
        others = [self.worded_owners] if " " not in name else []
        others += [self.worded_written_names] if unrecognised else []
        for names, anywhere in [(self.worded_people, True), *((n, False) for n in others)]:
            matches = _longer(name, names, anywhere)
            if matches:
                found = matches.pop() if len(matches) == 1 else \
                    _one_person(matches, name) or _fullest(matches) or self.first_of(matches, name)
                if unrecognised and found != name and " " in found:
                    # ("Quispe Huamaní", as the recogniser saw "Elmer Quispe Huamaní")
                    longer = _longer(found, self.worded_written_names, anywhere=False)
                    return longer.pop() if len(longer) == 1 else found
                return found
        return name

    def full_name_near(self, name: str, at: int) -> str:
        """A surname several people named in full share, written at ``at``: the one named in
        its sentence or the one before, as a sentence's subject, when only one of them is ("Liberal critic Angus
        MacAulay said ... 'The minister keeps telling us,' said MacAulay", after Health
        Minister Patricia MacAulay); else as ``full_name`` has it."""
        if " " not in name:
            matches = _longer(name, self.worded_people)
            if len(matches) > 1:
                sentence = bisect_right(self.sent_starts, at)
                recent = {p.name for p in self.people if p.name in matches and p.start < at
                          and bisect_right(self.sent_starts, p.start) >= sentence - 1}
                # (the subject of a sentence: not "Trump brought up Biden's son Hunter Biden")
                subjects = {p.name for p in self.subject_people if p.name in recent}
                full = self.full_name(name)
                if len(recent) == 1 and subjects:
                    near = recent.pop()  # (but "Paul Delacorte" is "Paul R. Delacorte" written short)
                    ends = near.split(), full.split()
                    return full if (ends[0][0], ends[0][-1]) == (ends[1][0], ends[1][-1]) else near
        return self.full_name(name)

    def first_of(self, matches: set[str], surname: str) -> str:
        """A surname several people named in full share ("Biden" of Joe Biden and, sentences
        later, his son Hunter Biden): news writes the surname alone for the one it introduced
        first, and the given name for the others. People introduced in one sentence ("Ann Lowe
        and her husband Peter Lowe") stay apart."""
        firsts: dict[str, int] = {}
        for p in self.people:
            if p.name in matches:
                firsts.setdefault(p.name, bisect_right(self.sent_starts, p.start))
        if " " in surname or len(firsts) < 2:
            return surname
        order = sorted(firsts.items(), key=lambda kv: kv[1])
        return order[0][0] if order[0][1] < order[1][1] else surname


Worded = list[tuple[str, list[str]]]  # names, each with its words (_words)


def _worded(names: list[str]) -> Worded:
    return [(n, _words(n)) for n in names]


def _longer(name: str, names: Worded, anywhere: bool = True) -> set[str]:
    """The names of ``names`` that ``name`` is a shorter form of: its end or, after a given
    name, the first of two surnames, or a family name written first; with ``anywhere``
    a single word anywhere in it (a family name written first), or all but the last word
    of a longer name (a second surname left out: "Ana Vidal" of "Ana Vidal Soto")."""
    words = _words(name)
    if not words:
        return set()
    if len(words) == 1 and anywhere:
        return {n for n, w in names if " " in n and words[0] in w}
    found = {n for n, w in names if len(w) > len(words) and w[-len(words):] == words}
    if len(words) == 1:  # ("Chumacero" of "Ricardo Chumacero Ipanaqué": the first of two surnames)
        found |= {n for n, w in names if len(w) == 3 and w[1] == words[0] and lexicon.given_name(w[0]) is not None
                  and lexicon.given_name(w[1]) is None}
        # ("Trần" of "Trần Quốc Bảo": a family name written first)
        found |= {n for n, w in names if len(w) > 1 and w[0] == words[0] and words[0] in lexicon.FAMILY_NAMES_FIRST}
    if anywhere:
        found |= {n for n, w in names if w[:-1] == words and w[-1].rstrip(".") not in lexicon.NAME_SUFFIXES}
    return found


def _one_person(names: set[str], short: str) -> str | None:
    """The one person several forms of a name stand for, the fullest: the same given name and
    surname, with the same middle names or initials in every form that has some ("Ann Lee"
    and "Ann B. Lee"; not "George H. W. Bush" and "George W. Bush"); or, for a surname, the
    one form it ends among forms of the same given name ("Pierluisi": "Pedro Pierluisi",
    written in full "Pedro R. Pierluisi Urrutia" with his second surname)."""
    words = [_words(n) for n in names]
    ends = [n for n, w in zip(names, words, strict=True) if w[-1:] == _words(short)]
    if len(ends) == 1 and len(_words(short)) == 1 and len({w[0] for w in words}) == 1:
        return ends[0]
    if len({(w[0], w[-1]) for w in words}) != 1 or len({tuple(w[1:-1]) for w in words} - {()}) != 1:
        return None
    return max(names, key=lambda n: (len(_words(n)), n))


def _fullest(names: set[str]) -> str | None:
    """The one of several forms of a name that holds all the others ("Elmer Quispe Huamaní"
    of which the recogniser saw "Quispe Huamaní"), or None."""
    fullest = max(names, key=lambda n: (len(_words(n)), n))
    words = _words(fullest)
    held = all(any(words[k:k + len(w)] == w for k in range(len(words) - len(w) + 1)) for w in map(_words, names))
    return fullest if held else None


def _words(name: str) -> list[str]:
    return unaccented(name).lower().replace("-", " ").split()


NICKNAME = re.compile(r"\s+(?:\"[^\"]+\"|“[^”]+”|\([^)]+\)|‘[^’]+’)(?=\s)")  # 'Robert "Bobby" Kalder'
NICKNAME_MARKS = {'"': '"', "“": "”", "(": ")", "'": "'", "‘": "’"}  # each opening mark and its close
CREDIT = re.compile(r"[A-Z][\w.’'-]*\s*/\s*(?:[Tt]he\s+)?[A-Z]")  # "Lee Park / The Associated Press"
LABEL = re.compile(rf"^\s*\(?(file photo|{'|'.join(sorted(lexicon.CAPTION_LABELS))})\b", re.I)
STAMP = re.compile(r"^\s*(by|published|updated|posted|last updated)\b", re.I)


def not_running_text(line: str) -> bool:
    """Whether a line is a credit, byline, time stamp or headline rather than text."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if not words or line.rstrip().endswith((".", '"', "”", "’")):
        return False
    content = [w for w in words if w.lower() not in lexicon.SMALL_WORDS]
    capitals = [w for w in content if w[0].isupper()]
    if len(words) <= 12 and (LABEL.match(line) or STAMP.match(line)
                             or (CREDIT.search(line) and len(capitals) >= 0.6 * len(content))):
        return True
    if len(capitals) == len(content) and len(words) <= 8 and any(c.isdigit() for c in line):
        return True  # a dateline or time stamp: "Wednesday, January 23, 2019"
    return len(content) >= 4 and len(capitals) == len(content)


@dataclass
class History:
    """The speakers resolved so far, in reading order, and what each showed of their gender."""

    referents: list[Referent] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    # Speakers the article describes by an office it names nobody to: where, and the office.
    unnamed: list[tuple[int, str]] = field(default_factory=list)

    def remember(self, span: Span, found: Attribution) -> None:
        # "Her rival" says nothing of the rival's gender: possessives are someone else's; nor
        # does a title that begins a place's name ("Prince George-Mackenzie MLA Kelly Lind").
        gender = titled_gender([t.text for t in span if t.dep_ != "poss"], found.name or "") or titled_gender(
            [w for w in (found.role or "").split() if w.lower() not in lexicon.POSSESSIVE_SUBJECTS], found.name or "")
        if found.name and gender and found.kind == "person":
            self.gender.setdefault(found.name, gender)  # "Ms Lopez", "a spokeswoman"
        if found.name:
            self.referents.append(Referent(span.start_char, found.name, found.kind or "organisation",
                                           span.root.lemma_.lower(), span.end_char, found.role))
        elif found.role and not span.root.tag_.endswith("S"):
            self.unnamed.append((span.start_char, found.role))  # "the head of the inquiry told the court"

    def fits(self, name: str, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` can refer to ``name``, as far as the article shows."""
        return self.gender.get(name, gender) == gender

    def before(self, start: int) -> list[Referent]:
        """The speakers named before ``start``, nearest first."""
        return [r for r in reversed(self.referents) if r.start < start]

    def earlier_mention(self, lemma: str, start: int) -> Referent | None:
        """The nearest speaker before ``start`` whose mention was headed by ``lemma``, or by
        another name of the same piece of research ("the study ... the paper")."""
        alike = lexicon.alike(lemma)
        return next((r for r in reversed(self.referents) if r.head in alike and r.start < start), None)
