"""What kind of thing a new name is: the rules that type a name the registry does not have, each
with the rule's name and a confidence, from the words around the name and the gazetteer.

:func:`type_new` is the one entry point for a new name; :func:`place_context`,
:func:`actor_context`, :func:`acting` and :func:`modifier` are the tests of the words around a
mention that :mod:`.mentions` also uses for registry names.
"""

from __future__ import annotations

import re
from functools import cache

from . import gazetteer
from .gazetteer import RegistryIndex
from .lexicon import lexicon
from .text import DATELINE_PLACE, Layout, Span, norm

# An actor (not a place) when the name is followed by a verb of saying or doing, or by "’s" and a
# word for someone who acts for it.
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s\s+(?:\w+\s+){0,2}(?i:supplier|backer|patron)\b"  # "Iraq's main arms supplier"
    r"|['’]s\s+(?:\w+\s+)?(?i:government|army|forces|troops|soldiers|military|navy|president|prime|foreign|"
    r"defence|defense|minister|ministry|leader|spokesman|spokeswoman|ally|closest|allies|officials|envoy|ambassador|"
    r"information|interior|support|backing|regime|embassy|diplomats|war|offensive|parliament|authorities)\b"
    r"|(?:,[^,.;]{1,90},)?(?:\s+itself)?(?:\s+[a-z]+ly)?\s+(?:has|have|had|says|said|say|denies|denied|rejects|rejected|"
    r"accuses|accused|wants|wanted|backs|comments|commented|"
    r"backed|supports|supported|insists|insisted|warned|warns|will|would|hopes|fears|blames|blamed|called|calls|"
    r"agreed|agrees|sent|sends|joined|joins|launched|launches|struck|strikes|attacked|attacks|urged|urges|"
    r"threatened|threatens|funds|arms|armed|brokered|praised|condemned|condemns|pledged|pledges|promised|promises|"
    r"offered|offers|signed|signs|supplies|supplied|provides|provided|imposed|imposes|recogni[sz]ed|recogni[sz]es|"
    r"demanded|demands|abstained|voted|votes)\b|,\s+which\s"
    r"|\s+as\s+(?:an?\s+)?(?:allies|ally|partners?|members?)\b)"  # "counts Greece and Turkey as allies"
)


_ACTOR_BEFORE = re.compile(r"(?:\b(?:by|accused|accuse|accuses|urged|urges)\s+)$")


_CONFLICT = re.compile(
    r"\b(?:fighters?|militants?|militias?|attacks?|attacked|fought|fight|fighting|fired|armed|offensive|"
    r"insurgents?|jihadists?|rebels?|rebellion|troops|weapons|missiles?|rockets?|captured?|seized?|"
    r"ceasefire|war|killed|bombs?|group)\b",
    re.I,
)


# Words that only armed groups go with: a "Group" among them is an armed group ("the Abu Sayyaf group").
_ARMED = re.compile(
    r"\b(?:fighters|militants?|gunmen|insurgents?|insurgency|jihadists?|rebels?|militias?|seized|captured|"
    r"massacres?|beheaded|kidnapp\w+|bombings?|suicide|siege|mercenar\w+|convicts)\b",
    re.I,
)


# Words of elections and parties around a name: a front or movement among them is a party's.
_POLITICS = re.compile(r"\b(?:part(?:y|ies)|elections?|electoral|votes?|voted|voters|candidates?|ballot|referendum|"
                       r"parliament(?:ary)?|opposition|presidential alliance|seats?)\b", re.I)


# Head words of an armed group's name that a party's or an electoral alliance's may end in too.
_PARTY_HEADS = frozenset({"Front", "Movement", "Fighters", "Alliance", "alliance"})


def _political(text: str, spans) -> bool:
    """Whether words of elections and parties, and none of fighting, are around a name."""
    return any(_POLITICS.search(c) and not _ARMED.search(c)
               for s, e in spans for c in [text[max(0, s - 100) : s] + " " + text[e : e + 100]])


# Heads of an organisation's name that an armed group's name may end in too: "the Abu Sayyaf Group",
# "the Kuki National Organisation" (not a party, "the Islah party, whose members …", nor a union:
# "Al-Shabaab fighters … with the African Union")
_ARMED_HEADS = frozenset({"Group", "Organisation", "Organization"})


# Words of a movement's name: an "Army" or "Forces" with one of them is an armed group's, whatever
# country it names ("Myanmar National Democratic Alliance Army", "Sudan People’s Liberation Army").
_INSURGENT_WORDS = re.compile(
    r"\b(?:Liberation|People[’']?s?|Peoples[’']?|Alliance|Revolutionary|Popular|Resistance|Patriotic|Free|Rebel|"
    r"Democratic(?!\s+Republic))(?![\w’'])"
)
# "Selim Ergün of the ": a person's name of two or three words, then "of the"
_OF_PERSON = re.compile(r"(?<![\w’'-])(?P<who>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}) of the\s+$")


# A plural noun of people after a people's name: "Baloch prisoners", "Bosniak men", "the Dhulbahante clan";
# of fighters after an armed group's: "Wazalendo militiamen". The noun after a list of names is each one's:
# "the Sikin and Kaekin tribes", "Hamas and Islamic Jihad fighters".
_LISTED_NAMES = r"(?:(?:,\s+|,?\s+(?:and|or)\s+)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)*"
_FIGHTERS_AFTER = re.compile(rf"^{_LISTED_NAMES}\s+(?:militiamen|militias?|fighters|gunmen|rebels|insurgents|"
                             r"militants|units|combatants|guerrillas|factions?)\b")
_TROOPS_AFTER = re.compile(rf"^{_LISTED_NAMES}\s+(?:troops|soldiers|peacekeepers|paratroopers)\b")
_MEMBER_AFTER = re.compile(r"\s+(?:priests?|deput(?:y|ies)|politicians|lawmakers?|MPs?|councillors?|bishops?|"
                           r"clergy(?:men)?|missionar(?:y|ies)|parliamentarians?)\b")
_POPULATION_AFTER = re.compile(
    rf"^{_LISTED_NAMES}\s+(?:men|women|children|civilians|prisoners|detainees|hostages|tourists|pilgrims|worshippers|"
    r"citizens|villagers|refugees|families|students|farmers|herders|voters|migrants|communities|community|clans?|"
    r"tribes?|minority|population|peoples|ethnic groups|nationalities)\b"
)


# A state's soldiers before the name of their force: "Soldiers of the Joint Task Force".
_SOLDIERS_OF = re.compile(r"\b(?:[Ss]oldiers|[Tt]roops|[Mm]arines|[Pp]aratroopers|[Ss]ervicemen)\s+of\s+(?:the\s+)?$")

# A person's age after the name: "Samira Qassem, 52, a resident of the camp".
_AGE_AFTER = re.compile(r",\s+\d{1,3}(?:,|\.(?!\d)|;|\)|\s+and\b)")


@cache
def _kin_before() -> re.Pattern:
    """A word for a relative right before a name: "her son Rolando", "the brothers Omar and Abdullah Maute"."""
    return re.compile(rf"\b(?:{lexicon().alternation(lexicon().relatives)}),?\s+$")


# The plural of a people's name: "Filipinos", "Kashmiris", "Venezuelans", "Alawites".
# A people's name in the plural: "Papuans", "Filipinos" whatever the words around them; "Sahrawis",
# "Hassans" … "Houthis" too, so "-is" and "-ites" only where no words of fighting make them fighters.
_PEOPLES_PLURAL = re.compile(r"^[A-Z][a-z]{2,}(?:ans|inos|anos)$")
_PLURAL_PEOPLE = re.compile(r"^[A-Z][a-z]{2,}(?:[^aeiou]is|ites)$")

# A state's service named before the words for it or for its agents: "the FSB security service", "FBI agents".
_STATE_SERVICE_AFTER = re.compile(r"\s+(?:security service|intelligence service|intelligence agency|secret police|"
                                  r"agents)\b")


_MEDIA_AFTER = re.compile(r"\s+(?:news agency|news channel|channel|newspaper|broadcaster|website|television|"
                          r"radio|TV)\b")


_MEDIA_BEFORE = re.compile(r"\b(?:television|TV|radio|newspaper|broadcaster|channel|station|agency)\s+$|"
                           r"\b(?:the|a|an|[A-Z]\w+)\s+(?:daily|weekly)\s+$")  # "the Communist daily El Popular"


# Words before a name that make it a place besides the lexicon's `place_before`: where one goes ("flew
# to", "march on", "the road out of"), a territory held by someone ("Pakistan-administered"), an example
# of places ("towns such as").
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:fl[eo]wn?|fled|flee(?:ing)?|travell?ed|moved|returned|return|went|go(?:ing)?|drove|driven|walked|"
    r"marched|march(?:ing)?|headed|taken|brought|home|back|visits?|trips?)\s+(?:to|on|towards?)"
    r"|\bvisit(?:s|ed|ing)?"
    r"|\broads?\s+(?:to|from|out\s+of|into)"
    r"|\bfrom\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s+to"  # "the road from Addis Ababa to Ambo"
    r"|\b(?:roads?|highways?|routes?|border|frontier|corridor)\s+between(?:\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s+and)?"
    r"|\b(?:border|frontier|boundary)\s+with"  # "on the border with Assam"
    # "in northern Shan": a part of a region named by its direction
    r"|\b(?:in|across|into|from|of|to)\s+(?:the\s+)?(?:(?:north|south)-?(?:eastern|western)|northern|southern|eastern|"
    r"western|central)"
    r"|-(?:administered|controlled|held|occupied|annexed)"
    r"|\bannex(?:ed|es|ing)?(?:\s+the)?|\bannexation\s+of(?:\s+the)?"
    r"|\b(?:towns|cities|villages|places|areas|regions|provinces|districts)\s+(?:such\s+as|like|including))\s+$"
)


# The people of a place, before "of" and its name: "Residents of Banjul".
_PEOPLE_OF = r"[Rr]esidents|[Ii]nhabitants|[Pp]eople|[Cc]itizens|[Vv]illagers|[Tt]ownspeople"


def place_context(text: str, start: int, end: int) -> bool:
    lx = lexicon()
    before = text[max(0, start - 24) : start]
    words = re.findall(r"[\w’']+", before.lower())
    near = words[-1] if words else ""
    if near == "the" and len(words) >= 2:
        near = words[-2]
    after = re.match(r"^[’']?s?\s+(\w+)", text[end : end + 40])
    # "Kunar and Khost provinces": a place noun after a list of names is every name's
    listed = re.match(r"^(?:(?:,\s+|,?\s+(?:and|or)\s+)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)+\s+(\w+)",
                      text[end : end + 80])  # fmt: skip
    before = text[max(0, start - 60) : start]
    of_place = re.search(r"\b(?:towns?|city|cities|villages?|ports?|districts?|provinces?|regions?|camps?|capital|"
                         r"departments?|municipalit(?:y|ies)|prefectures?|cantons?|communes?|counties|"
                         r"mountains|hills|forests|jungles?|plains|valleys|"
                         r"outskirts|streets|states?|parts?|much|centre|center|heart|edge|"
                         + _PEOPLE_OF + "|"  # "Residents of Banjul say …": its people, not its government
                         r"(?:north|south|east|west)(?:-?(?:east|west))?|"
                         r"(?:north|south|east|west)(?:ern)?\s+\w+)"
                         r"\s+of\s+(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?(?:,\s+|\s+and\s+))*$", before) or re.search(
        r"\b(?:president|governor|mayor)\s+of\s+$", before)  # not "The president of Guinea-Bissau, Umaro Embaló,"
    clock = re.search(r"\btimes\s+$", before) or re.match(r"\s+\((?:GMT|UTC)", text[end : end + 8])
    return (near in lx.place_before or bool(of_place) or bool(_PLACE_BEFORE.search(before)) or bool(clock)  # "all
            # times Baghdad (GMT+3)": a clock's place
            or any(m and m.group(1).lower() in lx.place_after for m in (after, listed)))  # fmt: skip


def actor_context(text: str, start: int, end: int) -> bool:
    return bool(_ACTOR_AFTER.match(text[end : end + 120]) or _ACTOR_BEFORE.search(text[max(0, start - 20) : start]))


# Where a country or a capital acts besides the verbs after it: the one called on, accused, turned to
# or talked with, either side of "talks between X and Y", and a backer or leader ("Turkey-backed").
_ACTING_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? on|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|accus(?:e|es|ed|ing)|press(?:ed|ing)|"
    r"turn(?:s|ed|ing)? to|points? at|pointed at|blam(?:e|es|ed|ing)|"
    r"(?:talks|deal|ties|relations|agreement|ceasefire|truce|negotiations|dialogue|work(?:s|ed|ing)?) with|"
    r"between|against|"
    r"cost(?:s|ed)?|matters? to|partners? of|all(?:y|ies) of|handed (?:\w+ )?over to|sanctions (?:on|against)|"
    r"independen(?:ce|t) from|(?:coalition|alliance) of|embass(?:y|ies) of|"
    # "the foreign ministers of Britain, Greece and Turkey", "could not give ground to Turkey"
    r"(?:(?:foreign|defence|defense) )?ministers of|ground to|"
    # a state's head or government: "The presidents of Lithuania, Latvia and Poland", "the prime minister of Dominica"
    r"(?:presidents|prime ministers?|governments?|parliaments?|ambassadors?|emir|king|queen) of|"
    # "halting all arms sales to Iraq", "demanded that Iraq withdraw its forces"
    r"(?:sales|deliveries|shipments|loans) to|(?:demanded|demands|insisted|insists) that|"
    r"(?:word|response|reaction|comment|answer)(?: yet)? from|"  # "There has been no word yet from Kinshasa"
    r"(?:break(?:s|ing)?|broke|split(?:s|ting)?|sid(?:e|es|ed|ing)) with|"
    # the one made to do or given something: "to force Moscow to pull troops", "buys Manila and Beijing time"
    r"forc(?:e|es|ed|ing)|mak(?:e|es|ing)|made|giv(?:e|es|ing)|gave|buy(?:s|ing)?|bought|persuad(?:e|es|ed|ing)|"
    r"warn(?:s|ed|ing)?|threaten(?:s|ed|ing)?|"
    # "contingents sent by Brazil, Honduras …", "Britain and France joined Washington", "had told Washington",
    # "taking money from Tripoli", "the juntas in Ouagadougou and Niamey"
    r"(?:sent|backed|armed|funded|financed|supported|trained|brokered|mediated|imposed)\s+by|joined|told|"
    r"(?:money|aid|funds|arms|weapons|orders|support) from|(?:juntas?|regimes?|rulers) in|"
    # the doer of a verb in the passive: "We will not be told by London and Washington", "brokered by Ankara"
    r"(?:be|been|being|was|were|is|are)\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}(?:ed|en)|told|sent|held|run|built|won)"
    r"(?:\s+(?:for|out|off|up))?\s+by)"
    r"\s+(?:the\s+)?(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:,\s+|,?\s+and\s+)(?:the\s+)?)*$"
)


# The last word of a place's name: "Shan State", "Lac Province", "Red Sea", "Suez Canal".
PLACE_HEADS = frozenset({"State", "Province", "Region", "District", "Governorate", "County", "Oblast", "Sea",
                          "Canal", "Ocean", "Strait", "Straits", "Desert", "Valley", "Corridor", "Park", "Dam",
                          "Lagoon", "Mountains", "Hills", "Plateau", "Gulf", "Bay", "Peninsula", "Island", "Islands",
                          "Forest", "Airport", "Airbase", "Bridge", "Enclave", "Basin", "Delta", "Coast", "River",
                          "Rivers", "Heights", "Lake", "Falls", "Pass", "Highway", "Motorway", "Road", "Square",
                          "Market", "Crossing", "Tracts", "Tract", "Highlands", "Plains", "Range", "Marshes",
                          "Archipelago", "Belt", "Street", "Avenue", "Line", "Harbour", "Harbor", "Hospital",
                          "Museum", "Library"})
# The first word of a square's or a street's name in the languages that put it first.
_STREET_FIRST = frozenset({"Place", "Plaza", "Praça", "Piazza", "Rue", "Avenida", "Avenue", "Boulevard", "Calle",
                           "Paseo", "Largo", "Rua"})
DIRECTIONS = frozenset({"North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western",
                         "Northeast", "Northwest", "Southeast", "Southwest", "Sub-Saharan"})
# The first word of a place's name: "Lake Chad", "Mount Sinjar".
_PLACE_FIRST = frozenset({"Lake", "Mount", "River", "Cape", "Gulf", "Strait", "Bay", "Line", "Isle", "County",
                          # in Portuguese, Spanish and French: "Praça São Lucas", "Complexo do Alemão", "Plaza de
                          # Mayo", "Rue Mbemba"
                          "Praça", "Complexo", "Plaza", "Rua", "Avenida", "Morro", "Rue", "Boulevard", "Calle",
                          # and in Romanian, Polish, Albanian: "Calea Dorobanților", "Piața Universității",
                          # "Ulica Mokotowska", "Rruga e Durrësit"
                          "Calea", "Strada", "Bulevardul", "Piața", "Ulica", "Aleja", "Rruga"})


# A country that sends troops or envoys: "troops from Uganda, Burundi, Kenya, Ethiopia and Djibouti".
_CONTRIBUTOR = re.compile(
    r"\b(?i:troops|soldiers|forces|contingents?|peacekeepers|police officers|personnel|envoys|diplomats|"
    r"delegations?|ministers|support|help|backing|assistance|orders|instructions|pressure)"
    r"(?:\s+and\s+[a-z]+)?\s+from\s+(?:the\s+)?"  # "unarmed soldiers and civilians from Australia, …"
    r"(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*(?:,\s+|,?\s+and\s+)(?:the\s+)?)*$"  # ("Papua New Guinea, Fiji")
)


_ACTING_AFTER = re.compile(r"^-(?:backed|led|allied|funded|armed|sponsored|supported)\b"
                           # "Naypyidaw’s answer has been air power": what a state answers or decides
                           r"|^[’']s\s+(?:answer|response|reply|version|account|explanation|decision|position|strategy|"
                           r"policy|offer|demands?|case|irritation|view|concerns?|plans?|aims?|interests?|envoys?|ambassadors?|allies|ally)\b"
                           # "Belgrade, which does not recognise Kosovo": a relative clause of what a state does
                           r"|^,\s+which\s+(?:does not |did not |has |had |has long |also |still |now )?"
                           r"(?:recogni[sz]es?|recogni[sz]ed|regards?|regarded|accuses|accused|denies|denied|says|said|"
                           r"wants|wanted|insists|insisted|rejects|rejected|backs|backed|supports|supported|claims|"
                           r"claimed|considers|considered|funds|funded|arms|armed)\b")


@cache
def _when() -> str:
    """The names of months and days, and a year, after "In", "On" or "By" before a subject."""
    return "|".join([*lexicon().months, *lexicon().weekdays, r"(?:19|20)\d\d"])


# A ruler's title that, after "the", names the one who holds it: "the Shah", "the Sultan".
_MONARCHS = frozenset({"Shah", "Sultan", "Emir", "Amir", "Tsar", "Czar", "Kaiser", "Negus", "Mwami", "Sultana"})


def acting(text: str, start: int, end: int) -> bool:
    """A country or a capital that stands for a state here, not for a place: before a verb of
    saying or doing, the subject of a sentence ("China and Russia abstained"), called on, accused …,
    or one whose troops are sent ("troops from Uganda, Burundi and Kenya")."""
    if re.match(r"-(?:based|born|made|registered|flagged|owned)\b", text[end : end + 12]):
        return False  # "Afghanistan-based handlers": where they are, not what the state does
    if re.search(rf"\b(?:{_PEOPLE_OF})\s+of\s+$", text[max(0, start - 16) : start]):
        return False  # "Residents of Banjul say …": the people of a place speak, not its government (and the
        # place words below are not reached: "say" after the name would make it act)
    if _CONTRIBUTOR.search(text[max(0, start - 150) : start]):
        return True
    if _ACTING_BEFORE.search(text[max(0, start - 60) : start]):  # before the place words: "independence from"
        return True
    if _ACTING_AFTER.match(text[end : end + 50]):  # "Turkey-backed", "Belgrade, which does not recognise …"
        return True
    if place_context(text, start, end):
        return False
    # "Burkina Faso, Mali and Niger formed …": every country of a list that is the subject
    # (and one of a list between dashes: "The Quad – the United States, Britain, Saudi Arabia and the United
    # Arab Emirates – said")
    subject = re.match(r"(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})*"
                       r"(?:,?\s+(?:and|n?or)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})?"
                       r"(?:,[^,.;]{1,90},)?(?:\s+[–—])?(?:\s+(?:also|then|later|still|now|again|even|never|already|"
                       r"today|yesterday|tonight|on (?:" + "|".join(lexicon().weekdays) + r")|"
                       r"[a-z]+ly))?\s+([a-z][\w’'-]*)", text[end : end + 200])
    sentence_start = re.search(r"(?:^|[.!?:]\s+|\n|[–—-]\s|,\s+(?:and|but)\s+|;\s+|"
                               r"\b(?:since|after|before|when|because|until|while|that|if|unless|although|which|"
                               r"where|as|charges?|claims?|accusations?|allegations?|saying|claiming|arguing|"
                               # "a charge Cotonou rejects", "saying Yaoundé uses its schools", "said Fiji could be …"
                               r"insisting|said|says)\s+|"
                               # a lead-in before the subject: "After Banjska, Pristina and Belgrade trade blame"
                               r"(?:^|[.!?:]\s+|\n)(?:After|Before|Since|In|On|At|During|Despite|With)\s+[^,.;]{1,50},\s+|"
                               # a time before the subject: "A decade later, Washington listed the party"
                               r"(?:^|[.!?:]\s+|\n)(?:(?:An?|One|Two|Three|Four|Five|Six|Ten|\d{1,2}) (?:hour|day|week|"
                               r"month|year|decade)s? later|Later|Earlier|Last (?:week|month|year)|This (?:week|month|"
                               r"year)|Yesterday|Today|Meanwhile),\s+|"
                               # and one with no comma: "Last month Kenya announced", "In May 1995 Serbia …"
                               rf"(?:^|[.!?:]\s+|\n)(?:(?:Last|This) (?:week|month|year)|(?:In|On|By) (?:{_when()})"
                               r"(?: \d{1,2})?(?:,? (?:19|20)\d\d)?)\s+)"
                               # "Neither Moscow nor Pyongyang has acknowledged it": both are the subject
                               r"(?:(?:Neither|Either|Both)\s+)?"
                               r"(?:[Tt]he\s+)?(?:[A-Z][\w’'-]+(?:\s+(?:[A-Z]|d[’'])[\w’'-]+)?(?:,\s+|,?\s+(?:and|n?or)\s+)"
                               r"(?:the\s+)?)*$",
                               text[max(0, start - 90) : start])  # the subject of a sentence or a clause
    return bool(actor_context(text, start, end) or _ACTING_BEFORE.search(text[max(0, start - 40) : start])
                or (sentence_start and subject and verb_like(subject.group(1))
                    and subject.group(1) not in _PLACE_VERBS))  # fmt: skip


# The prefixes of navies' ships' names: "HMS Sheffield", "USS George Washington", "ARA General Belgrano".
_SHIP_PREFIXES = frozenset({"HMS", "USS", "USNS", "HMAS", "HMCS", "HMNZS", "INS", "ARA", "RFS", "PNS", "KRI", "ROKS",
                            "BRP", "TCG", "FS", "NRP", "SPS", "HNLMS", "ITS", "JS"})

# The forms a company's name ends in: "Military Professional Resources Inc.".
COMPANY_ENDS = frozenset({"Inc", "Corp", "Ltd", "LLC", "plc", "PLC", "GmbH", "AG", "SA"})

# Verbs a place is the subject of: "after Kabul fell", "since Goma fell", "as the town lies …".
_PLACE_VERBS = frozenset({"fell", "falls", "fall", "fallen", "lies", "lay", "sits", "borders", "straddles"})


def modifier(text: str, end: int) -> bool:
    """"Bogotá car bomb", "Our Kabul correspondent": a name before a lower-case noun describes it
    (a verb after it, "Moscow annexed", "Kyiv should", is no noun)."""
    m = re.match(r"[ \t]+([a-z][\w’'-]*)", text[end : end + 30])
    if not m or _ACTOR_AFTER.match(text[end : end + 60]):
        return False
    word, lx = m.group(1), lexicon()
    verbs = {"should", "could", "would", "will", "must", "may", "might", "can", "cannot", "does", "did", "do", "is",
             "was", "has", "had", "have", "says", "wants", "needs", "sees", "hopes", "fears", "insists", "denies"}
    return not (word in verbs or word in lx.speech_verbs or word in lx.auxiliaries or word.endswith("ed"))


# (a quoted word before the noun is no end of it: "Le Balai Citoyen, the “citizens’ broom” movement")
_APPOSITION = re.compile(r"^,\s+(?:one of (?:the\s+)?|an?\s+|the\s+|its\s+|their\s+)(?:“[^”\n]{1,40}”\s+)?"
                         r"(?P<np>[^,.;:()“”\"]{2,90})")


_APPOSITION_END = re.compile(
    r"\s(?:of|in|at|near|that|which|who|whose|where|with|to|from|on|for|by|based|led|founded|and|since|"
    r"building|run|set|backed|known)\s"
)


IRREGULAR_PAST = frozenset(
    "withdrew took fled went began fought came said won lost left held kept made sent shot struck overran seized "
    "rose fell ran gave told wrote brought bought built drove flew grew knew led met paid put read sat saw sold "
    "spoke stood thought threw understood woke wore froze broke chose drew forbade hid hung laid lent meant rode "
    "sank stole swore swept tore taught undertook upheld withheld overtook overthrew became beat bound caught dug fed "
    "felt forgot got heard sought shook slept spent struck swung rebuilt cut".split()
)


def verb_like(word: str) -> bool:
    """A word that is likely a verb after a subject: "the army withdrew", "the group has"."""
    lx = lexicon()
    return (word in IRREGULAR_PAST or word in lx.speech_verbs or word in lx.auxiliaries or word.endswith("ed")
            or word in ("is", "are", "was", "were", "has", "have", "had", "will", "would", "should", "could", "may",
                        "might", "must", "can", "does", "did", "says",
                        # a headline's verbs: "Washington and Riyadh call for a truce", "… trade blame"
                        "call", "trade", "agree", "sign", "reject", "deny", "accuse", "warn", "vow", "urge",
                        "demand", "clash", "meet", "seek", "weigh", "hold",
                        # the present of verbs a state does ("saying Yaoundé uses its schools …")
                        "uses", "wants", "needs", "sees", "hopes", "fears", "insists", "denies", "rejects", "accuses",
                        "claims", "refuses", "backs", "supports", "controls", "blames", "plans", "seeks",
                        "regards", "decides", "agrees", "announces", "warns", "condemns", "considers", "argues",
                        "believes", "expects", "accepts", "recognises", "recognizes", "calls", "asks",
                        # "Russia keeps some 25,000 troops in Tajikistan", "Iran arms the militias"
                        "keeps", "sends", "maintains", "provides", "supplies", "funds", "arms", "trains", "pays",
                        "hosts", "opposes", "offers"))  # fmt: skip


def described(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(kind, the describing words) for a name the text describes: in an apposition ("Chasiv Yar,
    a town eight kilometres to the west": place) or before it ("a group calling itself Saraya …":
    armed-group). The kind is "place" or an actor type."""
    lx = lexicon()
    acronym = re.match(r"\s*\([A-Z][A-Za-z0-9-]{1,10}\)", text[end : end + 16])  # "… Network (ESN), the armed wing"
    m = _APPOSITION.match(text[end + (acronym.end() if acronym else 0) : end + 120])
    # "According to Omar Zidan, the army withdrew …": a comma that ends a lead-in, not an apposition
    lead_in = re.search(r"(?:^|[.!?]\s+|\n)\W*(?:[Aa]ccording to|[A-Z][a-z]+ing|[Ii]n|[Aa]fter|[Ff]or|[Ll]ike|"
                        r"[Aa]t|[Oo]n|[Ff]rom|[Nn]ear|[Ii]nside|[Oo]utside|[Aa]long|[Aa]cross|[Aa]round|[Uu]nder|[Bb]eyond|"
                        r"[Bb]ehind|[Ww]ithin|[Tt]hrough)"
                        r"\s[^,.;]*$", text[max(0, start - 80) : start])
    # "… with the AU and ECOWAS, a UN spokesman in New York said.": the sentence's speaker, no apposition
    said = m and re.search(r"\s(?:said|says|told|added|reported)\s*$", m.group("np"))
    if m and not lead_in and not said:
        np = m.group("np")
        if re.match(r"(?:\w+\s+)?(?:coalition|force|contingent)\s+of\s+(?:\w+\s+)?"
                    r"(?:soldiers|troops|forces|peacekeepers)\b", np):  # "ATMIS, a coalition of soldiers from …"
            return "military-force", "coalition of soldiers"
        cut = _APPOSITION_END.search(" " + np + " ")
        np = np[: max(0, cut.start() - 1)] if cut else np
        words = [w.replace("-", " ") for w in re.findall(r"[\w’'-]+", np.lower())]
        low = " " + " ".join(words) + " "
        best = None
        for phrase, kind in lx.described_as:
            at = low.rfind(f" {phrase} ")
            if at != -1 and kind == "person" and low[at + len(phrase) + 1 :].strip():
                # a person's noun only as the head ("a Finland-based separatist who …", cut at "who"): not
                # one that qualifies another ("a jihadist alliance", "a separatist group")
                continue
            if at != -1 and (best is None or at + len(phrase) > best[0]):
                best = (at + len(phrase), phrase, kind)
        if best:
            after = low[best[0] + 1 :].split()
            if not (after and verb_like(after[0])):
                whole = m.group("np")
                if best[2] == "organization" and (_ARMED.search(whole) or re.search(
                        r"\b(?:armed|jihadist|al-qaeda|islamic state|armies|separatist|guerrillas?|holdouts)\b|"
                        r"-linked\b|-backed movement\b", whole, re.I)):  # fmt: skip
                    # "the al-Qaeda-linked coalition", "an Iran-backed movement", "the coalition of ethnic
                    # armies", "an alliance of Baloch separatist factions", "a coalition of FARC holdouts": an
                    # armed one
                    return "armed-group", whole
                return best[2], best[1]
    m = re.search(r"(?P<of>\b(?:of|for)\s+)?\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]he)\s+"
                  r"(?P<np>(?:[A-Za-z’'-]+\s+){0,3}[a-z]+),\s+$", text[max(0, start - 60) : start])
    if m and m.group("of") and " " in text[start:end]:
        m = None  # "A spokesman for the separatist government, Alan Dzugaev": the spokesman's name
    if m:  # "a charge his party, Kwa Na Kwa, rejected", "the UN peacekeeping mission, MINUSCA,": the noun
        # (the noun before "of": "The chairman of its commission, Jean Ping," is the chairman's name)
        np = re.split(r"\s+of\s+", m.group("np"))[0]
        low = " " + " ".join(w.replace("-", " ") for w in np.lower().split()) + " "
        kind = next(((k, phrase) for phrase, k in lx.described_as if low.endswith(f" {phrase} ")), None)
        if kind and kind[0] != "person":
            return kind
    m = re.search(r"\b(?P<noun>[a-z]+)\s+(?:calling itself|calls itself|called|known as|named)\s+$",
                  text[max(0, start - 60) : start])
    if m and m.group("noun") in lx.self_named:
        return lx.self_named[m.group("noun")], m.group("noun")
    return None


# A name before its claim of an attack: "Boko Haram claimed that abduction", "… has claimed responsibility
# for the bombing".
_CLAIMED_ATTACK = re.compile(r"\s+(?:has\s+|had\s+|later\s+|quickly\s+)?claimed\s+(?:responsibility\s+for\s+)?"
                             r"(?:the|that|this|an?|its|both)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|abductions?|bombings?|"
                             r"killings?|kidnappings?|ambush(?:es)?|assaults?|raids?|massacres?|strikes?|blasts?)\b")


# Before a body's name that is its building: "near Government House", "in front of Parliament", "at the
# Defence Ministry", "walked into the Palacio Quemado", "the roof of the burned National Assembly".
_IN_A_BUILDING = re.compile(r"\b(?:near|outside|inside|in front of|into|beneath|behind|opposite|at|in|"
                            r"(?:roof|steps|gates?|courtyard|doors?|walls?|grounds|balcony|windows?|entrance) of)"
                            r"\s+(?:the\s+)?"
                            r"(?:(?:burned|presidential|old|new|former|besieged|empty)\s+)?$")
_BUILDINGS = frozenset({"House", "Palace", "Palacio", "Building", "Castle"})


# Words for a state that GeoNames also knows as towns' names: "the Republic", "the Union".
_STATE_NOUNS = frozenset({"Republic", "Union", "Federation", "Kingdom", "Commonwealth", "Confederation"})


# The last word of a post's name, which one person holds: "the UN Special Representative", "the EU High
# Representative", "the Special Envoy", "the First Prime Minister".
_POSTS = frozenset({"Representative", "Envoy", "Commissioner", "Rapporteur", "Ombudsman", "Secretary-General",
                    "Minister", "President"})


def type_new(lay: Layout, name: str, start: int, end: int, spans: list[Span], index: RegistryIndex,
              countries: frozenset[str] = frozenset()):  # fmt: skip
    """(kind, actor type, rule, confidence, geonames, state id) of a name the registry does not have."""
    text = lay.text
    lx = lexicon()
    words = name.split()
    acting = sum(actor_context(text, s, e) for s, e in spans)
    located = sum(place_context(text, s, e) for s, e in spans)
    actorish = acting > located
    if name.isupper() and len(name) > 3 and (gazetteer.city(name.title()) or gazetteer.country(name.title())):
        name = name.title()  # a dateline: "ADEN, Yemen"
    if re.search(r"\b(?:gave|gives|giving|give)\s+(?:only\s+)?(?:his|her)\s+(?:first\s+|full\s+|last\s+)?name"
                 r"(?:\s+only)?(?:,|\s+as)\s+$", text[max(0, start - 50) : start]):
        # "said the soldier, who gave only his first name, Brahim": the name a person gave as theirs
        return "actor", "person", "a name someone gave as theirs", 0.8, None, None
    if (lx.kind_of_word(words[-1]) == "government" or name in lx.institutions or words[-1] in _BUILDINGS) and all(
            _IN_A_BUILDING.search(text[max(0, s - 40) : s]) for s, _ in spans):  # fmt: skip
        # "near Government House", "in front of Parliament", "at the Defence Ministry", "signed in the Kremlin":
        # wherever it is named, the building
        return "place", None, "a body's building, where it is named", 0.6, None, None
    seat = lx.institutions.get(name)
    if seat:  # "the White House said": a seat of power that stands for those in it
        return "actor", seat, "a seat of power", 0.7, None, None
    if len(words) >= 2 and words[0] in _SHIP_PREFIXES:  # "HMS Sheffield", "USS Cole": a navy's ship
        return "actor", "military-force", f"a ship (“{words[0]}”)", 0.7, None, None
    if name in lx.platforms:  # "posted on Facebook"
        return "actor", "media-outlet", "a social platform", 0.8, None, None
    c = gazetteer.country(name)
    if c:
        if actorish:
            return "actor", "state", "country-acting (pycountry)", 0.8, c.geonames, None
        return "place", None, "country (pycountry)", 0.9, c.geonames, None
    code = gazetteer.capital_of(name)
    if code and actorish:
        return "actor", "state", "capital-for-its-state (GeoNames)", 0.6, None, code
    continent = gazetteer.continent(name)
    if continent:
        return "place", None, "continent (GeoNames)", 0.9, continent, None
    if len(words) == 2 and words[0] in DIRECTIONS and gazetteer.continent(words[1]):
        return "place", None, "part of a continent (GeoNames)", 0.8, None, None  # "West Africa"
    if len(words) == 2 and words[0] in ("North", "South", "East", "West") and not lx.kind_of_word(words[1]) and (
            words[1] not in lx.peoples and not index.names.get(norm(words[1]))):  # fmt: skip
        return "place", None, "a point of the compass before a name", 0.6, None, None  # "West Timor", "North Kivu"
    if len(words) == 1 and not located and not name.isupper() and any(
            _AGE_AFTER.match(text[e : e + 12]) for _, e in spans):  # fmt: skip
        return "actor", "person", "a name before an age", 0.7, None, None  # "Iskandar, 22, who sold fish"
    city = gazetteer.city(name, countries)
    if city and name.isupper() and len(name) <= 4 and not any(text[e : e + 1] == "," and text[s - 1 : s] in ("", "\n")
                                                              for s, e in spans):  # fmt: skip
        city = None  # "the state news agency TAP": an acronym, not the town GeoNames spells so ("GAO, Mali –" is)
    if city and name in _STATE_NOUNS:
        city = None  # "the Republic" in an Argentine story is the state, no town of that name in Missouri
    if city and not any(lx.kind_of_word(w) for w in words):
        return "place", None, "city (GeoNames)", 0.8, city.geonames, None
    if len(words) > 1 and words[-1].rstrip(".") in COMPANY_ENDS:
        return "actor", "organization", "a company's name", 0.8, None, None  # "Military Professional Resources Inc."
    if any(re.search(r"\b(?:company|firm|corporation|conglomerate|giant)\s+$", text[max(0, s - 14) : s])
           for s, _ in spans):
        return "actor", "organization", "a company's name after “company”", 0.7, None, None  # "the oil company Elf"
    if len(words) > 1 and any(_AGE_AFTER.match(text[e : e + 12]) for _, e in spans):
        return "actor", "person", "a name before an age", 0.8, None, None  # "Samira Qassem, 52, a resident"
    if any(_kin_before().search(text[max(0, s - 16) : s]) for s, _ in spans):
        return "actor", "person", "a relative's name", 0.7, None, None  # "her son Rolando, 19"
    cap = [w[:1].upper() + w[1:] for w in words]
    told = next((d for s, e in spans if (d := described(text, s, e))), None)
    if told and told[0] == "military-force" and (force := _force(cap)):
        return "actor", *force, 0.6, None, None  # "the Arakan Army, an army of the Rakhine"
    if told and told[0] == "military-force" and _INSURGENT_WORDS.search(name):
        # "the Armed Forces for the Liberation of Angola, the army of UNITA": a movement's army
        return "actor", "armed-group", f"described-as-“{told[1]}”, with a movement's word", 0.6, None, None
    if told:
        kind = "place" if told[0] == "place" else "actor"
        return kind, None if kind == "place" else told[0], f"described-as-“{told[1]}”", 0.7, None, None
    if any(_front_line_outlet(lay, s, e) for s, e in spans):
        return "actor", "media-outlet", "outlet-in-front-line", 0.6, None, None
    # "NIAMEY, Aug 11 (Tenere Press Agency) —"
    if any(_DATELINE_OUTLET.search(text[max(0, s - 60) : s]) and re.match(r"\)\s*[-–—]", text[e : e + 4])
           for s, e in spans):  # fmt: skip
        return "actor", "media-outlet", "outlet-in-dateline", 0.7, None, None
    if any(_STATE_SERVICE_AFTER.match(text[e : e + 30]) for _, e in spans):  # "the FSB security service"
        return "actor", "government", "a state's service", 0.6, None, None
    if any(_MEDIA_AFTER.match(text[e : e + 30]) for _, e in spans):  # "Iran’s Fars news agency"
        return "actor", "media-outlet", "media-word-after", 0.7, None, None
    if any(_MEDIA_BEFORE.search(text[max(0, s - 30) : s]) for s, _ in spans) or _in_credit(lay, start):
        return "actor", "media-outlet", "media-word-before", 0.7, None, None
    if any(re.search(r"\bparamilitary\s+(?:the\s+)?$", text[max(0, s - 20) : s], re.I)
           for s, _ in spans):
        return "actor", "armed-group", "paramilitary-before", 0.6, None, None
    if cap[-1] == "Province" and any(re.search(r"(?:Islamic State|ISIS|ISIL|IS|Daesh)[’']s\s+(?:the\s+)?$",
                                               text[max(0, s - 20) : s]) for s, _ in spans):  # fmt: skip
        # "the Islamic State's Sinai Province": a branch of the group, no place
        return "actor", "armed-group", "a province of the Islamic State", 0.7, None, None
    if cap[-1] in PLACE_HEADS and len(cap) == 2 and any(_ROLE_BEFORE.search(text[max(0, s - 30) : s])
                                                         for s, _ in spans):  # fmt: skip
        return "actor", "person", "a person's role before a name", 0.6, None, None  # "whose envoy Anthony Lake"
    if cap[-1] in PLACE_HEADS and not (cap[-1] == "State" and cap[0] == "Islamic") and len(cap) > 1 and not any(
        w in ("in", "of", "for") for w in words[1:]  # "Al-Qaeda in the Arabian Peninsula" is no place
    ) and not any(lx.kind_of_word(w) == "military-force" for w in cap[:-1]):  # "Fourth Army Region": a command
        return "place", None, f"head-word “{cap[-1]}” of a place", 0.7, None, None
    if cap[0] in _STREET_FIRST and len(words) > 2 and words[1] in ("de", "du", "des", "del", "da", "do", "dos"):
        # "the Place de la Révolution", "Avenida de Mayo", "Praça da Sé": a square's or a street's name
        return "place", None, f"“{cap[0]}” of a square or a street", 0.7, None, None
    if cap[0] in ("Los", "Las") and len(cap) > 1:  # "Los Choneros", "Los Zetas": a gang's or a cartel's name
        conflict = any(_CONFLICT.search(text[max(0, s - 80) : e + 80]) for s, e in spans)
        return "actor", "armed-group" if conflict else "organization", "Spanish article before a name", 0.6, None, None
    if len(cap) > 1 and cap[-1] in _POSTS:  # "the UN Special Representative, Martti Ahtisaari": a post one holds
        return "actor", "person", f"a post's name (“{cap[-1]}”)", 0.5, None, None
    if len(words) == 1 and any(_after_a_city(text, s, e, countries) for s, e in spans):
        return "place", None, "a region or country after a city", 0.6, None, None  # "near El Paso, Texas,"
    if cap[0] in _PLACE_FIRST and len(cap) > 1 and not lx.kind_of_word(cap[-1]):  # not "County Sovereignty Committee"
        return "place", None, f"“{cap[0]}” before a name", 0.7, None, None  # "Lake Chad", "Mount Sinjar"
    if len(cap) > 1 and cap[-1].endswith("landers"):  # "Solomon Islanders", "New Zealanders": a people
        return "actor", "population-group", "a people's name", 0.6, None, None
    if any(w in lx.peoples and w.endswith("s") for w in (cap[0], cap[-1])) and len(cap) > 1:
        return "actor", "population-group", "a people's name", 0.6, None, None  # "Karabakh Armenians"
    if len(cap) == 2 and cap[1].endswith("s") and all(
        w in lx.peoples or gazetteer.demonym_country(w) for w in (cap[0], cap[1][:-1])
    ):  # "Greek Cypriots", "Iraqi Kurds": a people of a people
        return "actor", "population-group", "a people's name in the plural after a people's", 0.6, None, None
    head = lx.kind_of_word(cap[-1])
    if cap[-1] == "Agency" and any(w in ("Press", "News") for w in cap[:-1]):
        return "actor", "media-outlet", "a press or news agency", 0.7, None, None  # "Chari Press Agency"
    if cap[-1] == "Air" and len(cap) > 1:  # "Susi Air" (but "Air Vice Marshal …" is a rank)
        return "actor", "organization", "head-word “Air”", 0.6, None, None
    if cap[0] == "Operation" and len(cap) > 1 and not head:
        return "actor", "military-force", "a military operation's name", 0.5, None, None  # "Operation Barkhane"
    if cap[-1] in ("Council", "Committee", "Commission") and "Presidential" in cap:
        # "the Transitional Presidential Council" (not "the Southern Transitional Council", a movement's)
        return "actor", "government", "a presidential council", 0.6, None, None
    if "Court" in cap and any(w in ("High", "Supreme", "Appeal", "Appeals", "Constitutional", "Cassation")
                              for w in cap):  # fmt: skip
        return "actor", "government", "a state's court", 0.6, None, None  # "the Manipur High Court", "Court of Appeal"
    if head == "organization" and cap[-1] in _ARMED_HEADS and any(
        _ARMED.search(text[max(0, s - 100) : s] + " " + text[e : e + 100]) for s, e in spans
    ):
        return "actor", "armed-group", f"head-word “{cap[-1]}” among words of armed conflict", 0.5, None, None
    if head == "military-force" and (force := _force(cap)):
        if force[0] == "armed-group" and not _INSURGENT_WORDS.search(name) and any(
            _SOLDIERS_OF.search(text[max(0, s - 24) : s]) for s, _ in spans
        ):  # "Soldiers of the Joint Task Force": soldiers are a state's
            return "actor", "military-force", f"soldiers of the “{cap[-1]}”", 0.6, None, None
        return "actor", *force, 0.6 if force[0] == "armed-group" else 0.7, None, None
    if head == "organization" and cap[-1].rstrip("s") in _STATE_BODIES and any(
        _state_possessive(text, s) for s, _ in spans
    ):  # "Venezuela’s National Electoral Council", "Pakistan’s National Security Committee"
        return "actor", "government", f"head-word “{words[-1]}” after a country's name", 0.6, None, None
    if head == "organization" and cap[-1].rstrip("s") in _STATE_BODIES and (
        "Electoral" in cap or any(gazetteer.country(" ".join(cap[:k])) for k in range(1, min(4, len(cap))))
    ):  # "Zimbabwe Electoral Commission", "Kenya Wildlife Service": a state's body named for the state
        return "actor", "government", f"head-word “{words[-1]}” of a country's body", 0.6, None, None
    if cap[-1].rstrip("s") in _STATE_BODIES and any(w in _STATE_WORDS for w in cap[:-1]):
        # "the Central Election Commission", "the Central Intelligence Agency", "the Revolutionary Command Council"
        return "actor", "government", f"a state's body (“{next(w for w in cap if w in _STATE_WORDS)}”)", 0.6, None, None
    at = next((i for i, w in enumerate(words) if w in ("in", "of", "for")), None)
    if re.search(r"\b(?:House|Chamber) of (?:Commons|Lords|Representatives|Assembly|Delegates|Deputies|Councillors)$",
                 name):  # fmt: skip
        return "actor", "government", "a chamber of a legislature", 0.7, None, None  # "the House of Commons"
    if at and cap[at - 1] in _STATE_BODIES and re.search(r"\bof (?:the )?(?:State|Ministers)$", name):
        # "the High Council of State", "the Council of Ministers": a state's ruling body
        return "actor", "government", f"a “{words[at - 1]} of {words[-1]}”", 0.6, None, None
    if at and lx.kind_of_word(cap[at - 1]) == "government":  # "Department of State Services", "Ministry of Defence"
        return "actor", "government", f"head-word “{words[at - 1]}” before “{words[at]}”", 0.7, None, None
    if head == "organization" and "Police" in cap[:-1]:  # "National Police Service": police are the state's
        return "actor", "government", "“Police” in the name of a service", 0.6, None, None
    if head == "armed-group" and words[-1] in _PARTY_HEADS and _political(text, spans):
        # "the presidential alliance of the National Liberation Front (FLN)": a party among words of politics
        return "actor", "organization", f"head-word “{words[-1]}” among words of politics", 0.5, None, None
    if head:
        return "actor", head, f"head-word “{words[-1]}”", 0.7, None, None
    if cap[-1] in ("States", "Nations", "Countries") and len(cap) > 2 and "of" in words:
        return "actor", "organization", "a union of states", 0.6, None, None  # "Alliance of Sahel States"
    # "African Union Mission in Somalia": the head noun is the last word before "in", "of" or "for"
    if at and (kind := lx.kind_of_word(cap[at - 1])):
        if kind == "armed-group" and words[at - 1] in _PARTY_HEADS and _political(text, spans):
            # "Morales’s party, the Movement for Socialism (MAS)"
            return "actor", "organization", f"head-word “{words[at - 1]}” among words of politics", 0.5, None, None
        return "actor", kind, f"head-word “{words[at - 1]}” before “{words[at]}”", 0.6, None, None
    for w in cap:
        kind = lx.kind_of_word(w)
        if kind:
            return "actor", kind, f"word “{w}”", 0.6, None, None
    road = re.fullmatch(r"[A-Z]{1,2}-?\d{1,3}", name)  # "the M4 motorway": a road's number, no acronym
    if located and not actorish and (not name.isupper() or road):  # an acronym is hardly a place: "in the TPLF"
        return "place", None, "place-words-around", 0.6, None, None
    if len(words) <= 4 and not name.isupper() and any(titled(text, s) for s, _ in spans):
        return "actor", "person", "a title before a name", 0.7, None, None  # "Defence Minister Khawaja Asif"
    if not name.isupper() and any(_listed_with_a_place(text, s, e, index, countries) for s, e in spans):
        return "place", None, "listed-with-places", 0.6, None, None  # "Gojjam, Gondar, Wollo and Shewa"
    if any(_FIGHTERS_AFTER.match(text[e : e + 80]) for _, e in spans):
        return "actor", "armed-group", "a name before its fighters", 0.5, None, None  # "Wazalendo militiamen"
    if any(_TROOPS_AFTER.match(text[e : e + 80]) for _, e in spans):
        return "actor", "military-force", "a name before its troops", 0.5, None, None  # "ECOMOG troops landed"
    if not located and all(_MEMBER_AFTER.match(text[e : e + 30]) for _, e in spans) and not (
        name in lx.peoples or gazetteer.demonym_country(name) or gazetteer.country(name) or gazetteer.city(name)
    ):  # "a Catholic priest", "a Communist deputy", "Ulster Unionist politicians": a church's, a party's
        return "actor", "organization", "a name before its members", 0.5, None, None
    if any(_POPULATION_AFTER.match(text[e : e + 80]) for _, e in spans):
        return "actor", "population-group", "a people's name before people", 0.6, None, None  # "Baloch prisoners"
    conflict = any(_CONFLICT.search(text[max(0, s - 80) : e + 80]) for s, e in spans)
    of_place = re.fullmatch(r"[A-Z][\w’'-]+ of ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)", name)
    if of_place and all(
        re.search(r"\b(?:on|in|along|across|to|from)\s+the\s+$", text[max(0, s - 14) : s]) for s, _ in spans
    ):  # "on the Weathercoast of Guadalcanal": a part of a place
        return "place", None, "a name of a place's part after “on the”, “in the” …", 0.5, None, None
    if len(words) > 1 and any(w in ("of", "in", "for", "the", "and") for w in words[1:]):
        # "Al-Qaeda in the Arabian Peninsula": a name with "in", "of" is no person's
        return "actor", "armed-group" if conflict else "organization", "name-with-of-or-in", 0.5, None, None
    if len(words) > 1 and any(re.match(r" \([A-Z]{2,}\)", text[e : e + 12]) for _, e in spans):
        # "Barisan Revolusi Nasional (BRN)": a name with an acronym after it is no person's
        return "actor", "armed-group" if conflict else "organization", "name-with-an-acronym", 0.5, None, None
    if words[-1] in lx.party_members and not located:  # "the opposition Social Democrats", "some Republicans"
        return "actor", "organization", "a party's name for its members", 0.6, None, None
    if name == "West" and all(re.search(r"\b[Tt]he\s+$", text[max(0, s - 4) : s]) for s, _ in spans):
        return "actor", "organization", "“the West”: states together", 0.6, None, None  # "brokered by the West"
    if len(words) == 1:
        if name in _MONARCHS and all(re.search(r"\b[Tt]he\s+$", text[max(0, s - 4) : s]) for s, _ in spans):
            return "actor", "person", f"“the {name}”: the ruler", 0.6, None, None  # "The Shah sent his first troops"
        if name in lx.organisation_acronyms:
            return "actor", "organization", "acronym of an international organisation", 0.7, None, None
        if re.fullmatch(r"[A-Z]{1,6}FOR|MINU[A-Z]{2,4}|MONUSCO|UNMI[A-Z]{1,3}|UNAMI[A-Z]{0,3}|UNOCI|UNIFIL", name):
            # "KFOR", "EUFOR", "MINUSCA", "UNMISS", "UNOCI": a peacekeeping force's or mission's acronym
            return "actor", "military-force", "acronym of a peacekeeping force or mission", 0.6, None, None
        if name.isupper() or re.fullmatch(r"[A-Z][A-Z0-9]+", name):
            return "actor", "armed-group" if conflict else "organization", "acronym", 0.5, None, None
        if _PEOPLES_PLURAL.search(name) or (name.endswith("s") and gazetteer.demonym_country(name[:-1])):
            # "Papuans", "Mozambicans", "Uzbeks" among words of fighting too: a people, not an armed group
            return "actor", "population-group", "a people's name in the plural", 0.5, None, None
        if conflict:
            return "actor", "armed-group", "one-word-name-near-fighting-words", 0.5, None, None
        if _PLURAL_PEOPLE.search(name):  # "which Filipinos call Ayungin", "the Sahrawis’ right", "the Hassans"
            return "actor", "population-group", "a people's name in the plural", 0.5, None, None
    if any(re.search(r"\b[Tt]he\s+$", text[max(0, s - 4) : s]) for s, _ in spans):
        if conflict:  # "among them the Arambai Tenggol, of firing on …"
            return "actor", "armed-group", "a name after “the” among words of fighting", 0.4, None, None
        if all(_after_a_person_s_of(text, s) for s, _ in spans):
            # "Selim Ergün of the CHP", "Gustavo Anzueto Vielman of the Authentic Nationalist Central": a body
            # a person is of, no place
            return "actor", "organization", "a name after a person’s “of the”", 0.4, None, None
        after_place_word = any(re.search(r"\b(?:on|of|along|across|near|into|in)\s+the\s+$", text[max(0, s - 12) : s])
                               for s, _ in spans)  # fmt: skip
        if after_place_word and not _INSURGENT_WORDS.search(name):
            return "place", None, "a name after “on the”, “of the” …", 0.4, None, None  # "a dam on the Blue Nile"
        return "actor", "organization", "a name after “the”", 0.4, None, None  # "the Quad", "the West": no person's
    if gazetteer.region(name):  # "Rafah on the border with Gaza": a country's province or district (ISO 3166-2)
        return "place", None, "a region (ISO 3166-2)", 0.5, None, None
    if any(_CLAIMED_ATTACK.match(text, e) for _, e in spans):  # "Boko Haram claimed that abduction"
        return "actor", "armed-group", "a name that claimed an attack", 0.6, None, None
    return "actor", "person", "capitalised-words", 0.5 if len(words) == 1 else 0.7, None, None


_SIBLING = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
_SIBLING_AFTER = re.compile(rf"(,\s+|,?\s+(?:and|or)\s+)({_SIBLING})(?![\w’'-]|\s+(?:in|of|from|at)\s)")
_SIBLING_BEFORE = re.compile(rf"(?<![\w’'-])(?<!\bin\s)(?<!\bof\s)(?<!\bfrom\s)(?<!\bat\s)({_SIBLING})"
                             rf"(,\s+|,?\s+(?:and|or)\s+)$")


def _listed_with_a_place(text: str, start: int, end: int, index: RegistryIndex, countries: frozenset[str]) -> bool:
    """"Gojjam, Gondar, Wollo and Shewa", "around Tibú, El Tarra and Teorama": a name in a list of names
    (joined by "and" or "or" next to it or further on, :func:`list_siblings`) one of which is a city GeoNames
    knows or a place of the registry (not a country: "Russia and Wagner")."""
    siblings = list_siblings(text, start, end)
    lx = lexicon()

    def place(name: str) -> bool:
        known = index.names.get(norm(name))
        return not gazetteer.country(name) and name not in lx.stop and (
            bool(known and known[0] == "place") or (not known and gazetteer.city(name, countries) is not None))

    return any(place(s) for s in siblings)


def list_siblings(text: str, start: int, end: int) -> list[str]:
    """The other names of a list the name at ``start``–``end`` is in ("Tibú, El Tarra and Teorama"), when
    "and" or "or" joins it; none after "in", "of", "from", "at" ("Issa in Niamey and Okafor in Abuja")."""
    if re.match(r"\s+(?:in|of|from|at)\s", text[end : end + 6]):
        return []
    siblings: list[str] = []
    joined = False
    pos = end
    while len(siblings) < 4 and (m := _SIBLING_AFTER.match(text, pos)):
        siblings.append(m.group(2))
        joined = joined or "," not in m.group(1) or bool(re.search(r"\b(?:and|or)\b", m.group(1)))
        pos = m.end()
    pos, first = start, True
    while len(siblings) < 8 and (m := _SIBLING_BEFORE.search(text[max(0, pos - 60) : pos])):
        siblings.append(m.group(1))
        joined = joined or (first and bool(re.search(r"\b(?:and|or)\b", m.group(2))))
        pos, first = pos - len(m.group()), False
    return siblings if joined else []


def _after_a_city(text: str, start: int, end: int, countries: frozenset[str]) -> bool:
    """"near El Paso, Texas, with …": a name between commas right after a city GeoNames knows is the
    region or country the city is in (not "In Kabul, Shah, a trader, said"; the caller takes one word
    only: "Our correspondent in Yerevan, Ani Sargsyan, says")."""
    m = re.search(r"(?<![\w’'-])([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?), $", text[max(0, start - 40) : start])
    if not m or not re.match(r"[,.;)]", text[end : end + 1]) or re.match(r",\s+(?:an?|the|who|whose)\s", text[end:]):
        return False
    city = m.group(1).title() if m.group(1).isupper() else m.group(1)
    return gazetteer.city(city, countries) is not None and not gazetteer.country(city)


# Head words of a state's bodies as much as of other organisations: a state's when a country owns them.
_STATE_BODIES = frozenset({"Council", "Committee", "Commission", "Agency", "Service", "Authority"})
# Words that make a council, a commission or an agency a state's: one that runs elections, spies, rules
# (a junta's "Command Council", "Revolutionary Council", "National Defence Council"), judges the constitution,
# investigates for the state or answers disasters.
_STATE_WORDS = frozenset({"Election", "Elections", "Electoral", "Intelligence", "Constitutional", "Command",
                          "Investigative", "Emergency", "Defence", "Defense", "Revolutionary"})


def _after_a_person_s_of(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a person's name and "of the" ("Selim Ergün of the CHP"): two or
    three words, none a word of a body or a title."""
    m = _OF_PERSON.search(text[max(0, start - 60) : start])
    lx = lexicon()
    return bool(m) and not any(lx.kind_of_word(w) or w in lx.titles for w in m.group("who").split())


def _state_possessive(text: str, start: int) -> bool:
    """"Venezuela’s National Electoral Council": the name comes right after a country's possessive."""
    m = re.search(r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)['’]s\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    return bool(m and gazetteer.country(m.group(1)))


# A person's role in lower case right before a name: "whose envoy Anthony Lake", "the minister Ali Lake"
_ROLE_BEFORE = re.compile(r"\b(?:envoy|minister|president|spokesman|spokeswoman|ambassador|adviser|advisor|"
                          r"commander|governor|mayor|senator|chairman|secretary)\s+$")


def titled(text: str, start: int) -> bool:
    """"Colonel Hartanto", "Defence Minister Khawaja Asif": a name right after a title of a person (a rank,
    an office)."""
    m = re.search(r"(?:^|[\s(“\"])([A-Z][a-z]+)\.?\s+$", text[max(0, start - 20) : start])
    return bool(m and m.group(1) in lexicon().person_titles)


_DATELINE_OUTLET = re.compile(rf"(?:^|\n){DATELINE_PLACE}[^\n()]{{0,40}}\($")


def _force(cap: list[str]) -> tuple[str, str] | None:
    """(actor type, rule) of a name ending in "Army", "Forces" or "Force": a state's military when it
    names a state ("Sudanese Armed Forces", "Philippine Army"), else an armed group's ("Arakan Army",
    "Myanmar National Democratic Alliance Army"); None for another name."""
    if cap[-1] not in ("Army", "Forces", "Force") or len(cap) < 2:
        return None
    label = " ".join(cap)
    if label in ("Defence Force", "Defense Force", "Defence Forces", "Defense Forces", "Armed Forces"):
        return "military-force", f"“{label}” alone: the state's own"  # "ordered the Defence Force to …"
    if cap[-2] in ("Air", "Police", "Naval", "Border", "Reserve", "Security") and not _INSURGENT_WORDS.search(label):
        return "military-force", f"“{cap[-2]} {cap[-1]}”"  # "Royal Air Force", "Central Reserve Police Force"
    if _INSURGENT_WORDS.search(label):
        return "armed-group", f"“{cap[-1]}” in the name of a movement"
    if not (gazetteer.countries_in(label) or any(gazetteer.country(w + "s") for w in cap[:-1])):  # "Philippine"
        if cap[-1] == "Force":  # "Kosovo Force", "Caribbean Peace Force": a force that states send together
            return "military-force", "“Force” named for no state: states' force together"
        return "armed-group", f"“{cap[-1]}” named for no state"
    return "military-force", f"head-word “{cap[-1]}” of a state's name"


def _front_line_outlet(lay: Layout, start: int, end: int) -> bool:
    """"Mekong Ledger | 2 Feb 2024 | Analysis by …", "Caucasus Desk live, Wed 20 Sep 2023": a name that
    begins a short dated line before the story, and is not its author's, is the outlet's."""
    lx = lexicon()
    line = next((r for r in lay.front_lines if r.start == start), None)
    if line is None:
        return False
    rest = lay.text[end : line.end]
    name = lay.text[start:end]
    if gazetteer.is_place(name) or re.match(r",\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s+(?:province|region|state|"
                                            r"district|governorate)\b", rest):  # "Atmeh, Idlib province | …"
        return False
    dated = re.search(r"\b(?:" + "|".join([*lx.months, *lx.month_abbreviations, *lx.weekdays]) + r")\b", rest)
    return bool(dated and re.match(r"(?:\s+live\b|\s*[|,.–—·-])", rest))  # "KANLAON QUARTERLY · FEATURE"


def credit_lead(credit: str) -> str:
    """The first name of a photo credit: "HORN WIRE" of "HORN WIRE/Name", "MARGALLA WIRE" of
    "MARGALLA WIRE PHOTO: Name", "Name" of "Name | Outlet"."""
    lead = re.split(r"/| PHOTO: | \| |, | [—–·] | \(", credit)[0].strip()
    return re.sub(r"\s+(?:19|20)\d\d$", "", lead)  # "Bight Wire 2025 / Name": the outlet, with no year


# Words inside a person's name, or that join two names, not a photographer to an outlet.
_NAME_PARTICLES = frozenset({"de", "del", "della", "di", "da", "do", "dos", "das", "du", "van", "von", "der", "den",
                             "ter", "al", "el", "bin", "ibn", "abu", "and", "et", "y", "e", "und"})


def photographer_first(credit: str) -> bool:
    """"Name for Outlet", "NAME FOR OUTLET", "Name via Outlet", "NAME (OUTLET)": the photographer, then whom
    the photo was taken for or came through."""
    # "Name via Outlet" too; "NAME (OUTLET)": the outlet in brackets after the name
    # (in French "Name pour Outlet", and so in any language: "Name për Outlet", "Name pentru Outlet",
    # "Name para Outlet"; not a particle of a name, "Luis de Souza")
    joined = re.search(r" ([a-zà-öø-ÿ]{2,7}) (?:the |le |la |l’|l')?[A-ZÀ-ÖØ-Þ]", credit)
    bracketed = re.fullmatch(r"([^()]+) \([^()]+\)", credit)
    if bracketed and lexicon().kind_of_word(bracketed.group(1).split()[-1].title()) == "media-outlet":
        return False  # "Tassili Wire (Amine Belkacem)": the outlet, then its photographer in brackets
    return bool(re.search(r" (?:FOR|via) ", credit) or bracketed
                or joined and joined.group(1) not in _NAME_PARTICLES)



def _in_credit(lay: Layout, start: int) -> bool:
    photo = lay.photo
    if not photo or not (photo.credit.start <= start < photo.credit.end):
        return False
    credit = lay.text[photo.credit.start : photo.credit.end]
    if re.search(r"\b(?:released|distributed|supplied|provided|handed out) by\s*$",
                 lay.text[max(0, photo.credit.start - 30) : photo.credit.start]):
        return False  # "Photo released by the African Union mission …": a handout, by no outlet
    agency = credit_lead(credit)
    lx = lexicon()
    by_agency = not photographer_first(credit) and (
        agency.isupper() or agency in lx.photo_agencies or agency.endswith(" Photo")  # "AP Photo/Name"
        or lx.kind_of_word(agency.split()[-1] if agency else "") == "media-outlet"  # "Sokoto Wire / Name"
    )
    before = lay.text[photo.credit.start : start]
    if not by_agency and re.search(r"(?:/|\b(?:for|FOR|pour)|\||·|\(|\bvia)\s*(?:[Tt]he\s+)?$", before):
        return True  # the outlet after the photographer: "Name / Outlet", "Name for Outlet", "Name (Outlet)"
    return start == photo.credit.start and by_agency
