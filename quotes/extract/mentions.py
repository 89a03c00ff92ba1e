"""Speaker mentions as written: the noun phrase, the name in it, how it was said."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicon

POSSESSIVE = re.compile(r"\s*['’]s?$")


ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z][A-Za-z&.-]*\s*\)?$")


def abbreviated(head: Token, prep: Token) -> bool:
    """'Notes from Poland (NFP)', 'the Commission on Presidential Debates (CPD)': a name the
    article abbreviates in brackets right after it, the letters its capitalised words begin with."""
    doc = head.doc
    end = max(t.i for t in prep.subtree if not t.is_bracket and t.dep_ != "appos") + 1
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    words = [t.text for t in doc[head.left_edge.i:end] if t.is_alpha and t.lower_ not in lexicon.ARTICLES]
    short = doc[end + 1].text
    # the initials of the capitalised words, or of every word ("Notes From Poland")
    return len(short) >= 2 and short.isupper() and short in (
        "".join(w[0] for w in words if w[0].isupper()), "".join(w[0] for w in words).upper())


def title_cased(head: Token, prep: Token, lex: Lexicon) -> bool:
    """'Mothers Against Drunk Driving Canada', 'Lawyers Without Borders': a name the recogniser
    missed, told by the capital of its preposition right after a capitalised head and by the
    capitals of all the words it governs."""
    described = [t for t in prep.subtree if t.dep_ == "appos" and t.head.i != head.i]  # (see below)
    words = [t for t in prep.subtree if not t.is_punct and not any(t in d.subtree for d in described)]
    # "Americans for Fiscal Restraint": a plural name takes a small one ("Residents of
    # Halifax" are people of a place)
    # ("Airlines for America, the industry's trade group": a plural described as a body is its
    # name, wherever the parser hung the description)
    body = any(c.dep_ == "appos" and c.lemma_.lower() in lex.org_nouns for c in [*head.children, *described])
    # ("the Town of Springhill", "the City of Hamilton": a municipality's name takes "of")
    capital = prep.text[:1].isupper() or (head.tag_ == "NNPS" or body) and prep.lower_ in lexicon.SMALL_WORDS \
        or head.pos_ == "PROPN" and head.lemma_.lower() in lex.place_nouns and prep.lower_ == "of"
    return prep.i == head.i + 1 and head.text[:1].isupper() and capital and head.ent_type_ != "PERSON" \
        and all(t.text[:1].isupper() or t.lower_ in lexicon.SMALL_WORDS for t in words) \
        and words[-1].text[:1].isupper() and (prep.right_edge.i == words[-1].i or bool(described))


def mention_span(head: Token, lex: Lexicon) -> Span:
    """The noun phrase of a speaker, without appositions or relative clauses."""
    doc = head.doc
    ids = {head.i}
    for child in head.children:
        if child.i < head.i and (child.dep_ in lexicon.NOUN_PHRASE_DEPS
                                 or (child.dep_ == "npadvmod" and head.lower_ == "old")):
            ids |= {t.i for t in child.subtree}  # "the 52-year-old"
        elif child.dep_ == "amod" and child.i > head.i and (
                head.tag_ == "NNS" or head.lemma_.lower() in ("person", "source")):
            # "people familiar with the matter" (", who spoke on condition of anonymity": aside)
            aside = {t.i for c in child.subtree if c.dep_ in ("appos", "relcl", "acl", "advcl") for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside}
        elif child.dep_ in ("conj", "cc") and child.i > head.i:
            aside = {t.i for c in child.subtree if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside}
        elif child.i == head.i + 1 and child.dep_ == "prep" and partitive_group(head) is not None:
            # "one of the daughters", "some of the residents, who ..."
            aside = {t.i for c in child.subtree if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside}
        elif child.dep_ == "prep" and child.i > head.i and (abbreviated(head, child) or title_cased(head, child, lex)):
            aside = {t.i for c in child.subtree if c.dep_ == "appos" for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside and not t.is_bracket}
        elif (child.dep_ == "prep" and child.lower_ in lexicon.NAME_PREPOSITIONS and child.i > head.i
              and (head.lemma_.lower() in lex.agents
                   or (head.ent_type_ in lexicon.ORG_LABELS and of_the_name(child)))):
            # "residents of Kenora, where the courthouse is": the clause is an aside
            aside = {t.i for c in child.subtree if c.dep_ == "relcl" for t in c.subtree}
            ids |= {t.i for t in child.subtree if t.i not in aside}
    # "The airport was evacuated and local police said": a clause the parser hung on the
    # head is no modifier; the phrase begins after it (and after the conjunction that ends it)
    clause = [i for t in doc[min(ids):head.i] if t.i in ids for i in (
        (t.i,) if t.tag_ in lexicon.FINITE_TAGS else (t.i, t.head.i) if t.dep_ in lexicon.CLAUSE_DEPS else ())]
    if clause:
        ids = {i for i in ids if i > max(clause)}
        ids = {i for i in ids if i >= min((i for i in ids if doc[i].dep_ != "cc"), default=head.i)}
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
    # Never cut a name in two: widen to the whole of any entity the phrase overlaps (but not
    # back over a comma: "who owned Lattimore, Amundsen said" is two names the recogniser joined).
    while lo > 0 and doc[lo].ent_iob_ == "I" and doc[lo].ent_type_ in lexicon.NAME_LABELS and doc[lo - 1].text != ",":
        lo -= 1
    if lo > 0 and doc[lo].is_lower and doc[lo].lower_ in lexicon.NAME_PARTICLES and doc[lo].ent_type_ == "PERSON" \
            and particle_name_start(doc[lo - 1]):
        lo -= 1  # ("Annelies van der Meer", of which the recogniser saw "van der Meer")
    while hi < len(doc) and doc[hi].ent_iob_ == "I" and doc[hi].ent_type_ in lexicon.NAME_LABELS \
            and not caption_label(doc[hi]):
        hi += 1
    # ("SMITHERS, B.C. — Members of a First Nation": a dateline is no part of the phrase)
    lo = max([lo] + [t.i + 1 for t in doc[lo:head.i] if t.text in ("—", "–") and doc[t.sent.start].is_upper
                     and lexicon.DATELINE.match(doc[t.sent.start:t.i + 1].text)])
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo:hi] if hi > lo else doc[head.i:head.i + 1]


def of_the_name(prep: Token) -> bool:
    """Whether a name's "of" phrase is part of it: inside the recogniser's name ("the Ministry
    of Health") or a place ("ABC of Australia"), not a body after a name it ends ("Ana Ruiz of
    the Red Cross", even when the recogniser took her for an organisation)."""
    if prep.ent_iob_ == "I":
        return True
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return place is not None and place.ent_type_ in ("GPE", "LOC")


def partitive_group(head: Token) -> Token | None:
    """The group a quantifier picks members out of ("one of the daughters", "two of the
    firefighters", "some of the Lee children"): the plural after its "of"; None for any other."""
    if head.pos_ != "NUM" and head.lower_ not in lexicon.PARTITIVES:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return group if group is not None and group.tag_ in ("NNS", "NNPS") else None


def particle_name_start(token: Token) -> bool:
    """Whether a word before a name's particle begins the name ("Annelies" of "Annelies van der
    Meer", which the recogniser left out, the tagger perhaps taking it for a verb)."""
    return name_cased(token) and not token.ent_type_ \
        and (token.pos_ == "PROPN" or lexicon.given_name(token.text) is not None)


def name_cased(token: Token) -> bool:
    """Written as a name's word: a capital, then small letters, with another capital after a
    short prefix ("LeBlanc", "McDonald", "DiCaprio", "MacLeod"; not "CentOS" or "NDP")."""
    return token.is_title or PREFIXED_NAME.fullmatch(token.text) is not None


PREFIXED_NAME = re.compile(r"[A-Z][a-z]{1,2}[A-Z][a-z]+")


def name_start(span: Span, lex: Lexicon) -> int:
    """Where the run of capitalised proper nouns that ends ``span`` begins, after any title
    ("Governor Ilse Varga" -> "Ilse Varga"); ``span.end`` when there is none."""
    doc, at = span.doc, span.end
    while at > span.start and ((doc[at - 1].pos_ == "PROPN" or doc[at - 1].lower_ in lexicon.GIVEN_NAMES)
                               and name_cased(doc[at - 1]) or doc[at - 1].text == "-"
                               or particle(doc, at - 1, span.start)) \
            and (doc[at - 1].text == "-" or doc[at - 1].lower_.rstrip(".") not in lex.not_in_names) \
            and not (at < span.end and doc[at - 1].is_alpha and doc[at - 1].lower_ in lex.titles_or_roles
                     and lexicon.given_name(doc[at].text) is not None):  # ("Coun.", "Warden Amanda Lee")
        at -= 1
    # "Minister of Health Ana Ruiz": the office's field is no part of the name
    if at > 0 and doc[at - 1].lower_ in lexicon.PORTFOLIO_WORDS | lexicon.OFFICE_JOINERS:
        while span.end - at > 2 and doc[at].lower_ in lexicon.PORTFOLIO_WORDS:
            at += 1
        # ("Minister of Equipment and Water Karim Benjelloun-Tazi": from the given name on)
        given = [(sure, t.i) for t in doc[at:span.end - 1] if t.is_title
                 and (sure := lexicon.given_name(t.text)) is not None
                 and 1 <= sum(w.text != "-" and doc[w.i - 1].text != "-" for w in doc[t.i + 1:span.end]) <= 3]
        at = min(given)[1] if given else at
    return after_nation(doc, at, span.end)


def particle(doc: Doc, i: int, start: int) -> bool:
    """Whether ``doc[i]`` is a particle inside a name: "Carbones del Catatumbo", "Ursula von
    der Leyen"."""
    k = i
    while k > start and doc[k].lower_ in lexicon.NAME_PARTICLES:
        k -= 1
    return k < i and doc[k].is_title and i + 1 < len(doc) and doc[i + 1].is_title


def after_nation(doc: Doc, at: int, end: int) -> int:
    """Where a name of ``doc[at:end]`` begins after the country written before it ("Norway
    Erna Lind"): at least two words of name follow, and the recogniser saw no person's name
    starting with the country ("Chad Le Clos")."""
    for size in (3, 2, 1):
        if end - (at + size) >= 2 and doc[at].ent_type_ != "PERSON" \
                and doc[at:at + size].text.lower() in lexicon.NATIONS:
            return at + size
    return at


def names_head(ent: Span, head: Token, lex: Lexicon) -> bool:
    """Whether a name inside a mention names the mention's referent: not when it owns the
    head ("Lusk's attorney"), sits in a modifier ("an adviser to the Voss campaign") or
    qualifies a role ("the Wooster professor"), except for an office named after its holder
    ("Yoon's office")."""
    token = ent.root
    doc = ent.doc
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i == head.i \
            and head.lemma_.lower() in lex.role_nouns | lex.title_words and ent.start > 0 \
            and doc[ent.start - 1].pos_ == "PROPN" and doc[ent.start - 1].ent_type_ != "PERSON":
        return True  # "Chair of the Federal Reserve Jerome Powell": the office's holder, after its body
    if token.dep_ == "poss" and token.head.i == head.i:
        return head.lemma_.lower() in lex.org_nouns
    if token.dep_ == "compound" and token.head.i == head.i and head.is_lower \
            and head.lemma_.lower() in lex.role_nouns | lex.epithet_nouns:
        return False  # "the Wooster professor": where the person works, not who they are
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ in ("prep", "pobj", "acl", "relcl", "advcl", "poss"):
            return False
        token = token.head
    return True


def without_trade(span: Span, lex: Lexicon) -> Span:
    """An organisation's name without the words that describe it before it: the line of
    work, capitalised at a sentence's start ("Chipmaker Nvidia", "Broadcaster ITV"), and
    words in lower case ("the ruling Democratic Rally", "state-run TASS", "the St. Louis-based
    Gateway Institute"), and the kind of body named in lower case ("Iranian news agency Fars")."""
    doc, at = span.doc, span.start
    # ("the St. Louis-based Gateway Research Institute": where it is based describes it too)
    at = next((t.i + 1 for t in span[:-1] if t.lower_ == "based" and doc[t.i - 1].text == "-"
               or t.lower_.endswith("-based")), at)  # (one token: "the U.S.-based Stimson Center")
    while at < span.end - 1 and (doc[at].is_lower or doc[at].text == "-" or doc[at].lower_ in lexicon.ARTICLES
                                 or (doc[at].pos_ != "PROPN" and capital_of_position(doc[at])
                                     and not particle(doc, at + 1, at))):  # ("Carbones del Catatumbo")
        at += 1
    if doc[at].is_lower:
        return span  # "the finance ministry": no name to keep
    if span.end - at >= 2 and doc[at].is_title and doc[at].lower_ in lex.trades:
        at += 1
    # "Iranian news agency Fars", "French carmaker Renault": the kind of body, in lower case
    # right before the name, ends the description
    kind = [t.i for t in doc[at:span.end - 1] if t.is_lower and t.pos_ == "NOUN" and not doc[t.i + 1].is_lower]
    return doc[kind[-1] + 1 if kind else at:span.end]


def strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)


HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Rev)\.?\s+)+")
POST_NOMINAL = re.compile(rf"(?<=\S),?\s+(?:{'|'.join(sorted(lexicon.POST_NOMINALS))})\.?$", re.I)


def clean_name(text: str) -> str:
    """A name as written, without article, honorific, letters after it ("Ann Lee QC"),
    possessive ending or the acronym given after it ("the Transport and Dock Workers' Union
    (TDWU)")."""
    text = ACRONYM_AFTER.sub("", " ".join(text.split()))
    return POST_NOMINAL.sub("", POSSESSIVE.sub("", HONORIFIC.sub("", strip_article(text))))


def unnamed(span: Span) -> str:
    """An unnamed source as described: 'Two people familiar with the matter' -> 'people
    familiar with the matter', 'A senior British official' -> 'senior British official'."""
    start = span.start
    # "A three-judge court": a number joined to the next word is part of the description
    while start < span.end - 1 and span.doc[start].dep_ in ("det", "nummod", "predet") \
            and span.doc[start].whitespace_:
        start += 1
    described = clean_name(span.doc[start:span.end].text)
    if capital_of_position(span.doc[start]):
        return described[:1].lower() + described[1:]  # "Police said": no name, a description
    return described


def capital_of_position(token: Token) -> bool:
    """Whether a word is capitalised only because it opens its sentence ("Police said",
    "Local officials said"), not because it is a name."""
    return token.is_title and token.pos_ != "PROPN" and not token.ent_type_ \
        and all(t.is_punct or t.is_space for t in token.doc[token.sent.start:token.i])


def antecedent_of_relative(pronoun: Token) -> Token:
    """'..., an analyst at Lantern Insights, who noted ...': a relative clause that the parser
    hung on the last noun of an apposition refers to the person the apposition describes; one
    it hung on a time after a noun refers to the noun."""
    head = pronoun.head.head
    if head.ent_type_ in lexicon.TIME_LABELS and head.i > 0 and head.doc[head.i - 1].pos_ == "NOUN":
        return head.doc[head.i - 1]  # ("began airing an ad Sunday that accuses ...": the ad, not Sunday)
    seen = head
    while seen.dep_ in ("pobj", "prep", "appos", "compound") and seen.head.i != seen.i:
        seen = seen.head
        if seen.ent_type_ == "PERSON":
            return seen
    return head


def entities(doc: Doc, lex: Lexicon) -> list[Span]:
    """The named entities, with hyphenated names completed (the small English model often
    stops a Korean or Chinese name at the hyphen: "Hyun Min" for "Hyun Min-jae"), a union
    local's number ("Local 966") and names
    after a particle ("Ursula von der"), without a caption's label ("Michelle Lujan Grisham
    Image: ..."), and an office's body apart from its holder's name."""
    fixed: list[Span] = []
    for ent in doc.ents:
        if fixed and ent.start < fixed[-1].end:
            continue
        end = ent.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        if ent.label_ == "ORG" and doc[end - 1].lower_ == "local" and end < len(doc) and doc[end].like_num:
            end += 1  # "Amalgamated Transit Union Local 966": the local's number is its name's
        if ent.label_ == "PERSON" and doc[end - 1].lower_ in lexicon.NAME_PARTICLES:
            # "Ursula von der Leyen", "Pieter van den Berg", of which the recogniser saw
            # "Ursula von der", "Pieter van"
            after = end
            while after < len(doc) and doc[after].lower_ in lexicon.NAME_PARTICLES:
                after += 1
            if after < len(doc) and doc[after].is_title and doc[after].pos_ == "PROPN":
                end = after + 1
        start, label = ent.start, ent.label_
        if label == "PERSON" and doc[start].is_lower and doc[start].lower_ in lexicon.NAME_PARTICLES and start > 0 \
                and particle_name_start(doc[start - 1]) and (not fixed or fixed[-1].end < start):
            start -= 1  # "Annelies van der Meer", of which the recogniser saw "van der Meer"
        if label == "PERSON":
            # "Louis-Philippe Gaudry", of which the recogniser saw the given name: the name's head
            # (or saw as another person after a given name: "Paul-Émile" and "Doiron")
            given = "-" in ent.text or doc[end - 1].lower_ in lexicon.GIVEN_NAMES.keys() | lexicon.NAME_SEXES.keys()
            while end < len(doc) and doc[end - 1].whitespace_ and doc[end].pos_ == "PROPN" and doc[end].is_title \
                    and (not doc[end].ent_type_
                         or given and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B") \
                    and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
                end += 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
        elif label == "ORG" and start > 1 and doc[start - 1].lower_ == "and" and ent.root.lemma_.lower() in \
                lex.org_nouns | lexicon.ORG_NAME_HEADS and named_word(doc[start - 2]) \
                and (fixed[-1].end if fixed else 0) <= start - 2:
            # "Swedish Meteorological and Hydrological Institute", of which it saw the part after "and"
            while start > 1 and named_word(doc[start - 2]) and (fixed[-1].end if fixed else 0) <= start - 2:
                start -= 1
            start -= 1
            if fixed and fixed[-1].label_ == "NORP" and fixed[-1].end == start:
                start = fixed.pop().start  # (the nation's adjective too: "Swedish")
        elif label == "ORG" and start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                and not doc[start - 1].ent_type_ and person_like(doc[start:end], lex) \
                and (doc[start - 1].lower_ in lexicon.GIVEN_NAMES
                     or start > 1 and doc[start - 2].lower_.rstrip(".") in lex.titles_or_roles):
            # "Amrit Sandhu-Patel", "NDP Leader Amrit Sandhu-Patel", of which it saw a body's name
            start, label = start - 1, "PERSON"
        elif label == "ORG" and end - start > 2 and doc[start].lower_.rstrip(".") in lex.titles_or_roles \
                and person_like(doc[start + 1:end], lex) and lexicon.given_name(doc[start + 1].text) is not None:
            start, label = start + 1, "PERSON"  # "Warden Amanda Landry-LeBlanc": a title and a name
        elif label == "ORG" and person_like(doc[start:end], lex) and end - start > 1 \
                and lexicon.given_name(doc[start].text) is not None and described_as_person(doc[start:end], lex):
            label = "PERSON"  # "claims adjuster Brent Okimaw", "the Minister for Transport, Eoghan Mac Cárthaigh"
        if end - start > 1 and caption_label(doc[end - 1]):
            end -= 1
        ent = Span(doc, start, end, label=label) if (start, end, label) != (ent.start, ent.end, ent.label_) else ent
        fixed.extend(office_and_holder(ent, lex))
    # "Sandhu-Patel said": a person's family name the recogniser took for a body elsewhere
    people = [e for e in fixed if e.label_ == "PERSON" and len(e) > 1]
    surnames = {doc[e.end - 3:e.end].text if len(e) > 3 and doc[e.end - 2].text == "-" else e[-1].text for e in people}
    # (not an owner: "Trump's State Department" stays a body's name)
    return [Span(doc, e.start, e.end, label="PERSON") if e.label_ == "ORG" and e.text in surnames
            and person_like(e, lex) and e.root.dep_ != "poss" else e for e in fixed]


def name_romance_bodies(doc: Doc) -> None:
    """Set the names of bodies in French or Spanish (:func:`romance_bodies`) among the
    document's entities, in place of the pieces the recogniser saw."""
    bodies = romance_bodies(doc)
    if bodies:
        doc.ents = sorted([e for e in doc.ents if not any(b.start < e.end and e.start < b.end for b in bodies)]
                          + bodies, key=lambda e: e.start)


def romance_bodies(doc: Doc) -> list[Span]:
    """Names of bodies in French or Spanish, which the recogniser cuts at their small words
    ("Fédération des médecins omnipraticiens du Québec" as "Fédération" and "Québec",
    "Société de transport de Montréal" as a person "de Montréal"): a capitalised word, then
    small words of those languages with words in lower case after them, and maybe a name
    after the last. A person's "de la Cruz" has no word in lower case."""
    found, i = [], 1
    while i < len(doc):
        start = i - 1
        if not (doc[i].lower_ in lexicon.ROMANCE_NAME_WORDS and doc[start].is_title and doc[start].is_alpha
                and doc[start].lower_ not in lexicon.ARTICLES):
            i += 1
            continue
        end, lowered, k = start + 1, False, i
        while k < len(doc) and doc[k].lower_ in lexicon.ROMANCE_NAME_WORDS:
            k += 1  # the small words ("de la")
            words = k
            while words < len(doc) and doc[words].is_alpha and doc[words].is_lower \
                    and doc[words].lower_ not in lexicon.ROMANCE_NAME_WORDS:
                words += 1  # "transport", "médecins omnipraticiens"
            lowered = lowered or words > k
            if words < len(doc) and doc[words].is_title and words == k:
                words += 1  # "Québec", "Montréal"
            if words == k:
                break
            end = k = words
        if lowered and end - start >= 3:
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                start -= 1  # ("Centrale des syndicats": and a name's words before)
            found.append(Span(doc, start, end, label="ORG"))
        i = max(end, i + 1)
    return found


def described_as_person(name: Span, lex: Lexicon) -> bool:
    """Whether a role or title stands right before a name ("claims adjuster Brent Okimaw": a
    noun of one who does something), the name is set off after one ("the Minister for
    Transport, Eoghan Mac Cárthaigh,") or a relative clause of a person follows it
    ("Marie-Claude Boudreau-Samson, who runs a bakery")."""
    doc, root = name.doc, name.root
    if any(c.dep_ == "relcl" and doc[c.left_edge.i].lower_ in ("who", "whom") for c in root.children):
        return True
    before = doc[name.start - 1] if name.start > 0 else None
    described = root.head if root.dep_ == "appos" and root.head.i < name.start else before
    if described is None or described.lemma_.lower() in lex.org_nouns:
        return False
    return described.lemma_.lower() in lex.role_nouns or described.lower_.rstrip(".") in lex.titles_or_roles \
        or described.pos_ == "NOUN" and described.is_lower and described.lower_.endswith(lexicon.AGENT_ENDINGS)


def named_word(token: Token) -> bool:
    """A capitalised word of a name the recogniser left out of it ("Meteorological", "Swedish")."""
    return token.is_title and token.pos_ in ("PROPN", "ADJ") and token.ent_type_ in ("", "NORP")


def person_like(ent: Span, lex: Lexicon) -> bool:
    """Whether a name the recogniser took for a body could be a person's: capitalised words
    of no body's kind ("Sandhu-Patel", not "Harbour Foods Ltd")."""
    words = [t for t in ent if t.text != "-"]
    joined = sum(t.i > 0 and t.doc[t.i - 1].text == "-" for t in words)  # ("Marie-Claude": one word)
    return 0 < len(words) - joined <= 3 and all(name_cased(t) and t.pos_ == "PROPN" for t in words) \
        and not any(t.lower_ in lex.org_nouns | lexicon.ORG_NAME_HEADS | lex.company_name_words for t in words)


def office_and_holder(ent: Span, lex: Lexicon) -> list[Span]:
    """"director of Amnesty International Man-kei Tam", "head of the World Health Organization
    Tedros Adhanom Ghebreyesus": after a role "of", the recogniser often reads the body and its
    officer's name as one. The person's name is the last two words or more after the body's
    closing word ("International", "Organization") or a portfolio's ("Industry"), or from a
    given name on."""
    doc = ent.doc
    before = ent.start - 1 - (ent.start > 0 and doc[ent.start - 1].lower_ in lexicon.ARTICLES)
    # (a field after others: "Minister of Indigenous Services and Northern Infrastructure Renewal ...")
    while before > 1 and doc[before].lower_ in ("and", ",", "&") and ent.start - before < 8:
        before -= 1
        while before > 1 and doc[before].is_title and doc[before].lower_ not in lexicon.OFFICE_JOINERS:
            before -= 1
    if before < 1 or doc[before].lower_ not in ("of", "for") or doc[before - 1].lemma_.lower() not in \
            lex.titles_or_roles:
        return [ent]
    first = next((t.i for t in ent if t.is_alpha and t.lower_ not in lexicon.ARTICLES), ent.end)
    holders = [t for t in ent[1:] if t.i > first and len(rest := [w for w in doc[t.i:ent.end] if w.text != "-"
                                                                  and doc[w.i - 1].text != "-"]) >= 2
               and all(w.is_title and w.pos_ == "PROPN" for w in rest)]
    # from a given name on, or after the last field of its portfolio ("Minister of Food,
    # Agriculture and Light Industry Batbayar Tsogtgerel")
    body_words = lex.org_nouns | lexicon.ORG_NAME_HEADS | lexicon.PORTFOLIO_WORDS
    given = [(sure, t.i) for t in holders if (sure := lexicon.given_name(t.text)) is not None]
    at = min(given)[1] if given else next((t.i for t in holders if doc[t.i - 1].lemma_.lower() in body_words
                                           and t.lemma_.lower() not in body_words), None)
    if at is None:
        return [ent]
    return [Span(doc, ent.start, at, label="ORG"), Span(doc, at, ent.end, label="PERSON")]


def caption_label(token: Token) -> bool:
    """'Image' in "... Grisham Image: Office of the Governor": a caption's label, no name's word."""
    doc = token.doc
    return token.lower_ in lexicon.CAPTION_LABELS and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"


def document_issuer(noun: Token) -> Token | None:
    """Who issued a document: 'a statement from X', 'a report by X', 'a statement released by
    X', 'the report of the commission' (but 'an analysis of the tools' is about them), 'X
    released a statement'."""
    # "a poll commissioned by the Chronicle and conducted by Beacon Research": who made it
    conducted = next((agent for c in noun.subtree if c.dep_ in ("acl", "conj") and c.lemma_.lower() == "conduct"
                      and c.head.i in (noun.i, *(a.i for a in noun.children)) and (agent := agent_of(c)) is not None),
                     None)
    if conducted is not None:
        return conducted
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            issuer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ != "of" or (issuer is not None and issuer.ent_type_ in ("ORG", "PERSON")):
                return issuer
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.ISSUING_VERBS:
            if any(c.dep_ == "agent" for c in child.children):
                return agent_of(child)
            # "a statement posted to his official Twitter account": the account's owner
            owner = next((p for c in child.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
                          for n in c.children if n.dep_ == "pobj" and n.lemma_.lower() in lexicon.CHANNEL_NOUNS
                          for p in n.children if p.dep_ == "poss"), None)
            if owner is not None:
                return owner
            # "a report released during the talks by the UN Environment Programme": the "by"
            # phrase the parser hung on the words between
            by = next((t for t in child.subtree if t.lower_ == "by" and t.dep_ in ("prep", "agent")), None)
            issuer = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if issuer is not None and issuer.ent_type_ in lexicon.AGENT_LABELS:
                return issuer
        if child.dep_ == "relcl" and child.lemma_.lower() in lexicon.ISSUING_VERBS:
            # "figures the agency released last month": the relative clause's subject
            subject = next((c for c in child.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")), None)
            if subject is not None:
                return subject
    # "the survey of 1,500 Canadians, conducted by Leger": the participle set off after the
    # noun's "of" phrase is the noun's, wherever the parser hung it
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in of.children if c.dep_ == "pobj"):
            for acl in (c for c in obj.children if c.dep_ == "acl" and c.lemma_.lower() in lexicon.ISSUING_VERBS):
                # (or, with no comma, by a body: "a survey of 812 voters released by the Marston Institute")
                if (agent := agent_of(acl)) is not None and (noun.doc[acl.i - 1].text == "," or (
                        agent.ent_type_ == "ORG" and obj.ent_type_ not in lexicon.ORG_LABELS)):
                    return agent
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.ISSUING_VERBS:
        # "The campaign released a statement saying ...": who released it
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None


def opening_name(name: Token) -> bool:
    """Whether a name is one the parser hung on an opening phrase, written right after the
    phrase's noun: "In the blog post Chris Wright, the chief officer of Red Hat, said" (but
    not "After talks with Ana Ruiz, the minister said": the minister speaks)."""
    return name.ent_type_ == "PERSON" and name.dep_ == "pobj" and name.doc[name.left_edge.i - 1].pos_ == "NOUN"


def in_capitals(token: Token) -> bool:
    """"WHO", "IT": a word in capitals is a name, whatever pronoun it spells."""
    return len(token.text) > 1 and token.text.isupper()


def agent_of(verb: Token) -> Token | None:
    """Whom a passive verb names with "by" ("was released by the ministry"), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def without_asides(phrase: Token) -> Span:
    """"in a statement", not "in a statement that it was reviewing the decision"; "in a letter
    to The Mercury News", not "..., published on Monday, ...": a phrase up to its first clause
    or apposition."""
    doc = phrase.doc
    end = phrase.i + 1
    while end <= phrase.right_edge.i and not doc[end].is_punct and not aside_in(doc[end], phrase):
        end += 1
    return doc[phrase.i:end]


def aside_in(token: Token, phrase: Token) -> bool:
    """Whether ``token`` is in a clause or apposition within ``phrase``."""
    while token.i != phrase.i and token.head.i != token.i:
        if token.dep_ in lexicon.ASIDE_DEPS:
            return True
        token = token.head
    return False


def channel_of(verb: Token, lex: Lexicon) -> str | None:
    """How the words were said: 'in a statement', 'on her Telegram channel', 'told reporters'."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.CHANNEL_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lex.channel_nouns:
                return without_asides(child).text
        if child.dep_ in ("dobj", "dative") and child.lemma_.lower() in lex.audience_nouns:
            return f"{verb.text} {verb.doc[child.left_edge.i:child.right_edge.i + 1].text}"
        if child.dep_ == "advcl" and child.lemma_ == "cite":
            return verb.doc[child.i:child.right_edge.i + 1].text
    return None
