"""Every word list of the project, once: the English of news reporting as data.

Extraction (:mod:`quotes.extract`) and canonicalisation (:mod:`quotes.canon`) read the same
lists, so a word added here changes both. Verbs and nouns are lemmas, compared with spaCy's
``token.lemma_``. The open-class lists (verbs, nouns, titles) are the fields of
:class:`Lexicon`, which the ``quotes`` pipeline component takes from its config; the
closed-class words (pronouns, determiners, conjunctions) are constants of English.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.util import registry
from textacy.constants import REPORTING_VERBS as _TEXTACY_REPORTING

# -- verbs ------------------------------------------------------------------------------

# Verbs that attribute speech or a stated claim to someone. textacy's list is the base;
# verbs of thought and feeling ("believe", "think", "fear", "hope", "worry") are removed
# because news reports them as the writer's inference, not as something said.
REPORTING_VERBS: frozenset[str] = frozenset(
    (_TEXTACY_REPORTING["en"] - {"believe", "think", "fear", "hope", "worry", "according",
                                   "order", "decline", "agree", "disagree", "blame",
                                   "criticize", "charge", "cite"})
    | {
        "affirm", "answer", "assure", "boast", "brief", "call", "caution", "clarify",
        "comment", "confess", "convey", "counter", "demand", "dismiss", "emphasise",
        "emphasize", "express", "forecast", "highlight", "indicate", "inform", "joke",
        "lament", "pledge", "point", "post", "proclaim", "propose", "publish", "quote",
        "reaffirm", "reiterate", "remark", "respond", "retort", "reveal", "share", "specify",
        "threaten", "tweet", "underline", "underscore", "voice", "vow",
        # verbs of the manner of saying, which attribute direct quotes ("..., he fumed")
        "fume", "rage", "snap", "quip", "exclaim", "shout", "yell", "scream", "whisper",
        "mutter", "gush", "thunder", "roar", "scoff", "sneer", "blast", "slam",
    }
)

# Phrasal verbs of answering back, read as the verb of saying they mean ('"Nobody said you
# should," Ramirez shot back'): the verb alone says nothing ("police fired").
PHRASAL_CUES: dict[tuple[str, str], str] = {
    ("shoot", "back"): "retort", ("fire", "back"): "retort", ("hit", "back"): "retort",
    ("snap", "back"): "retort", ("push", "back"): "counter",
}

# Verbs that, governing a verb of saying, mean it was not said ("declined to say").
DECLINING_VERBS: frozenset[str] = frozenset({"decline", "refuse", "fail", "neglect"})
# Endings of words for occupations ("Volcanologist Sarah Kingsley", "Photographer Ana Ruiz",
# "Statistician Tom Reyes"): no given name or surname ends so.
OCCUPATION_ENDINGS: tuple[str, ...] = ("ologist", "ographer", "ician", "onomist")
# Verbs by which news notes what a source kept back ("but did not say how much", "but would
# not identify the company").
WITHHOLDING_VERBS: frozenset[str] = frozenset({"say", "disclose", "reveal", "explain", "identify", "name",
                                               "detail", "confirm", "provide", "give", "offer"})
# Participles by which the writer explains a claim after a comma ("..., meaning the UK would
# leave without a deal").
GLOSSING_VERBS: frozenset[str] = frozenset({"mean"})
# Verbs of saying more, which news uses for what a source left unsaid ("declined to
# elaborate", "though he did not comment further").
ELABORATING_VERBS: frozenset[str] = frozenset({"comment", "elaborate", "specify"})

# Verbs of a stated attitude: joined with "but" or "and" and no subject of their own after a
# reported clause, they go on with the report ("told fans she was gutted but understood his
# reasons", "said he disagreed with the ruling but respected it").
ATTITUDE_VERBS: frozenset[str] = frozenset({"understand", "accept", "respect", "appreciate", "regret",
                                            "support", "welcome", "hope", "believe", "feel"})

# Verbs of wording, cues with "it" for the words ("As Ruiz put it, ...", "she phrased it
# this way: ..."): what was said is the clause the phrase is set in.
WORDING_VERBS: frozenset[str] = frozenset({"put", "phrase", "word"})

# Verbs whose infinitive complement states a commitment or demand someone voiced
# ("vowed to fight on", "promised to cut taxes"); other verbs' infinitives are not speech.
COMMISSIVE_VERBS: frozenset[str] = frozenset({"promise", "vow", "pledge", "threaten", "urge",
                                              "demand", "say", "claim"})

# Verbs whose gerund object is a claim or proposal voiced ("denied cutting the budget",
# "suggested expanding the Court", "admitted taking the money").
GERUND_VERBS: frozenset[str] = frozenset({
    "deny", "admit", "acknowledge", "suggest", "propose", "advocate", "recommend", "recall", "mention",
    "report", "announce", "confirm",
})

# Verbs that characterise an object as something ("called the situation 'very dangerous'",
# "described the deployment as a threat"): the content is the object plus its predicate.
CHARACTERISING_VERBS: frozenset[str] = frozenset({"call", "describe", "label", "brand", "term",
                                                  "dub", "characterize", "characterise"})

# Verbs of naming: in the present tense and without quotation marks they give a name in use
# ("they call him the crowbar robber", "locals dub it the Rock"), not a statement.
NAMING_VERBS: frozenset[str] = frozenset({"call", "dub", "term", "name", "nickname"})
# What gives a described speaker a name: "a protester named Ana", "a man identified as
# Tom Reyes", "a resident using the pseudonym Kit".
GIVEN_NAME_VERBS: frozenset[str] = NAMING_VERBS | {"identify", "know"}
NAME_NOUNS: frozenset[str] = frozenset({"name", "pseudonym", "alias", "nickname"})
# What a writer notes a source left out: "claimed, without evidence, that ...", "said ...
# without giving details" (but "was rushed through without proper consultation" is the claim's).
WITHHELD_NOUNS: frozenset[str] = frozenset({"evidence", "proof", "detail", "explanation", "elaboration",
                                            "specifics", "substantiation", "comment"})
# Nouns of a person chosen for a post, and verbs of holding one: "pressed the nominee to lead
# the agency over ..." names the post, no request to lead ("urged the nominee to withdraw" is one).
CHOSEN_NOUNS: frozenset[str] = frozenset({"nominee", "pick", "choice", "candidate", "appointee", "successor"})
POST_VERBS: frozenset[str] = frozenset({"lead", "head", "run", "serve", "replace", "succeed", "become", "chair",
                                        "direct", "oversee", "command", "fill"})
# Words that put a title or a written text in quotation marks: 'a paper titled "..."', 'signs
# reading "..."' (a document "reading" gives its issuer's words; a sign, a banner gives nobody's).
TITLING_WORDS: frozenset[str] = frozenset({"titled", "entitled", "subtitled", "headlined", "captioned", "reading"})

# Verbs whose object noun carries the content ("expressed concern that ...",
# "shared assessments that ...", "issued a warning that ...").
LIGHT_VERBS: frozenset[str] = frozenset({"express", "share", "voice", "issue", "make", "raise",
                                         "reiterate", "convey", "repeat", "give", "offer"})

# Verbs of asking and urging: the request is the addressee with the infinitive ("urged
# voters to stay home", "called on Ottawa to act", "asked the ministry to explain") or the
# object of "for" ("called for an inquiry"); a question is what is asked ("asked whether").
REQUEST_VERBS: frozenset[str] = frozenset({
    "ask", "urge", "demand", "encourage", "invite", "tell", "advise", "instruct", "request",
    "implore", "beg", "appeal", "exhort", "warn", "call", "plead", "petition", "press",
    "beseech", "entreat", "challenge", "direct",
})
# Verbs whose embedded question ("asked whether ...") is the content, not a lack of it.
QUESTION_VERBS: frozenset[str] = frozenset({"ask", "inquire", "enquire", "query", "question"})
# Verbs of answering, and of putting questions to someone: "Lee questioned Ruiz about the
# fund. "We took $8 million," he replied." - who replies is the one questioned.
ANSWERING_VERBS: frozenset[str] = frozenset({"reply", "respond", "answer", "retort"})
QUESTIONING_VERBS: frozenset[str] = QUESTION_VERBS | {"press", "quiz", "grill", "challenge"}
# Prepositions that introduce whom a request is made of ("called on", "appealed to",
# "pleaded with") and what is asked for ("called for", "asked for").
ADDRESSEE_PREPOSITIONS: frozenset[str] = frozenset({"on", "upon", "to", "with"})
# Verbs whose object is the one told: in the passive ("respondents were told the program
# could raise the deficit") their subject heard the words, and who said them goes unnamed.
TELLING_VERBS: frozenset[str] = frozenset({"tell", "inform", "assure", "notify", "advise", "remind", "brief",
                                           "warn", "reassure"})

# Verbs by which a document or data "speak" ("a poll shows that ...", "the report found
# that ...", "the statement read: ..."): cues only when their subject is a source noun.
FINDING_VERBS: frozenset[str] = frozenset({
    "show", "find", "establish", "demonstrate", "determine", "read", "rule", "conclude",
    "indicate", "suggest", "estimate", "reveal", "state", "say", "note", "predict", "project",
    "confirm", "mention", "list", "cite", "detail", "outline", "recommend", "instruct",
})
# Of those, verbs of a judgement handed down, a statement whoever hands it down ("Judge Ana
# Ruiz ruled that the law was void"), when it has a clause of its own.
RULING_VERBS: frozenset[str] = frozenset({"rule"})
# Documents, data and the bodies that find ("the court found", "researchers established").
SOURCE_NOUNS: frozenset[str] = frozenset({
    "poll", "survey", "report", "study", "data", "figure", "number", "statistic", "email",
    "filing", "record", "document", "letter", "statement", "analysis", "research",
    "investigation", "inquiry", "probe", "review", "audit", "census", "estimate", "result",
    "finding", "test", "paper", "memo", "guideline", "decree", "notice", "complaint",
    "lawsuit", "ruling", "opinion", "judgment", "verdict", "indictment", "affidavit", "order",
    "transcript", "readout", "release", "minute", "model", "projection", "forecast", "budget",
    "court", "panel", "jury", "tribunal", "judge", "researcher", "scientist", "author",
    "inspector", "auditor", "investigator", "commission", "committee", "website", "database",
    "tally", "count",
})

# Speech acts whose object and prepositional phrase carry the claim ("accused the mayor of
# lying", "credited the crews with ..."), as "verb preposition".
ASSESSING_VERBS: frozenset[str] = frozenset({
    "accuse of", "praise for", "credit with", "credit for", "blame for", "blame on",
    "thank for", "criticize for", "criticise for", "commend for", "fault for", "applaud for",
    "condemn for", "congratulate for", "congratulate on", "slam for", "chide for",
    "rebuke for", "scold for", "berate for", "laud for", "hail for", "hail as", "accuse over",
    "criticize over", "criticise over", "blame over", "attack for", "attack over", "blast for",
    "blast over", "slam over", "chastise for", "denounce for", "fault over",
})
# Speech acts whose bare object is the claim ("denied any wrongdoing", "alleged fraud").
CLAIM_OBJECT_VERBS: frozenset[str] = frozenset({"deny", "allege"})
# Objects that are granted or refused, not claims ("denied the appeal", "denied bail").
GRANTED_NOUNS: frozenset[str] = frozenset({
    "request", "appeal", "application", "motion", "permission", "access", "entry", "bail",
    "visa", "petition", "bid", "parole", "asylum", "approval", "license", "licence", "permit",
    "service", "coverage", "benefit", "right", "passage", "landing", "admission",
})
# Verbs of finding whose noun-phrase object is what a document or data show ("the
# investigation found no such action", "the database shows the ship underway").
FINDING_OBJECT_VERBS: frozenset[str] = frozenset({
    "show", "find", "reveal", "indicate", "suggest", "estimate", "predict", "project",
    "establish", "demonstrate", "detail", "list",
})
# Verbs that judge an object aloud "as" something ("criticized the commutation as an abuse
# of power", "attacked Drudge as a consistent opponent", "praised her as a tireless advocate"):
# whatever they call it, a role too, is the claim.
JUDGING_VERBS: frozenset[str] = frozenset({"hail", "label", "brand", "criticize", "criticise", "attack",
                                           "insult", "slam", "blast", "dismiss", "praise", "mock",
                                           "deride", "ridicule"})
# Verbs that present an object "as" something ("listed X as Y", "referred to X as Y"); with a
# role ("named Ann Lee as its chief executive") they tell an appointment, not a claim.
AS_VERBS: frozenset[str] = JUDGING_VERBS | {"list", "cite", "name", "report", "refer", "portray",
                                            "depict", "present", "characterise", "characterize",
                                            "describe", "term"}

# Nouns of statement: with a "that" clause they carry reported content ("X's claim that ...").
REPORTING_NOUNS: frozenset[str] = frozenset({
    "statement", "claim", "concern", "warning", "assessment", "announcement", "assertion",
    "allegation", "assurance", "view", "insistence", "promise", "pledge", "remark", "comment",
    "message", "argument", "accusation", "denial", "suggestion", "prediction", "estimate",
    "hope", "fear", "belief", "position", "interest", "regret", "support", "confidence",
    "doubt", "opposition", "condolence", "criticism", "demand", "call", "threat",
    "reply", "response", "answer", "intention", "intent", "plan", "desire", "wish", "charge",
    "rumour", "rumor", "speculation",
})
# Of these, which may carry content as a bare object of a light verb, without a "that"
# clause ("expressed Russia's interest in ...", "expressed concern over ...").
ATTITUDE_NOUNS: frozenset[str] = frozenset({
    "interest", "concern", "regret", "support", "confidence", "hope", "doubt", "opposition",
    "condolence", "criticism", "gratitude", "willingness", "readiness", "satisfaction",
    "disappointment", "determination", "commitment", "intention", "intent", "plan", "desire", "wish",
})

# A stated position, told by its verb: approval or condemnation of a noun phrase ("the
# paper endorsed the plan", "denounced the ruling as ..."), an intention ("the council plans
# to ..."), and nouns of a position with what it is about ("her criticism of the levy",
# "concerns about the merger", "a call for calm"). A reader calls them statements, less
# surely than words said: quotes found by them carry a cue kind of their own.
STANCE_VERBS: frozenset[str] = frozenset({"endorse", "condemn", "denounce", "decry", "deplore"})
INTENTION_VERBS: frozenset[str] = frozenset({"plan", "intend"})
# Verbs by which another answers a claim ("..., which Trump denied", "..., with which others
# agreed"): in a relative clause after the claim, the writer's report of the answer.
RESPONSE_VERBS: frozenset[str] = frozenset({
    "agree", "disagree", "dispute", "reject", "contest", "challenge", "confirm", "echo",
    "welcome", "criticise", "criticize", "rebut", "refute", "deny", "question",
})
POSITION_NOUNS: frozenset[str] = frozenset({
    "criticism", "concern", "call", "warning", "demand", "condemnation", "praise", "denial",
    "accusation", "appeal", "plea", "complaint", "objection", "threat", "promise", "pledge",
    "endorsement", "opposition", "support",
})
# The prepositions that give what a position is about ("criticism of", "a call for").
POSITION_PREPOSITIONS: frozenset[str] = frozenset({"of", "about", "over", "for", "against", "on"})

# Nouns naming the channel a statement went through ("in a statement", "on Telegram").
CHANNEL_NOUNS: frozenset[str] = frozenset({
    "statement", "post", "interview", "briefing", "conference", "channel", "account", "page",
    "dispatch", "speech", "address", "meeting", "call", "letter", "report", "release",
    "communique", "tweet", "message", "broadcast", "video", "remark", "comment", "op-ed",
    "column", "session", "hearing", "summit", "telegram", "website", "blog", "email",
    "podcast", "show", "program", "programme", "article", "editorial", "commentary",
})
# Verbs of moving someone to act: in "prompting the mayor to say ...", the mayor speaks.
CAUSING_VERBS: frozenset[str] = frozenset({"prompt", "lead", "force", "cause", "spur", "push", "compel", "drive",
                                          "move", "provoke", "inspire"})
# Adjectives of a speaker's stance toward a claim: 'said A and was confident (that) B' goes on
# reporting what the speaker said.
STANCE_ADJECTIVES: frozenset[str] = frozenset({
    "confident", "certain", "sure", "convinced", "adamant", "optimistic", "hopeful", "pessimistic",
    "doubtful", "skeptical", "sceptical", "satisfied",
})
# Channels words are posted on, not in ("on the ministry's website").
POSTING_NOUNS: frozenset[str] = frozenset({"website", "site", "account", "page", "blog", "feed", "channel"})
# Platforms words are posted on, whose name the recogniser may join to the poster's ("on
# Twitter West accused ..."): never part of a person's name.
PLATFORMS: frozenset[str] = frozenset({"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram",
                                       "linkedin", "reddit", "weibo", "wechat", "snapchat"})
# Objects of "tell" that are an audience, not content ("told reporters", "told the meeting").
AUDIENCE_NOUNS: frozenset[str] = frozenset({
    "reporter", "journalist", "press", "meeting", "audience", "lawmaker", "parliament",
    "crowd", "supporter", "broadcaster", "newspaper", "agency", "radio", "television", "tv",
    "conference", "summit", "assembly", "committee", "session", "council", "gathering",
    "delegate", "official", "student", "media", "outlet", "station", "paper", "daily",
    "trustee", "jury", "court",
})

# Speaker mentions that are products of a speaker ("the statement said"): resolved to whoever
# issued the statement earlier in the article.
DOCUMENT_NOUNS: frozenset[str] = frozenset({
    "statement", "report", "dispatch", "post", "announcement", "communique", "release",
    "letter", "document", "memo", "notice", "message", "readout", "transcript", "editorial",
    "commentary", "article", "story", "declaration", "decree", "resolution", "bulletin", "proclamation",
    "manifesto", "summary", "tweet",
    # a court's own words, and the papers a party files, which speak for that party
    "ruling", "judgment", "verdict", "lawsuit", "suit", "complaint", "petition", "affidavit",
    "indictment",
})

# Nouns by which news refers back to a body of any kind ("INDECI reported ... The agency
# said", "Nishnawbe Aski Nation ... according to the organization").
GENERIC_BODY_NOUNS: frozenset[str] = frozenset({"organization", "organisation", "agency", "body"})

# Nouns that head the name of an organisation ("the Russian Embassy", "the ministry").
ORG_NOUNS: frozenset[str] = frozenset({
    "embassy", "ministry", "agency", "office", "department", "government", "administration",
    "council", "committee", "commission", "party", "army", "military", "force", "police",
    "court", "parliament", "assembly", "congress", "senate", "cabinet", "kremlin", "pentagon",
    "media", "newspaper", "broadcaster", "company", "firm", "group", "union", "organization",
    "organisation", "bank", "institute", "university", "college", "service", "command", "headquarters",
    "bureau", "authority", "secretariat", "consulate", "mission",
    "delegation", "team", "regime", "state", "outlet", "station", "daily", "paper",
    "center", "centre", "foundation", "association", "federation", "coalition", "alliance",
    "club", "utility", "studio", "cooperative", "board", "regulator", "watchdog", "hospital",
    "school", "charity", "campaign", "chamber", "manufacturer", "carrier", "airline", "retailer",
    "insurer", "lender", "operator", "network", "league", "district", "staff", "crew", "unit", "division",
    "tribunal", "panel",
    "family",  # "the family of the victim said", "his family said in a statement"
})

# Words that end the names of organisations but are not used for one in running text
# ("The Korea Times", "Kyiv Post", "the Armed Forces", "the Blue House").
ORG_NAME_HEADS: frozenset[str] = frozenset(
    "times news post press house fund forces corporation navy presidency television radio international".split())

# Nouns by which news refers back to a place it has named, speaking as its local
# government ("the town said", "a lawsuit brought by the city").
PLACE_NOUNS: frozenset[str] = frozenset({"town", "city", "village", "municipality", "borough",
                                         "county"})

# Endings of nouns of one who does something ("adjuster", "custodian", "accountant"): before a
# name, such a noun says what the person does.
AGENT_ENDINGS: tuple[str, ...] = ("er", "or", "ist", "ian", "ant", "ent")

# Role nouns: a mention headed by one of these and holding no name is role-only
# ("the Kremlin spokesman", "South Korea's president", "the chief of NATO").
ROLE_NOUNS: frozenset[str] = frozenset({
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "secretary-general", "chief", "head", "director", "leader", "chairman", "chairwoman",
    "chair", "ambassador", "envoy", "official", "commander", "general", "governor", "mayor",
    "senator", "lawmaker", "prime", "premier", "chancellor", "king", "queen", "prince",
    "diplomat", "analyst", "expert", "researcher", "professor", "adviser", "advisor",
    "aide", "representative", "deputy", "vice", "ceo", "mp", "mep", "mla", "mpp", "founder", "attache", "counterpart",
    "commissioner", "prosecutor", "judge", "justice", "source", "officer", "negotiator", "member",
    "economist", "scholar", "fellow", "editor", "correspondent", "journalist", "executive",
    "manager", "coordinator", "delegate", "nominee", "candidate", "monarch", "pope",
    # occupations news refers back to people by ("the sheriff said", "the striker told")
    "sheriff", "detective", "inspector", "constable", "attorney", "lawyer", "agent", "coach",
    "captain", "striker", "midfielder", "defender", "goalkeeper", "player", "actor", "actress",
    "singer", "musician", "author", "writer", "scientist", "doctor", "physician", "surgeon",
    "nurse", "teacher", "principal", "owner", "pilot", "activist", "campaigner", "councillor",
    "councilman", "councilwoman", "councilmember", "councilor", "alderman", "alderwoman", "strategist",
    "consultant", "banker", "treasurer", "speaker", "reeve", "warden",
    "whip", "regent", "trustee", "organizer", "organiser", "protester", "demonstrator",
    "resident", "witness", "neighbour", "neighbor", "collector", "student", "parent",
    "worker", "employee", "engineer", "investor", "trader", "farmer", "driver", "passenger", "herder",
    "fisherman", "fisherwoman", "fisher", "rancher", "shepherd", "vendor", "labourer", "laborer",
    "fan", "supporter", "volunteer", "victim", "survivor", "legislator", "backbencher",
    "provost", "dean", "rector", "superintendent", "registrar", "bishop", "priest", "pastor",
    "archbishop", "cardinal", "rabbi", "imam", "cleric", "performer", "specialist", "columnist",
    "photographer", "host", "anchor", "commentator", "historian", "lecturer", "astronaut",
    "firefighter", "paramedic", "voter", "shopper", "customer", "commuter", "motorist",
    "cyclist", "tenant", "homeowner", "landlord", "patient", "pensioner", "retiree", "visitor",
    "traveller", "traveler", "tourist", "bystander", "eyewitness", "veteran", "shopkeeper",
    "businessman", "businesswoman", "entrepreneur", "chef", "mechanic", "electrician", "plumber",
    "athlete", "artist", "designer", "architect", "blogger", "developer", "programmer",
    "critic", "opponent", "observer",
    # the people of crime and court news, and those around a person
    "suspect", "attacker", "gunman", "assailant", "shooter", "defendant", "inmate", "prisoner",
    "detainee", "hostage", "plaintiff", "claimant", "complainant", "colleague", "friend", "relative",
    "classmate", "coworker", "co-worker",
    # anonymous sources: "a person familiar with the matter", "people in the administration",
    # and passers-by ("a woman who lives nearby said", "one man told reporters")
    "person", "people", "insider", "man", "woman", "girl", "boy", "teenager",
})


# Words of a title that may precede a name and are never part of the name itself
# ("President Yoon Suk Yeol", "Kremlin spokesman Dmitry Peskov", "state media KCNA"); at the
# end of a name they mark it as a role rather than a name ("South Korea's president").
TITLE_WORDS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "gen",
    "baroness", "baron", "viscount", "viscountess", "earl", "countess", "marquess",
    "lt", "col", "colonel", "maj", "capt", "captain", "adm", "admiral", "marshal", "sgt", "sen",
    "rep", "gov", "amb", "president", "minister", "secretary", "general", "secretary-general",
    "spokesman", "spokeswoman", "spokesperson", "foreign", "defense", "defence", "prime",
    "deputy", "vice", "chief", "director", "leader", "chairman", "chairwoman", "chair",
    "ambassador", "envoy", "commander", "governor", "mayor", "senator", "representative",
    "congressman", "congresswoman", "lawmaker", "chancellor", "king", "queen", "prince",
    "princess", "pope", "premier", "state", "attache", "military", "charge", "affaires",
    "commissioner", "ceo", "head", "interior", "finance", "trade", "unification", "attorney",
    "aide", "adviser", "advisor", "analyst", "expert", "researcher", "official", "officer",
    "correspondent", "reporter", "editor", "media", "of", "-", "the", "'s", "’s",
    "mp", "mep", "mla", "mpp", "msp", "mme", "mlle", "rev",
    # ranks and offices written short before a name ("Staff Sgt.", "Coun.", "Det. Insp.")
    "cpl", "const", "cst", "insp", "supt", "det", "coun", "cllr", "cmdr", "cdr", "pte", "pvt", "spc",
    "atty", "hon", "brig", "msgr", "fr", "ald", "asst", "commr",
    # and written out (not those that are surnames too: "Major", "Bishop", "Constable")
    "commodore", "sergeant", "corporal", "lieutenant", "brigadier", "inspector", "superintendent",
    "detective", "rabbi", "imam", "archbishop", "reverend",
    # offices of legislatures and agencies ("Senate Minority Whip", "FAA Administrator")
    "whip", "majority", "minority", "administrator", "commandant", "comptroller", "ombudsman",
    "councilmember", "councillor", "councilor", "councilman", "councilwoman", "alderman", "alderwoman",
    "assemblyman", "assemblywoman", "assemblymember", "speaker", "reeve", "warden",
})
# Titles written with a period before a name, as the tokenizer is to keep them ("said Sgt.
# Ana Ruiz" is one sentence); English models already know "Dr.", "Gen.", "Gov.", "Rep.", "Sen.".
ABBREVIATED_TITLES: frozenset[str] = frozenset({
    "Sgt", "Cpl", "Const", "Cst", "Insp", "Supt", "Det", "Coun", "Cllr", "Capt", "Maj", "Col", "Lt",
    "Cmdr", "Cdr", "Pte", "Pvt", "Spc", "Atty", "Hon", "Brig", "Msgr", "Fr", "Ald", "Asst", "Commr",
})
# Titles written short, and the office each stands for: "Gov. Ana Ruiz" is who "the governor"
# refers back to, and holds the same office as "Governor Ana Ruiz".
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
    "cpl": "corporal", "const": "constable", "cst": "constable", "insp": "inspector", "supt": "superintendent",
    "det": "detective", "coun": "councillor", "cllr": "councillor", "cmdr": "commander", "cdr": "commander",
    "atty": "attorney", "commr": "commissioner", "ald": "alderman", "prof": "professor", "supv": "supervisor",
}
# Titles whose office a description names by another noun: "Justice Ana Ruiz ... the judge said".
TITLE_OFFICES: dict[str, str] = {"justice": "judge"}
# Multi-word titles, matched at the end of the words before a name.
TITLE_PHRASES: tuple[str, ...] = ("secretary of state",)
# Titles that name the same office in news style: "the chief of NATO" is its
# secretary-general, "the Kremlin spokesman" its spokesperson.
TITLE_CLASSES: dict[str, str] = {
    "chief": "head", "head": "head", "leader": "head", "secretary-general": "head",
    "director-general": "head", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
}
# Titles an organisation's name may carry: "North Korea's official KCNA", "state media KCNA".
ORG_TITLES: frozenset[str] = frozenset({"official", "media"})
# Words describing an organisation rather than naming it: "state-run TASS".
ORG_DESCRIPTORS: frozenset[str] = frozenset("official state run owned controlled media".split())
# Endings that add nothing to an organisation's name: "the Yonhap news agency" is Yonhap.
GENERIC_ORG_SUFFIXES: tuple[tuple[str, ...], ...] = (("news", "agency"), ("news", "service"),
                                                     ("wire", "service"))
# Institutions of a place: a name written before one in lower case is where it stands, not
# whose it is ("the Omsk hospital", "the Kenora school board"; but "the TASS news agency").
LOCAL_BODY_NOUNS: frozenset[str] = frozenset(
    "hospital clinic school college board council court prison jail airport port zoo museum "
    "library fire police".split())
# Institutions news qualifies by country or place: a bare "the embassy" can only mean the
# one embassy known, if just one is known.
INSTITUTIONS: frozenset[str] = frozenset(
    "embassy consulate ministry government military army navy police parliament office "
    "mission delegation cabinet presidency".split())
# Lower-case words that may sit inside a name: "Ursula von der Leyen".
NAME_PARTICLES: frozenset[str] = frozenset("von van der den de da del di du la le bin al el ibn".split())
# The commonest family names of Vietnam, China and Korea, whose names news writes family name
# first and shortens to it ("Trần Quốc Bảo ... Trần said", "Yoon Suk Yeol ... Yoon"), lower
# case without accents.
# (Not those that are English words too: "He", "Do", "Song", "Moon".)
FAMILY_NAMES_FIRST: frozenset[str] = frozenset("""
    nguyen tran le pham hoang huynh phan vu vo dang bui ngo duong ly dinh truong trinh
    wang li zhang liu chen yang huang zhao wu zhou xu sun zhu hu guo lin luo gao zheng liang xie
    tang han feng deng cao peng zeng xiao tian yuan cai jiang cheng wei
    kim lee park choi jung jeong kang cho yoon jang lim shin seo kwon hwang ahn yoo hong jeon
""".split())
# The small words of French and Spanish names of bodies, written in lower case between their
# words ("Fédération des médecins omnipraticiens du Québec", "Ministerio de Salud").
ROMANCE_NAME_WORDS: frozenset[str] = frozenset("de du des d' d’ del la le les et y e en pour sur".split())
# Generational suffixes that end a name without being the surname ("Robert Downey Jr.").
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"})
# Letters after a name that are an honour, a rank or a seat, no part of it ("Kama Melly QC").
POST_NOMINALS: frozenset[str] = frozenset({"qc", "kc", "sc", "obe", "cbe", "mbe", "kbe", "dbe", "mp", "msp", "mla",
                                           "mpp", "phd", "esq"})

# Nouns by which news refers back to an organisation it has named, by its line of work:
# "Northway Power said ... the utility said" is the power company, "the newspaper wrote"
# the paper named before. Each kind takes only an organisation shown to be of that kind.
COMPANY_NOUNS: frozenset[str] = frozenset({
    "company", "firm", "utility", "manufacturer", "carrier", "airline", "retailer", "insurer",
    "lender", "operator", "studio", "cooperative", "bank", "producer", "supplier", "developer",
    "maker", "chain", "startup", "conglomerate", "miner", "automaker", "carmaker", "chipmaker",
    "publisher", "distributor", "business", "corporation", "giant",
})
MEDIA_NOUNS: frozenset[str] = frozenset({
    "newspaper", "paper", "daily", "broadcaster", "outlet", "station", "magazine", "tabloid",
    "publication", "weekly", "website", "network",
})
# The people of a newsroom: their questions and requests are the reporting, not a source's words.
NEWSROOM_NOUNS: frozenset[str] = frozenset({"reporter", "journalist", "correspondent", "interviewer"})
CLUB_NOUNS: frozenset[str] = frozenset({"club", "team", "side", "franchise"})
# Last words of the names of newspapers and broadcasters ("the Harbour Gazette").
MEDIA_NAME_WORDS: frozenset[str] = frozenset(
    "times post news press herald gazette tribune journal chronicle telegraph guardian observer "
    "independent star mirror express standard sun globe mail magazine daily weekly radio "
    "television tv review register courier examiner inquirer bulletin dispatch record".split())
# Last words of the names of companies ("Northway Power", "Acme Inc").
COMPANY_NAME_WORDS: frozenset[str] = frozenset(
    "inc ltd llc plc corp co corporation company group holdings power energy motor motors airlines "
    "airways bank industries systems technologies labs pharmaceuticals foods mining limited gmbh ag a/s "
    "products resources enterprises solutions brands logistics".split())
# Nouns that describe a person by what they do or are, beyond the role nouns: "the rookie
# winger said", "the soft-spoken engineer said". With a modifier they are epithets, which
# news uses for the person the passage is about.
EPITHET_NOUNS: frozenset[str] = frozenset({
    "winger", "forward", "midfielder", "defender", "striker", "goalkeeper", "keeper", "rookie",
    "veteran", "youngster", "teenager", "newcomer", "champion", "quarterback", "pitcher",
    "batsman", "bowler", "cyclist", "runner", "swimmer", "skier", "boxer", "golfer", "jockey",
    "sprinter", "athlete", "engineer", "architect", "designer", "chef", "artist", "novelist",
    "poet", "filmmaker", "director", "entrepreneur", "businessman", "businesswoman",
    "politician", "lawmaker", "incumbent", "challenger", "mother", "father", "widow",
    "grandmother", "grandfather", "retiree", "pensioner", "mechanic", "electrician", "veterinarian",
    "physicist", "chemist", "biologist", "astronomer", "historian", "mathematician", "forecaster",
    "meteorologist", "broadcaster", "host", "presenter", "comedian", "rapper", "star",
    "old",  # "the 52-year-old"
})

# Documents and data that speak for themselves, not for whoever issued them ("a poll by
# Ipsos found", "court filings show", "emails obtained by the paper"): their speaker is the
# document, and the issuer, when named, relayed it. (A lawsuit or complaint is its filer's.)
DATA_NOUNS: frozenset[str] = frozenset({
    "poll", "survey", "study", "report", "research", "analysis", "data", "figure", "statistic",
    "estimate", "census", "audit", "review", "finding", "email", "e-mail", "filing", "record",
    "document", "testimony", "minutes", "guideline", "log", "projection", "forecast",
    "investigation", "inquiry", "probe", "assessment", "evaluation", "database", "result", "budget", "dashboard",
    "datum",  # the lemma the English models give "data"
})

# Words that make a noun refer back to one named before ("the same poll").
BACK_REFERRING: frozenset[str] = frozenset({"same", "aforementioned"})
# Names of one piece of research, which an article uses of the same work in turn ("Researchers
# at X studied ... The investigation found ... the paper said").
RESEARCH_NOUNS: frozenset[str] = frozenset({"study", "research", "investigation", "paper", "experiment"})
# Names of one poll ("A poll by Ipsos showed ... The same survey found").
POLL_NOUNS: frozenset[str] = frozenset({"poll", "survey"})


def alike(lemma: str) -> frozenset[str]:
    """The nouns an article may use in turn for the thing ``lemma`` names."""
    return next((nouns for nouns in (RESEARCH_NOUNS, POLL_NOUNS) if lemma in nouns), frozenset({lemma}))
# Who does research: "Researchers at Tallis University tracked 2,000 patients. The study found".
RESEARCHER_NOUNS: frozenset[str] = frozenset({"researcher", "scientist", "team", "author", "investigator"})

# Verbs by which a document comes from its issuer ("a poll published by NBC News", "a
# report commissioned by the council"); "emails obtained by the paper" are not the paper's.
ISSUING_VERBS: frozenset[str] = frozenset({
    "publish", "release", "issue", "conduct", "commission", "file", "write", "send", "compile",
    "prepare", "produce", "sign", "post", "author", "carry", "submit", "lodge", "bring", "table", "unveil",
    "pass", "adopt",  # "the council passed a resolution"
})

# Roles of people whose words are a body's ("a spokesperson said" after "Tesco announced"):
# written bare, such a role speaks for the organisation the passage names.
SPOKESPERSON_NOUNS: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "representative", "rep",
})

# Roles of people who speak for someone else ("the spokesman", "her lawyer", "a source"):
# such a description is never the person the passage is about.
PROXY_NOUNS: frozenset[str] = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "official",
    "source", "representative", "envoy", "lawyer", "attorney", "agent", "diplomat", "insider",
    "person", "counsel", "prosecutor", "judge", "deputy", "assistant", "secretary", "staffer",
    "negotiator", "delegate", "correspondent", "analyst", "expert", "counterpart", "witness",
})

# Words that label a caption's credit ("Image: Office of the Governor"), never part of a name
# written before them.
CAPTION_LABELS: frozenset[str] = frozenset({"photo", "image", "picture", "credit", "video"})

# People named by whom they belong to ("his wife", "her roommates", "their son"): with a
# possessive pronoun, whose they are names them.
RELATION_NOUNS: frozenset[str] = frozenset({
    "wife", "husband", "spouse", "partner", "widow", "widower", "girlfriend", "boyfriend",
    "fiancee", "fiancé", "fiancée", "fiance", "son", "daughter", "child", "mother", "father",
    "parent", "brother", "sister", "sibling", "cousin", "uncle", "aunt", "nephew", "niece",
    "grandmother", "grandfather", "grandson", "granddaughter", "friend", "roommate", "flatmate",
    "housemate", "neighbour", "neighbor", "colleague", "classmate", "teammate", "coworker",
    "co-worker", "relative", "boss", "employer", "employee", "manager", "coach", "associate", "ally",
})

# The nouns US news calls a member of a party by ("the Ohio Democrat"), and the letter of the
# party in a politician's tag ("Sen. Ana Ruiz, D-Ohio,", "(R-Texas)").
PARTY_MEMBERS: dict[str, str] = {"democrat": "D", "republican": "R", "independent": "I"}
PARTY_TAG = re.compile(r"\s*[,(]\s*([DRI])-([A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?){0,2}?)"
                       r"(?:\s*[,)]|(?<=\.)(?=\s|$))")  # (or ending the sentence: "..., R-Kan.")
# The states of the US and how news writes them short in such a tag: AP style ("N.Y.",
# "Calif.") and postal codes ("NY"); a state written in full is its own.
US_STATES: dict[str, frozenset[str]] = {state: frozenset(short.split()) for state, short in (
    ("Alabama", "Ala. AL"), ("Alaska", "AK"), ("Arizona", "Ariz. AZ"), ("Arkansas", "Ark. AR"),
    ("California", "Calif. CA"), ("Colorado", "Colo. CO"), ("Connecticut", "Conn. CT"), ("Delaware", "Del. DE"),
    ("Florida", "Fla. FL"), ("Georgia", "Ga. GA"), ("Hawaii", "HI"), ("Idaho", "ID"), ("Illinois", "Ill. IL"),
    ("Indiana", "Ind. IN"), ("Iowa", "IA"), ("Kansas", "Kan. Kans. KS"), ("Kentucky", "Ky. KY"),
    ("Louisiana", "La. LA"), ("Maine", "ME"), ("Maryland", "Md. MD"), ("Massachusetts", "Mass. MA"),
    ("Michigan", "Mich. MI"), ("Minnesota", "Minn. MN"), ("Mississippi", "Miss. MS"), ("Missouri", "Mo. MO"),
    ("Montana", "Mont. MT"), ("Nebraska", "Neb. Nebr. NE"), ("Nevada", "Nev. NV"), ("New Hampshire", "N.H. NH"),
    ("New Jersey", "N.J. NJ"), ("New Mexico", "N.M. NM"), ("New York", "N.Y. NY"), ("North Carolina", "N.C. NC"),
    ("North Dakota", "N.D. ND"), ("Ohio", "OH"), ("Oklahoma", "Okla. OK"), ("Oregon", "Ore. Oreg. OR"),
    ("Pennsylvania", "Pa. Penn. PA"), ("Rhode Island", "R.I. RI"), ("South Carolina", "S.C. SC"),
    ("South Dakota", "S.D. SD"), ("Tennessee", "Tenn. TN"), ("Texas", "Tex. TX"), ("Utah", "UT"),
    ("Vermont", "Vt. VT"), ("Virginia", "Va. VA"), ("Washington", "Wash. WA"), ("West Virginia", "W.Va. WV"),
    ("Wisconsin", "Wis. Wisc. WI"), ("Wyoming", "Wyo. WY"), ("Puerto Rico", "P.R. PR"),
    ("District of Columbia", "D.C. DC"))}

# Party affiliations news writes before a politician's name ("Libertarian Jo Jorgensen",
# "Democrat Ann Lee"): a description of the person, no part of the name.
AFFILIATION_WORDS: frozenset[str] = frozenset(
    "democrat democratic republican libertarian labour conservative liberal tory independent "
    "socialist communist".split())

# -- closed-class words ---------------------------------------------------------------------

# Words that show a person's grammatical gender, so "she" does not go to a man named earlier.
GENDER: dict[str, str] = {
    **dict.fromkeys(["he", "him", "his", "mr", "spokesman", "chairman", "congressman",
                     "businessman", "king", "prince", "sir", "husband", "father", "son", "brother",
                     "uncle", "nephew", "grandfather", "grandson", "boyfriend", "fisherman"], "m"),
    **dict.fromkeys(["she", "her", "hers", "mrs", "ms", "miss", "spokeswoman", "chairwoman",
                     "congresswoman", "businesswoman", "queen", "princess", "dame", "mme", "mlle", "wife",
                     "mother", "daughter", "sister", "aunt", "niece", "grandmother", "granddaughter",
                     "girlfriend", "fisherwoman"], "f"),
}

# Quantifiers that pick some members out of a group ("one of the daughters", "some of the
# residents"): with "of" and a plural they are a mention of a speaker that holds no name.
# "one", "each", "either" and "neither" pick one person; numbers are quantifiers too.
PARTITIVES: frozenset[str] = frozenset({"one", "each", "either", "neither", "some", "several",
                                        "many", "most", "few", "both", "all", "none", "half",
                                        "majority", "minority", "dozens", "hundreds", "thousands"})
SINGLE_PARTITIVES: frozenset[str] = frozenset({"one", "each", "either", "neither"})

# Endings of nationality words that, as nouns, name a whole people, not one person ("the
# French", "the Dutch", "the Chinese", "the Swiss"), unlike "the Swede", "the Briton".
COLLECTIVE_DEMONYM_ENDINGS: tuple[str, ...] = ("sh", "ch", "ese", "ss")


# Verbs by which a source names whose words it carries ("according to Reuters, citing two
# officials", "the paper, which quoted a diplomat"), as lemmas.
CITING_VERBS: frozenset[str] = frozenset({"cite", "quote"})

# Cues by which an outlet passes on what someone else said ("..., the BBC reported",
# "according to Reuters"), as lemmas.
RELAY_CUES: frozenset[str] = frozenset({"report", "accord to"})

# Cues that only report words, the surest of attributions (a feature of extract/confidence).
PLAIN_CUES: frozenset[str] = frozenset({"say", "tell", "according to", "add"})

# The first person outside quotation marks: a speaker's own words (an interview answer), never
# the reporter's prose; inside reported speech, words that were not shifted to the third person.
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|our|us)\b")

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
# Words between a cue and what it reports, not part of it ("described it as ...", "said that ...").
CONTENT_OPENERS: frozenset[str] = frozenset({"as", "that", "to"})
# Pronouns in the object case: never the subject of a clause.
OBJECT_PRONOUNS: frozenset[str] = frozenset({"me", "him", "us", "them"})
ORG_PRONOUNS: frozenset[str] = frozenset({"it"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "them", "we"})
# Pronouns that may stand as a speaker mention.
SPEAKER_PRONOUNS = PERSON_PRONOUNS | ORG_PRONOUNS | GROUP_PRONOUNS | {"i", "you", "who", "which", "that"}
# Possessives and the pronoun whose antecedent is their owner ("his campaign": he).
# Bodies that answer to one office-holder: "the administration" is that of the one president
# (or governor, or mayor) the article names.
LED_BODIES: dict[str, tuple[str, ...]] = {"administration": ("president", "governor", "mayor")}
# Bodies that belong to one person ("the family", "the campaign" of the person the passage is about).
PERSONAL_BODIES: frozenset[str] = frozenset({"family", "campaign", "estate", "camp"})

POSSESSIVE_SUBJECTS: dict[str, str] = {"his": "he", "her": "she", "their": "they", "its": "it"}
# The subject form of an object pronoun, to find whom it refers to as its subject would be.
OBJECT_SUBJECTS: dict[str, str] = {"him": "he", "her": "she", "them": "they", "it": "it"}
# Every personal pronoun and possessive: never a speaker's alias.
PRONOUNS: frozenset[str] = frozenset(
    "i you he she it we they him her them his hers its our ours their theirs".split())
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
# The short words a title-cased name or headline writes small ("Friends of the Earth").
SMALL_WORDS: frozenset[str] = frozenset("a an the and or but of in on at to for by with from as vs v".split())
DETERMINERS: frozenset[str] = ARTICLES | {"its", "their", "his", "her", "our"}
# Determiners of a definite description that refers back ("the ministry", "this statement").
DEFINITE: frozenset[str] = frozenset({"the", "this", "that"})
# Determiners of an anonymous source ("a senior official", "two people familiar ...").
INDEFINITE: frozenset[str] = frozenset({"a", "an", "one", "two", "three", "several", "some"})
PREPOSITIONS: frozenset[str] = frozenset("of for in to at on from".split())
# The small words inside names of organisations, left out of their acronyms and keys.
NAME_LINKERS: frozenset[str] = ARTICLES | PREPOSITIONS | {"and"}
# Function words, left out when comparing the words of two quotes.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about after again against all also am an and any are as at be because been
    before being between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in
    into is it its itself just me more most my no nor not now of off on once only
    or other our out over own s same she should so some such t than that the their
    them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your
    """.split()
)
# Words opening an embedded question ("did not say when"): a question reports no statement.
WH_WORDS: frozenset[str] = frozenset({"when", "where", "why", "how", "what", "who", "whom", "which",
                                      "whether"})
# Marks opening an embedded yes-no question ("asked whether ...", "asked if ...").
QUESTION_MARKS: frozenset[str] = frozenset({"whether", "if"})
# Conjunctions opening a subordinate clause that may trail a reported claim.
SUBORDINATORS: frozenset[str] = frozenset({"when", "where", "while", "whereas", "because", "as",
                                           "although", "though", "unless", "since", "which"})
# Words that open a condition or a time under which a claim holds: "could vote in person if
# records indicated they had not", a part of the claim, not another report.
CONDITION_MARKS: frozenset[str] = frozenset({"if", "unless", "until", "once", "when", "because", "after",
                                             "before", "since"})
# Nouns by which a writer sums up what was said or done, after it ("..., a move that could
# delay the project", "..., a claim officials rejected").
SUMMING_NOUNS: frozenset[str] = frozenset({
    "move", "decision", "step", "view", "claim", "promise", "pledge", "charge", "allegation",
    "assertion", "accusation", "position", "stance", "argument", "remark", "comment", "suggestion",
    "sentiment", "assessment", "prediction", "warning", "threat", "admission", "statement",
    "figure", "number", "estimate", "count", "tally", "report", "account", "description", "idea", "proposal",
    "phrase", "reference", "ritual", "tradition", "practice", "feat", "tactic", "gesture",
    "characterisation", "characterization", "result", "outcome",
    "point", "conclusion", "finding", "message", "refrain", "criticism", "concern",
})
# Nouns that name words as words ("the question, "Is this person a citizen?"", "the slogan
# "Build Back Better""): a quotation after one is what it names, not what someone said.
MENTION_NOUNS: frozenset[str] = frozenset({
    "question", "slogan", "phrase", "word", "title", "motto", "headline", "hashtag", "sign",
    "banner", "caption", "chant", "nickname", "term", "expression", "label", "tagline", "catchphrase",
})
# Verbs of saying more only when they take no noun as object ("she added", "he went on";
# not "added the question to the census", "continued the tradition").
ADDING_VERBS: frozenset[str] = frozenset({"add", "continue"})
# Verbs of saying that take a clause and never a thing as their object: "said the ruling
# vindicated concerns" is a clause, whatever the parse made of it.
CLAUSE_ONLY_VERBS: frozenset[str] = frozenset({"say", "insist", "contend"})
# Words that qualify an office without telling one holder from another ("a federal judge",
# "the local official", "a senior minister").
GENERIC_QUALIFIERS: frozenset[str] = frozenset({
    "local", "federal", "national", "state", "regional", "provincial", "municipal", "top", "senior",
    "junior", "former", "then", "current", "acting", "new", "outgoing", "incoming", "interim",
    "deputy", "chief", "government", "public", "high", "ranking", "high-ranking", "veteran",
})
# Who works with a named person without being named ("Ana Ruiz and other researchers",
# "Ruiz and her colleagues", "Ruiz and others"): the named person speaks for them, as a
# citation names the first author.
FELLOW_NOUNS: frozenset[str] = frozenset({
    "other", "colleague", "collaborator", "co-author", "coauthor", "co-worker", "coworker", "team",
    "teammate", "associate",
})
# Nouns for the sides of a deal or a dispute, which "the parties said" means together.
SIDE_NOUNS: frozenset[str] = frozenset({"party", "side"})
# Fields of a government's offices: "the health minister" names an office every country
# has, so across articles it is nobody in particular, where "the Kremlin spokesman" is one.
PORTFOLIO_WORDS: frozenset[str] = frozenset({
    "health", "finance", "financial", "foreign", "defence", "defense", "interior", "home", "justice",
    "education", "transport", "transportation", "environment", "environmental", "trade", "energy", "labour",
    "labor", "agriculture", "culture", "economy", "economic", "development", "aviation", "civil",
    "treasury", "industry", "housing", "security", "immigration", "tourism", "sports", "information",
    "communications", "infrastructure", "fisheries", "social", "affairs", "welfare", "science",
    # and the bodies a member sits in ("Member of Parliament Femke Willems")
    "parliament", "congress",
})
# Adverbs that put a clause after the one before in time ("and she would later resign"): the
# narration going on, not more of a claim.
SEQUENCE_ADVERBS: frozenset[str] = frozenset({"later", "eventually", "then", "soon", "afterwards",
                                              "subsequently", "ultimately"})
# Words that make a clause a condition: a verb of saying in one ("if records showed ...")
# reports nothing anyone said.
CONDITIONALS: frozenset[str] = frozenset({"if", "unless"})
# Of the words opening a time under which a claim holds, those that make it the claim's
# proviso ("would not reopen until the chief says it is safe"), not a time of another report.
PROVISO_MARKS: frozenset[str] = CONDITIONALS | {"until", "once"}
# Words opening a clause governed by the one before: after an attribution set off by commas
# ("The road stays closed, the mayor said, until it is safe") the claim goes on.
GOVERNED_CLAUSE_OPENERS: frozenset[str] = frozenset({"until", "unless", "because", "if", "when", "before",
                                                     "after", "although", "though", "since", "once"})
# Words that open a quotation no sentence of its own: '"Whenever there are signs of a palm
# branch," wrote Ana Ruiz. "They always come with ..."' goes on in the quotation after it.
FRAGMENT_OPENERS: frozenset[str] = SUBORDINATORS | GOVERNED_CLAUSE_OPENERS | {"whenever", "wherever"}
# Of those and "so", the ones that go on reasoning the claim after a comma too ("said the
# purchase was financed by a loan, so it is no burden on the budget").
REASONING_OPENERS: frozenset[str] = frozenset({"so", "because", "although", "though", "unless", "if"})
# Words that link a content clause to its attribution, trimmed from the clause's edges.
CLAUSE_OPENERS: frozenset[str] = frozenset({"that", ",", ":", "—", "–", "-", "and", "but", "'s"})
CLAUSE_CLOSERS: frozenset[str] = frozenset({",", ":", "—", "–", "-", "and", "but", ";", "(", "while", "as"})
# Prepositions after a role or organisation that belong to its name ("the chief of NATO").
NAME_PREPOSITIONS: frozenset[str] = frozenset({"of", "for", "in", "at", "to", "within", "from"})
# Words that join an office's fields before its holder's name ("Minister of Equipment and
# Water Karim Benjelloun-Tazi").
OFFICE_JOINERS: frozenset[str] = frozenset({"of", "for", "and", "&", ","})
# Bodies news names without an article ("Police said"), meaning the one the article names.
BARE_BODIES: frozenset[str] = frozenset({"police"})
# Words that make a name a police force's without the word "police" ("Prince George RCMP",
# "Kent Constabulary"): "police said" refers back to the force so named.
POLICE_FORCE_WORDS: frozenset[str] = frozenset({
    "rcmp", "opp", "nypd", "lapd", "constabulary", "gendarmerie", "carabinieri", "garda", "gardaí"})
# Prepositions that introduce the channel of a statement ("in a statement", "on Telegram").
CHANNEL_PREPOSITIONS: frozenset[str] = frozenset({"in", "on", "at", "during", "via", "through", "over",
                                                  "from"})
# Prepositions that introduce the issuer of a document ("a statement from the ministry").
# Prepositions that complete a noun ("a threat to democracy", "a betrayal of voters"), not
# a verb's setting ("on Twitter", "at a rally").
NOUN_COMPLEMENT_PREPOSITIONS: frozenset[str] = frozenset({"of", "to", "for", "against", "toward", "towards"})
ISSUER_PREPOSITIONS: frozenset[str] = frozenset({"from", "by", "of"})
# Honorifics written before a person's name, which show a person whatever the recogniser
# took the name for ("Mme Claire Vautrin", "Dr Lee").
HONORIFICS: frozenset[str] = frozenset("mr mrs ms mx dr prof sir dame rev mme mlle".split())
# Titles a person is known by with a given name alone, which stay in the name: "Pope Francis",
# "Prince Harry", "King Charles" (not "Francis", "Harry", "Charles").
REGNAL_TITLES: frozenset[str] = frozenset({
    "pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir", "tsar",
    "duke", "duchess",
})

# -- people -------------------------------------------------------------------------------

def _given_names(path: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {name: sex.strip() for name, sex in rows}


# Given names of one sex only ("sarah": "f", "michael": "m"), lower case without accents:
# "he" cannot be Sarah Collins where nothing else in the article shows her gender.
GIVEN_NAMES: dict[str, str] = _given_names(Path(__file__).with_name("given_names.tsv"))


# The sexes given names show, of those above and of many more common in the US
# ("marcy": "f"), which may be words too and so show only a named person's gender.
NAME_SEXES: dict[str, str] = _given_names(Path(__file__).with_name("census_names.tsv")) | GIVEN_NAMES


@cache
def world_given_names() -> frozenset[str]:
    """Given names of many countries (the dictionary of some 45,000 gender-guesser ships, lower
    case without accents): names the US lists miss ("Karim", "Siobhán", "Eoghan"). Some are words
    too ("Grant", "Love"), so they show a name only where one is due."""
    names = set()
    for line in resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text("utf-8").splitlines():
        if line[:1] not in ("#", "=", ""):  # (comments, and names given as equal to others)
            name = folded(line[3:29].strip())
            # ("Jean+Pierre": written as one word, two, or with a hyphen)
            names.update({name.replace("+", joiner) for joiner in ("", " ", "-")} if "+" in name else {name})
    return frozenset(names)


def folded(word: str) -> str:
    """A word lower case without accents, as the name lists hold it ("Siobhán" -> "siobhan")."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def given_name(word: str) -> int | None:
    """Whether a word is a given name, and how surely: 0 for one news gives (GIVEN_NAMES), 1 for
    one of some country's ("Karim", "Jean-Philippe", but also "America", "Grant"), else None.
    Where a name begins after other capitalised words, the surer one wins ("Bank of America
    Brian Moynihan")."""
    word = folded(word).rstrip(".")
    if word in GIVEN_NAMES:
        return 0
    world = world_given_names()
    return 1 if word in world or "-" in word and all(part in world for part in word.split("-")) else None


def given_name_gender(name: str) -> str | None:
    """The gender a person's given name shows ("Sarah Collins" -> "f"), or None. Only the US
    lists' and ours: the world's dictionary gives a sex to names that are the other's in some
    language ("Vlada", a man's name in Serbia)."""
    return NAME_SEXES.get(folded(name.split()[0]).rstrip(".")) if " " in name.strip() else None


# -- places -------------------------------------------------------------------------------

# Adjectives of nationality and the country they name, so that "South Korea's president"
# and "South Korean President Yoon" are recognised as the same role.
DEMONYMS: dict[str, str] = {
    "south korean": "south korea", "north korean": "north korea", "korean": "korea",
    "russian": "russia", "american": "united states", "u.s.": "united states",
    "us": "united states", "chinese": "china", "japanese": "japan", "ukrainian": "ukraine",
    "british": "united kingdom", "uk": "united kingdom", "french": "france",
    "german": "germany", "italian": "italy", "indian": "india", "israeli": "israel",
    "iranian": "iran", "turkish": "turkey", "polish": "poland", "canadian": "canada",
    "australian": "australia", "european": "europe", "eu": "european union",
    "spanish": "spain", "mexican": "mexico", "brazilian": "brazil", "syrian": "syria",
    "egyptian": "egypt", "saudi": "saudi arabia", "pakistani": "pakistan",
    "afghan": "afghanistan", "iraqi": "iraq", "belarusian": "belarus", "taiwanese": "taiwan",
    "vietnamese": "vietnam", "philippine": "philippines", "filipino": "philippines",
}
# Nouns for one person of a nation where the noun is not its adjective ("the Swede Ingrid
# Berg", "Briton Ann Lee"): a description before a name, no part of it.
NATIONALITY_NOUNS: frozenset[str] = frozenset(
    "swede dane briton brit scot spaniard dutchman dutchwoman frenchman frenchwoman englishman "
    "englishwoman irishman irishwoman welshman welshwoman scotsman scotswoman icelander "
    "zealander kiwi aussie serb croat kurd finn pole turk".split())
# In news style a capital stands for its government ("Seoul said ...", "Washington
# confirmed ..."); speaker names only, so reading a capital as its country is safe there.
CAPITALS: dict[str, str] = {
    "washington": "United States", "seoul": "South Korea", "moscow": "Russia",
    "pyongyang": "North Korea", "kyiv": "Ukraine", "kiev": "Ukraine", "beijing": "China",
    "tokyo": "Japan",
}
# Short forms of country and bloc names (matched in capitals only, so "US" is a country and
# "us" stays a pronoun).
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "us": "United States", "usa": "United States", "uk": "United Kingdom", "dprk": "North Korea",
    "rok": "South Korea", "prc": "China", "un": "United Nations", "eu": "European Union",
}
COUNTRY_NAMES: dict[str, str] = {
    "united states of america": "United States", "america": "United States",
    "britain": "United Kingdom", "great britain": "United Kingdom",
}
COMPASS_WORDS: frozenset[str] = frozenset("north south east west northern southern eastern western".split())
# The countries of the world (and the nations of the United Kingdom) as news writes them,
# lower-cased: a country written before a name ("Norway Erna Lind", "Prime Minister of Norway
# Erna Lind") is where the person holds office, not a part of the name.
NATIONS: frozenset[str] = frozenset(name.strip() for name in """
afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia,
austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
bolivia, bosnia and herzegovina, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia,
cameroon, canada, cape verde, chad, chile, china, colombia, comoros, congo, costa rica, croatia, cuba,
cyprus, czech republic, czechia, denmark, djibouti, dominica, dominican republic, east timor, ecuador,
egypt, el salvador, england, equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland,
france, gabon, gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana,
haiti, honduras, hong kong, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy,
ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos,
latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi,
malaysia, maldives, mali, malta, mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia,
montenegro, morocco, mozambique, myanmar, namibia, nauru, nepal, netherlands, new zealand, nicaragua,
niger, nigeria, north korea, north macedonia, northern ireland, norway, oman, pakistan, palau,
palestine, panama, papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania,
russia, rwanda, samoa, san marino, saudi arabia, scotland, senegal, serbia, seychelles, sierra leone,
singapore, slovakia, slovenia, solomon islands, somalia, south africa, south korea, south sudan,
spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand,
togo, tonga, trinidad and tobago, tunisia, turkey, turkmenistan, tuvalu, uganda, ukraine,
united arab emirates, united kingdom, united states, uruguay, uzbekistan, vanuatu, vatican,
venezuela, vietnam, wales, yemen, zambia, zimbabwe
""".split(","))


# -- news outlets --------------------------------------------------------------------------

# News agencies as credited in datelines and credit lines ("SEOUL (Yonhap) --"), with the
# name each goes by.
NEWS_AGENCIES: dict[str, str] = {
    "Reuters": "Reuters", "AP": "Associated Press", "AFP": "Agence France-Presse",
    "Yonhap": "Yonhap", "Xinhua": "Xinhua", "Kyodo": "Kyodo", "UPI": "United Press International",
    "TASS": "TASS", "Tass": "TASS", "Interfax": "Interfax", "RIA": "RIA Novosti",
    "RIA Novosti": "RIA Novosti", "dpa": "Deutsche Presse-Agentur", "DPA": "Deutsche Presse-Agentur",
    "ANSA": "ANSA", "EFE": "EFE", "PTI": "Press Trust of India", "ANI": "ANI", "IANS": "IANS",
    "Bernama": "Bernama", "Anadolu": "Anadolu Agency", "AAP": "Australian Associated Press",
    "CP": "The Canadian Press", "Jiji": "Jiji Press", "KCNA": "KCNA", "Ukrinform": "Ukrinform",
    "Bloomberg": "Bloomberg", "CNN": "CNN", "Sputnik": "Sputnik",
}
# The sites of news outlets, by domain, with the name each goes by.
NEWS_SITES: dict[str, str] = {
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "afp.com": "Agence France-Presse",
    "yna.co.kr": "Yonhap", "yonhapnews.co.kr": "Yonhap", "themoscowtimes.com": "The Moscow Times",
    "koreaherald.com": "The Korea Herald", "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily", "nknews.org": "NK News",
    "dailynk.com": "Daily NK", "bbc.co.uk": "BBC", "bbc.com": "BBC", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "theguardian.com": "The Guardian",
    "aljazeera.com": "Al Jazeera", "cnn.com": "CNN", "france24.com": "France 24", "dw.com": "DW",
    "tass.com": "TASS", "tass.ru": "TASS", "ria.ru": "RIA Novosti", "interfax.ru": "Interfax",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post",
    "bloomberg.com": "Bloomberg", "wsj.com": "The Wall Street Journal", "ft.com": "Financial Times",
    "npr.org": "NPR", "cbsnews.com": "CBS News", "nbcnews.com": "NBC News", "foxnews.com": "Fox News",
    "politico.com": "Politico", "politico.eu": "Politico", "axios.com": "Axios",
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "globaltimes.cn": "Global Times",
    "scmp.com": "South China Morning Post", "japantimes.co.jp": "The Japan Times",
    "kyodonews.net": "Kyodo", "rferl.org": "Radio Free Europe/Radio Liberty",
    "voanews.com": "Voice of America", "euronews.com": "Euronews", "meduza.io": "Meduza",
    "upi.com": "United Press International", "independent.co.uk": "The Independent",
    "latimes.com": "Los Angeles Times", "rt.com": "RT", "kcna.kp": "KCNA",
    "wikinews.org": "Wikinews",
}
# A dateline opening a story: "SEOUL (Reuters) –", "KYIV, Ukraine (AP) —", "LAFAYETTE, La. (AP) —",
# "SEOUL, Oct. 29 (Yonhap) --", "VELMORA, March 6 (Northgate Wire) -", "(AFP) -": the place
# (with its region and date) and the credit are each optional, the dash (or a colon) is not.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:,[\w.'’ ]{0,40}?)?)?\s*(?:\((?P<credit>[^)]{1,40})\))?"
    r"\s*(?:[-–—]{1,2}|:)\s*")
# The agencies of states, which news calls "state media" once it has named them.
STATE_MEDIA: frozenset[str] = frozenset({"KCNA", "TASS", "Xinhua", "Yonhap"})
# Words that make "agency" a news agency ("the state news agency said").
NEWS_MEDIA_WORDS: frozenset[str] = frozenset({"news", "state", "press", "wire"})
NEWS_AGENCY = re.compile(rf"\b(agency|{'|'.join(sorted(STATE_MEDIA))})\b", re.I)


@dataclass(frozen=True)
class Lexicon:
    """The open-class word lists the extraction rules read, as one value.

    The ``quotes`` component takes one from its config, through spaCy's registry
    (:func:`make_lexicon`: ``words`` replaces a list, ``extra_words`` adds to it), and
    canonicalisation (:mod:`quotes.canon`) takes one too, so a cue verb or a role noun is
    added without editing code. The default lexicon is :data:`DEFAULT`.
    """

    reporting_verbs: frozenset[str] = REPORTING_VERBS
    declining_verbs: frozenset[str] = DECLINING_VERBS
    commissive_verbs: frozenset[str] = COMMISSIVE_VERBS
    wording_verbs: frozenset[str] = WORDING_VERBS
    attitude_verbs: frozenset[str] = ATTITUDE_VERBS
    gerund_verbs: frozenset[str] = GERUND_VERBS
    characterising_verbs: frozenset[str] = CHARACTERISING_VERBS
    light_verbs: frozenset[str] = LIGHT_VERBS
    request_verbs: frozenset[str] = REQUEST_VERBS
    question_verbs: frozenset[str] = QUESTION_VERBS
    finding_verbs: frozenset[str] = FINDING_VERBS
    ruling_verbs: frozenset[str] = RULING_VERBS
    source_nouns: frozenset[str] = SOURCE_NOUNS
    assessing_verbs: frozenset[str] = ASSESSING_VERBS
    claim_object_verbs: frozenset[str] = CLAIM_OBJECT_VERBS
    granted_nouns: frozenset[str] = GRANTED_NOUNS
    finding_object_verbs: frozenset[str] = FINDING_OBJECT_VERBS
    as_verbs: frozenset[str] = AS_VERBS
    judging_verbs: frozenset[str] = JUDGING_VERBS
    reporting_nouns: frozenset[str] = REPORTING_NOUNS
    attitude_nouns: frozenset[str] = ATTITUDE_NOUNS
    channel_nouns: frozenset[str] = CHANNEL_NOUNS
    audience_nouns: frozenset[str] = AUDIENCE_NOUNS
    document_nouns: frozenset[str] = DOCUMENT_NOUNS
    org_nouns: frozenset[str] = ORG_NOUNS
    place_nouns: frozenset[str] = PLACE_NOUNS
    role_nouns: frozenset[str] = ROLE_NOUNS
    title_words: frozenset[str] = TITLE_WORDS
    company_nouns: frozenset[str] = COMPANY_NOUNS
    media_nouns: frozenset[str] = MEDIA_NOUNS
    newsroom_nouns: frozenset[str] = NEWSROOM_NOUNS
    club_nouns: frozenset[str] = CLUB_NOUNS
    media_name_words: frozenset[str] = MEDIA_NAME_WORDS
    company_name_words: frozenset[str] = COMPANY_NAME_WORDS
    epithet_nouns: frozenset[str] = EPITHET_NOUNS
    data_nouns: frozenset[str] = DATA_NOUNS
    proxy_nouns: frozenset[str] = PROXY_NOUNS
    relation_nouns: frozenset[str] = RELATION_NOUNS
    spokesperson_nouns: frozenset[str] = SPOKESPERSON_NOUNS
    stance_verbs: frozenset[str] = STANCE_VERBS
    response_verbs: frozenset[str] = RESPONSE_VERBS
    intention_verbs: frozenset[str] = INTENTION_VERBS
    position_nouns: frozenset[str] = POSITION_NOUNS

    @cached_property
    def titles_or_roles(self) -> frozenset[str]:
        return self.title_words | self.role_nouns

    @cached_property
    def not_in_names(self) -> frozenset[str]:
        """Words that are never part of a person's name: titles and organisation nouns."""
        return self.title_words | self.org_nouns

    @cached_property
    def speech_act_verbs(self) -> frozenset[str]:
        """Verbs that are cues only in some constructions (with an addressee and an
        infinitive, a claim-bearing object, a document subject)."""
        return (self.request_verbs | self.question_verbs | self.finding_verbs | self.claim_object_verbs
                | self.as_verbs | self.assessing_heads)

    @cached_property
    def assessing_heads(self) -> frozenset[str]:
        """The verbs of :attr:`assessing_verbs`, without their prepositions."""
        return frozenset(v.split()[0] for v in self.assessing_verbs)

    @cached_property
    def words_nouns(self) -> frozenset[str]:
        """Nouns that name words said or written ("the allegations", "the report"): what a
        definite one refers to was said elsewhere."""
        return self.reporting_nouns | self.document_nouns

    @cached_property
    def trades(self) -> frozenset[str]:
        """The agent nouns of a line of work ("chipmaker", "broadcaster"), which news writes
        before a company's name as a description ("Chipmaker Nvidia said")."""
        return frozenset(w for w in self.company_nouns | self.media_nouns if w.endswith(("er", "or")))

    @cached_property
    def agents(self) -> frozenset[str]:
        """Nouns that can be the source of words: organisations and roles."""
        return self.org_nouns | self.role_nouns

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """The lemmas (or words: "according", "per") a cue can begin with, for the scan to
        pass every other word by at once."""
        return self.reporting_nouns | self.stance_verbs | self.intention_verbs | self.reporting_verbs \
            | self.speech_act_verbs | self.wording_verbs | {"according", "per"}

    @cached_property
    def org_heads(self) -> frozenset[str]:
        """The nouns that head an organisation's name: "embassy", "agency", "Times"."""
        return INSTITUTIONS | self.org_nouns | ORG_NAME_HEADS

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the word lists, for the extractor version and as the lexicon's hash."""
        return hashlib.sha1(json.dumps(self.config(), sort_keys=True).encode()).hexdigest()

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_config(cls, words: dict[str, Any] | None = None,
                    extra_words: dict[str, Any] | None = None) -> Lexicon:
        """The default lexicon with whole lists replaced (``words``) or extended (``extra_words``)."""
        known = set(cls.names())
        changes: dict[str, frozenset[str]] = {}
        for given in (words or {}), (extra_words or {}):
            unknown = sorted(set(given) - known)
            if unknown:
                raise ValueError(f"unknown word list {', '.join(unknown)}; the lists are: {', '.join(sorted(known))}")
        for name, values in (words or {}).items():
            changes[name] = frozenset(str(v).lower() for v in values)
        for name, values in (extra_words or {}).items():
            base = changes.get(name, getattr(DEFAULT, name))
            changes[name] = base | frozenset(str(v).lower() for v in values)
        return replace(DEFAULT, **changes) if changes else DEFAULT

    def config(self) -> dict[str, dict[str, list[str]]]:
        """The ``words`` and ``extra_words`` that make this lexicon of the default one: what
        the component's config and a lexicon file hold."""
        words, extra_words = {}, {}
        for name in self.names():
            mine, default = getattr(self, name), getattr(DEFAULT, name)
            if mine > default:
                extra_words[name] = sorted(mine - default)
            elif mine != default:
                words[name] = sorted(mine)
        return {"words": words, "extra_words": extra_words}

    @classmethod
    def from_file(cls, path: str | Path) -> Lexicon:
        """The lexicon a JSON file describes: ``{"extra_words": {"reporting_verbs": ["tout"]},
        "words": {...}}``, as the component's config."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or set(data) - {"words", "extra_words"}:
            raise ValueError(f"{path}: expected an object with \"words\" and/or \"extra_words\"")
        return cls.from_config(data.get("words"), data.get("extra_words"))


@registry.misc("quotes.lexicon.v1")
def make_lexicon(words: dict[str, list[str]] | None = None,
                 extra_words: dict[str, list[str]] | None = None) -> Lexicon:
    """The lexicon a config names: ``[components.quotes.lexicon]`` with ``@misc = "quotes.lexicon.v1"``."""
    return Lexicon.from_config(words, extra_words)


DEFAULT = Lexicon()

# -- the labels of spaCy's English models that the rules read --------------------------------

# Nominal subjects, active and passive: who a verb of saying is about.
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
# Any subject, clausal ones too: a cue's speaker slot.
ANY_SUBJECT_DEPS: frozenset[str] = SUBJECT_DEPS | {"csubj"}
# What only a clause's verb has: a subject or an auxiliary.
CLAUSE_DEPS: frozenset[str] = SUBJECT_DEPS | {"aux", "auxpass"}
# Dependencies of what a phrase says on the side: a clause or an apposition.
ASIDE_DEPS: frozenset[str] = frozenset({"acl", "relcl", "ccomp", "advcl", "appos"})
# Dependents on the left of a noun that belong to its phrase.
# Tags of a finite verb (or of the finite auxiliary of a verb group): a clause that needs a subject.
FINITE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Modals of reported speech shifted into the past ("said the dam would not harm anyone")
PAST_MODALS: frozenset[str] = frozenset({"would", "could", "might", "should"})
NOUN_PHRASE_DEPS: frozenset[str] = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case",
                                              "quantmod", "punct"})
ORG_LABELS: frozenset[str] = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Entity labels of amounts: a phrase of nothing else ("called for 2%") states nothing by itself.
AMOUNT_LABELS: frozenset[str] = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
NAME_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Entity labels of a subject that can be the source of words.
AGENT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Entity labels of a time: "On Sunday Ann Lee said" puts no "Sunday" in the name.
TIME_LABELS: frozenset[str] = frozenset({"DATE", "TIME"})
