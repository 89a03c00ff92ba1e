"""Word lists of English news reporting, kept in one place so the rules stay general.

Lemmas, not inflected forms: the extractor compares them with spaCy's ``token.lemma_``.
"""
from textacy.constants import REPORTING_VERBS as _TEXTACY_REPORTING

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

# Verbs that, governing a verb of saying, mean it was not said ("declined to say").
DECLINING_VERBS: frozenset[str] = frozenset({"decline", "refuse", "fail", "neglect"})

# Verbs whose infinitive complement states a commitment or demand someone voiced
# ("vowed to fight on", "promised to cut taxes"); other verbs' infinitives are not speech.
COMMISSIVE_VERBS: frozenset[str] = frozenset({"promise", "vow", "pledge", "threaten", "urge",
                                              "demand", "say", "claim"})

# Verbs that characterise an object as something ("called the situation 'very dangerous'",
# "described the deployment as a threat"): the content is the object plus its predicate.
CHARACTERISING_VERBS: frozenset[str] = frozenset({"call", "describe", "label", "brand", "term",
                                                  "dub", "characterize", "characterise"})

# Verbs whose object noun carries the content ("expressed concern that ...",
# "shared assessments that ...", "issued a warning that ...").
LIGHT_VERBS: frozenset[str] = frozenset({"express", "share", "voice", "issue", "make", "raise",
                                         "reiterate", "convey", "repeat", "give", "offer"})

# Nouns of statement: with a "that" clause they carry reported content ("X's claim that ...").
REPORTING_NOUNS: frozenset[str] = frozenset({
    "statement", "claim", "concern", "warning", "assessment", "announcement", "assertion",
    "allegation", "assurance", "view", "insistence", "promise", "pledge", "remark", "comment",
    "message", "argument", "accusation", "denial", "suggestion", "prediction", "estimate",
    "hope", "fear", "belief", "position", "interest", "regret", "support", "confidence",
    "doubt", "opposition", "condolence", "criticism", "demand", "call", "threat",
})
# Of these, which may carry content as a bare object of a light verb, without a "that"
# clause ("expressed Russia's interest in ...", "expressed concern over ...").
ATTITUDE_NOUNS: frozenset[str] = frozenset({
    "interest", "concern", "regret", "support", "confidence", "hope", "doubt", "opposition",
    "condolence", "criticism", "gratitude", "willingness", "readiness", "satisfaction",
    "disappointment", "determination", "commitment",
})

# Nouns naming the channel a statement went through ("in a statement", "on Telegram").
CHANNEL_NOUNS: frozenset[str] = frozenset({
    "statement", "post", "interview", "briefing", "conference", "channel", "account", "page",
    "dispatch", "speech", "address", "meeting", "call", "letter", "report", "release",
    "communique", "tweet", "message", "broadcast", "video", "remark", "comment", "op-ed",
    "column", "session", "hearing", "summit", "telegram", "website", "blog", "email",
    "podcast", "show", "program", "programme", "article", "editorial", "commentary",
})
# Objects of "tell" that are an audience, not content ("told reporters", "told the meeting").
AUDIENCE_NOUNS: frozenset[str] = frozenset({
    "reporter", "journalist", "press", "meeting", "audience", "lawmaker", "parliament",
    "crowd", "supporter", "broadcaster", "newspaper", "agency", "radio", "television", "tv",
    "conference", "summit", "assembly", "committee", "session", "council", "gathering",
    "delegate", "official", "student", "media", "outlet", "station", "paper", "daily",
})

# Speaker mentions that are products of a speaker ("the statement said"): resolved to whoever
# issued the statement earlier in the article.
DOCUMENT_NOUNS: frozenset[str] = frozenset({
    "statement", "report", "dispatch", "post", "announcement", "communique", "release",
    "letter", "document", "memo", "notice", "message", "readout", "transcript", "editorial",
    "commentary", "article", "declaration", "decree", "resolution", "bulletin", "proclamation",
    "manifesto",
    # court papers speak for whoever filed or issued them
    "lawsuit", "suit", "complaint", "filing", "petition", "indictment", "ruling", "judgment",
    "affidavit",
})

# Nouns that head the name of an organisation ("the Russian Embassy", "the ministry").
ORG_NOUNS: frozenset[str] = frozenset({
    "embassy", "ministry", "agency", "office", "department", "government", "administration",
    "council", "committee", "commission", "party", "army", "military", "force", "police",
    "court", "parliament", "assembly", "congress", "senate", "cabinet", "kremlin", "pentagon",
    "media", "newspaper", "broadcaster", "company", "firm", "group", "union", "organization",
    "organisation", "bank", "institute", "university", "service", "command", "headquarters",
    "bureau", "authority", "secretariat", "consulate", "mission",
    "delegation", "team", "regime", "state", "outlet", "station", "daily", "paper",
    "center", "centre", "foundation", "association", "federation", "coalition", "alliance",
    "club", "utility", "studio", "cooperative", "board", "regulator", "watchdog", "hospital",
    "school", "charity", "campaign", "chamber", "manufacturer", "carrier", "airline", "retailer",
    "insurer", "lender", "operator", "network", "league", "district",
})

# Nouns by which news refers back to a place it has named, speaking as its local
# government ("the town said", "a lawsuit brought by the city").
PLACE_NOUNS: frozenset[str] = frozenset({"town", "city", "village", "municipality", "borough",
                                         "county"})

# Role nouns: a mention headed by one of these and holding no name is role-only
# ("the Kremlin spokesman", "South Korea's president", "the chief of NATO").
ROLE_NOUNS: frozenset[str] = frozenset({
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "secretary-general", "chief", "head", "director", "leader", "chairman", "chairwoman",
    "chair", "ambassador", "envoy", "official", "commander", "general", "governor", "mayor",
    "senator", "lawmaker", "prime", "premier", "chancellor", "king", "queen", "prince",
    "diplomat", "analyst", "expert", "researcher", "professor", "adviser", "advisor",
    "aide", "representative", "deputy", "vice", "ceo", "founder", "attache", "counterpart",
    "commissioner", "prosecutor", "judge", "source", "officer", "negotiator", "member",
    "economist", "scholar", "fellow", "editor", "correspondent", "journalist", "executive",
    "manager", "coordinator", "delegate", "nominee", "candidate", "monarch", "pope",
    # occupations news refers back to people by ("the sheriff said", "the striker told")
    "sheriff", "detective", "inspector", "constable", "attorney", "lawyer", "agent", "coach",
    "captain", "striker", "midfielder", "defender", "goalkeeper", "player", "actor", "actress",
    "singer", "musician", "author", "writer", "scientist", "doctor", "physician", "surgeon",
    "nurse", "teacher", "principal", "owner", "pilot", "activist", "campaigner", "councillor",
    "councilman", "councilwoman", "strategist", "consultant", "banker", "treasurer",
    "whip", "regent", "trustee", "organizer", "organiser", "protester", "demonstrator",
    "resident", "witness", "neighbour", "neighbor", "collector", "student", "parent",
    "worker", "employee", "engineer", "investor", "trader", "farmer", "driver", "passenger",
    "fan", "supporter", "volunteer", "victim", "survivor", "legislator", "backbencher",
    "provost", "dean", "rector", "superintendent", "registrar", "bishop", "priest", "pastor",
    # anonymous sources: "a person familiar with the matter"
    "person", "insider",
})

# Words of a title that may precede a name and are never part of the name itself.
TITLE_WORDS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "gen", "lt", "col", "maj", "capt",
    "adm", "sgt", "sen", "rep", "gov", "amb", "president", "minister", "secretary", "general",
    "secretary-general", "spokesman", "spokeswoman", "spokesperson", "foreign", "defense",
    "defence", "prime", "deputy", "vice", "chief", "director", "leader", "chairman", "chair",
    "ambassador", "envoy", "commander", "governor", "mayor", "senator", "chancellor", "king",
    "queen", "prince", "princess", "pope", "premier", "state", "attache", "military",
    "charge", "affaires", "commissioner", "ceo", "head", "interior", "finance", "trade",
    "unification", "of", "-", "the", "'s", "’s",
})

# Words that show a person's grammatical gender, so "she" does not go to a man named earlier.
GENDER: dict[str, str] = {
    **dict.fromkeys(["he", "him", "his", "mr", "spokesman", "chairman", "congressman",
                     "businessman", "king", "prince", "sir"], "m"),
    **dict.fromkeys(["she", "her", "hers", "mrs", "ms", "miss", "spokeswoman", "chairwoman",
                     "congresswoman", "businesswoman", "queen", "princess", "dame"], "f"),
}

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS: frozenset[str] = frozenset({"it"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "them", "we"})
PRONOUNS = PERSON_PRONOUNS | ORG_PRONOUNS | GROUP_PRONOUNS | {"i", "you", "who", "which", "that"}

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
