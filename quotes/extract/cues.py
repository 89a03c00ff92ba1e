"""Cues: the verbs, nouns and phrases that attribute words to a speaker, with their content."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicon
from .content import (
    after_closed_quotation,
    after_quoted_sentence,
    characterisation,
    clause_spans,
    contiguous,
    dateline_end,
    inserted_clause,
    joined,
    leading_attribution,
    nominal_content,
    object_clause,
    opens_second_clause,
    parenthetical,
    phrase,
    refers_back,
    reporters_aside,
    request_content,
    said_next,
    speech_act_content,
    split_subject,
    swallowed_subject,
    that_clause,
    that_mark,
    without_writers_addition,
    worded_clause,
)
from .marks import QUOTE_TOKENS, in_ranges, left_open, quote_mark
from .mentions import agent_of, clean_name, in_capitals, name_start, opening_name, partitive_group


@dataclass
class Cue:
    verb: Token
    cue: Span
    subject: Token | None
    content: list[Span]
    passive_agent: Token | None = None
    # An attribution inserted in its content ("Councillors, the mayor noted, have seen ..."):
    # the token range [start, end) it takes, cut out of a content span that spans it.
    cut: tuple[int, int] | None = None
    # None for words said or written; "stance", "intention" or "position" for a stated
    # position (stated_position, position_noun), "reference" for words said elsewhere and only
    # referred to ("denied the allegations"): readers take those less surely for a quote.
    kind: str | None = None


PHRASAL_VERBS = frozenset(verb for verb, _ in lexicon.PHRASAL_CUES)


def find_cues(doc: Doc, skip: list[tuple[int, int]], lex: Lexicon) -> Iterator[Cue]:
    for token in doc:
        lemma = token.lemma_.lower()
        particle = next((c.lower_ for c in token.children if c.dep_ in ("prt", "advmod") and c.i == token.i + 1),
                        None) if lemma in PHRASAL_VERBS else None
        lemma = lexicon.PHRASAL_CUES.get((lemma, particle or ""), lemma)  # "shot back": retorted
        if (lemma not in lex.cue_words and token.lower_ not in lex.cue_words) or in_ranges(token.idx, skip):
            continue  # most words: no cue, and no need to look further
        if according_to_at(token):
            cue = according_to(doc, token, lex)
            if cue:
                yield cue
        elif token.lower_ == "per" and token.dep_ == "prep" and (
                token.is_sent_start or doc[token.i - 1].text in (",", "(")):
            # "Per the decree, ...", "..., per numbers reported by AP": as "according to"
            cue = according_to(doc, token, lex, width=1)
            if cue and cue.subject is not None and cue.subject.pos_ in ("NOUN", "PROPN"):
                yield cue
        elif token.pos_ == "NOUN" and lemma in lex.reporting_nouns:
            cue = possessed_statement(doc, token, lex) or position_noun(doc, token, lex)
            if cue:
                yield cue
        elif token.pos_ == "VERB" and lemma in lex.stance_verbs | lex.intention_verbs \
                and (position := stated_position(doc, token, lemma, lex)) is not None:
            yield position
        elif token.pos_ in ("VERB", "AUX") and (lemma in lex.reporting_verbs or lemma in lex.speech_act_verbs
                                                or lemma in lex.wording_verbs and wording(token)):
            if any(c.dep_ == "neg" for c in token.children) or (
                    token.dep_ == "xcomp" and token.head.lemma_.lower() in lex.declining_verbs):
                continue  # "did not say", "declined to say": nothing was said
            cue = verb_cue(doc, token, lemma, lex)
            if cue:
                yield cue


def possessed_statement(doc: Doc, noun: Token, lex: Lexicon) -> Cue | None:
    """"Chen's statement that Canada would not be rushed": the owner said the clause."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and that_clause(c)), None)
    if owner is None or clause is None:
        return None
    if owner.lower_ in lexicon.POSSESSIVE_SUBJECTS and noun.dep_ == "dobj" \
            and noun.head.lemma_.lower() in lex.light_verbs:
        # "Trump repeated his claim that ...": whoever repeats their own claim is its owner
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), owner)
    content = clause_spans(doc, clause, noun, None, lex)
    return Cue(verb=noun, cue=doc[noun.i:noun.i + 1], subject=owner, content=content) if content else None


def according_to_at(token: Token) -> bool:
    """Whether ``token`` opens "according to"."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


def according_to(doc: Doc, token: Token, lex: Lexicon, width: int = 2) -> Cue | None:
    """'According to X, Y' / 'Y, according to X': the content is the clause it modifies."""
    to = doc[token.i + width - 1]
    if to.i + 1 < len(doc) and doc[to.i + 1].text in ("which", "whom"):
        return according_to_which(doc, token, doc[to.i + 1])
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    if source is None or head.i == token.i:
        return None
    root = head.sent.root
    if root.lemma_.lower() in lex.reporting_verbs and any(c.dep_ in lexicon.SUBJECT_DEPS for c in root.children) \
            and any(c.dep_ == "ccomp" for c in root.children):
        return None  # "According to the BBC, a spokesman said ...": the cue of the clause is its own
    exclude = set(t.i for t in token.subtree) | {to.i}
    relay, cited = None, cited_by(source, exclude)
    if cited is not None:
        # "According to AFP, which cited sources close to the inquiry, ...": the sources said it
        relay, source, citing = source, cited, cited.head
        exclude |= {t.i for t in citing.subtree}
    if token.is_sent_start or doc[token.i - 1].is_space or doc[token.i - 1].text == ",":
        # "Per the decree signed by X, priests are ...", "One child was, according to the
        # fire service, among the dead": an attribution set off by commas ends at its comma,
        # however far the parser let the source's phrase run
        # ("According to Ana Ruiz, the mayor's chief of staff, the budget ...": past the
        # source's appositive, set off by commas of its own)
        described = max((c.right_edge.i for c in source.children if c.dep_ == "appos" and c.i > source.i
                         and c.pos_ in ("NOUN", "PROPN")),
                        default=source.i)
        after = described if described + 1 == len(doc) or doc[described + 1].is_punct else source.i
        comma = next((t for t in token.subtree if t.text == "," and t.i > after
                      and doc[t.i + 1].tag_ not in ("WP", "WDT", "WP$")), None)
        end = token.right_edge.i + 1
        if comma is None and cited is None and end + 1 < len(doc) and doc[end].text == ",":
            comma = doc[end]  # (the parser hung the comma on the clause)
        if comma is not None:
            exclude = set(range(token.i, comma.i + 1))
            named = holder_after(source, comma, lex)
            if named is not None:  # "According to the family's lawyer, Sam Patel, the boy ..."
                source, exclude = named[0], set(range(token.i, named[1] + 1))
    # "PKK is banned in Turkey; the YPG is, according to Turkey, its ally": not the clauses before
    first = max((t.i + 1 for t in doc[head.sent.start:token.i] if t.text == ";"), default=head.sent.start)
    # ...; "The government needs ...": a quotation after a semicolon has its own attribution
    last = min((t.i for t in doc[token.i:head.sent.end - 1] if t.text == ";" and doc[t.i + 1].text in QUOTE_TOKENS),
               default=head.sent.end)
    # ("..., meaning the UK would leave without a deal": the writer's gloss on it; "...,
    # according to a poll, and the campaigns spent Monday ...": a clause of the writer's own after it)
    glossed = {t.i for c in head.children if c.i > token.i and (reporters_aside(c, lex) or c.dep_ == "conj"
                                                                  and token.i > head.i and (
        any(d.dep_ in lexicon.SUBJECT_DEPS for d in c.children) or c.pos_ in ("NOUN", "PROPN")
        and doc[c.left_edge.i - 1].dep_ == "cc" and doc[c.left_edge.i - 2].text == ",")) for t in c.subtree}
    glossed |= {c.i for c in head.children if c.dep_ == "cc" and c.i > token.i and c.i + 1 in glossed}
    last = min([last, *(i for i in glossed if i > head.i)])
    tokens = [t for t in doc[first:last] if t.i not in exclude | glossed and not t.is_space]
    span = contiguous(doc, tokens, around=head)
    cut = None
    lo, hi = min(exclude), max(exclude)
    if doc[hi].text == ",":
        hi -= 1
    if lo > 1 and doc[lo - 1].text == "," and doc[lo - 2].dep_ == "cc":
        # "largely Kurdish and, according to Turkey, supportive of the PKK": the part it stands before
        span = contiguous(doc, [t for t in tokens if t.i > hi])
    elif span is not None and lo > 0 and doc[lo - 1].text == "," and hi + 1 < len(doc) \
            and doc[hi + 1].text == "," and not any(t.text in (";", ":", ".") for t in doc[first:lo]):
        # "Longer term, according to the agency, the goal is ...": one quote of the clause's
        # two pieces around the attribution, like a split direct quote
        whole = contiguous(doc, [t for t in tokens if t.i < lo or t.i > hi + 1])
        if whole is not None and whole.start < lo - 1 and whole.end > hi + 2:
            span, cut = whole, (lo - 1, hi + 2)
    return Cue(verb=token, cue=doc[token.i:token.i + width], subject=source,
               content=[span] if span is not None else [], cut=cut, passive_agent=relay)


def holder_after(source: Token, comma: Token, lex: Lexicon) -> tuple[Token, int] | None:
    """The name set off by commas right after an office, which the parser took for a subject
    of the clause ("the family's lawyer, Sam Patel, ..."; "..., Sam Patel, who represents
    them, ..."), and the comma that ends the attribution."""
    doc = comma.doc
    # (after a title: "the center's director, Dr. Helen Vasquez, ...")
    name = next((e for e in doc.ents if e.label_ == "PERSON" and comma.i < e.start <= comma.i + 3 and all(
        t.lower_.rstrip(".") in lex.titles_or_roles for t in doc[comma.i + 1:e.start])), None)
    if name is None or source.lemma_.lower() not in lex.role_nouns or name.end + 1 >= len(doc) \
            or doc[name.end].text != ",":
        return None
    end = name.end
    if doc[end + 1].tag_ in ("WP", "WP$"):
        end = doc[end + 1].head.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    return name.root, end


def according_to_which(doc: Doc, token: Token, which: Token) -> Cue | None:
    """"signed an agreement, according to which the zone would ...": what the agreement
    says is the relative clause after "which"; the clause before it is the narration's."""
    before = doc[token.i - 1] if token.i > 0 and doc[token.i - 1].text == "," else None
    if before is None or before.i == 0 or doc[before.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    source = doc[before.i - 1]
    span = contiguous(doc, [t for t in doc[which.i + 1:which.sent.end] if not t.is_space])
    return Cue(verb=token, cue=doc[token.i:which.i], subject=source, content=[span] if span is not None else [])


def cited_by(source: Token, phrase: set[int]) -> Token | None:
    """Whom the source of 'according to' cites: the object of 'which cited' on the source, or
    of 'citing' right after the attribution ("according to Reuters, citing two officials")."""
    doc = source.doc
    end = max(phrase) + 1
    citing = [c for c in source.children if c.dep_ in ("relcl", "acl")]
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].tag_ == "VBG":
        citing.append(doc[end + 1])
    for verb in citing:
        if verb.lemma_.lower() in lexicon.CITING_VERBS:
            cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if cited is not None:
                return cited
    return None


def verb_cue(doc: Doc, verb: Token, lemma: str, lex: Lexicon) -> Cue | None:
    children = list(verb.children)
    if lemma == "say" and 0 < verb.i < len(doc) - 1 and doc[verb.i - 1].lower_ == "that" \
            and doc[verb.i - 1].is_sent_start and doc[verb.i + 1].text == ",":
        return None  # "That said, ...": a connective, nobody's words
    if any(c.dep_ == "mark" and c.lower_ in lexicon.CONDITIONALS | lexicon.QUESTION_MARKS for c in children):
        return None  # "vote again if records showed they had not": a condition, not a statement
        # ("asked whether the US would describe it as a coup": a question)
    if verb.tag_ == "VBG" and verb.dep_ in ("csubj", "csubjpass"):
        return None  # "[that] denying them citizenship violated ...": an activity, nobody's words
    if lemma in lexicon.ADDING_VERBS and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in children):
        return None  # "trying to add the question to the census": put in, not said
    subject = speaker_after(verb, own_subject(verb), lex)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    if agent is None and verb.tag_ == "VBN" and verb.dep_ == "acl":
        return None  # "has features added to it", "the measures announced last week": no one speaks
    if subject is None:
        subject = parted_subject(verb)
    agent_obj = agent_of(verb)
    # "when asked to resign, the minister ...", "the union, urged by the mayor to ...": a bare
    # participle of asking is passive too; the noun it goes with was asked, not the asker
    # ("Ostrowski, asked at a briefing whether ...", "Asked whether ..., Sidhu said": a participle
    # the tagger took for a past tense, set off by its comma or opening its sentence; not "The
    # partner asked for ...", a verb the parser took for one)
    participle = verb.tag_ == "VBN" or verb.tag_ == "VBD" and (
        verb.dep_ == "acl" and doc[verb.i - 1].text == "," or verb.dep_ == "advcl" and opens_sentence(verb)) \
        and not any(c.dep_ in lexicon.ANY_SUBJECT_DEPS for c in children)
    # ("Carvalho Rebelo, asked what she would say ..., paused": the parse made the participle set
    # off between its noun and the verb the main verb, that verb hung on it)
    set_off = verb.tag_ == "VBD" and verb.dep_ == "ROOT" and doc[verb.i - 1].text == "," and any(
        c.dep_ in ("advcl", "conj") and c.i > verb.i and doc[c.i - 1].text == "," and c.tag_ in ("VBD", "VBN")
        and not any(s.dep_ in lexicon.ANY_SUBJECT_DEPS for s in c.children) for c in children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (participle and verb.dep_ in (
        "advcl", "acl", "relcl") and not any(c.dep_ == "aux" for c in children) or set_off) \
        and (lemma in lex.request_verbs or lemma in lex.question_verbs)
    cue_tokens = [verb] + [c for c in children if c.dep_ == "prt"]
    reporting = lemma in lex.reporting_verbs
    if passive and lemma != "quote" and agent_obj is not None:
        subject, agent_obj = agent_obj, None
    elif passive and lemma != "quote" and subject is not None and subject.lower_ == "it":
        subject = None  # "it was announced that ..." names nobody
    subject = repaired_subject(verb, subject, lex)
    if passive and lemma in lexicon.TELLING_VERBS and agent is None \
            and any(c.dep_ == "nsubjpass" for c in children):
        subject = None  # "respondents were told ...": they heard it; who said it goes unnamed
    relay = relayed_speaker(verb)
    if relay is not None:
        # "Interfax quoted Ms. Orlova as saying ...": she is the speaker, the agency the relay.
        subject, agent_obj = relay

    content: list[Span] = []
    if lemma == "quote" and not passive:
        return None  # "..., quoting crime reference 44/1187": a citation, not speech
    source = subject is not None and (source_noun(subject, lex) or lemma in lex.ruling_verbs and agentive(subject, lex))
    nested = lemma in lex.speech_act_verbs and reported_within(verb, lex)
    by_agent = (passive or (verb.dep_ == "acl" and verb.tag_ == "VBN")) and agent is not None
    if not reporting and ((passive and not by_agent) or nested):
        return None  # "was praised for ...": not the speaker's act; a report inside a report
    if lemma in lex.finding_verbs and not source and (not reporting or lemma == "read"):
        return None  # "she found that the house was empty": a discovery, not a statement
    asks = lemma in lex.request_verbs or lemma in lex.question_verbs
    if not reporting and not source and asks and (subject is None or not agentive(subject, lex)):
        return None  # "low rates encouraged buyers to borrow": no one asked anything
    if asks and not passive and subject is not None and newsroom(subject, lex):
        return None  # "The Gazette asked the candidates whether ...": the reporting itself
    stating = reporting or source or asks  # "requested (that) they all be ...", "questioned whether ..."
    comps = [c for c in children if (c.dep_ == "ccomp" and stating and not beyond_semicolon(c, verb)
                                     and not (c.i < verb.i and stranded(c))
                                     and (c.pos_ in ("VERB", "AUX", "ADJ")
                                          # "found that 52 percent of voters disapprove": a clause
                                          # the parser built around its subject's noun
                                          # ("the bill "locks in ...": its verb taken for a plural noun)
                                          or c.pos_ == "NOUN" and c.i > verb.i and (that_clause(c) or any(
                                              s.dep_ == "nsubj" for s in c.children))))
             or (c.dep_ == "xcomp" and lemma in lex.commissive_verbs and c.pos_ == "VERB" and not passive
                 and doc[c.left_edge.i - 1].text != ",")  # "..., he said, to find out why": no promise
             # 'stating "stand back and stand by"': a quoted imperative
             or (c.dep_ == "xcomp" and reporting and c.i > verb.i and in_quotation_marks(c))
             # "denied cutting the budget", "suggested expanding the Court"
             or (c.dep_ in ("xcomp", "dobj", "ccomp") and c.tag_ == "VBG" and lemma in lex.gerund_verbs
                 and c.left_edge.i == c.i and c.i > verb.i and not passive and doc[c.i - 1].text != ",")]
    comps += modal_conjuncts(verb, comps, lex)
    split = speaker_in_apposition(verb, subject, comps, lex)
    if split is not None:
        subject, claim = split
        comps = [c for c in comps if c.i > verb.i]
        content.append(claim)
    if comps and reporting:
        comps += [c for c in children if more_said(c, verb, lex)]
        # "said in a report that there was no evidence microplastics ... posed a risk": the
        # clause's start, which the parser hung on the channel noun
        comps += [a for p in children if p.dep_ == "prep" for n in p.children if n.dep_ == "pobj"
                  and n.lemma_.lower() in lex.channel_nouns for a in n.children if a.dep_ == "acl"
                  and that_mark(a) is not None and any(c.left_edge.i == a.right_edge.i + 1 for c in comps)]
        comps.sort(key=lambda c: c.i)
    # "A secures ballot access, B proposes a solution": with a thing as its object, what the
    # verb reports is that thing, not a clause before it
    # (", the largest recall in its history": a comma sets no object off)
    thing = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i and not c.ent_type_ and lemma != "tell"
                  and c.lower_ not in lexicon.OBJECT_PRONOUNS
                  and c.lemma_.lower() not in lex.audience_nouns | lex.agents
                  and not any(t.is_punct for t in doc[verb.i:c.left_edge.i])), None)
    if thing is not None:
        comps = [c for c in comps if c.i > verb.i or any(t.text in QUOTE_TOKENS for t in c.subtree)]
    if lemma == "quote":
        saying = next((c for c in children if c.dep_ in ("xcomp", "advcl") and c.lemma_ == "say"), None)
        if saying is not None:
            comps = [c for c in saying.children if c.dep_ == "ccomp"]
            cue_tokens.append(saying)
    if (lemma in lex.request_verbs or reporting) and not passive and not nested:
        request = request_content(doc, verb, cue_tokens, lex, requesting=lemma in lex.request_verbs)
        if request is not None:
            comps = [c for c in comps if c.dep_ != "xcomp"]
            content.append(request)
    if not comps and stating:
        comps = misattached_that_clause(verb, lex)
        comps += modal_conjuncts(verb, comps, lex)
    if any(c.i > verb.i and any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children) for c in comps):
        # "Wikinews reached out to him, however Sergey said he ...": with a clause of its own
        # after it, what the verb reports is that clause; the one before is the narration's
        # ("Confirming life can thrive there, Seager said ...": the participle's clause is hers too)
        comps = [c for c in comps if c.i > verb.i or (doc[c.left_edge.i].tag_ == "VBG"
                                                      and doc[c.left_edge.i].lemma_.lower() in lex.reporting_verbs)]
    asking = lemma in lex.question_verbs and not passive and not nested and verb.tag_ != "VBN"
    content = clause_contents(verb, subject, comps, content, asking, lex)
    if lemma == "tell" and not any(c.dep_ == "dative" or (c.dep_ == "dobj" and not any(
            span.start <= c.i < span.end for span in content)) for c in children):
        content = [without_addressee(c, lex) for c in content]  # nobody told, or the claim taken for whom
    if not content and reporting and not passive and (clause := object_clause(doc, verb, lex)) is not None:
        content.append(clause)
    if not content and lemma in lex.characterising_verbs and reporting and not naming(verb, lemma):
        content.extend(characterisation(doc, verb, subject))
    if not content and (lemma in lex.light_verbs or reporting and not passive):
        content.extend(nominal_content(doc, verb, cue_tokens, lex, light=lemma in lex.light_verbs))
    if not content and not passive and not nested:
        content.extend(speech_act_content(doc, verb, lemma, cue_tokens, lex, source))
    cut = None
    if not content and by_agent and lemma in lex.as_verbs and not nested:
        # "has been described by the Daily Hive as a 'squirrel whisperer'": the agent's words
        described = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
        span = phrase(doc, list(described.subtree)) if described is not None else None
        if described is not None and span is not None:
            # ... about what was described, the attribution between cut out ("a pattern
            # described by the bulletin as 'hectic'": "a pattern as 'hectic'")
            held = verb.head if verb.dep_ == "acl" and verb.head.i < verb.i \
                else next((c for c in children if c.dep_ == "nsubjpass"), None)
            held_end = verb.i if verb.dep_ == "acl" or held is None else held.right_edge.i + 1
            if held is not None and held.lower_ not in lexicon.PRONOUNS and held.tag_ not in ("WDT", "WP") \
                    and not any(t.is_punct for t in doc[held.left_edge.i:held_end]):
                span, cut = doc[held.left_edge.i:span.end], (held_end, described.i)
            content.append(span)
            if subject is None or subject.i == verb.i:
                subject = agent_obj
    if not content and reporting:
        inserted = inserted_clause(doc, verb, subject, lex)
        if inserted is not None:
            span, cut = inserted
            content.append(span)
        elif thing is None and (leading := leading_attribution(doc, verb, subject, lex)) is not None:
            content.append(leading)
    if not content and reporting and verb.dep_ in ("ROOT", "conj", "parataxis") and thing is None \
            and lemma not in ("call", "describe", "post"):
        content.extend(parenthetical(doc, verb, subject))
    # A second complement the parser found inside the first ("... and a gas can found in
    # his truck") is part of that claim, not another one.
    content = [c for c in content if not any(
        o is not c and o.start <= c.start and c.end <= o.end and len(o) > len(c) for o in content)]
    if not content and lemma in lex.wording_verbs and subject is not None:
        content.extend(span for span in [worded_clause(doc, verb)] if span is not None)
    if not content and (subject is None or not (reporting or source or lemma in lex.assessing_heads)):
        return None  # kept without content: it may still attribute a direct quote
    content = [without_writers_addition(c, lex) for c in content]  # (a claim's own already is)
    if cut is None and len(content) == 1 and (named := antecedent_claim(verb, content[0])) is not None:
        content, cut = [named[0]], named[1]  # "judges, which he said would ...": the judges would
    cue = doc[min(t.i for t in cue_tokens):max(t.i for t in cue_tokens) + 1]
    if len(cue) > 4:
        cue = doc[verb.i:verb.i + 1]
    return Cue(verb=verb, cue=cue, subject=subject, content=content,
               passive_agent=agent_obj if lemma == "quote" or relay is not None else None, cut=cut,
               kind="reference" if content and all(refers_back(c, lex) for c in content) else None)


def wording(verb: Token) -> bool:
    """"As Ruiz put it", "she phrased it": a verb of wording with "it" for the words."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def in_quotation_marks(clause: Token) -> bool:
    """Whether a clause is all of a quotation, its marks hung on it or on the words around."""
    doc, first, last = clause.doc, clause.left_edge.i, clause.right_edge.i
    return (doc[first].is_quote or first > 0 and doc[first - 1].is_quote) \
        and (doc[last].is_quote or last + 1 < len(doc) and doc[last + 1].is_quote)


def repaired_subject(verb: Token, subject: Token | None, lex: Lexicon) -> Token | None:
    """The speaker of a verb of saying where the parse gives none or a wrong one: the noun a
    participle goes with, a subject swallowed or inherited, one past a dateline or "according
    to", a name after a title, the conjunct after "but"."""
    if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") \
            and (agentive(verb.head, lex) or source_noun(verb.head, lex)):
        # "..., with officials saying this is for security", "a story alleging ...": the one it goes with
        subject = verb.head
    if subject is not None and verb.tag_ == "VBG" and verb.dep_ == "advcl" and subject.head.i == verb.i \
            and not agentive(subject, lex) and not source_noun(subject, lex):
        subject = None  # "The governor tweeted her reasoning saying, ...": the governor said it
    if subject is None:
        # "NDTV reported officials, after an inquiry, stated that ...": the officials stated it
        subject = swallowed_subject(verb.head, verb) or inherited_subject(verb, lex) or after_opening(verb, lex) \
            or asked_before(verb, lex)
    subject = past_dateline(subject, verb) if subject is not None else None
    if subject is None:
        return None
    subject = office_of_name(after_according_to(place_half(subject)), lex)
    return after_but(titled_name(second_name(named_subject(subject, verb), verb), verb), verb)


def place_half(subject: Token) -> Token:
    """'Coun. Sheila Boudreau of Sackville–Beaverbank said', parsed with the second half of
    the dashed place as the subject: the person the place's first half belongs to; and
    'Ottawa—Vanier MPP Lucille Bergeron said', parsed with the first half as the subject and
    the rest as its apposition: the person of that apposition."""
    doc, i = subject.doc, subject.i
    if i + 2 < len(doc) and doc[i + 1].text in ("-", "–", "—") and not subject.whitespace_ \
            and not doc[i + 1].whitespace_:
        return next((c for c in subject.children if c.dep_ == "appos" and c.left_edge.i == i + 2), subject)
    if i < 2 or doc[i - 1].text not in ("-", "–", "—") or doc[i - 2].whitespace_ or doc[i - 1].whitespace_:
        return subject
    token = doc[i - 2]
    for _ in range(4):
        if token.ent_type_ == "PERSON" and token.i < i - 2:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return subject


def after_opening(verb: Token, lex: Lexicon) -> Token | None:
    """'In a written statement to CBC News, the Department of Fisheries said': the subject the
    parser hung on the sentence's opening phrase as an apposition, between its comma and the verb."""
    doc, first = verb.doc, verb.sent.start
    if doc[first].pos_ != "ADP" or verb.i < 2:
        return None
    return next((t for t in doc[first:verb.i] if t.dep_ == "appos" and t.right_edge.i == verb.i - 1
                 and doc[t.left_edge.i - 1].text == "," and agentive(t, lex)
                 and t.head.ent_type_ != "PERSON"), None)  # (after talks with a person, an office is another's)


def named_subject(subject: Token, verb: Token) -> Token:
    """'Member of parliament (MP) Kevin Conolly said', parsed as two subjects, the title and
    the name: the person named right after the first is the speaker."""
    if subject.ent_type_ == "PERSON":
        return subject
    return next((c for c in verb.children if c.dep_ == subject.dep_ and c.ent_type_ == "PERSON"
                 and c.left_edge.i == subject.right_edge.i + 1), subject)


def without_addressee(span: Span, lex: Lexicon) -> Span:
    """'told the BBC prices would rise', 'told The Jakarta Post radio broadcasts were used',
    'told reporters Ukraine would win': with nobody told in the parse, a name or an audience
    that opens the claim before its subject is whom it was told to."""
    doc = span.doc
    that = next((t for t in span if t.lower_ == "that" and t.dep_ == "mark"), None)
    if that is not None and that.i > span.start and all(
            t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT") or t.ent_type_ for t in doc[span.start:that.i]):
        return doc[that.i + 1:span.end]  # "told the Norwegian newspaper Aftenposten that ...": after "that"
    at = span.start + (span[0].lower_ == "the" and span[0].ent_iob_ != "B")
    if doc[at].ent_iob_ == "B" and doc[at].ent_type_ in lexicon.AGENT_LABELS:
        end = at + 1
        while end < span.end and doc[end].ent_iob_ == "I":
            end += 1
    elif doc[at].lemma_.lower() in lex.audience_nouns or doc[at].lower_ in lexicon.OBJECT_PRONOUNS \
            or (doc[at].lower_ == "her" and (doc[at].dep_ != "poss" or doc[at + 1].pos_ == "PROPN")):
        end = at + 1  # "told her Trump had not met him"
    else:
        return span
    subject = span.root if span.root.dep_ == "dobj" else next(
        (c for c in span.root.children if c.dep_ in lexicon.SUBJECT_DEPS), None)  # (a claim taken for the object)
    if subject is None:  # "told her Trump had not met him", the name taken for whom she told
        subject = next((t for t in doc[end:span.end] if t.dep_ in ("dobj", "nsubj") and t.head.i < end), None)
    if subject is not None and at < subject.i < end and in_capitals(doc[at]) and doc[at + 1].is_title:
        end = at + 1  # "told NPR Hamza bin Laden had ...", the recogniser joining the outlet to the name
    if subject is None or not end <= subject.i < span.end or doc[end].is_punct:
        return span
    return doc[end:span.end]


def office_of_name(subject: Token, lex: Lexicon) -> Token:
    """'said University of California, San Diego's chancellor, Pradeep Khosla', parsed as the
    university and its chancellor coordinated, 'In the post Chris Wright, the chief officer
    of Red Hat, said', with the name hung on the opening phrase, or 'The head of Human Rights
    Watch Kenneth Roth said', with the name at the end of the office's phrase: the holder
    named beside the office speaks."""
    if subject.ent_type_ == "PERSON":
        return subject
    doc, start = subject.doc, subject.left_edge.i
    name = doc[start - 2] if start > 1 and doc[start - 1].text == "," else None
    if subject.lemma_.lower() in lex.role_nouns and name is not None and opening_name(name):
        return name
    if subject.lemma_.lower() in lex.role_nouns:
        # "The head of Human Rights Watch Kenneth Roth said": the name ends the office's phrase
        last = doc[subject.right_edge.i]
        object_ = last.head if last.dep_ == "appos" else last  # ("the director of the museum Ana Ruiz")
        # (after the body's name: not "lawyers for Ana Ruiz", who are hers; the title's words
        # hold where it is, "Prime Minister of Norway Erna Lind")
        if object_.dep_ == "pobj" and object_.head.head.i == subject.i and object_.head.lower_ in ("of", "for", "at") \
                and subject.tag_ != "NNS" and object_.left_edge.i < last.i - 1 \
                and doc[object_.left_edge.i].ent_type_ not in ("GPE", "LOC", "NORP") \
                and doc[object_.left_edge.i].lower_ not in lexicon.NATIONS \
                and last.pos_ == "PROPN" and (last.ent_type_ == "PERSON" or lexicon.given_name_gender(
                    f"{doc[last.i - 1].text} {last.text}") is not None) \
                and not is_title_word(doc[name_start(doc[object_.left_edge.i:last.i + 1], lex) - 1], lex):
            return last  # (not "a spokesperson for Health Minister Ana Ruiz": hers)
    for office in subject.children:
        if office.dep_ == "conj" and office.lemma_.lower() in lex.role_nouns \
                and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in office.children):  # "and its spokesman"
            holder = next((c for c in office.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                           and c.ent_type_ in ("", "PERSON")), None)
            if holder is not None:
                return holder
    return subject


def asked_before(verb: Token, lex: Lexicon) -> Token | None:
    """'MacAskill, asked about those comments later in the day, said ...': a participle of
    asking set off between a name and its verb, which the parser took for the name's own verb
    (the verb of saying left with no subject): whom it asked speaks."""
    doc = verb.doc
    asked = next((c for c in verb.children if c.i < verb.i and c.dep_ in ("ccomp", "advcl", "conj")
                  and c.lemma_.lower() in lex.question_verbs and c.tag_ in ("VBD", "VBN")
                  and c.i > 0 and doc[c.i - 1].text == "," and doc[verb.i - 1].text == ","), None)
    if asked is None:
        return None
    return next((s for s in asked.children if s.dep_ in ("nsubj", "nsubjpass") and s.i < asked.i
                 and s.right_edge.i < asked.i), None)


def own_subject(verb: Token) -> Token | None:
    """A verb's subject; of two the parser gave it, the one after the mark that opens the
    verb's clause ("... the MP, Kieran Doyle, after the Mail on Sunday reported that ...")."""
    subjects = [c for c in verb.children if c.dep_ in lexicon.ANY_SUBJECT_DEPS]
    if len(subjects) > 1 and any(c.dep_ == "mark" and subjects[0].i < c.i < subjects[1].i for c in verb.children):
        return subjects[1]
    return subjects[0] if subjects else None


def opens_sentence(token: Token) -> bool:
    """Whether a token is the first word of its sentence (after any line break the parser
    left in it)."""
    doc, i = token.doc, token.i
    return bool(token.is_sent_start) or i > 0 and (doc[i - 1].is_space or bool(doc[i - 1].is_sent_start)
                                                   and doc[i - 1].is_punct)


def is_title_word(word: Token, lex: Lexicon) -> bool:
    """Whether the word before a name is a title ("Minister", "Sen."), not a word between."""
    return word.pos_ in ("NOUN", "PROPN") and word.lower_.rstrip(".") in lex.titles_or_roles


def second_name(subject: Token, verb: Token) -> Token:
    """'In a briefing that included governor Gavin Newsom, Donald Trump denied ...', parsed
    with the first name as the subject and the second in apposition to it: one person's name
    is not another's appositive, and the name right before the verb is the speaker. ('Asked
    whether she would confirm Castellano, Holloway said': nor, without an "and", a conjunct.)"""
    if not any(c.dep_ == "cc" for c in subject.children):
        listed = next((c for c in subject.children if c.dep_ == "conj" and c.i == c.right_edge.i == verb.i - 1
                       and c.pos_ == subject.pos_ == "PROPN" and c.nbor(-1).text == ","), None)
        if listed is not None:
            return listed
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    if appos is None or subject.ent_type_ != "PERSON" or appos.ent_type_ != "PERSON":
        return subject
    return appos


def antecedent_claim(verb: Token, claim: Span) -> tuple[Span, tuple[int, int]] | None:
    """'money for 600 new judges, which he said would "make the deadline possible"', 'a plan
    she said could produce ...': a verb of saying in a relative clause reports a claim whose
    subject is the noun the clause describes; the quote is that noun's phrase and the claim,
    the attribution between them cut out. Not a noun of time or number ("since 2014, which
    his wife said was due to ...": the clause before is what "which" stands for)."""
    noun, doc = verb.head, verb.doc
    if verb.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in \
            lexicon.TIME_LABELS | lexicon.AMOUNT_LABELS or claim.start <= verb.i:
        return None
    claimed = claim.root
    if claimed.pos_ not in ("VERB", "AUX") or claimed.head.i != verb.i:
        return None  # (a characterisation: 'described as "knife-obsessed"')
    subjects = [c for c in claimed.children if c.dep_ in lexicon.SUBJECT_DEPS]
    relative = doc[verb.left_edge.i]
    if relative.lower_ in ("which", "that"):
        if [s.i for s in subjects] not in ([], [relative.i]):
            return None  # ("which he said the council would fund": the claim has a subject of its own)
    elif relative.lower_ in lexicon.RELATIVE_PRONOUNS or subjects or relative.i == verb.i:
        return None  # ("who said ...": the person speaks, no subject of the claim)
    cut = relative.i - (doc[relative.i - 1].text == ",")
    start = noun.left_edge.i
    if start >= cut or any(t.text in (",", ";", ":") or t.is_quote for t in doc[start:cut]):
        return None
    return doc[start:claim.end], (cut, claim.start)


def clause_contents(verb: Token, subject: Token | None, comps: list[Token], content: list[Span],
                    asking: bool, lex: Lexicon) -> list[Span]:
    """``content`` and what each clausal complement of a verb of saying reports (an embedded
    question only when the verb asks one)."""
    doc, content = verb.doc, list(content)
    for comp in comps:
        if verb.dep_ == "relcl" and doc[comp.left_edge.i].lower_ in lexicon.RELATIVE_PRONOUNS \
                and comp.left_edge.i < verb.i:
            # "..., which NASA said might take place this summer": what follows the verb.
            span = contiguous(doc, [t for t in comp.subtree if t.i > verb.i])
            if span is not None:
                content.append(span)
            continue
        if any(c.dep_ == "mark" and c.lower_ in lexicon.QUESTION_MARKS for c in comp.children) \
                or doc[comp.left_edge.i].lower_ in lexicon.WH_WORDS:
            if asking and subject is not None:
                span = contiguous(doc, [t for t in comp.subtree if t.i > verb.i])
                if span is not None:
                    content.append(span)  # "asked whether ...": the question is what was said
            continue  # an embedded question ("say whether", "say when") reports no statement
        first = doc[comp.left_edge.i]
        while first.is_punct and first.i < comp.i:
            first = doc[first.i + 1]
        if content and first.lower_ in lexicon.SUBORDINATORS and doc[first.i - 1].text == "," \
                and content[-1].end <= first.i:
            # "said X would not accept it, when millions depend on it": a subordinate
            # clause the parser hung on the verb still belongs to the claim before it.
            end = comp.right_edge.i + 1
            while end > first.i and doc[end - 1].is_punct:
                end -= 1
            content[-1] = doc[content[-1].start:end]
            continue
        if after_quoted_sentence(verb, comp) or first.i > verb.i + 1 and first.tag_ in ("WDT", "WP", "WP$") \
                and doc[first.i - 1].text == ",":
            continue  # '"... forces", whose vehicle was used ...': a relative clause the parser hung on the verb
        spans = clause_spans(doc, comp, verb, subject, lex)
        swallowed = swallowed_subject(verb, comp)
        if spans and swallowed is not None and spans[0].start == comp.left_edge.i:
            start = swallowed.left_edge.i
            while start < swallowed.i and doc[start].dep_ == "compound" and (
                    doc[start].ent_type_ in lexicon.ORG_LABELS or doc[start].lemma_.lower() in lex.audience_nouns):
                start += 1  # "told MSNBC Cummings was ...": the audience, then the clause's subject
            spans[0] = doc[start:spans[0].end]
        split = split_subject(verb, comp, lex)
        if spans and split is not None and spans[0].start == comp.left_edge.i + doc[comp.left_edge.i].is_punct:
            spans[0] = doc[split.left_edge.i:spans[0].end]
        content.extend(spans)
    # "said the name had to be easy to say and, to prevent stigma, it must not ...": two
    # complements one after the other, only a comma or "and" between them, are one claim
    return joined(doc, content)


def speaker_after(verb: Token, subject: Token | None, lex: Lexicon) -> Token | None:
    """The speaker of a verb of saying written before it, where the parser went wrong (with no
    subject, see :func:`inverted_speaker`). "The levy, said the report, would raise ...": an
    attribution set off by commas inside the clause it reports; the parser may make the
    clause's subject a subject of the verb of saying too: the speaker is the one right after it."""
    doc = verb.doc
    if subject is None or subject.i < verb.i and left_open(doc[subject.i:verb.i]):
        # '"The only conclusion I can reach is ...," tweeted Ken Gude': a subject inside the
        # quotation the verb closes is none of the verb's
        after = next((c for c in verb.children if c.dep_ in lexicon.SUBJECT_DEPS and c.i > verb.i), None)
        return after if after is not None else inverted_speaker(verb, lex)
    if subject.i > verb.i or verb.i == 0 or doc[verb.i - 1].text != ",":
        return subject
    after = next((c for c in verb.children if c.dep_ in lexicon.SUBJECT_DEPS and c.left_edge.i == verb.i + 1), None)
    return after if after is not None else subject


def inverted_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """'"We are ready," reply Ana and Ben.': after the words it reports, a verb of saying
    comes right before its speaker, and the parser may take the speaker (a present-tense verb
    above all) for the verb's object. A name, or a noun that can speak, right after a verb
    with no subject whose reported clause comes before it is that speaker."""
    doc = verb.doc
    if not 0 < verb.i < len(doc) - 1 or verb.lemma_.lower() in lex.request_verbs \
            or doc[verb.i - 1].text not in QUOTE_TOKENS | {","}:
        return None
    # the reported clause: the verb's complement, or a quotation closing right before it
    # (the parser may make the verb of saying part of the quotation's last sentence)
    if not any(c.dep_ == "ccomp" and c.right_edge.i < verb.i for c in verb.children) \
            and doc[verb.i - 1].text not in QUOTE_TOKENS and doc[verb.i - 2].text not in QUOTE_TOKENS:
        return None
    after = doc[verb.i + 1]
    speaker = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == after.i), None)
    if speaker is None or speaker.lemma_.lower() in lex.audience_nouns:
        return None
    return speaker if speaker.pos_ == "PROPN" or agentive(speaker, lex) else None


def relayed_speaker(verb: Token) -> tuple[Token, Token | None] | None:
    """'the Interfax agency quoted Ms. Orlova as saying ...', 'the BBC cited officials as
    saying ...': (the person quoted, the relay), for the verb of saying and for 'quoted' itself."""
    quoting = verb
    if verb.lemma_ == "say" and verb.dep_ in ("pcomp", "xcomp", "advcl"):
        quoting = verb.head.head if verb.head.lower_ == "as" and verb.dep_ == "pcomp" else verb.head
    if quoting.lemma_ != "quote" and (quoting is verb or quoting.lemma_ not in lexicon.CITING_VERBS):
        return None  # "the guidelines cite the outbreak as an example": no one's words
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in quoting.children):
        # "Ms. Orlova was quoted by Interfax as saying ...": the same, in the passive
        person = next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)
        relay = agent_of(quoting)
    else:
        person = next((c for c in quoting.children if c.dep_ == "dobj"), None)
        relay = next((c for c in quoting.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
    return (person, relay) if person is not None else None


def speaker_in_apposition(verb: Token, subject: Token | None, comps: list[Token],
                          lex: Lexicon) -> tuple[Token, Span] | None:
    """'Floods have killed at least 46 people on the island of Mindanao, the country's disaster
    agency said': parsed with the object of the claim as the subject of the verb of saying,
    and the speaker as an apposition of the last noun before it. The speaker is that
    apposition, and the claim everything before its comma."""
    claim = next((c for c in comps if c.i < verb.i), None)
    if subject is None or claim is None or not claim.i < subject.i < verb.i:
        return None
    doc = verb.doc
    speaker = next((t for t in doc[subject.i:verb.i] if t.dep_ == "appos" and t.right_edge.i == verb.i - 1
                    and doc[t.left_edge.i - 1].text == "," and agentive(t, lex)), None)
    if speaker is None:
        return None
    # (from the start of its paragraph, where the parser ran a headline into the sentence)
    start = max([claim.left_edge.i] + [t.i + 1 for t in doc[claim.left_edge.i:speaker.left_edge.i] if "\n" in t.text])
    return speaker, doc[start:speaker.left_edge.i - 1]


def more_said(conj: Token, verb: Token, lex: Lexicon) -> bool:
    """'said the company "welcomes any review" and was confident the contract was sound', 'said
    the alliance was "monitoring the situation" and stood "in full solidarity"': a stance toward
    a claim, or words quoted, joined to the verb of saying without a subject of their own (nor
    a verb of saying: the speaker's next act), are more of what was said."""
    if conj.dep_ != "conj" or conj.head.i != verb.i or conj.lemma_.lower() in lex.reporting_verbs \
            or any(c.dep_ in lexicon.ANY_SUBJECT_DEPS for c in conj.children):
        return False
    doc = conj.doc
    end = conj.right_edge.i + 1  # (the closing mark the parser hung on the sentence's root)
    while end < conj.sent.end and (quote_mark(doc[end]) or doc[end].text in (".", ",")):
        end += 1
    quoted = sum(map(quote_mark, doc[conj.left_edge.i:end]))
    return quoted >= 2 and quoted % 2 == 0 or conj.lemma_ == "be" and any(
        a.dep_ == "acomp" and a.lower_ in lexicon.STANCE_ADJECTIVES
        and any(c.dep_ in ("ccomp", "advcl") for c in a.children) for a in conj.children)


def newsroom(token: Token, lex: Lexicon) -> bool:
    """Whether a subject is a news outlet or its staff: "The Harbour Times", "Wikinews",
    "the newspaper", "a reporter"."""
    if token.lemma_.lower() in lex.media_nouns | lex.newsroom_nouns:
        # (not "The Internal Revenue Service website": another body's)
        return not any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in token.children)
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None and token.pos_ != "PROPN":
        return False
    name = clean_name(ent.text if ent is not None else token.text)
    return name.split()[-1].lower() in lex.media_name_words if " " in name else \
        name in lexicon.NEWS_AGENCIES or name in lexicon.NEWS_SITES.values()


def source_noun(subject: Token, lex: Lexicon) -> bool:
    """A document, data or a finding body as subject: 'the poll', 'court filings', 'the study'."""
    return subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() in \
        lex.source_nouns | lex.document_nouns | lex.data_nouns  # ("An evaluation by X found")


def reported_within(verb: Token, lex: Lexicon) -> bool:
    """A speech act inside someone else's report ('the source said the actor asked for ...',
    'according to X, the actor asked for ...'): part of that report, not a quote of its own;
    but not the speaker's next act ('said the union would strike and urged members to ...')."""
    if said_next(verb, lex):
        return False
    head = verb
    for _ in range(8):
        if any(c.lower_ in ("according", "per") and c.dep_ == "prep" for c in head.children):
            return True
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.reporting_verbs:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def misattached_that_clause(verb: Token, lex: Lexicon) -> list[Token]:
    """'told analysts on a call that the group had ...': the parser may hang the 'that'
    clause on the last noun of the verb's own phrases, as if it were a relative clause."""
    for child in verb.rights:
        if child.dep_ not in ("prep", "dobj", "dative", "npadvmod"):
            continue
        for token in child.subtree:
            if token.dep_ in ("relcl", "acl") and (token.pos_ in ("VERB", "AUX") or token.pos_ == "ADJ" and any(
                    c.dep_ in ("aux", "auxpass", "cop") for c in token.children)  # '... was "deeply disappointed"'
                    # ('that the FAA "shares the committee's goal"': its verb taken for a plural noun)
                    or token.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in token.children)):
                first = token.doc[token.left_edge.i]
                subject = next((c for c in token.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
                noun = token.head.lemma_.lower()
                # "their claim that ..." is the noun's content, but "on a call that ..." or
                # "in a statement that ..." names the channel of the verb's own clause.
                # ("in an interview with CBC News that ...", "in a statement issued on Tuesday
                # that ...": after the noun's own phrases)
                phrases = {t.i for c in token.head.children if c.i > token.head.i and c.i != token.i and (
                    c.dep_ == "prep" or c.dep_ == "acl" and c.tag_ == "VBN") for t in c.subtree}
                right_after = first.i > token.head.i and all(
                    i in phrases for i in range(token.head.i + 1, first.i))
                if first.lower_ == "that" and right_after and subject is not None \
                        and subject.i != first.i and (noun not in lex.reporting_nouns
                                                      or noun in lex.channel_nouns):
                    return [token]
    return []


def parted_subject(verb: Token) -> Token | None:
    """'The company has, in a filing, said it expects a loss', parsed with the subject hung on
    the auxiliary the phrase between parts from its participle: that subject."""
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i - 1 and verb.doc[c.i + 1].text == ","),
               None)
    return next((c for c in aux.children if c.dep_ in lexicon.SUBJECT_DEPS), None) if aux is not None else None


def modal_conjuncts(verb: Token, comps: list[Token], lex: Lexicon) -> list[Token]:
    """'said the bridge will open in May, and drivers would be able to cross it', 'said she is
    not interested but would do so if asked': a clause the parser coordinated with the verb
    of saying, whose modal ties it to the claim before it; the narration goes on in its own
    tense ('..., and the council voted to fund it'), in sequence ('and she would later
    resign') or says what the speaker would not say ('but would not comment further'). A
    pronoun's clause in the past progressive goes on with the report as well, a stated
    attitude with no subject of its own ('told fans she was "gutted" but understood his reasons'),
    and a clause that "and that" or "but that" opens (the parser took "that" for a determiner)."""
    if not comps:
        return []
    last, doc = max(c.i for c in comps), verb.doc
    return [c for c in verb.children if c.dep_ == "conj" and c.i > last and c.pos_ in ("VERB", "AUX")
            and (any(a.dep_ == "aux" and a.tag_ == "MD" for a in c.children) or progressive_report(c)
                 or opens_second_clause(doc[c.left_edge.i])
                 or c.lemma_.lower() in lex.attitude_verbs
                 and not any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children))
            and (any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children)
                 or not any(a.dep_ == "neg" for a in c.children) and c.lemma_.lower() not in lex.reporting_verbs)
            and not any(a.dep_ == "advmod" and a.lower_ in lexicon.SEQUENCE_ADVERBS for a in c.children)]


def progressive_report(conj: Token) -> bool:
    """'said their thoughts were with the families, and they were carrying out an inquiry': a
    pronoun's clause in the past progressive goes on with the report, as a modal's does."""
    return conj.tag_ == "VBG" and any(a.dep_ == "aux" and a.lower_ in ("was", "were") for a in conj.children) \
        and any(s.dep_ in lexicon.SUBJECT_DEPS and s.pos_ == "PRON" for s in conj.children)


def inherited_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject a cue shares with the clause it hangs from.

    '..., adding that ...', 'while saying ...', 'in confirming ..., saying ...', 'and said':
    climb to the nearest verb with a subject. A conjoined verb right after a noun phrase
    ("after South Korea and the United States claimed ...") takes that phrase instead: the
    parser often attaches such a verb to the main clause by mistake.
    """
    doc, doing = verb.doc, verb
    while doing.dep_ == "pcomp" and doing.head.lower_ not in ("for", "of") and doing.head.head.dep_ == "pcomp":
        doing = doing.head.head  # "for making the trip despite claiming ...": who made it claimed it
    prep = doing.head
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
        prep = prep.head  # "for not denouncing it and for making the trip"
    if doing.dep_ == "pcomp" and prep.lower_ in ("for", "of") and prep.head.pos_ == "VERB":
        # "accused Biden of saying ...", "praised the mayor for saying ...": whom the verb
        # is about said it, not its subject
        about = next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if about is not None:
            return about if about.pos_ == "PROPN" or agentive(about, lex) else None
    if said_next(verb, lex) and verb.head.dep_ == "ccomp":
        # "X insisted that A and denied that B": the speaker of the verb A hangs from (of
        # the outermost, after a quotation that closed: 'said Y "has been clear that A" and urged')
        speaker = verb.head.head
        while after_closed_quotation(verb) and speaker.dep_ == "ccomp":
            speaker = speaker.head
        subject = next((c for c in speaker.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
        return subject if subject is not None else inherited_subject(speaker, lex)
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in lexicon.RELAY_CUES | lexicon.CITING_VERBS \
            and not any(c.dep_ == "ccomp" and c.i > verb.head.i for c in verb.head.children):
        # "NDTV reported officials, following an investigation, stated ...": whom the report
        # names said it, the parser having taken them for its object
        told = next((c for c in verb.head.children if c.dep_ == "dobj" and verb.head.i < c.i < verb.i), None)
        if told is not None and agentive(told, lex) \
                and (told.pos_ != "PROPN" or told.ent_type_ in lexicon.AGENT_LABELS):
            # (not whom someone told: "briefed officials on Monday and said ..."; nor what a
            # speaker cited: "cited Article 5 of the treaty and said ...")
            return told
    if verb.dep_ == "conj" and verb.i > 0:
        before = doc[verb.i - 1]
        if before.pos_ in ("PROPN", "NOUN") and before.dep_ in ("pobj", "conj", "dobj"):
            while before.dep_ == "conj" and before.head.pos_ in ("PROPN", "NOUN"):
                before = before.head
            return before
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp" \
            and verb.head.head.lemma_.lower() in lex.reporting_verbs \
            and (doc[verb.i - 1].text == "," or doc[verb.i - 1].is_quote and doc[verb.i - 2].text == ","):  # (',"')
        # 'denied that her office pressured regulators, calling the claims "false"': set off
        # after the reported clause, the participle is the speaker's next act, not the clause's
        speaker = verb.head.head
        subject = next((c for c in speaker.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
        if subject is not None and agentive(subject, lex):
            return subject
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp" and verb.head.tag_ != "VBG" \
            and verb.head.head.tag_ == "VBG" and not any(c.dep_ in lexicon.SUBJECT_DEPS for c in verb.children):
        # "..., saying members were angry and demanding a meeting": the fellow of the
        # participle that reports the clause, with its subject
        return inherited_subject(verb.head.head, lex)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.CAUSING_VERBS:
        # "..., prompting the moderator, Rev. Daniel Okoro, to ask them ...": whom the cause moved speaks
        moved = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if moved is not None:
            return moved if agentive(moved, lex) else None
    head = verb
    for _ in range(6):
        if head.dep_ in ("ROOT", "relcl", "ccomp", "parataxis") or head.head.i == head.i:
            break
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in head.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
        if subject is not None:
            subject = past_dateline(subject, head)
        if subject is not None:
            subject = second_name(subject, head)
            if subject.dep_ == "nsubjpass" and head.lemma_ != "quote":
                subject = agent_of(head) or subject
            if agentive(subject, lex):
                return subject
            break
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    # "X's visit comes as NATO joined ..., saying that ...": a participle's speaker is the
    # nearest earlier subject in the sentence that can speak, when the parse gives none.
    earlier = [t for t in verb.sent if t.i < verb.i and t.dep_ == "nsubj" and agentive(t, lex)]
    return earlier[-1] if earlier else None


def after_according_to(subject: Token) -> Token:
    """'According to news agency ISNA, the prosecutor general, Ali Mehr, said ...', parsed with
    the agency as the subject and the speaker in apposition to it: the speaker."""
    doc = subject.doc
    start = subject.left_edge.i
    if start < 2 or not according_to_at(doc[start - 2]):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), subject)


def after_but(subject: Token, verb: Token) -> Token:
    """'the company invested in e-commerce, but Gazeta Prawna reports ...', parsed as one
    subject of two conjuncts: the one after 'but', right before the verb, is the speaker."""
    if not any(c.dep_ == "cc" and c.lower_ == "but" for c in subject.children):
        return subject
    return next((c for c in subject.children if c.dep_ == "conj" and c.right_edge.i == verb.i - 1), subject)


def titled_name(subject: Token, verb: Token) -> Token:
    """'Longtime Imus in the Morning writer and performer Rob Bartlett tweeted', parsed with
    the show's name as the head: a person's name right after a title noun that ends the
    subject, just before its verb, is the speaker, whatever the parser made the head."""
    doc = subject.doc
    last = doc[verb.i - 1] if verb.i > 0 else subject
    if subject.ent_type_ == "PERSON" or last.ent_type_ != "PERSON" or last.i not in {t.i for t in subject.subtree}:
        return subject
    first = last.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    title = doc[first - 1]
    if first - 1 <= subject.i or title.tag_ not in ("NN", "NNS") or not title.is_lower:
        return subject
    return doc[first:last.i + 1].root


def stranded(clause: Token) -> bool:
    """'The denial came a day after [Dell said ...]': a clause before the verb that ends in a
    preposition without its object is the narration the speaker's name goes into."""
    last = max((t for t in clause.subtree if not t.is_punct), key=lambda t: t.i)
    return last.pos_ == "ADP" and not any(c.dep_ in ("pobj", "pcomp") for c in last.children)


def beyond_semicolon(comp: Token, verb: Token) -> bool:
    """'X said A; the BBC reported B', parsed with X's clause as the BBC's complement: a
    clause the verb follows across a semicolon is a sentence of its own."""
    return comp.i < verb.i and any(t.text == ";" for t in verb.doc[comp.right_edge.i:verb.i])


def past_dateline(subject: Token, verb: Token) -> Token | None:
    """'LONDON (Reuters) - Britain and Canada said': the parser often makes the dateline's
    place the subject; the speaker is the noun phrase after the dash."""
    doc = subject.doc
    after = dateline_end(doc, subject.i)
    if subject.i >= after:
        return subject
    heads = [t for t in doc[after:verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")
             and not after <= t.head.i < verb.i]
    return heads[0] if heads else None


def agentive(token: Token, lex: Lexicon) -> bool:
    """Whether a subject can be the source of words: a person, organisation or pronoun."""
    if token.i < dateline_end(token.doc, token.i):
        return False
    group = partitive_group(token)
    if group is not None:  # "one of the daughters", "one of these groups, the SDF,"
        return agentive(group, lex) or any(c.dep_ == "appos" and agentive(c, lex) for c in token.children)
    return (token.ent_type_ in lexicon.AGENT_LABELS
            or token.lower_ in lexicon.PERSON_PRONOUNS | lexicon.ORG_PRONOUNS | lexicon.GROUP_PRONOUNS
            or token.lemma_.lower() in lex.agents
            or token.pos_ == "PROPN" or in_capitals(token)
            # "her colleague Michael Brown": named beside the noun
            or any(c.dep_ == "appos" and (c.ent_type_ in lexicon.AGENT_LABELS or c.pos_ == "PROPN")
                   for c in token.children))


def naming(verb: Token, lemma: str) -> bool:
    """"They call him the crowbar robber": a verb of naming in the present tense, with no
    quotation mark in its clause, gives a name in use rather than a statement; so does one
    whose object is "what" ('what biologists call "domestication syndrome"', 'met with what
    the paper called "fury"'): the writer uses the name."""
    clause = verb.doc[verb.left_edge.i:verb.right_edge.i + 1]
    if lemma in lexicon.NAMING_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "what"
                                              for c in verb.children):
        return True
    return lemma in lexicon.NAMING_VERBS and verb.tag_ in ("VBP", "VBZ") \
        and not any(t.text in QUOTE_TOKENS for t in clause)


def stated_position(doc: Doc, verb: Token, lemma: str, lex: Lexicon) -> Cue | None:
    """"The paper endorsed the plan", "denounced the ruling as an attack on ...", "the council
    plans to raise fees": a position someone took, in a main clause, with what it is about (the
    object and what it is called, or the infinitive). "condemned X for Y" is a speech act
    (:func:`.content.speech_act_content`); a position inside someone's report is part of it."""
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None) or inherited_subject(verb, lex)
    if subject is None or not agentive(subject, lex) or verb.dep_ not in ("ROOT", "conj") \
            or any(c.dep_ in ("neg", "auxpass") for c in children) or reported_within(verb, lex) \
            or any(t.lower_ in ("neither", "nor") for t in subject.subtree):
        return None  # "neither the union nor the council endorsed it": nobody did
    if lemma in lex.intention_verbs:
        if subject.ent_type_ not in lexicon.ORG_LABELS and subject.lemma_.lower() not in lex.org_nouns:
            return None  # a body's plans are announced; a person's may be anyone's account
        wanted = next((c for c in children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        tokens = list(wanted.subtree) if wanted is not None else []
        kind = "intention"
    else:
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
        preps = [c for c in children if c.dep_ == "prep" and c.i > verb.i]
        if obj is None or any(p.dep_ == "prep" and p.lower_ == "for" for p in [*preps, *obj.children]):
            return None
        tokens = list(obj.subtree) + [t for p in preps if p.lower_ == "as" for t in p.subtree]
        kind = "stance"
    span = phrase(doc, tokens, lex) if tokens else None
    if span is None:
        return None
    return Cue(verb=verb, cue=doc[verb.i:verb.i + 1], subject=subject, content=[span], kind=kind)


def position_noun(doc: Doc, noun: Token, lex: Lexicon) -> Cue | None:
    """"Her criticism of the levy", "unions raised concerns about the merger", "police issued
    a call for calm": a noun of a stated position with what it is about, whose holder owns
    the noun or is the subject of the verb it is the object of (not a verb of saying, whose
    own rules read its object)."""
    if noun.lemma_.lower() not in lex.position_nouns or noun.dep_ == "dobj" \
            and noun.head.lemma_.lower() in lex.reporting_verbs | lex.speech_act_verbs:
        return None  # "voiced her criticism of the levy": the verb's quote already
    about = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i
                  and c.lower_ in lexicon.POSITION_PREPOSITIONS and any(o.dep_ == "pobj" for o in c.children)), None)
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    cue = doc[noun.i:noun.i + 1]
    verb = noun.head
    if holder is None and noun.dep_ == "dobj" and verb.lemma_.lower() in lex.light_verbs \
            and verb.lemma_.lower() not in lex.reporting_verbs | lex.speech_act_verbs:
        holder = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        cue = doc[verb.i:noun.i + 1] if noun.i - verb.i <= 3 else cue
    if about is None or holder is None or not agentive(holder, lex) or reported_within(noun, lex):
        return None
    span = phrase(doc, [t for t in noun.subtree if noun.i <= t.i <= about.right_edge.i], lex)
    return Cue(verb=noun, cue=cue, subject=holder, content=[span], kind="position") if span is not None else None
