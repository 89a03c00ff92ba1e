"""Who an article names, and whom it has quoted so far: what later mentions can refer to."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicon
from ..records import Attribution
from .mentions import clean_name, entities, mention_span, strip_article


@dataclass
class Referent:
    """A speaker the article has named: a candidate for later pronouns and descriptions."""

    start: int
    name: str
    kind: str
    head: str  # lemma of the head noun of the mention that introduced it
    role: str | None = None
    channel: str | None = None

    @property
    def attribution(self) -> Attribution:
        return Attribution(self.name, self.kind, self.role)


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

    @cached_property
    def ents(self) -> list[Span]:
        return entities(self.doc)

    @cached_property
    def ent_starts(self) -> list[int]:
        return [e.start for e in self.ents]

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
        return sorted(self._recognised_people() + self._titled_names() + self._named_roles(),
                      key=lambda n: (n.start, n.name, n.role or ""))

    def _recognised_people(self) -> list[Named]:
        found = []
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            head = ent.root
            title = [t for t in head.subtree if t.i < ent.start and t.head.i >= t.i
                     and t.dep_ in ("compound", "amod", "poss", "nmod", "case", "det")]
            role = self.doc[title[0].i:ent.start].text if title else None
            if role and title[0].dep_ == "det":
                role = strip_article(role) or None
            for child in head.children:
                if child.dep_ == "appos" and child.lemma_.lower() in self.lex.role_nouns:
                    role = strip_article(mention_span(child, self.lex).text)
            found.append(Named(ent.start_char, clean_name(ent.text), role))
        return found

    def _titled_names(self) -> list[Named]:
        """"Council member Odile Harlan": a title before a name the recogniser took for an
        organisation or place."""
        found = []
        for ent in self.ents:
            before = self.doc[ent.start - 1] if ent.start else None
            if ent.label_ in ("ORG", "GPE") and len(ent) >= 2 and ent.root.pos_ == "PROPN" \
                    and before is not None and before.lower_ in self.lex.titles_or_roles \
                    and ent.root.lemma_.lower() not in self.lex.org_nouns:
                found.append(Named(ent.start_char, clean_name(ent.text), before.text))
        return found

    def _named_roles(self) -> list[Named]:
        """"the Social Democrat candidate, Asha Mistry": a name in apposition to a role is a
        person's even when the recogniser took it for something else."""
        found = []
        for token in self.doc:
            if token.dep_ == "appos" and token.pos_ == "PROPN" and token.ent_type_ != "PERSON" \
                    and token.head.lemma_.lower() in self.lex.role_nouns:
                name = mention_span(token, self.lex)
                if len(name) >= 2 and all(t.is_title or t.text == "-" or t.is_lower for t in name):
                    role = strip_article(mention_span(token.head, self.lex).text)
                    found.append(Named(name.start_char, clean_name(name.text), role))
        return found

    @cached_property
    def subject_people(self) -> list[Named]:
        """The people named in full who are the subject of a sentence (or in apposition to
        it); another single word is too often a misread noun ("Volumes are up")."""
        found = []
        for person in self.people:
            if " " not in self.full_name(person.name):
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
                                     or (head.dep_ == "ROOT" and head.pos_ == "PROPN")):
                found.append(person)
        return found

    @cached_property
    def subject_pairs(self) -> list[tuple[int, str]]:
        """Named parties written together as a sentence's subject ("Lorna and Jim Pascoe")."""
        return [(t.idx, clean_name(mention_span(t, self.lex).text)) for t in self.doc
                if t.dep_ in lexicon.SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.ent_type_ in lexicon.NAME_LABELS
                and any(c.dep_ == "conj" and c.ent_type_ for c in t.children)]

    @cached_property
    def chunks(self) -> list[Span]:
        """Indefinite noun phrases, the first mention of what a later "the ..." refers to."""
        return [c for c in self.doc.noun_chunks if len(c) > 1 and c[0].lower_ not in lexicon.DEFINITE]

    @cached_property
    def chunk_starts(self) -> list[int]:
        return [c.start_char for c in self.chunks]

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
        matches = {p.name for p in self.people
                   if " " in p.name and name.lower() in p.name.lower().replace("-", " ").split()}
        return matches.pop() if len(matches) == 1 else name


@dataclass
class History:
    """The speakers resolved so far, in reading order, and what each showed of their gender."""

    referents: list[Referent] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)

    def remember(self, span: Span, found: Attribution) -> None:
        # "Her rival" says nothing of the rival's gender: possessives are someone else's.
        words = {t.lower_.rstrip(".") for t in span if t.dep_ != "poss"} | (
            set((found.role or "").lower().split()) - {"her", "his", "their", "its"})
        gender = next((lexicon.GENDER[w] for w in words if w in lexicon.GENDER), None)
        if found.name and gender and found.kind == "person":
            self.gender.setdefault(found.name, gender)  # "Ms Lopez", "a spokeswoman"
        if found.name:
            self.referents.append(Referent(span.start_char, found.name, found.kind or "organisation",
                                           span.root.lemma_.lower(), found.role))

    def fits(self, name: str, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` can refer to ``name``, as far as the article shows."""
        return self.gender.get(name, gender) == gender

    def before(self, start: int) -> list[Referent]:
        """The speakers named before ``start``, nearest first."""
        return [r for r in reversed(self.referents) if r.start < start]

    def earlier_mention(self, lemma: str, start: int) -> Referent | None:
        """The nearest speaker before ``start`` whose mention was headed by ``lemma``."""
        return next((r for r in reversed(self.referents) if r.head == lemma and r.start < start), None)
