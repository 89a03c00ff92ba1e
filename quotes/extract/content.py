"""The content of a cue: the reported clause, cut at the attribution and trimmed."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicon
from .chunks import SENTENCE_ENDS
from .marks import QUOTE_TOKENS, left_open, quote_mark


def that_mark(clause: Token) -> Token | None:
    """The "that" that marks a clause ("said that ...", "the claim that ..."), or None."""
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)


def opens_second_clause(conjunction: Token) -> bool:
    """'... and that B', '... but whether B': a conjunction that opens another reported clause."""
    doc = conjunction.doc
    return conjunction.dep_ == "cc" and conjunction.i + 1 < len(doc) and doc[conjunction.i + 1].lower_ in (
        "that", "whether")


def that_clause(clause: Token) -> bool:
    """Whether a clause is marked by "that"."""
    return that_mark(clause) is not None


def clause_spans(doc: Doc, comp: Token, verb: Token, subject: Token | None, lex: Lexicon) -> list[Span]:
    """The clausal complement, cut at the cue. Coordinated 'that' clauses ('said that A, and
    that B') are read as separate claims, then kept as one quote: each half alone is cut."""
    claims = [comp]
    for conj in comp.children:
        if conj.dep_ == "conj" and that_clause(conj):
            claims.append(conj)
    # ("told the court that A, and that B", the parser hanging "that B" on the verb)
    claims += [c for c in verb.children if c.dep_ == "conj" and c.i > comp.i > verb.i and that_clause(c)
               and not any(d.dep_ == "cc" and d.i > c.i for d in verb.children)]
    spans = []
    for n, claim in enumerate(claims):
        if elliptical(claim):
            after = claim.i + 1
            if claim.i > verb.i and after < claim.sent.end and quote_mark(doc[after]) \
                    and not left_open(doc[claim.sent.start:after]):
                # 'arguing Trump was "sow[ing] chaos and division" and ...': the words quoted after
                # it, which the parser made a clause of their own, are what it says
                span = side_of(doc, list(doc[claim.left_edge.i:claim.sent.end]), verb, subject, claim=claim)
                if span is not None:
                    spans.append(through_closing_mark(span))
            continue
        drop = set()
        for other in claims[n + 1:]:
            drop |= {t.i for t in other.subtree}
        if n + 1 < len(claims):
            drop |= {t.i for t in claim.children if t.dep_ == "cc"}
        subtree = list(claim.subtree)  # walked four times below: spaCy rebuilds it on each walk
        closed = [c for c in claim.children if closed_before(c)]
        drop |= {t.i for c in claim.children if c in closed or reporters_aside(c, lex)
                 and not (c.dep_ == "csubj" and c.i > verb.i)  # "wrote denying them ... violated"
                 for t in (c.subtree if c.dep_ != "csubj" else [c])}  # 'Confirming [life can ...]'
        if closed:
            drop |= {t.i for t in claim.children if t.dep_ == "cc"}
        # "said only that ...", "said simply that ...": a word before "that" is the writer's
        mark = that_mark(claim)
        if mark is not None:
            drop |= {t.i for c in claim.children if c.dep_ == "advmod" and c.i < mark.i for t in c.subtree}
        # "..., according to Reuters": an attribution of its own, not part of the claim
        drop |= {t.i for r in subtree if r.lower_ == "according" and r.i > claim.left_edge.i
                 and r.nbor(-1).text == "," for t in r.subtree}
        # "insisted that A and denied that B": the parser hangs the second verb of saying
        # on A; it is the speaker's next cue, not part of the claim.
        saying = [c for c in subtree if (said_next(c, lex) or refusal(c, lex))
                  and (c.head.i == claim.i or c.dep_ == "advcl" or after_closed_quotation(c))]
        # "ruling that lawmakers had diluted their votes and ordering the state to ...": a
        # participle joined to a tensed claim is the cue's fellow, the speaker's next act
        saying += [c for c in claim.children if c.dep_ == "conj" and c.tag_ == "VBG" and verb.tag_ == "VBG"
                   and claim.tag_ != "VBG" and not any(d.dep_ in lexicon.SUBJECT_DEPS for d in c.children)]
        saying.sort(key=lambda c: c.i)
        if saying:
            drop |= {t.i for c in saying for t in c.subtree}
            drop |= {t.i for t in claim.children if t.dep_ == "cc" and t.i < saying[0].i}
        tokens = [t for t in subtree if t.i not in drop]
        span = side_of(doc, tokens, verb, subject, drop, claim)
        if span is not None:
            spans.append(through_closing_mark(span))
    return [without_writers_addition(span, lex) for span in joined(doc, spans)]


def elliptical(claim: Token) -> bool:
    """'far from where the records predicted it would be', 'asked if she would, she said she
    did': a clause that ends at its verb of being, having or doing says nothing by itself."""
    return claim.right_edge.i == claim.i and (claim.lemma_ in ("be", "have", "do") or claim.tag_ == "MD")


def joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """Claims one after another with only linking words between them ('A, and that B'), as one."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end <= span.start and all(
                t.is_punct and t.text not in QUOTE_TOKENS or t.dep_ == "cc" or t.lower_ == "that"
                for t in doc[out[-1].end:span.start]):
            out[-1] = doc[out[-1].start:span.end]
        else:
            out.append(span)
    return out


def swallowed_subject(verb: Token, comp: Token) -> Token | None:
    """'announced the tests by a laboratory found poison', 'maintained the agency could cope':
    a finite clause after the verb with no subject of its own, whose subject the parser took
    for the verb's object. The object that is the clause's subject, or None."""
    if comp.dep_ not in ("ccomp", "dep") or comp.i < verb.i or comp.tag_ not in lexicon.FINITE_TAGS and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in lexicon.FINITE_TAGS for c in comp.children):
        return None
    if any(c.dep_ in lexicon.ANY_SUBJECT_DEPS | {"expl", "mark"} for c in comp.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.left_edge.i), None)
    if obj is None:
        # "acknowledged more were needed": a quantifier the parser took for the verb's adverb
        obj = next((c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "dep")
                    and c.i == comp.left_edge.i - 1 and c.lower_ in lexicon.PARTITIVES | {"more", "fewer", "less"}),
                   None)
    if obj is None or obj.lower_ in lexicon.OBJECT_PRONOUNS:
        return None
    between = {t.i for t in obj.subtree} | {t.i for c in verb.children if c.dep_ == "prep"
                                           and obj.i < c.i < comp.i for t in c.subtree}
    if any(i not in between and not verb.doc[i].is_punct for i in range(obj.left_edge.i, comp.left_edge.i)):
        return None
    return obj


def split_subject(verb: Token, comp: Token, lex: Lexicon) -> Token | None:
    """'said hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped', 'concluded
    Neanderthals living in Europe tens of thousands of years ago were ...': a subject with a
    bracket or a participle in it, which the parser broke into the verb's object and the
    clause's subject. The object, the claim's first words, or None (not whom it was told to:
    'told reporters (many from abroad) the bridge was safe')."""
    if comp.dep_ != "ccomp" or comp.i < verb.i:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.left_edge.i), None)
    if obj is None or obj.ent_type_ in lexicon.AGENT_LABELS | lexicon.TIME_LABELS \
            or obj.lower_ in lexicon.OBJECT_PRONOUNS or obj.lemma_.lower() in lex.audience_nouns | lex.agents:
        return None
    doc = verb.doc
    gap = doc[obj.left_edge.i:comp.left_edge.i]
    inside = {t.i for t in obj.subtree}
    if any(t.i not in inside and not t.is_punct or t.text in QUOTE_TOKENS for t in gap):
        return None  # (nor a quotation and its translation: 'said "..." ((es)) ...')
    bracket = any(t.text == "(" for t in gap) and ")" in (doc[comp.left_edge.i].text, doc[comp.left_edge.i - 1].text)
    participle = not any(t.is_punct for t in gap) and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in obj.children)
    return obj if bracket or participle else None


def without_writers_addition(span: Span, lex: Lexicon) -> Span:
    """What the writer adds after a comma at the end of a claim, outside quotation marks:
    a gloss ('..., meaning the UK would leave'), a summing up ('..., a view many share'),
    what the speaker did next ('..., before reversing course the next day', '..., writing, "..."'), background in
    the present tense after a claim in the past ('the zone would lie east of the river,
    which is territory the SDF holds') or in the past after one in the present ('insists the
    budget include funding for the wall, which was one of his campaign promises'), how
    another answered it ('..., which Trump denied', '..., with which others agreed', '...,
    which Biden did not do'), a report of its own, or, after a closing quotation mark, any
    relative or subordinate clause ('"... of the Afghan forces", whose vehicle was used', '"... by us",
    while addressing the press')."""
    doc = span.doc
    past = span.root.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and (
        c.tag_ == "VBD" or c.lower_ in lexicon.PAST_MODALS) for c in span.root.children)
    # (or the subjunctive: "insists that the budget include funding")
    present = present_tense(span.root) or span.root.tag_ == "VB" and not any(
        c.dep_ in ("aux", "auxpass") for c in span.root.children)
    last = max((t.i for t in span if not t.is_punct), default=span.end - 1)
    for opener in span[1:]:
        if report_of_its_own(opener, last, lex):
            return doc[span.start:opener.i - 1 if doc[opener.i - 1].text == "," else opener.i]
    for comma in span[1:-1]:
        if comma.text not in (",", "—", "–"):
            continue  # only a comma or a dash sets off what the writer adds
        if summing_up(comma, last):
            closing = doc[comma.i + 1].text in QUOTE_TOKENS  # ('"... their backs," a remark seen as')
            return doc[span.start:comma.i + 2 if closing else comma.i]
        after = doc[comma.i + 1]
        if comma.text == "," and reporting_participle(after, lex) and after.i + 1 < len(doc) \
                and (doc[after.i + 1].is_punct or doc[after.i + 1].text in QUOTE_TOKENS):
            return doc[span.start:comma.i]  # "..., writing, "...": the next words are another report
        if comma.text == "," and (end := after_quotation(doc, span, comma)) is not None:
            return doc[span.start:end]  # '... "sell out the Midwest," sharpening his attacks ...': the writer's
        mark = doc[comma.i + 2] if comma.i + 2 < span.end else None
        if comma.text == "," and mark is not None and quote_mark(doc[comma.i + 1]) \
                and left_open(doc[span.start:comma.i]) and mark.dep_ == "mark" \
                and mark.head.dep_ in ("advcl", "ROOT") and not any(map(quote_mark, doc[mark.i:span.end])) \
                and not contrasted_figure(mark, mark.head):
            return doc[span.start:mark.i]  # '... "no control over what they do," though he has ...'
        if comma.text != "," or any(t.text in QUOTE_TOKENS or t.lower_ == "that" and doc[t.i - 1].dep_ == "cc"
                                    for t in doc[comma.i + 1:span.end]):
            continue  # the speaker's words go on: quoted, or "..., and that ..."
        after, quoted = doc[comma.i + 1], doc[comma.i - 1].text in QUOTE_TOKENS
        clause = after
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.i - after.i < 8:
            clause = clause.head  # "whose vehicle was used": the clause of the relative word
        relative = after.tag_ in ("WDT", "WP", "WP$") and clause.right_edge.i >= last  # it ends the claim
        then = after.lower_ in ("before", "after") and doc[after.i + 1].tag_ == "VBG" \
            and after.right_edge.i >= last  # "..., before reversing course" (at the claim's end)
        # "..., which Trump denied", "..., with which others agreed": another's answer
        # ("..., which Biden did not do": whether another did as asked)
        # ("..., though Chinese officials rejected the study's methods": another's answer set beside it)
        answered = ((relative or after.pos_ == "ADP" and doc[after.i + 1].tag_ in ("WDT", "WP"))
                    and clause.dep_ == "relcl" or after.dep_ == "mark" and clause.dep_ == "advcl"
                    and clause.right_edge.i >= last) \
            and (clause.lemma_.lower() in lex.response_verbs or clause.lemma_ == "do"
                 and any(c.dep_ == "neg" for c in clause.children)) \
            and any(c.dep_ in lexicon.SUBJECT_DEPS and c.tag_ not in ("WDT", "WP") for c in clause.children)
        if after.lower_ == "meaning" and after.tag_ == "VBG" or then or answered \
                or relative and clause.dep_ == "relcl" and (quoted or past and present_tense(clause)
                                                            or present and tensed(clause, ("VBD",))) \
                or quoted and after.dep_ == "mark" and clause.dep_ == "advcl" \
                or after.lower_ in ("though", "although") and after.dep_ == "mark" and clause.dep_ == "advcl" \
                and past and present_tense(clause):  # "..., though none of them has said so publicly"
            return doc[span.start:comma.i]
    return span


def contrasted_figure(mark: Token, clause: Token) -> bool:
    """'found 58 percent supported "a temporary fee," while 31 percent opposed it': a figure
    set against the one before is the rest of the finding, not the writer's."""
    return mark.lower_ in ("while", "whereas") and any(
        c.dep_ in lexicon.SUBJECT_DEPS and c.ent_type_ in lexicon.AMOUNT_LABELS for c in clause.children)


def report_of_its_own(opener: Token, last: int, lex: Lexicon) -> bool:
    """'..., which he said would allow him to act', '... "about accountability" after an
    audit found the department had failed': a clause ending the claim that reports, with its
    own subject and verb of saying or finding, what someone said or found; a row of its own,
    not these words. A proviso ('if an inquiry found wrongdoing') stays the speaker's, and so
    do words inside quotation marks."""
    clause = opener.head
    if opener.dep_ == "mark":
        if opener.lower_ in lexicon.PROVISO_MARKS or clause.dep_ != "advcl":
            return False
    elif opener.tag_ in ("WDT", "WRB") and opener.doc[opener.i - 1].text == ",":
        for _ in range(2):  # ("which he said would allow": the relative word is the claim's)
            if clause.dep_ != "relcl":
                clause = clause.head
        if clause.dep_ != "relcl":
            return False
    else:
        return False
    return clause.right_edge.i >= last and opener.i == clause.left_edge.i \
        and clause.lemma_.lower() in lex.reporting_verbs | lex.finding_verbs \
        and not left_open(opener.doc[opener.sent.start:opener.i]) \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in clause.children) \
        and any(c.dep_ == "ccomp" and c.tag_ != "VBG" and any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children)
                for c in clause.children)


def after_quotation(doc: Doc, span: Span, comma: Token) -> int | None:
    """Where a claim ends whose quotation closes at ``comma`` ('..."in Brussels," sharpening'
    or '..."in Brussels", sharpening') when a participle follows: what the writer says the
    speaker was doing. None otherwise."""
    closing = comma.i + 1 if comma.i + 1 < len(doc) and doc[comma.i + 1].text in QUOTE_TOKENS else None
    if closing is None and doc[comma.i - 1].text not in QUOTE_TOKENS:
        return None
    participle = (closing if closing is not None else comma.i) + 1  # the word after the comma and its mark
    end = participle if closing is not None else comma.i  # the claim keeps its closing mark, not the comma
    if participle >= span.end or doc[participle].tag_ != "VBG" \
            or sum(t.text in QUOTE_TOKENS for t in doc[span.start:end]) % 2:
        return None
    return end


def reporting_participle(token: Token, lex: Lexicon) -> bool:
    """'writing', 'saying': a participle of a verb of saying, whatever the tagger made of it."""
    word = token.lower_
    return word.endswith("ing") and bool({token.lemma_.lower(), word[:-3], word[:-3] + "e"} & lex.reporting_verbs)


def summing_up(comma: Token, last: int) -> bool:
    """'..., a view shared by many legal experts', '— a promise she has made before': a noun
    phrase after the claim that sums it up: headed by a noun that names a saying or a deed,
    or in apposition to a word far back in the claim, not to the words just before (as 'Tom
    Reyes, a man who lived nearby' is)."""
    doc = comma.doc
    first = comma.i + 2 if doc[comma.i + 1].text in QUOTE_TOKENS and comma.i + 2 < len(doc) else comma.i + 1
    noun = doc[first]
    after = doc[first + 1] if first + 1 < len(doc) else noun
    if noun.lower_ in ("a", "an") and after.dep_ == "compound" and after.lemma_.lower() in lexicon.SUMMING_NOUNS \
            and after.head.tag_ in ("NNS", "NNP", "NNPS"):
        return True  # "..., a position campaigners called disappointing", "a characterization Hardesty's
        # office disputed": the noun taken for a compound of the next
    if noun.lower_ == "something" and noun.right_edge.i >= last \
            and any(c.dep_ in ("acl", "relcl") for c in noun.children):
        return True  # "..., something the health authority says it can't promise"
    while noun.dep_ == "det" or noun.dep_ in ("amod", "compound") and noun.head.i > noun.i:
        noun = noun.head
    # (a relative clause with no relative word may be parsed as an apposition: "a figure the state disputes")
    if doc[first].lower_ not in ("a", "an") or noun.right_edge.i < last \
            or not any(c.dep_ in ("acl", "relcl") or c.dep_ == "appos" and c.i > noun.i for c in noun.children):
        return False
    if noun.lemma_.lower() in lexicon.SUMMING_NOUNS:
        return True  # "..., a move that could delay it": whatever the parser hung it on
    if noun.dep_ != "appos":
        return False
    anchor = noun.head
    own = [t.i for t in anchor.subtree if not noun.left_edge.i <= t.i <= noun.right_edge.i]
    return max(own) < comma.i - 1


def tensed(verb: Token, tags: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether a verb, or an auxiliary of it, carries one of these tags."""
    return verb.tag_ in tags or any(c.dep_ in ("aux", "auxpass") and c.tag_ in tags for c in verb.children)


def present_tense(verb: Token) -> bool:
    return tensed(verb, ("VBZ", "VBP"))


def object_clause(doc: Doc, verb: Token, lex: Lexicon) -> Span | None:
    """'said a law allowing the termination of a life marked a "sad day"': the parser took
    the subject of the reported clause for the verb's object and hung the clause's verb
    inside it. The object with what follows is the claim."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    if obj.lemma_.lower() in lex.audience_nouns:
        # "told trustees the board can no longer find teachers": the claim hung on whom it was told
        claim = next((c for c in obj.children if c.dep_ == "ccomp" and c.i > obj.i and tensed(c, lexicon.FINITE_TAGS)),
                     None)
        return contiguous(doc, list(claim.subtree)) if claim is not None else None
    saying = lex.reporting_verbs | lex.finding_verbs
    if any(c.dep_ == "acl" and c.lemma_.lower() in saying for c in obj.children):
        return None  # "published a report showing that ...": the report's own verb reports it
    if not any(t.dep_ == "ccomp" and tensed(t, lexicon.FINITE_TAGS)
            and not any(c.dep_ in lexicon.SUBJECT_DEPS and c.i < obj.i for c in t.children)
            and not in_relative_clause(t, obj) for t in obj.subtree) \
            and not (verb.lemma_.lower() in lexicon.CLAUSE_ONLY_VERBS and clause_as_modifier(obj)) \
            and not that_clause(obj):
        return None  # ("argued that [about 140,000 voters lack IDs]", its verb taken for a noun)
    span = contiguous(doc, list(obj.subtree))
    return through_closing_mark(span) if span is not None else None


def clause_as_modifier(obj: Token) -> bool:
    """'said the ruling vindicated concerns': the clause's verb taken for an adjective of the
    object, its subject for the verb's modifier (after a verb that takes no such object); 'said
    the utility expected to pay more': taken for a participle after it, with its complement."""
    return any(c.dep_ == "amod" and c.i < obj.i and c.tag_ in ("VBD", "VBN") and any(
        s.i < c.i and s.pos_ in ("NOUN", "PROPN") for s in c.children) for c in obj.children) \
        or any(c.dep_ == "acl" and c.i == obj.i + 1 and c.tag_ in ("VBD", "VBN") and any(
            x.dep_ in ("xcomp", "ccomp", "dobj") for x in c.children) for c in obj.children)


def in_relative_clause(token: Token, top: Token) -> bool:
    """Whether a relative clause lies between ``token`` and ``top`` above it ("a state of
    emergency, which he said would allow him to act")."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def through_closing_mark(span: Span) -> Span:
    """A claim that opens a quoted fragment ends at its closing mark, wherever the parse of
    the fragment ended ('would not reopen “until the fire chief says it is safe.”'); one that
    ends with a closing mark begins with its opening one."""
    doc = span.doc
    if sum(t.text in QUOTE_TOKENS for t in span) % 2 == 0:
        return span
    if span[-1].text in QUOTE_TOKENS and span.start > 0 and doc[span.start - 1].text in QUOTE_TOKENS \
            and not any(t.text in QUOTE_TOKENS for t in span[:-1]):
        # 'stating "they are good people"': the parse gave the verb the opening mark
        return doc[span.start - 1:span.end]
    # (past the sentence, in its paragraph: 'to "avoid attracting attention. This can mean days."',
    # when what the claim left open is an opening mark)
    if [t for t in span if t.text in QUOTE_TOKENS][-1].tag_ != "``":
        return span
    closing = None
    for token in doc[span.end:]:
        if token.text in QUOTE_TOKENS or "\n" in token.text:
            closing = token if token.text in QUOTE_TOKENS else None
            break
    return doc[span.start:closing.i + 1] if closing is not None else span


def ends_with_quotation(span: Span) -> Span:
    """'said "we will win" and left the stage', 'called it "a sell-out", and its president
    wrote': a claim that opens with a quotation ends with it where "and" or "but" joins on a
    verb before any other quotation (the narration's next act); so does any claim where "and"
    joins on a participle after its quotation closed."""
    doc = span.doc
    for token in span[3:]:
        # 'calling it "a raid on budgets" and setting up a fight': a participle joined on
        # after the quotation closed is the writer's account of what the words did
        if token.tag_ == "VBG" and token.dep_ == "conj" and doc[token.i - 1].dep_ == "cc" \
                and quote_mark(doc[token.i - 2]) and not left_open(doc[span.start:token.i]):
            return doc[span.start:token.i - 1]
    first = span.start if span[0].text in QUOTE_TOKENS else span.start - 1
    if first < 0 or doc[first].text not in QUOTE_TOKENS:
        return span
    closing = next((t for t in doc[first + 1:span.end] if t.text in QUOTE_TOKENS), None)
    if closing is None:
        return span
    after = closing.i + 1
    while after < span.end and doc[after].text == ",":
        after += 1
    if after + 1 >= span.end or doc[after].dep_ != "cc" or opens_second_clause(doc[after]):
        return span  # ('said "polls don't vote" and that ...': a second reported clause)
    joined = next((t for t in doc[after + 1:span.end] if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_TOKENS), None)
    if joined is None or joined.text in QUOTE_TOKENS:
        return span  # 'called it "gamesmanship" and a "stunt"': more of the words quoted
    return doc[span.start:closing.i + 1 if first == span.start else closing.i]


def closed_before(conj: Token) -> bool:
    """'said "We could not win," and the city flag is at half-mast': a clause with a subject
    of its own after the quotation that was the claim closed is the narration's."""
    claim, doc = conj.head, conj.doc
    if conj.dep_ != "conj" or conj.i < claim.i or not any(c.dep_ in lexicon.SUBJECT_DEPS for c in conj.children) \
            or any(c.tag_ == "MD" for c in conj.children):
        return False  # "... and the party would regroup": reported speech may go on
    start = claim.left_edge.i
    if start > 0 and doc[start - 1].text in QUOTE_TOKENS:
        start -= 1
    marks = [t for t in doc[start:conj.left_edge.i] if quote_mark(t)]
    return len(marks) >= 2 and len(marks) % 2 == 0 and doc[start].text in QUOTE_TOKENS


def after_closed_quotation(conj: Token) -> bool:
    """'said X "has been clear that A" and urged lawmakers ...': a verb joined on after the
    quotation in the claim closed, with no subject of its own."""
    doc = conj.doc
    if conj.dep_ != "conj" or conj.i < 2 or doc[conj.i - 1].dep_ != "cc" or doc[conj.i - 2].text not in QUOTE_TOKENS:
        return False
    top = conj.head
    while top.dep_ == "ccomp":
        top = top.head
    marks = [t for t in doc[top.i:conj.i] if quote_mark(t)]
    return len(marks) >= 2 and len(marks) % 2 == 0 and not any(c.dep_ in lexicon.SUBJECT_DEPS for c in conj.children)


def after_quoted_sentence(verb: Token, comp: Token) -> bool:
    """'told the press, "... what the science may say[.]" As of Tuesday there had been ...':
    a quotation whose sentence ends inside its marks ends what the verb reports; a clause the
    parser hung on the verb after it is the narration's next sentence."""
    return quoted_sentence_end(verb.doc, verb.i + 1, comp.left_edge.i + 1) is not None


def quoted_sentence_end(doc: Doc, start: int, end: int) -> int | None:
    """The first token in ``doc[start:end]`` that opens a sentence right after a quotation
    ending in a full stop, question or exclamation mark (the parser may miss that break)."""
    for mark in doc[max(start - 1, 1):end - 1]:
        if mark.text not in QUOTE_TOKENS or not doc[mark.i + 1].is_title or mark.i + 1 < start:
            continue
        last = doc[mark.i - 1] if doc[mark.i - 1].text not in ("]", ")") or mark.i < 2 else doc[mark.i - 2]
        if last.text in SENTENCE_ENDS:
            return mark.i + 1
    return None


def said_next(token: Token, lex: Lexicon) -> bool:
    """A verb of saying with a clause of its own, conjoined or subordinate to a reported
    clause ('said A while the minister wrote B')."""
    subordinate = token.dep_ == "advcl" and any(c.dep_ in lexicon.SUBJECT_DEPS for c in token.children)
    conditional = any(c.dep_ == "mark" and c.lower_ in lexicon.CONDITION_MARKS for c in token.children)
    if subordinate and not conditional and any(c.dep_ == "neg" for c in token.children) \
            and token.lemma_.lower() in lex.reporting_verbs | lexicon.ELABORATING_VERBS:
        return True  # "..., though she did not say how much": the writer on what was left unsaid
    saying = token.lemma_.lower() in lex.reporting_verbs
    head = token.head
    own_subject = any(c.dep_ in lexicon.SUBJECT_DEPS for c in token.children)
    if token.dep_ == "conj" and token.tag_ == "VBD" and not own_subject \
            and (present_tense(head) or head.tag_ == "VB" and (saying or any(c.tag_ == "MD" for c in head.children))) \
            and (saying or any(c.dep_ == "cc" and c.i < token.i for c in head.children)):
        return True  # "said power is what sets the US apart, and described ...", "said the province would
        # study the details, but questioned the timing", 'said the budget is "a good start" and praised
        # ...': a past tense the claim's verb cannot share, the speaker's next act
    if not saying:
        return False
    if subordinate and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in token.children):
        return True  # "..., while the president noted his 'strength'": a report set beside the claim
    if token.dep_ == "conj" and token.tag_ == "VBD" and after_closed_quotation(token):
        return True  # 'said the governor had "chosen the union over kids" and vowed to ...': his next act
    if token.dep_ == "conj" and token.lemma_.lower() in lex.characterising_verbs \
            and any(t.text in QUOTE_TOKENS for t in token.subtree) \
            and not any(c.dep_ in lexicon.SUBJECT_DEPS for c in token.children):
        return True  # 'said the senator had voted and called the attack "a distortion"': the speaker's words
    return (token.dep_ == "conj" or subordinate and not conditional) and any(c.dep_ == "ccomp" for c in token.children)


def refusal(token: Token, lex: Lexicon) -> bool:
    """'said the plan was costly but declined to elaborate', '... and would not say more',
    'said the study was well designed but urged caution': a verb of saying (or of declining
    to) coordinated with a claim about something that cannot speak is the speaker's next act,
    the narration's."""
    if token.dep_ != "conj" or any(c.dep_ in lexicon.SUBJECT_DEPS or c.dep_ == "auxpass" for c in token.children):
        return False  # (nor "... and was written by a junior staffer": a passive says what befell the subject)
    if (token.tag_ == "VB" or any(c.tag_ == "MD" for c in token.children)) \
            and not any(c.dep_ == "neg" for c in token.children):
        return False  # "said the conference would not be rushed and would insist on ...": still
        # reported (not "... and would not say more")
    shared = next((c for c in token.head.children if c.dep_ in lexicon.SUBJECT_DEPS), None)
    if shared is not None and (shared.pos_ in ("PROPN", "PRON") or shared.ent_type_ in lexicon.AGENT_LABELS
                               or shared.lemma_.lower() in lex.agents | lex.org_nouns
                               or shared.dep_ == "nsubj"
                               and shared.lemma_.lower() in lex.data_nouns | lex.document_nouns):
        return False  # "said the council met and refused to fund it": the council refused
    lemma = token.lemma_.lower()
    return lemma in lexicon.DECLINING_VERBS or lemma in lex.reporting_verbs | lexicon.ELABORATING_VERBS


def reporters_aside(token: Token, lex: Lexicon) -> bool:
    """'... without elaborating', '..., but did not specify ...': the writer's comment
    on what the source left out, not part of what the source said."""
    if token.dep_ == "prep" and token.lower_ == "without":
        obj = next((c for c in token.children if c.dep_ in ("pobj", "pcomp")), None)
        return obj is None or obj.tag_ == "VBG" or obj.lemma_.lower() in lexicon.WITHHELD_NOUNS \
            or token.doc[token.i - 1].text == ","
    if token.dep_ in ("advcl", "conj", "csubj") and token.tag_ == "VBG" \
            and not any(c.dep_ in lexicon.CLAUSE_DEPS for c in token.children) \
            and (token.lemma_ in lex.reporting_verbs or token.lemma_ in lexicon.CITING_VERBS) \
            and not (token.dep_ == "advcl" and token.doc[token.i - 1].pos_ == "NOUN"):
        # (not "a letter to the minister asking for a date": the letter's)
        return True  # '..., saying: "..."' / '..., adding that ...' / '..., citing ...': a cue of its own
    if token.dep_ == "advcl" and token.i > token.head.i and token.doc[token.left_edge.i - 1].text == "," \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children) \
            and not any(c.tag_ == "MD" or c.dep_ == "neg" for c in token.children):
        # '..., as negotiators gathered in London': the writer's setting; but '..., as it would
        # not affect the market share of Russian gas': the speaker's reason
        return True
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in lexicon.GLOSSING_VERBS \
            and token.i > token.head.i and token.doc[token.i - 1].text == ",":
        return True  # '... a no-deal Brexit, meaning the UK would leave without ...': the writer's gloss
    # ("..., but did not specify"; not "but would not accept a deal" or "but had not asked for
    # an endorsement": what the speaker ruled out)
    return token.dep_ == "conj" and any(c.dep_ == "neg" for c in token.children) and any(
        c.dep_ == "cc" and c.lower_ == "but" for c in token.head.children) \
        and token.lemma_.lower() in lexicon.WITHHOLDING_VERBS | lexicon.ELABORATING_VERBS | lexicon.DECLINING_VERBS


def side_of(doc: Doc, tokens: list[Token], verb: Token, subject: Token | None,
            dropped: frozenset[int] | set[int] = frozenset(), claim: Token | None = None) -> Span | None:
    """Keep the tokens on the content's side of the attribution clause, trimmed: the side of
    the claim's verb, when given ('Regarding the hardest part, Sufianov said it was English':
    the parser may hang the topic before the attribution on the claim after it)."""
    if not tokens:
        return None
    attribution = {verb.i}
    if subject is not None and subject.head.i == verb.i:
        attribution |= {t.i for t in subject.subtree}
    if (claim if claim is not None else tokens[0]).i > verb.i:
        tokens = [t for t in tokens if t.i > max(attribution)]
        trailing = trailing_phrase(doc, tokens) if verb.pos_ in ("VERB", "AUX") else []
        if not any(t.i in dropped for t in trailing):
            tokens += trailing
    else:
        tokens = [t for t in tokens if t.i < min(attribution)]
    return contiguous(doc, tokens)


def trailing_phrase(doc: Doc, tokens: list[Token]) -> list[Token]:
    """Words the parser left between a complement and the end of its sentence.

    'as saying the business was "nowhere near" needing to raise equity': with no comma
    and no new subject before the full stop, the rest of the sentence is still the claim.
    """
    if not tokens:
        return []
    last = max(t.i for t in tokens)
    end = tokens[0].sent.end
    rest = list(doc[last + 1:quoted_sentence_end(doc, last + 1, end) or end])
    words = [t for t in rest if not t.is_space and not (t.is_punct and t.text in ".!?" + "".join(QUOTE_TOKENS))]
    if words and not any(t.text in ";:—–" for t in words) and (
            words[0].lower_ in lexicon.GOVERNED_CLAUSE_OPENERS
            or len(words) > 1 and words[0].text == "," and words[1].lower_ in lexicon.REASONING_OPENERS):
        return rest  # "was not giving them the longest sentence because they had ...": the claim's reason
    if words and rest[0].text in QUOTE_TOKENS and rest[-1].text in QUOTE_TOKENS and not rest[0].whitespace_:
        return rest  # 'reopen the department "the moment it is safe to do so."': the speaker's words go on
    if not words or any(t.dep_ in ("nsubj", "nsubjpass", "mark") for t in words):
        return []
    if not any(t.text in ",;:—–()" or t.dep_ == "cc" for t in words):
        return rest
    # "stole names, Social Security numbers and medical records": a list that goes on
    # after the object, with no verb of its own, is still the claim's.
    listing = doc[last].pos_ in ("NOUN", "PROPN") and words[0].text == "," \
        and any(t.dep_ == "cc" for t in words) and not any(t.text in ";:—–()" for t in words) \
        and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words)
    return rest if listing else []


def contiguous(doc: Doc, tokens: list[Token], around: Token | None = None) -> Span | None:
    """The span from the first to the last token, trimmed of linking words and punctuation.

    With ``around``, only the unbroken run of tokens containing that token is kept (used when
    a cue sits in the middle of its clause).
    """
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    if around is not None:
        ids = [t.i for t in tokens]
        if around.i in ids:
            k = ids.index(around.i)
            lo = hi = k
            while lo > 0 and ids[lo - 1] == ids[lo] - 1:
                lo -= 1
            while hi + 1 < len(ids) and ids[hi + 1] == ids[hi] + 1:
                hi += 1
            tokens = tokens[lo:hi + 1]
    start, end = tokens[0].i, tokens[-1].i + 1
    while start < end and (doc[start].lower_ in lexicon.CLAUSE_OPENERS and doc[start].dep_ not in lexicon.SUBJECT_DEPS
                           or doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTE_TOKENS)):
        start += 1  # (not "that" in "said that was not enough": the claim's subject)
    while end > start and (doc[end - 1].lower_ in lexicon.CLAUSE_CLOSERS or doc[end - 1].is_space
                           or doc[end - 1].text in ".!?"):
        end -= 1
    dated = after_dateline(doc, start, end)
    opening = dated != start or doc[start].is_sent_start  # (the claim opens its sentence)
    start = dated
    # "said on Monday they were close": the time belongs to the saying, not to what was said
    # ("According to the WHO, in 2018 there were ...": after a comma it opens the claim).
    while start < end and doc[start - 1].text != "," and not opening and not time_in_subject(
            doc, start) and (
            doc[start].ent_type_ in ("DATE", "TIME") or (
            doc[start].dep_ == "prep" and start + 1 < end and doc[start + 1].ent_type_ in ("DATE", "TIME"))):
        if doc[start].dep_ == "prep":
            start += 1
        while start < end and doc[start].ent_type_ in ("DATE", "TIME"):
            start += 1
        while start < end and doc[start].is_punct and doc[start].text not in QUOTE_TOKENS:
            start += 1
    if end - start < 3:
        return None
    return doc[start:end]



def time_in_subject(doc: Doc, i: int) -> bool:
    """"Thursday's decision", "Two weeks of talks ended": a time that owns or heads the
    claim's subject is part of it."""
    end = i
    while end < len(doc) and doc[end].ent_type_ in ("DATE", "TIME"):
        end += 1
    return end > i and (end < len(doc) and (doc[end].tag_ == "POS" or doc[end].lower_ == "of")
                        or doc[end - 1].tag_ == "POS")


def dateline_end(doc: Doc, i: int) -> int:
    """The token index just after a dateline ('SEOUL (Reuters) –', 'LAFAYETTE, La. (AP) —')
    opening the paragraph of token ``i``, or -1 when there is none."""
    start = doc[i].sent.start  # paragraphs open sentences, so a dateline opens one too
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc) or not doc[start].is_upper:
        return -1
    match = lexicon.DATELINE.match(doc[start:start + 24].text)
    if match is None or match["place"] is None:
        return -1
    at = doc[start].idx + match.end()
    while start < len(doc) and doc[start].idx < at:
        start += 1
    return start


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """Skip a dateline that opens the first paragraph of a content span."""
    after = dateline_end(doc, start)
    return after if start < after <= end else start


def parenthetical(doc: Doc, verb: Token, subject: Token | None) -> list[Span]:
    """'X happened, the ministry said.' when the parser did not make X the cue's complement."""
    sent = verb.sent
    if subject is None or verb.i < subject.i:
        before = [t for t in sent if t.i < min(verb.i, subject.i if subject is not None else verb.i)]
    else:
        before = [t for t in sent if t.i < min(t2.i for t2 in subject.subtree)]
    if len(before) < 4 or not any(t.text == "," for t in before[-2:]) or before[0].lower_ == "according":
        return []  # "According to the source, the actor asked ...": an attribution, not content
    if before[-1].dep_ == "cc":
        return []  # "The cabinet voted on Saturday, and the centre announced it": two events
    if not any(t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass") for t in before):
        return []  # "Stream, on the other hand, has [features added]": no clause, the verb's auxiliary
    if before[0].tag_ in ("VBG", "VBN") and before[0].dep_ == "advcl":
        return []  # "Speaking to reporters, she said ...": the setting, not what was said
    if any(t.dep_ == "advcl" and t.head.i == verb.i and any(c.dep_ == "mark" or c.tag_ == "WRB" for c in t.children)
           for t in before):
        return []  # "As the month closed, Biden kept his lead": the clause's time, not what was said
    setting = {t.i for c in verb.children if c.dep_ in ("prep", "advcl", "npadvmod", "advmod") and c.i < verb.i
               for t in c.subtree}
    if all(t.i in setting or t.is_punct for t in before):
        return []  # "After reading the notice, GitHub published it", "In a post, she affirmed ...": the setting
    span = contiguous(doc, before)
    return [span] if span is not None else []


def characterisation(doc: Doc, verb: Token, subject: Token | None) -> list[Span]:
    """'called the situation "very dangerous"', 'described the deployment as a threat'."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    predicates = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
    if obj is None and len(predicates) == 2 and predicates[0].pos_ in ("PROPN", "NOUN", "PRON"):
        # 'called Trump a "climate arsonist"': the parser made the object a predicate too
        obj = predicates[0]
    if obj is None:
        # "called Trump a clown": the parser glued the object to the predicate as a compound
        glued = next((c for c in verb.children if c.dep_ == "oprd" and any(
            t.dep_ == "compound" and t.pos_ == "PROPN" and t.i == c.left_edge.i for t in c.subtree)), None)
        span = contiguous(doc, list(glued.subtree)) if glued is not None else None
        return [through_closing_mark(span)] if span is not None else []
    # (not an infinitive: "call a special session to redraw the map" convenes it)
    complement = [c for c in verb.children if c is not obj
                  and ((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "xcomp", "ccomp"))
                  and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not complement and verb.lemma_ == "call":
        # "called the situation 'very dangerous'": the quoted predicate often hangs off the object.
        if not any(t.text in QUOTE_TOKENS for t in obj.subtree):
            return []
    elif not complement:
        return []
    tokens = [t for t in obj.subtree] + [t for c in complement for t in c.subtree]
    # 'calling the backlog "the single biggest obstacle" to meeting demand': what the quoted
    # noun is of or to, which the parser hung on the verb
    last = max(t.i for t in tokens)
    tokens += [t for c in verb.children if c.dep_ == "prep" and c.lower_ in lexicon.NOUN_COMPLEMENT_PREPOSITIONS
               and all(doc[k].text in QUOTE_TOKENS for k in range(last + 1, c.i)) and c.i > last for t in c.subtree]
    span = contiguous(doc, tokens)
    if span is None:
        return []
    # ('called the plan "a disaster" on Twitter': where it was said ends what was)
    setting = next((t.i for t in span if t.dep_ == "prep" and doc[t.i - 1].tag_ == "''"
                    and t.lower_ not in lexicon.NOUN_COMPLEMENT_PREPOSITIONS), None)
    span = doc[span.start:setting] if setting is not None else span
    closed = through_closing_mark(span)  # '“fantasy numbers from a campaign that ...”'
    if closed is not span:
        return [closed]
    # Take the quoted predicate's closing mark with it.
    end = span.end
    while end < len(doc) and (doc[end].text in QUOTE_TOKENS or doc[end].text in ".!?") and doc[end].sent == span.sent:
        if doc[end].text in QUOTE_TOKENS:
            return [doc[span.start:end + 1]]
        end += 1
    return [span]


def nominal_content(doc: Doc, verb: Token, cue_tokens: list[Token], lex: Lexicon, light: bool = True) -> list[Span]:
    """'expressed concern that X' -> X; 'expressed Russia's interest in X', and after any verb
    of saying (not ``light``) 'stated its intention to leave', 'announced plans to close 20
    stores' -> the object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in lex.reporting_nouns:
        return []
    clause = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and that_clause(c)]
    if clause and light:
        cue_tokens.append(obj)
        return clause_spans(doc, clause[0], verb, None, lex)
    if not clause and obj.lemma_.lower() in lex.attitude_nouns and any(
            c.dep_ == "poss" or not light and c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                     for a in c.children)
            for c in obj.children):  # (with no owner, "expressed intent to" is a wish, not an announcement)
        span = contiguous(doc, list(obj.subtree))
        if span is not None:
            cue_tokens.append(obj)
            return [span]
    return []


def phrase(doc: Doc, tokens: list[Token], lex: Lexicon | None = None) -> Span | None:
    """A noun phrase or short clause as content ('any wrongdoing', 'younger leadership'):
    like :func:`contiguous`, but two words are enough. With ``lex``, a channel or a time at
    its end ('denied the allegations in a statement on Monday') is the saying's, and goes."""
    if not tokens:
        return None
    if lex is not None:
        drop: set[int] = set()
        for t in sorted(tokens, key=lambda t: -t.i):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            last = max(x.i for x in tokens if x.i not in drop)
            if t.dep_ == "prep" and obj is not None and t.lower_ in lexicon.CHANNEL_PREPOSITIONS \
                    and max(x.i for x in t.subtree if x.i not in drop) == last \
                    and (obj.lemma_.lower() in lex.channel_nouns or obj.ent_type_ in ("DATE", "TIME")):
                drop |= {x.i for x in t.subtree}
        tokens = [t for t in tokens if t.i not in drop]
        if not tokens:
            return None
    tokens = sorted(tokens, key=lambda t: t.i)
    start, end = tokens[0].i, tokens[-1].i + 1
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTE_TOKENS)):
        start += 1
    while end > start and (doc[end - 1].lower_ in lexicon.CLAUSE_CLOSERS or doc[end - 1].is_space
                           or doc[end - 1].text in ".!?"):
        end -= 1
    if end - start < 2 or all(t.ent_type_ in lexicon.AMOUNT_LABELS or t.like_num for t in doc[start:end]):
        return None
    return through_closing_mark(doc[start:end])


def request_content(doc: Doc, verb: Token, cue_tokens: list[Token], lex: Lexicon,
                    requesting: bool = True) -> Span | None:
    """'urged voters to stay home' -> 'voters to stay home'; 'called on Ottawa to act' ->
    'Ottawa to act'; 'called for an inquiry' -> 'an inquiry'; 'asked for the price to be
    kept secret' -> 'the price to be kept secret'."""
    children = list(verb.children)
    addressee = next((c for c in children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    via = None
    if addressee is None:
        via = next((c for c in children if c.dep_ == "prep" and c.i > verb.i
                    and c.lower_ in lexicon.ADDRESSEE_PREPOSITIONS), None)
        addressee = next((c for c in via.children if c.dep_ == "pobj"), None) if via is not None else None
    infinitive = next((c for c in children if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX")
                       and c.i > verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                       and not any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children)), None)
    if not requesting and (infinitive is None or addressee is None or via is not None
                           or addressee.lemma_.lower() in lex.channel_nouns | lex.document_nouns):
        # a report of an object with an infinitive: "reported X to be dead", but not the
        # purpose of a statement ("wrote a letter to ask ...")
        return None
    if infinitive is not None and addressee is None and requesting:
        # "called for the government to reduce corruption": the object of 'for' is addressed
        wanted = next((c for c in children if c.dep_ == "prep" and c.lower_ == "for" and c.i < infinitive.i), None)
        addressee = next((c for c in wanted.children if c.dep_ == "pobj"), None) if wanted is not None else None
        if addressee is not None and wanted is not None and wanted.i == verb.i + 1:
            cue_tokens.append(wanted)
    if infinitive is not None and addressee is not None and addressee.lemma_.lower() in lexicon.CHOSEN_NOUNS \
            and infinitive.lemma_.lower() in lexicon.POST_VERBS:
        return None  # "pressed the nominee to lead the agency": the post the nominee is for
    if verb.lemma_.lower() == "call" and via is None and addressee is not None and addressee.dep_ == "dobj" \
            and addressee.pos_ == "NOUN" \
            and addressee.lemma_.lower() not in lex.agents | lex.org_nouns | lex.role_nouns:
        return None  # "called a meeting to discuss the budget": convening it, not asking anyone
    if infinitive is not None and (addressee is None or addressee.i < infinitive.i):
        if addressee is None and (verb.lemma_.lower() not in lex.commissive_verbs | lex.question_verbs
                                  or any(c.dep_ == "auxpass" for c in infinitive.children)):
            return None  # "was invited to speak", "asked not to be named": no request of anyone
        tokens = [t for t in infinitive.subtree if t.i not in aside(infinitive, lex)]
        if addressee is not None:
            tokens = list(addressee.subtree) + tokens
            if via is not None:
                cue_tokens.append(via)
        # ("urged residents to register, even if they were staying with family": its condition)
        tokens += [t for c in children if c.dep_ == "advcl" and c.i > infinitive.i and any(
            m.dep_ == "mark" and m.lower_ in lexicon.CONDITIONALS for m in c.children) for t in c.subtree]
        return phrase(doc, tokens)  # "to stay home on Sunday": the time is the request's
    wanted = next((c for c in children if c.dep_ == "prep" and c.lower_ == "for" and c.i > verb.i), None)
    if wanted is None:
        # "calling for the killers to be brought to justice": 'for' parsed as a mark
        wanted = next((c for c in children if c.dep_ in ("advcl", "ccomp") and c.i > verb.i
                       and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1 for m in c.children)), None)
        if wanted is None:
            return None
        cue_tokens.append(doc[verb.i + 1])
        return phrase(doc, [t for t in wanted.subtree if t.i > verb.i + 1])
    if addressee is not None and addressee.i < wanted.i \
            and verb.lemma_.lower() not in ("ask", "call", "appeal", "press"):
        return None  # "thanked the crews for ...", "warned residents for ...": not a request
    if wanted.i == verb.i + 1:
        cue_tokens.append(wanted)
    tokens = [t for t in wanted.subtree if t.i != wanted.i] + object_conjuncts(verb, wanted)
    if addressee is not None and addressee.i < wanted.i:
        tokens = list(addressee.subtree) + tokens  # "asked the Queen for a prorogation"
    return phrase(doc, tokens, lex)


def object_conjuncts(verb: Token, wanted: Token) -> list[Token]:
    """'called for an end to the ban, and the cancellation of all fees', 'called for the sale
    of the airport and to let residents decide': what the parser coordinated with the verb
    though a verb cannot be (a noun, an infinitive with no subject) is more of what was asked
    for."""
    return [t for c in verb.children if c.dep_ == "conj" and c.i > wanted.i and (
        c.pos_ in ("NOUN", "PROPN") or c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and not any(s.dep_ in lexicon.SUBJECT_DEPS for s in c.children)) for t in c.subtree]


def aside(claim: Token, lex: Lexicon) -> set[int]:
    """The tokens of a claim's dependents that are the reporter's, not the speaker's."""
    drop = set()
    for c in claim.children:
        if reporters_aside(c, lex) or (c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > claim.i):
            drop |= {t.i for t in c.subtree}  # "... to be dead, citing sources": the reporter's
        elif c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ") and claim.tag_ == "VB":
            # "urged the embassy to reconsider and spoke with ...": a finite verb is not part
            # of the infinitive; the parser hung the speaker's next act on it
            drop |= {t.i for t in c.subtree} | {t.i for t in claim.children if t.dep_ == "cc" and t.i < c.i}
    # "urged owners to stop charging them immediately, saying the batteries had caused fires":
    # a participle of saying set off deeper in, the parser's; a report of its own
    drop |= {t.i for p in claim.subtree if p.dep_ == "advcl" and p.tag_ == "VBG" and p.doc[p.i - 1].text == ","
             and reporting_participle(p, lex) for t in p.subtree}
    return drop


def speech_act_content(doc: Doc, verb: Token, lemma: str, cue_tokens: list[Token], lex: Lexicon,
                       source: bool = False) -> list[Span]:
    """Speech acts with a noun phrase: 'accused the mayor of lying', 'credited X with Y',
    'denied any wrongdoing', 'listed X as Y', 'referred to X as Y'."""
    children = list(verb.children)
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
    preps = [c for c in children if c.dep_ == "prep" and c.i > verb.i]
    if obj is None and lemma == "refer":
        to = next((p for p in preps if p.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is not None and to is not None:
            cue_tokens.append(to)
    if obj is None or obj.pos_ == "PRON" and lemma in lex.claim_object_verbs:
        return []
    preps += [c for c in obj.children if c.dep_ == "prep"]  # "blamed the opposition for ..."
    for prep in preps:
        if f"{lemma} {prep.lower_}" in lex.assessing_verbs or (prep.lower_ == "as" and lemma in lex.as_verbs):
            if prep.i < obj.i:
                continue
            role = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if prep.lower_ == "as" and role is not None and role.lemma_.lower() in lex.role_nouns \
                    and lemma not in lex.judging_verbs:
                return []  # "named Ann Lee as its chief executive": an appointment, not a claim
            tokens = list(obj.subtree) + list(prep.subtree)
            # ('accused X of overselling flights, as a House panel examined ...': the writer's setting)
            drop = {x.i for t in tokens if t.i > prep.i and reporters_aside(t, lex) for x in t.subtree}
            span = phrase(doc, [t for t in tokens if t.i not in drop], lex)
            return [span] if span is not None else []
    if lemma in lex.claim_object_verbs and obj.pos_ in ("NOUN", "PROPN") \
            and obj.lemma_.lower() not in lex.granted_nouns:
        # "alleged violation of the code, which says ...": the code's words are not the claim
        drop = {t.i for r in obj.subtree if r.dep_ == "relcl" and r.lemma_.lower() in lex.reporting_verbs
                for t in r.subtree}
        # "denied the claims made by the family" (but "denied claims that he was killed": the claim)
        drop |= {t.i for r in obj.subtree if r.dep_ == "acl" and r.i > obj.i and not that_clause(r) for t in r.subtree}
        span = phrase(doc, [t for t in obj.subtree if t.i not in drop], lex)
        return [span] if span is not None else []
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if source and lemma in lex.finding_object_verbs and obj.pos_ in ("NOUN", "PROPN") \
            and (subject is None or subject.lemma_.lower() not in lex.agents):
        # a body's object is its act ("the commission confirmed the appointment"), not a finding
        # "the investigation found no such action", "the database shows the ship underway"
        after = doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(doc) else None
        if after is not None and after.tag_ in lexicon.FINITE_TAGS:
            return []  # "showing some sponges can survive": the subject of a clause the parse broke
        # ("shows Abernathy at 46 percent and Ruiz at 41": the figures, and the parse's list of nouns)
        extra = [t for c in children if c.i > obj.i and (
            c.dep_ in ("oprd", "xcomp", "advmod") or c.dep_ == "prep" and any(
                o.ent_type_ in lexicon.AMOUNT_LABELS for o in c.children) or c.dep_ == "conj" and c.pos_ in (
                "NOUN", "PROPN")) for t in c.subtree]
        if any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in children if c.i > obj.i):
            extra += [c for c in children if c.dep_ == "cc" and c.i > obj.i]
        span = phrase(doc, list(obj.subtree) + extra, lex)
        return [span] if span is not None else []
    return []


def refers_back(span: Span, lex: Lexicon) -> bool:
    """'denied the allegations', 'confirmed the report': words said elsewhere, referred to by a
    noun that names them and nothing more, not what was said."""
    return span.root.pos_ == "NOUN" and span.root.lemma_.lower() in lex.words_nouns \
        and all(t.i == span.root.i or t.dep_ in ("det", "poss") for t in span)


def goes_on(rest: list[Token], main: Token) -> bool:
    """Whether the words after an attribution set off by commas go on with the clause before
    it: a coordinated remainder with no subject of its own ('She was glad to help, she said,
    but only for local candidates'), or a clause that the one before governs ('The bridge will
    stay closed, the mayor said, until engineers inspect it'; '..., to find out why')."""
    if not rest or any(t.text in QUOTE_TOKENS for t in rest):
        return False
    first = rest[0]
    if first.dep_ == "cc":
        return first.head.i == main.i and not any(
            t.dep_ in lexicon.ANY_SUBJECT_DEPS or t.tag_ == "VBG" or t.dep_ == "mark" for t in rest)
    purpose = first.lower_ == "to" and first.dep_ == "aux" and first.head.tag_ == "VB"
    return purpose or first.lower_ in lexicon.GOVERNED_CLAUSE_OPENERS


def addressee(obj: Token, lex: Lexicon) -> bool:
    """Whether a verb's object is whom it was said to ("told a guard", "told reporters")."""
    return obj.head.lemma_.lower() == "tell" and (
        obj.ent_type_ == "PERSON" or obj.lower_ in lexicon.OBJECT_PRONOUNS
        or obj.lemma_.lower() in lex.audience_nouns | lex.agents)


def leading_attribution(doc: Doc, verb: Token, subject: Token | None, lex: Lexicon) -> Span | None:
    """'The spokesperson added regarding the request, they "would not consider ..."', 'She told
    a guard at the door, "they raped me"': an attribution opening its sentence, set off by a
    comma, that the parser made the complement of the clause after it. That clause, to its
    end or a semicolon, is what was said."""
    comma = verb.right_edge.i + 1
    quoted = comma + 1 < len(doc) and doc[comma + 1].is_quote  # 'told a guard, "they raped me"'
    if subject is None or verb.dep_ != "ccomp" or verb.head.i < verb.i or subject.i > verb.i \
            or subject.ent_type_ not in lexicon.AGENT_LABELS and subject.pos_ not in ("NOUN", "PROPN", "PRON") \
            or any(c.dep_ == "ccomp" or c.dep_ == "dobj" and not (quoted or addressee(c, lex)) for c in verb.children) \
            or verb.head.lemma_.lower() in lex.reporting_verbs:
        return None  # "He called for calm, his office said": the clause after is the attribution
    if not verb.left_edge.i == subject.left_edge.i == verb.sent.start or comma >= len(doc) or doc[comma].text != ",":
        return None
    end = next((t.i for t in doc[comma:verb.head.right_edge.i + 1] if t.text in (";", ":")),
               verb.head.right_edge.i + 1)
    return contiguous(doc, [t for t in doc[comma + 1:end] if not t.is_space])


def worded_clause(doc: Doc, verb: Token) -> Span | None:
    """'As Ruiz put it, "the system is broken"', 'Ruiz put it bluntly: ...', '..., as Ruiz put
    it.': the words a phrase of wording introduces are the clause it is set in, on the other
    side of its comma or colon."""
    head = verb.head
    if verb.dep_ not in ("advcl", "ccomp") or head.i == verb.i:
        return None
    first, last = verb.left_edge.i, verb.right_edge.i
    if head.i > verb.i and last + 1 < len(doc) and doc[last + 1].text in (",", ":"):
        return contiguous(doc, [t for t in doc[last + 2:head.right_edge.i + 1] if not t.is_space])
    if head.i < verb.i and first > 0 and doc[first - 1].text == ",":
        return contiguous(doc, [t for t in doc[head.left_edge.i:first - 1] if not t.is_space])
    return None


def inserted_clause(doc: Doc, verb: Token, subject: Token | None, lex: Lexicon) -> tuple[Span, tuple[int, int]] | None:
    """'Councillors, the mayor noted, have seen such budgets vanish before.', 'Beyond that,
    he said, the board may ...': an attribution set off by commas inside the clause it
    reports. Returns the sentence as content and the token range of the attribution."""
    if subject is None or subject.head.i != verb.i or verb.dep_ not in ("parataxis", "ROOT"):
        return None
    sent = verb.sent
    own = [verb, *subject.subtree] + [c for c in verb.children if c.dep_ in ("prt", "advmod", "npadvmod")]
    lo, hi = min(t.i for t in own), max(t.i for t in own)
    if any(t.i < lo or t.i > hi for t in own) or lo - 1 <= sent.start or hi + 1 >= sent.end - 1:
        return None
    if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
        return None
    main: Token | None
    if verb.dep_ == "parataxis":
        main = verb.head
    else:
        main = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > hi and c.left_edge.i < lo), None)
    if main is None:
        return None
    if main.i < lo:
        rest = [t for t in doc[hi + 2:sent.end] if not t.is_space]
        if verb.dep_ != "parataxis" or not goes_on(rest, main):
            return None
    if any(t.i > hi and (t.dep_ == "ccomp" and t.head.i == verb.i) for t in doc[hi + 1:sent.end]):
        return None
    first = sent.start
    for t in doc[sent.start:lo - 1]:
        if t.text in (";", ":", "—", "–"):
            first = t.i + 1  # "...in 2015; they had, his father says, paid ...": the last clause
    before = contiguous(doc, list(doc[first:lo - 1]))
    after = phrase(doc, list(doc[hi + 2:sent.end]))
    if after is None or (main.i > hi and not any(t.pos_ in ("VERB", "AUX") for t in after)):
        return None
    if after[0].text in QUOTE_TOKENS and (doc[lo - 2].text in QUOTE_TOKENS or len(after) < 2 or not after[1].is_lower):
        return None  # '..., he said, "It happened ..."': the attribution of a direct quote (not
        # 'The city, he said, "has failed every family"', the quotation going on with the clause)
    start = before.start if before is not None else next(t.i for t in doc[first:lo] if not t.is_space)
    if start >= lo - 1:
        return None
    return doc[start:after.end], (lo - 1, hi + 2)
