"""Turn the speaker of a cue into a name, within one article.

A speaker mention is a noun phrase as written ("Kremlin spokesman Dmitry Peskov", "he",
"the embassy", "South Korea's president"). Resolution follows how news writing refers back:
a full name first, then the surname, a pronoun, a definite description ("the ministry") or
the document that carried the words ("the statement said"). When nothing in the article
fits, the name stays ``None``: an honest unknown beats a confident wrong name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .speakers import role_key

SUBJECTS = {"nsubj", "nsubjpass"}

if TYPE_CHECKING:
    from .extract import Quote

LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod", "punct"}
RIGHT_PREPS = {"of", "for", "in", "at", "to"}
CHANNEL_PREPS = {"in", "on", "at", "during", "via", "through", "over", "from"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
TITLES_OR_ROLES = lexicon.TITLE_WORDS | lexicon.ROLE_NOUNS
NOT_IN_NAMES = lexicon.TITLE_WORDS | lexicon.ORG_NOUNS
POSSESSIVE = re.compile(r"\s*['’]s?$")
ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z][A-Za-z&.-]*\s*\)?$")


@dataclass
class Referent:
    """Someone the article has named: a candidate for later pronouns and descriptions."""

    start: int
    name: str
    kind: str
    head: str  # lemma of the head noun of the mention that introduced it
    role: str | None = None
    channel: str | None = None


def mention_span(head: Token) -> Span:
    """The noun phrase of a speaker, without appositions or relative clauses."""
    doc = head.doc
    ids = {head.i}
    for child in head.children:
        if child.i < head.i and child.dep_ in LEFT_DEPS:
            ids |= {t.i for t in child.subtree}
        elif child.dep_ == "amod" and child.i > head.i and (
                head.tag_ == "NNS" or head.lemma_.lower() in ("person", "source")):
            ids |= {t.i for t in child.subtree}  # "people familiar with the matter"
        elif child.dep_ in ("conj", "cc") and child.i > head.i:
            aside = {t.i for c in child.subtree if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside}
        elif (child.dep_ == "prep" and child.lower_ in RIGHT_PREPS and child.i > head.i
              and (head.lemma_.lower() in lexicon.ORG_NOUNS | lexicon.ROLE_NOUNS
                   or head.ent_type_ in ORG_LABELS)):
            ids |= {t.i for t in child.subtree}
    ordered = sorted(ids)
    start = end = ordered.index(head.i)
    while start > 0 and ordered[start - 1] == ordered[start] - 1:
        start -= 1
    while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
        end += 1
    lo, hi = ordered[start], ordered[end] + 1
    if head.pos_ == "NOUN" and hi == head.i + 1:
        # "Deputy spokesperson Kim Ha-na said", "Former Rovers striker Kenny Moffat": a name
        # right after a title belongs to it, even when the parser split the two.
        while hi < len(doc) and doc[hi].ent_type_ == "PERSON":
            hi += 1
    # Never cut a name in two: widen to the whole of any entity the phrase overlaps.
    while lo > 0 and doc[lo].ent_iob_ == "I" and doc[lo].ent_type_ in NAME_LABELS:
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I" and doc[hi].ent_type_ in NAME_LABELS:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo:hi] if hi > lo else doc[head.i:head.i + 1]


def name_start(span: Span) -> int:
    """Where the run of capitalised proper nouns that ends ``span`` begins, after any title
    ("Governor Ilse Varga" -> "Ilse Varga"); ``span.end`` when there is none."""
    doc, at = span.doc, span.end
    while at > span.start and ((doc[at - 1].pos_ == "PROPN" and doc[at - 1].is_title)
                               or doc[at - 1].text == "-") \
            and doc[at - 1].lower_ not in NOT_IN_NAMES:
        at -= 1
    return at


def names_head(ent: Span, head: Token) -> bool:
    """Whether a name inside a mention names the mention's referent: not when it owns the
    head ("Lusk's attorney") or sits in a modifier ("an adviser to the Voss campaign"),
    except for an office named after its holder ("Yoon's office")."""
    token = ent.root
    if token.dep_ == "poss" and token.head.i == head.i:
        return head.lemma_.lower() in lexicon.ORG_NOUNS
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("prep", "pobj", "acl", "relcl", "advcl", "poss"):
            return False
        token = token.head
    return True


def strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)


HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Rev)\.?\s+)+")


def clean_name(text: str) -> str:
    """A name as written, without article, honorific, possessive ending or the acronym
    given after it ("the Transport and Dock Workers' Union (TDWU)")."""
    text = ACRONYM_AFTER.sub("", " ".join(text.split()))
    return POSSESSIVE.sub("", HONORIFIC.sub("", strip_article(text)))


def unnamed(span: Span) -> str:
    """An unnamed source as described: 'Two people familiar with the matter' -> 'people
    familiar with the matter', 'A senior British official' -> 'senior British official'."""
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ in ("det", "nummod", "predet"):
        start += 1
    return clean_name(span.doc[start:span.end].text)


def antecedent_of_relative(pronoun: Token) -> Token:
    """'..., an analyst at Lantern Insights, who noted ...': a relative clause that the parser
    hung on the last noun of an apposition refers to the person the apposition describes."""
    head = pronoun.head.head
    seen = head
    while seen.dep_ in ("pobj", "prep", "appos", "compound") and seen.head.i != seen.i:
        seen = seen.head
        if seen.ent_type_ == "PERSON":
            return seen
    return head


def entities(doc: Doc) -> list[Span]:
    """The named entities, with hyphenated names completed: the small English model often
    stops a Korean or Chinese name at the hyphen ("Hyun Min" for "Hyun Min-jae")."""
    fixed = []
    for ent in doc.ents:
        end = ent.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        fixed.append(Span(doc, ent.start, end, label=ent.label_) if end != ent.end else ent)
    return fixed


class Resolver:
    """Resolves speaker mentions of one article, in reading order."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = entities(doc)
        self._ent_starts = [e.start for e in self.ents]
        self.history: list[Referent] = []
        self.gender: dict[str, str] = {}  # what pronouns and titles have shown of a person
        self._people: list[tuple[int, str, str | None]] | None = None
        self._subject_people: list[tuple[int, str, str | None]] | None = None
        self._subject_pairs: list[tuple[int, str]] | None = None
        self._chunks: list[Span] | None = None
        self._chunk_starts: list[int] = []

    # -- people named anywhere in the article, with the title written before them --------
    @property
    def people(self) -> list[tuple[int, str, str | None]]:
        if self._people is None:
            self._people = []
            for ent in self.ents:
                if ent.label_ != "PERSON":
                    continue
                name = clean_name(ent.text)
                head = ent.root
                title = [t for t in head.subtree if t.i < ent.start and t.dep_ in ("compound", "amod", "poss", "nmod", "case", "det")
                         and t.head.i >= t.i]
                role = self.doc[title[0].i:ent.start].text if title else None
                if role and title[0].dep_ == "det":
                    role = strip_article(role) or None
                for child in head.children:
                    if child.dep_ == "appos" and child.lemma_.lower() in lexicon.ROLE_NOUNS:
                        role = strip_article(mention_span(child).text)
                self._people.append((ent.start_char, name, role))
            for ent in self.ents:
                # "Council member Odile Harlan": a title before a name the recogniser took
                # for an organisation or place.
                before = self.doc[ent.start - 1] if ent.start else None
                if ent.label_ in ("ORG", "GPE") and len(ent) >= 2 and ent.root.pos_ == "PROPN" \
                        and before is not None and before.lower_ in TITLES_OR_ROLES \
                        and ent.root.lemma_.lower() not in lexicon.ORG_NOUNS:
                    self._people.append((ent.start_char, clean_name(ent.text), before.text))
            for token in self.doc:
                # "the Social Democrat candidate, Asha Mistry": a name in apposition to a role
                # is a person's even when the recogniser took it for something else.
                if token.dep_ == "appos" and token.pos_ == "PROPN" and token.ent_type_ != "PERSON" \
                        and token.head.lemma_.lower() in lexicon.ROLE_NOUNS:
                    name = mention_span(token)
                    if len(name) >= 2 and all(t.is_title or t.text == "-" or t.is_lower for t in name):
                        role = strip_article(mention_span(token.head).text)
                        self._people.append((name.start_char, clean_name(name.text), role))
            self._people.sort()
        return self._people

    @property
    def subject_people(self) -> list[tuple[int, str, str | None]]:
        """The people the article names in full who are the subject of a sentence (or in
        apposition to it); another single word is too often a misread noun ("Volumes are up")."""
        if self._subject_people is not None:
            return self._subject_people
        found = self._subject_people = []
        for start, name, role in self.people:
            if " " not in self.full_name(name):
                continue
            token = self.doc.char_span(start, start + 1, alignment_mode="expand")
            head = token.root if token is not None else None
            while head is not None and head.dep_ in ("compound", "flat") and head.head is not head:
                head = head.head
            if head is not None and head.dep_ == "appos":
                head = head.head
            # Of the sentence's main verb: the subject of reported content ("Smith said Joe
            # Biden approved it") is talked about, not talking.
            # (or the root itself, when the parser loses the verb: "Gord Skaalen, who has
            # lived here for 31 years, left with his wife")
            if head is not None and ((head.dep_ in SUBJECTS and head.head.dep_ == "ROOT")
                                     or (head.dep_ == "ROOT" and head.pos_ == "PROPN")):
                found.append((start, name, role))
        return found

    @property
    def subject_pairs(self) -> list[tuple[int, str]]:
        """Named parties written together as a sentence's subject ("Lorna and Jim Pascoe")."""
        if self._subject_pairs is None:
            self._subject_pairs = [
                (t.idx, clean_name(mention_span(t).text)) for t in self.doc
                if t.dep_ in SUBJECTS and t.head.dep_ == "ROOT" and t.ent_type_ in NAME_LABELS
                and any(c.dep_ == "conj" and c.ent_type_ for c in t.children)]
        return self._subject_pairs

    def pair_before(self, start: int) -> str | None:
        """The last two (or more) named parties written together before ``start``, as in
        "Britain and France", for a later "both governments" or "the two countries"."""
        for ref in reversed(self.history):
            if ref.kind == "group" and ref.start < start and " and " in ref.name:
                return ref.name
        for ent in reversed([e for e in self.ents if e.end_char <= start]):
            conj = [c for c in ent.root.children if c.dep_ == "conj" and c.ent_type_ in NAME_LABELS]
            if ent.label_ in NAME_LABELS and conj:
                return clean_name(self.doc[ent.start:conj[-1].i + 1].text)
        return None

    def ents_in(self, span: Span) -> list[Span]:
        """The entities lying wholly inside ``span``."""
        k = bisect_left(self._ent_starts, span.start)
        found = []
        while k < len(self.ents) and self.ents[k].start < span.end:
            if self.ents[k].end <= span.end:
                found.append(self.ents[k])
            k += 1
        return found

    def is_person(self, name: str, token: Token) -> bool:
        """A one-word name is a person's when the article names that person in full, unless
        the recogniser only ever saw a place or organisation in it."""
        if self.full_name(name) == name:
            return False
        if token.ent_type_ != "GPE":
            return True
        return any(e.label_ == "PERSON" and e.text == name for e in self.ents)

    def full_name(self, name: str) -> str:
        """'Yoon' -> 'Yoon Suk Yeol' when the article names exactly one such person."""
        if " " in name:
            return name
        matches = {full for _, full, _ in self.people
                   if " " in full and name.lower() in full.lower().replace("-", " ").split()}
        return matches.pop() if len(matches) == 1 else name

    def attribute(self, quote: "Quote", subject: Token | None, verb: Token, agent: Token | None) -> None:
        """Fill in the speaker fields of ``quote`` from the cue's subject."""
        quote.channel = channel_of(verb)
        if agent is not None:
            via, _, _ = self.resolve(mention_span(agent), remember=False)
            quote.via = via
        if subject is None:
            return
        if subject.dep_ == "pobj" and subject.head.lower_ == "to" and subject.head.head.lower_ == "according":
            pass
        elif subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = antecedent_of_relative(subject)
        span = mention_span(subject)
        quote.speaker = span
        name, kind, role = self.resolve(span)
        quote.speaker_name, quote.speaker_kind, quote.role = name, kind, role
        if self.history and name is not None and quote.channel:
            self.history[-1].channel = quote.channel

    def remember(self, span: Span, name: str | None, kind: str | None, role: str | None) -> None:
        # "Her rival" says nothing of the rival's gender: possessives are someone else's.
        words = {t.lower_.rstrip(".") for t in span if t.dep_ != "poss"} | (
            set((role or "").lower().split()) - {"her", "his", "their", "its"})
        gender = next((lexicon.GENDER[w] for w in words if w in lexicon.GENDER), None)
        if name and gender and kind == "person":
            self.gender.setdefault(name, gender)  # "Ms Lopez", "a spokeswoman"
        if name:
            self.history.append(Referent(span.start_char, name, kind or "organisation",
                                         span.root.lemma_.lower(), role))

    def resolve(self, span: Span, remember: bool = True) -> tuple[str | None, str | None, str | None]:
        name, kind, role = self._resolve(span)
        if remember:
            self.remember(span, name, kind, role)
        return name, kind, role

    def _resolve(self, span: Span) -> tuple[str | None, str | None, str | None]:
        doc, head = self.doc, span.root
        lemma = head.lemma_.lower()
        lower = head.lower_
        plural = head.tag_ in ("NNS", "NNPS") and lower not in ("media", "press")
        if len(span) == 1 and lower in lexicon.PRONOUNS:
            return self.pronoun(lower, span.start_char)
        appos_name, appos_role = self.apposition(head)
        if any(c.dep_ == "conj" for c in head.children):
            return clean_name(span.text), "group", None
        persons = [e for e in self.ents_in(span) if e.label_ == "PERSON" and names_head(e, head)]
        if persons:
            person = persons[-1]
            role = strip_article(doc[span.start:person.start].text).strip(" ,") or appos_role
            if person.end < span.end and lemma in lexicon.ORG_NOUNS:
                # "Yoon's office": an organisation named after a person.
                owner = self.full_name(clean_name(person.text))
                rest = re.sub(r"^['’]s\s*", "", doc[person.end:span.end].text)
                return f"{owner}'s {rest}", "organisation", None
            return self.full_name(clean_name(person.text)), "person", role or None
        if appos_name:
            if lemma in lexicon.ORG_NOUNS:
                return appos_name, "organisation", None  # "the state news agency TASS"
            return appos_name, "person", clean_name(span.text)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and lemma in lexicon.ORG_NOUNS and self.is_person(clean_name(owner.text), owner):
            # "Yoon's office": an organisation named after a person the article names in full.
            rest = re.sub(r"^['’]s\s*", "", doc[owner.i + 1:span.end].text)
            return f"{self.full_name(clean_name(owner.text))}'s {rest}", "organisation", None
        if head.pos_ == "PROPN" or head.ent_type_ in ORG_LABELS:
            at = name_start(span)
            titled = any(t.lower_.rstrip(".") in TITLES_OR_ROLES
                         for t in doc[span.start:at])
            if (not head.ent_type_ or titled) and lemma not in lexicon.ORG_NOUNS:
                # A name the entity recogniser missed or took for an organisation ("Governor
                # Ilse Varga", "Council member Odile Harlan").
                name = doc[at:span.end]
                if len([t for t in name if t.text != "-"]) >= 2:
                    role = strip_article(doc[span.start:at].text) or None
                    return self.full_name(clean_name(name.text)), "person", role
            name = clean_name(span.text)
            if self.is_person(name, head):
                return self.full_name(name), "person", None  # "Yoon" after "Yoon Suk Yeol"
            kind = "group" if head.tag_ == "NNPS" else "organisation"
            return name, kind, None
        modifiers = [t for t in span if t.i != head.i and t.dep_ not in ("det", "punct")]
        if any(t.lower_ == "same" for t in modifiers) and lemma in lexicon.ROLE_NOUNS:
            # "the same source": the anonymous source the article last quoted
            earlier = next((r for r in reversed(self.history) if r.start < span.start_char
                            and r.kind in ("person", "group") and r.name[:1].islower()), None)
            if earlier is not None:
                return earlier.name, earlier.kind, earlier.role
        if plural and (span[0].lower_ == "both" or [t.lower_ for t in span[:2]] == ["the", "two"]):
            pair = self.pair_before(span.start_char)
            if pair:
                return pair, "group", None  # "both governments": "Britain and France"
        if lemma in lexicon.DOCUMENT_NOUNS and span[0].lower_ in ("the", "this", "that"):
            earlier = self.earlier_mention(lemma, span.start_char)
            if earlier is not None:
                return earlier.name, earlier.kind, earlier.role  # "The declaration added"
        if lemma in lexicon.DOCUMENT_NOUNS:
            issuer = document_issuer(head)
            if issuer is not None:
                return self._resolve(mention_span(issuer))  # "a statement from the ministry"
        if lemma in lexicon.DOCUMENT_NOUNS and not modifiers:
            issuer = next((r for r in reversed(self.history) if r.channel and lemma in r.channel.lower()), None)
            issuer = issuer or next((r for r in reversed(self.history) if r.kind == "organisation"), None)
            return (issuer.name, issuer.kind, issuer.role) if issuer else (None, None, None)
        named = [e for e in self.ents_in(span) if e.label_ == "ORG" and e.root.pos_ == "PROPN"
                 and e.root.dep_ != "poss"]  # "Dovenland's water agency" is not Dovenland
        if lemma in lexicon.ORG_NOUNS and named and not plural:
            # "the state-run TASS news agency": the organisation is the name it carries.
            return clean_name(named[-1].text), "organisation", None
        news_agency = lemma == "agency" and any(t.lower_ in ("news", "state", "press", "wire") for t in span)
        if (lemma in ("media", "medium") or news_agency) and not plural:
            agency = self.named_agency(span.start_char)
            if agency:
                return agency, "organisation", None
        if not modifiers and span[0].lower_ in ("the", "this", "that"):
            if lemma in lexicon.PLACE_NOUNS and not plural:
                # "the town" is the place last named ("Harlan Springs"), not a description.
                # In "Millbrook, Colorado" the state only locates the town.
                k = bisect_left(self._ent_starts, span.start)
                place = next((e for e in reversed(self.ents[:k]) if e.label_ == "GPE" and not (
                    e.root.dep_ == "appos" and e.root.head.ent_type_ == "GPE")), None)
                if place is not None:
                    return clean_name(place.text), "organisation", None
            earlier = self.antecedent(lemma, span.start_char)
            if earlier is not None:
                return earlier
        if lemma in lexicon.ROLE_NOUNS:
            role = unnamed(span)
            holder = None if plural else self.role_holder(role)
            if holder:
                return holder, "person", role
            if span[0].lower_ in ("a", "an", "one", "two", "three", "several", "some") or (
                    plural and span[0].lower_ != "the") or lemma == "source":
                # An anonymous source: the description the article gives is the attribution.
                return role, "group" if plural else "person", None
            # A definite role ("the Kremlin spokesman") names an office-holder the article
            # does not identify: leave the name unknown and keep the role.
            return None, None, role
        if lemma in lexicon.ORG_NOUNS or plural:
            return unnamed(span), "group" if plural else "organisation", None
        return None, None, None

    def apposition(self, head: Token) -> tuple[str | None, str | None]:
        """'Maria Zakharova, a spokeswoman for the ministry' / 'the minister, Choe Son Hui'."""
        for child in head.children:
            if child.dep_ != "appos":
                continue
            appos = mention_span(child)
            if child.ent_type_ == "PERSON" or (child.pos_ == "PROPN" and head.pos_ != "PROPN"):
                # "her rival, former county treasurer Wendell Voss": the name without its title
                names = [e for e in self.ents_in(appos) if e.label_ == "PERSON"]
                at = name_start(appos)
                name = names[-1] if names else appos.doc[at:appos.end] if appos.end - at >= 2 else appos
                return self.full_name(clean_name(name.text)), None
            if child.lemma_.lower() in lexicon.ROLE_NOUNS:
                # "the first witness, the collector Henrietta Vale": the name hangs one deeper
                name, _ = self.apposition(child)
                return name, strip_article(appos.text)
        return None, None

    def pronoun(self, pronoun: str, start: int) -> tuple[str | None, str | None, str | None]:
        """The nearest earlier speaker a pronoun can refer to; "he" and "she" skip a person
        the article has already shown to be of the other gender."""
        if pronoun in lexicon.PERSON_PRONOUNS:
            kinds = {"person"}
        elif pronoun in lexicon.ORG_PRONOUNS:
            kinds = {"organisation"}
        else:
            kinds = {"group", "organisation"}
        gender = lexicon.GENDER.get(pronoun)
        candidates = [ref for ref in reversed(self.history) if ref.kind in kinds and ref.start < start
                      and self.gender.get(ref.name, gender) == gender]
        # Someone made the subject of a sentence since the last speaker is the more salient
        # antecedent: 'Aldridge said ... . The director, Ann Lee, told analysts ... . She was
        # quoted as saying ...' is Lee; 'Lorna and Jim Pascoe ... came to the rally. They
        # said ...' is the pair.
        since = candidates[0].start if candidates else -1
        if "person" in kinds:
            subjects = [(s, n, r) for s, n, r in self.subject_people
                        if since < s < start and self.gender.get(self.full_name(n), gender) == gender]
            if subjects:
                _, name, role = subjects[-1]
                if gender:
                    self.gender[self.full_name(name)] = gender
                return self.full_name(name), "person", role
        if "group" in kinds:
            pairs = [name for s, name in self.subject_pairs if since < s < start]
            if pairs:
                return pairs[-1], "group", None
        if candidates:
            ref = candidates[0]
            if gender:
                self.gender[ref.name] = gender
            return ref.name, ref.kind, ref.role
        if "person" in kinds:
            before = [(s, n, r) for s, n, r in self.people
                      if s < start and self.gender.get(self.full_name(n), gender) == gender]
            if before:
                _, name, role = before[-1]
                return self.full_name(name), "person", role
        return None, None, None

    def earlier_mention(self, lemma: str, start: int) -> Referent | None:
        """The nearest speaker before ``start`` whose mention was headed by ``lemma``."""
        return next((r for r in reversed(self.history) if r.head == lemma and r.start < start), None)

    def antecedent(self, lemma: str, start: int) -> tuple[str, str, str | None] | None:
        """'the embassy' / 'the source': the nearest earlier mention headed by the same noun."""
        ref = self.earlier_mention(lemma, start)
        if ref is not None:
            return ref.name, ref.kind, ref.role
        if self._chunks is None:
            self._chunks = [c for c in self.doc.noun_chunks
                            if len(c) > 1 and c[0].lower_ not in ("the", "this", "that")]
            self._chunk_starts = [c.start_char for c in self._chunks]
        earlier = [c for c in self._chunks[:bisect_left(self._chunk_starts, start)]
                   if c.root.lemma_.lower() == lemma]
        if earlier:
            kind = "person" if lemma in lexicon.ROLE_NOUNS else "organisation"
            return clean_name(earlier[-1].text), kind, None
        return None

    def role_holder(self, role: str) -> str | None:
        """The one person the article names with this role, before or after the mention:
        'South Korea's president' -> Yoon Suk Yeol, 'a federal judge' -> Judge Maria Reyes."""
        title, places = role_key(role)
        if not title:
            return None
        same_title = {self.full_name(name): role_key(r)[1] for _, name, r in self.people
                      if r and role_key(r)[0] == title}
        matching = {name for name, where in same_title.items() if places <= where}
        if len(matching) == 1:
            return matching.pop()
        if len(same_title) != 1 or places & lexicon.ORG_NOUNS:
            return None  # "a government spokesperson" is not the union's spokesperson
        return next(iter(same_title))

    def named_agency(self, start: int) -> str | None:
        """'state media' refers to the news agency the article names, before or after it."""
        agencies = [e for e in self.ents if e.label_ == "ORG" and
                    re.search(r"\b(news agency|agency|KCNA|TASS|Xinhua|Yonhap)\b", e.text, re.I)]
        if not agencies:
            return None
        nearest = min(agencies, key=lambda e: abs(e.start_char - start))
        return clean_name(nearest.text)


def document_issuer(noun: Token) -> Token | None:
    """Who issued a document: 'a statement from X', 'a report by X', 'a statement released by X'."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def channel_of(verb: Token) -> str | None:
    """How the words were said: 'in a statement', 'on her Telegram channel', 'told reporters'."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lexicon.CHANNEL_NOUNS:
                return verb.doc[child.left_edge.i:child.right_edge.i + 1].text
        if child.dep_ in ("dobj", "dative") and child.lemma_.lower() in lexicon.AUDIENCE_NOUNS:
            return f"{verb.text} {verb.doc[child.left_edge.i:child.right_edge.i + 1].text}"
        if child.dep_ == "advcl" and child.lemma_ == "cite":
            return verb.doc[child.i:child.right_edge.i + 1].text
    return None
