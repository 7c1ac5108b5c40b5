"""Reported speech, each a claim of the one who speaks, in the article's words:

- ``according-to``: "… according to X, …" / "According to X, …";
- ``subject-relative``: "X, which says …, struck …": the relative clause is X's;
- ``view``: "For analysts, …": the view of an unnamed group of sources;
- ``version``: "Tbilisi’s version is that …", "Jakarta’s answer has been to …": the account of X;
- ``reported``: "X (, who …,) said / told Y / warned / accuses Z of / denies …" with what was said
  after the verb ("Saudi Arabia accuses Iran of arming …", "Analysts warned that …");
- ``said-after``: "…, said X (, a researcher at …)." / "…, diplomats say.";
- ``denial``: "…, a charge X denies" / "…, which X denies" / "…, a claim X rejected": a claim of X
  beside the claim it answers;
- ``quoted-as-saying``: "Radio Okapi quoted the administrator as saying that …": a claim of the one
  quoted, passed on by the outlet that quoted him;
- ``and-that``: "X said A and that B": B, a second claim of X's;
- ``saying``: "X closed its border, saying …": what follows "saying" is X's;
- ``relative``: "…, where Amnesty International says hundreds were killed" / "…, which Kinshasa
  accuses of failing …" / "…, whom residents describe as fighters": what X says in a relative clause,
  beside the sentence's own claim.
"""

from __future__ import annotations

import re

from ...records import Hop
from .. import attribution
from ..attribution import Attribution
from ..kinds import IRREGULAR_PAST, verb_like
from ..lexicon import lexicon
from ..speakers import OUR_PEOPLE
from ..text import Layout, trim, word_count
from . import UNKNOWN_PUBLISHER, Context, DraftClaim, Found, hedge_of
from .quotations import outlet_in

# Verbs that say what something is only with "as": "Chișinău dismissed the congress as a propaganda show".
_AS_VERBS = frozenset({"dismissed", "dismisses", "presented", "presents", "portrayed", "portrays", "branded",
                       "brands"})
_COMPLEMENT_VERBS = _AS_VERBS | {
    "said", "says", "say", "denies", "denied", "deny", "rejects", "rejected", "accuses", "accused", "accuse", "warned",
    "warns", "claimed", "claims", "insists", "insisted", "believes", "believed", "fears", "feared", "reported",
    "reports", "announced", "confirmed", "admitted", "acknowledged", "called", "calls", "condemned", "condemns",
    "argue", "argues", "argued", "blames", "blamed", "urged", "urges", "urge", "documented", "documents", "described",
    "describes", "told", "tells", "estimates", "estimated", "reject", "blame", "describe", "insist", "put", "puts",
    "complained", "complains", "counted", "counts",
}  # fmt: skip
# What a denial dismisses: "dismissed the accusation", "dismisses such claims" (not a court's "charges").
_DISMISSED_CHARGE = re.compile(r"\s+(?:the|these|those|that|this|such|an?|his|her|its|their|all)\s+(?:[\w-]+\s+){0,2}?"
                               r"(?:accusations?|charge|claims?|reports?|allegations?|criticism|suggestions?)\b")
# A figure someone gives: "put the dead at about 80", "put their losses at some 3,000".
_PUT_AT = re.compile(r"\s+(?:the|their|its|his|her|our)\s+[^.;,“”]{0,40}?\bat\s+(?:about\s+|around\s+|at\s+least\s+|"
                     r"more\s+than\s+|nearly\s+|almost\s+|some\s+|over\s+|up\s+to\s+)?"
                     r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens|hundreds|thousands)")
# A count someone gives: "counted 13 people killed", "counted at least 115 dead".
_CONVENED = re.compile(r"\s+(?:(?:on|last|this|that)\s+[A-Z]?[a-z]+\s+)?(?:for\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:session|meeting|summit|conference|strike|vote|referendum|election|rally|march|"
                       r"demonstration|sit-in)s?\b|\s+it\s+(?:last|this|on|for)\b")
_COUNTED = re.compile(r"\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+|almost\s+|over\s+|up\s+to\s+)?"
                      r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens|hundreds|thousands)")
# "…, the Iranian foreign ministry said in a statement.": the sentence's speaker comes last.
_SAID_AFTER_TAIL = (r"(?:\s+(?:in|on|at|to|from|during|after|late|earlier|later|this|last|yesterday|today)\b"
                    r"(?:(?!\bthat\b)[^,.;“”]){0,60})?")  # "in a statement posted on Facebook on Tuesday evening"
# "X claimed the raid, and the United States designated …": a new clause with its own subject.
_NEXT_CLAUSE = re.compile(r",?\s+(?:and|but|while|whereas)\s+(?=(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s+[a-z])")
_DENIAL = re.compile(
    r",\s+(?P<ev>(?:(?:an?|the)\s+)?(?:charge|claim|accusation|account|report|allegation|toll|figure|version|"
    r"assertion|estimate|finding|conclusion)s?\s+(?P<head>[^,.;]{2,60}?)"
    # ("a charge New Delhi has always denied", "accusations the government denies")
    r"\s+(?:has\s+|have\s+|had\s+)?(?:(?:always|long|repeatedly|consistently|strongly|also|since)\s+)?"
    r"(?:denies|denied|deny|rejects|rejected|reject|disputes|disputed|dismisses|dismissed|"
    r"said it was reviewing|says it is reviewing)"
    r"|which\s+(?P<head2>[^,.;]{2,60}?)\s+(?:denies|denied|deny|rejects|rejected|dismisses|dismissed))"
)


# "which Kinshasa accuses of …", "where the Red Cross says …", "that Kenyan officers say is …": a relative
# clause whose subject says something (not "which X denies": a denial, above).
_RELATIVE = re.compile(
    r"\b(?:which|that|where|whom)\s+(?P<head>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|[a-z]+))?"
    r"(?:\s+[A-Z][\w’'-]*)*|(?:the|its|their)\s+[a-z]+|[a-z]+(?:\s+and\s+[a-z]+)?)\s+"
    r"(?P<verb>says|say|said|claims|claim|claimed|calls|call|called|describes|describe|described|accuses|accuse|"
    r"accused|believes|believe)\s+(?=[a-z“\"])"
)


def _sentences(lay: Layout, kinds=("paragraph", "caption")):
    for r in lay.regions:
        if r.kind not in kinds:
            continue
        speech = lay.speech(r)
        for s, e in lay.sentences[r]:
            yield r, s, e, any(s <= q.open < e for q in speech)


def _unquoted(lay: Layout):
    """(start, end) of each sentence of the paragraphs and captions that holds no quotation."""
    return ((s, e) for _r, s, e, quoted in _sentences(lay) if not quoted)


# Verbs after "According to X, Y …" that make it Y's claim, as X reports it.
_INNER_VERBS = frozenset({"said", "says", "told", "tells", "believe", "believes", "fear", "fears", "suspect",
                          "suspects", "accuse", "accuses", "accused", "blamed", "blames"})


def find_according_to(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        m = re.search(r"\b[Aa]ccording to\s+([^,.;:]+)(?:,\s*([^.;:]+))?", text[s:e])
        if not m:
            continue
        if m.start() > 2 and (sub := attribution.subject(text, s, s + m.start())) and sub.verb in (
                "said", "says", "told", "tells") and not re.search(r"\b(?:reportedly|allegedly|apparently)\s",
                                                                   text[s : s + m.start()]):  # fmt: skip
            # "Wang told Jaishankar that …, according to a Chinese readout": Wang's words (rule reported);
            # but "Biden reportedly told …, according to an official": the official's
            continue
        if m.start() <= 2 and m.group(2) and (inner := attribution.subject(text, s + m.start(2), e)) and (
                inner.verb in lexicon().belief_verbs or inner.verb in _INNER_VERBS):  # fmt: skip
            # "According to Stanković, Serbian officials fear that …": the officials' fear, as he tells it
            out.append(Found("reported", s, (s, e), inner, evidence=trim(text, s, e, " \t.")))
            continue
        head = (s + m.start(1), s + m.end(1))
        appos = (s + m.start(2), s + m.end(2)) if m.group(2) and s + m.end(2) >= e - 1 else None
        named = text[head[0] : head[1]].lower()
        if named in lexicon().pronouns or re.sub(r"^(?:the|its|their|his|her)\s+", "", named) in lexicon().rule_books:
            continue  # "fighting to rule Uganda according to the Ten Commandments": no one speaks
        rest = trim(text, s, s + m.start(), " \t,") if m.start() > 2 else trim(text, s + m.end(), e, " \t,.")
        if m.start() > 2:  # "A has praised …, and B have told …, according to X": X's is the last clause
            last = next(reversed(list(_NEXT_CLAUSE.finditer(text, rest[0], rest[1]))), None)
            if last is not None:
                rest = trim(text, last.end(), rest[1], " \t,")
        if rest[1] <= rest[0]:
            rest = trim(text, s, e)
        if m.start() > 2 and m.group(2) and verb_like(m.group(2).split()[0]):
            # "Among them, according to union sources, was Lorenzo Miguel": set between commas inside the
            # sentence, whose words go on after it (no apposition of the source's)
            appos, rest = None, trim(text, s, e, " \t.")
        attr = Attribution(head, "according to", None, (s + m.start(), head[1]), appos)
        out.append(Found("according-to", s, (s, e), attr, evidence=rest))
    return out


def find_view(lay: Layout) -> list[Found]:
    """"For analysts, the fighting is less about Ulang …": a view given to an unnamed group of
    sources at the head of the sentence ("For", "To", "In the view of"); "In his view …": the view of
    the one the pronoun stands for."""
    text = lay.text
    groups = "|".join(re.escape(noun) for noun, _ in lexicon().group_sources)
    out = []
    for s, e in _unquoted(lay):
        m = re.match(rf"(?:For|To|In the view of)\s+((?:(?:some|many|most|several|other|the)\s+)?(?:[\w’'-]+\s+){{0,2}}"
                     rf"(?:{groups})),\s+(?=\S)", text[s:e])
        # "In his view the landing was lawful on paper": the view of the one the pronoun stands for
        m = m or re.match(r"In\s+(his|her|their)\s+(?:own\s+)?view,?\s+(?=\S)", text[s:e])
        if not m:
            continue
        head = (s + m.start(1), s + m.end(1))
        attr = Attribution(head, "in the view of", None, (s, head[1]))
        out.append(Found("view", s, (s, e), attr, evidence=trim(text, s + m.end(), e, " \t.")))
    return out


# "Tbilisi’s version is that it acted in self-defence", "Jakarta’s answer has been to call them
# terrorists": the account one gives, named by its owner at the head of the sentence.
_VERSION = re.compile(r"((?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})[’']s?\s+(?:own\s+|official\s+)?"
                      r"(?:version|account|position|line|answer|explanation|case)\s+"
                      r"(?:is|was|has\s+been|had\s+been|remains)\s+(?:that|to)\s+(?=\S)")


def find_version(lay: Layout) -> list[Found]:
    """"Tbilisi’s version is that it acted in self-defence": the account of the one named before it."""
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        m = _VERSION.match(text, s, e)
        if not m:
            continue
        head = (m.start(1), m.end(1))
        attr = Attribution(head, "gives as its account", None, (s, m.end()))
        out.append(Found("version", s, (s, e), attr, evidence=trim(text, m.end(), e, " \t.")))
    return out


def find_reported(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        found = _reported_in(text, s, e, True)
        if found:
            out.append(found)
            # "Caamaño has said he will not lay down arms, and Imbert says he will not share power": a clause
            # after ", and" with a speaker of its own, after the first speaker's words
            # (not "…, and that an officer explained that …": the first speaker's words go on)
            for m in re.finditer(r",\s+(?:and|but)\s+(?!that\b)", text[found.evidence[1] : e]):
                more = _reported_in(text, found.evidence[1] + m.end(), e, False)
                if more:
                    out.append(more)
                    break
        # "…; Kenya has denied any role": a clause after a semicolon with a speaker of its own
        for m in re.finditer(r";\s+(?:and\s+|but\s+|while\s+)?", text[s:e]):
            if found and found.evidence[1] > s + m.start():
                continue
            more = _reported_in(text, s + m.end(), e, False)
            if more:
                out.append(more)
    return out


def _reported_in(text: str, s: int, e: int, whole: bool) -> Found | None:
    """The reported claim of a sentence (``whole``), or of a clause after its semicolon."""
    sub = attribution.subject(text, s, e)
    sentence = (s, e)
    if sub is None or sub.verb not in _COMPLEMENT_VERBS | set(lexicon().speech_verbs) | lexicon().belief_verbs:
        second = attribution.second_clause(text, s, e) if whole else None
        if second is None:
            return None
        sentence, sub = (second[0], e), second[1]  # the first clause is the article's own (rule publisher)
    tail = _said_after(text, s, e)
    if (tail and tail.group("head").lower() not in lexicon().pronouns and s + tail.start() > sub.head[1]
            and 1 <= word_count(tail.group("head")) <= 6 and not _is_appos(tail, s, sub)
            and not _media_reports(tail)):  # fmt: skip
        return None  # "Tehran rejected …, the foreign ministry said": the ministry's words (rule said-after)
    after = text[sub.evidence[1] : e]
    verb_at = text.find(sub.verb, sub.head[1], e)
    if re.match(r"\s+nothing\b" if sub.verb not in ("told", "tells") else r"\s+(?:nothing|(?:a|an|the)\s+"
                r"(?:[\w-]+\s+){0,2}story)\b", text[verb_at + len(sub.verb) : e]):  # fmt: skip
        return None  # "Putin said nothing in public for days", "the record tells a different story": no words
    # "Senegal's foreign ministry dismissed the accusation": a denial
    dismissal = sub.verb in ("dismissed", "dismisses") and _DISMISSED_CHARGE.match(text, verb_at + len(sub.verb), e)
    if sub.verb in ("put", "puts") and not _PUT_AT.match(text, verb_at + len(sub.verb), e):
        return None  # "The army put the town under curfew": no words; "… put the dead at about 80": a figure
    if sub.verb in ("called", "calls") and _CONVENED.match(text, verb_at + len(sub.verb), e):
        return None  # "called a general strike", "called on Tuesday for an urgent meeting of the Council": an act
    if sub.verb in ("counted", "counts") and not _COUNTED.match(text, verb_at + len(sub.verb), e):
        return None  # "Police counted 13 people killed": a figure; "counted the cost": no words
    if sub.verb in _AS_VERBS and not dismissal and not re.search(r"\sas\s", text[verb_at:e]):
        return None  # "The president dismissed his army chief": no words of his, unless "… dismissed X as Y"
    that = re.match(r"[^.“”]{0,60}?\bthat\b", after)
    direct = sub.verb in _COMPLEMENT_VERBS | lexicon().belief_verbs and re.match(r"\s+(?:only\s+|also\s+)?[\w“‘\"]",
                                                         text[verb_at + len(sub.verb) : e])  # fmt: skip
    if direct and sub.verb in ("told", "tells") and not re.search(
            r"\b(?:had|has|have|was|were|is|are|would|will|could|can|did|does|do|must|should)\b",
            text[verb_at + len(sub.verb) : e]) and not re.match(  # fmt: skip
            r"\s+(?:us|me|him|her|them|reporters|journalists)\s+(?:they|he|she|we|I)\s+[a-z]{3,}",
            text[verb_at + len(sub.verb) : e]):  # fmt: skip
        # "…, Omar Zidan told Meridian Press by telephone.": whom, but not what (but "Witnesses told us they
        # heard bursts of fire": what, after whom)
        direct = None
    if not (that or direct):
        return None
    end = e
    denial = _DENIAL.search(text, verb_at, e)
    if denial:
        end = denial.start()  # "…, a claim the coalition rejected" is a claim of its own
    end = _clause_end(text, verb_at + len(sub.verb), end, (_NEXT_CLAUSE, _AND_THAT, SAYING, _BACKGROUND))
    if tail and _media_reports(tail):
        end = min(end, s + tail.start())  # "…, the official news agency Tass reported": who reports it
    hedged = re.search(r"\b(?:reportedly|allegedly|apparently)\s", text[sub.head[1] : verb_at])
    # "Some in the Kremlin reportedly believe …": the hedging word before the verb is part of it
    evidence = trim(text, sub.head[1] + hedged.start() if hedged else verb_at, end, " \t.")
    if sub.verb in ("accuses", "accused", "accuse", "denies", "denied", "rejects", "rejected") or dismissal:
        evidence = trim(text, sub.head[0], end, " \t.")
    return Found("reported", s, sentence, sub, evidence=evidence)


def _said_after(text: str, s: int, e: int) -> re.Match | None:
    """"…, X said (in a statement)." / "…, said X (, a researcher …)." / "The force, X said, is …"."""
    verbs = "|".join(lexicon().after_verbs)
    sentence = text[s:e]
    # "…, X, a deputy spokesman, told Chiltan News Agency by telephone.": the one who told, and whom
    m = re.search(r",\s+(?!and\s|but\s|which\s|who\s|that\s|whom\s)(?P<head>[^,.;“”]{2,60}?)"
                  r"(?:,\s+(?P<appos>[^,.;“”]{2,90}?),)?\s+(?P<verb>told|tells)\s+(?P<obj>(?:the\s+)?[A-Z][^,.;“”]{1,60}?|"
                  r"reporters|journalists|us|me|him|her|them|lawmakers|parliament|the press|(?:a|the) (?:news|press) "
                  r"conference|(?:a|the) (?:briefing|rally|crowd|meeting))"
                  r"(?:\s+(?:by|in|on|at|over|during|after|late|earlier|later|this|last|yesterday|today)\b[^,.;“”]{0,40})?"
                  r"(?:[.!]?$|,(?=\s+(?:and|but|while)\s))", sentence)  # "…, residents told us, and families …"
    if m:
        return m
    # "…, said X." but not "…, claimed the attack.": before its speaker only a verb of saying itself
    m = re.search(r",\s+(?P<verb>said|says|added|adds|wrote|noted)\s+(?P<head>[^,.;“”]+?)"
                  r"(?:,\s+(?P<appos>[^.;“”]+?))?[.!]?$", sentence)  # ", " and not "3,000": an apposition
    if m and not _names_someone(m.group("head")):
        if not re.match(r"(?:in|on|at|to|during|after|late|earlier|later)\s", m.group("head")):
            # "The spokesman, Ali Hassan, said the town had fallen.": what was said, not who said it
            return None
        m = None  # "…, the group's media arm, Amaq, said in a statement.": how it was said; the speaker before
    if m and re.fullmatch(r"[^,]+,\s+(?:which|who|whose)\s[^,]+", sentence[: m.start()]):
        return None  # "The division, which covers Negros, says a single front remains": its subject says
    if m and re.fullmatch(r"[^,]+,\s+(?:for (?:its|his|her|their|our) part|in turn|in response|too|however|meanwhile)",
                          sentence[: m.start()]):  # fmt: skip
        return None  # "Managua, for its part, says the accord proves it right": its subject says
    if m is None:
        # "…, the UN children's agency, UNICEF, says.": a description, then the name that speaks
        m = re.search(rf",\s+(?P<appos>(?:the|an?)\s[^,.;“”]{{2,60}}?),\s+(?P<head>[A-Z][^,.;“”]{{0,40}}?),\s+"
                      rf"(?P<verb>{verbs}){_SAID_AFTER_TAIL}[.!]?$", sentence)  # fmt: skip
    if m is None:
        # (a full stop after a capital letter alone is an abbreviation's: "…, U.S. officials said.")
        # (not "…, whatever ministers said in public": a concession, no speaker)
        m = re.search(rf",\s+(?!and\s|but\s|which\s|who\s|that\s|whom\s|whatever\s|whoever\s|however\s|"
                      rf"whichever\s|whether\s)(?P<head>(?:[^,.;“”]|(?<=\b[A-Z])\.)"
                      rf"{{2,40}}?)\s+(?P<verb>{verbs}){_SAID_AFTER_TAIL}(?:[.!]?$|,\s)", sentence)  # fmt: skip
        if m and re.search(r"\S\s+(?:it|they|he|she|we)$", m.group("head")):
            return None  # "Sool, Sanaag and Cayn, the regions it claims": a relative clause, no speaker
    return m


# "… and that …", "… and says …", "… and added that …": a second claim of the same speaker
_AND_THAT = re.compile(r",?\s+(and)\s+(?:that|(?:says|said|adds|added|insists|insisted)(?:\s+that)?)\s+(?=\S)")


# "…, where the rebels' leader is believed to be hiding": a relative clause to the end of the claim's words
# (not "the commander, who was wounded, had fled": a clause inside them)
_BACKGROUND = re.compile(r",\s+(?:where|who|which)\s+(?![^,;.]+,\s+(?:had|has|have|was|were|is|are|would|will|could|"
                         r"can|did|does|do|[a-z]+ed)\s)")


def _clause_end(text: str, start: int, end: int, others: tuple[re.Pattern, ...] = ()) -> int:
    """Where the words of a claim from ``start`` end, by ``end``: at a semicolon ("…; the group
    denies …": another's clause), or where one of ``others`` begins (another clause, a second claim)."""
    for pattern in others:
        m = pattern.search(text, start, end)
        if m:
            end = m.start()
    semicolon = text.find(";", start, end)
    return semicolon if semicolon != -1 else end


def find_and_that(lay: Layout) -> list[Found]:
    """"X said A and that B", "X denies A and says B": B is a second claim of X's, beside the first (a
    quotation or the words after the verb, which end before it: rule ``reported``)."""
    text = lay.text
    out = []
    for r, s, e, _quoted in _sentences(lay):
        if not _AND_THAT.search(text, s, e):
            continue
        sub = attribution.subject(text, s, e)
        if sub is None or sub.verb not in _COMPLEMENT_VERBS:
            continue
        verb_at = text.find(sub.verb, sub.head[1], e)
        m = _AND_THAT.search(text, verb_at + len(sub.verb), e) if verb_at != -1 else None
        if m is None or lay.in_speech(r, m.start()):
            continue  # (not words inside a quotation)
        evidence = trim(text, m.start(1), _clause_end(text, m.end(), e, (_NEXT_CLAUSE, _BACKGROUND)), " \t.")
        out.append(Found("and-that", m.start(1), None, sub, evidence=evidence))
    return out


# ", saying …", ", insisting that …", ", telling foreign reporters that …"
SAYING = re.compile(r",\s+(?:(saying|adding|calling(?=\s+(?:it|the|this|that|him|her|them)\b))\s+(?:that\s+)?"
                    r"|(arguing|insisting|warning|claiming|telling\s+(?:[\w’'-]+\s+){1,3}?)\s*that\s+)(?=\S)")
_FIRST_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*")


# "A government spokesman in the city centre went further …, telling …": a described subject, up to its verb
_PAST = "|".join(sorted(IRREGULAR_PAST))
_DESCRIBED_SUBJECT = re.compile(rf"(?:An?|The)\s+[a-z][\w’'-]*(?:\s+(?!(?:{_PAST})\b)[a-z][\w’'-]*){{0,7}}"
                                rf"(?=\s+(?:{_PAST})\b)")


# "…, a military spokesman said, adding that …": the speaker named just before "adding" or "saying".
_SAID_BEFORE_SAYING = re.compile(r",\s+(?P<head>(?:an?|the|one|two)\s+[^,.;“”]{2,80}?|[A-Z][^,.;“”]{1,60}?)\s+"
                                 r"(?:said|says|told\s+[^,.;“”]{1,40})\s*,\s*(?=adding|saying|noting)")


def find_saying(lay: Layout) -> list[Found]:
    """"Turkey has closed its border, saying it cannot take in more refugees": what follows
    "saying" is a claim of the sentence's subject (the sentence before it is another's: the
    article's, or the subject's if it speaks)."""
    text = lay.text
    out = []
    for r, s, e, _quoted in _sentences(lay):
        m = SAYING.search(text, s, e)
        if m is None or lay.in_speech(r, m.start()):
            continue
        sub = attribution.subject(text, s, e)
        # "…, a military spokesman said, adding that …": the one who said the words before it
        after = _SAID_BEFORE_SAYING.search(text, s, m.end())
        if after is not None:
            head = (after.start("head"), after.end("head"))
            sub = Attribution(head, "saying", None, head)
        elif sub is None or sub.head[0] > m.start():
            first = _FIRST_NAME.match(text, s, m.start())
            if first is not None and first.group() in ("A", "An", "The"):  # an article, not a name
                first = _DESCRIBED_SUBJECT.match(text, s, m.start())
            if first is None:
                continue
            head = (first.start(), first.end())
            sub = Attribution(head, "saying", None, head)
        at = m.start(1) if m.group(1) else m.start(2)
        evidence = trim(text, at, _clause_end(text, m.end(), e), " \t.")
        out.append(Found("saying", at, None, sub, evidence=evidence))
    return out


_SPEAKER_START = re.compile(r"(?:[A-Z]|(?:the|a|an|one|two|three|four|several|some|many|most|other|another|his|her|"
                            r"their|its|our|he|she|they|we|i|residents|officials|witnesses|analysts|diplomats|"
                            r"sources|police|security|military|army)\b)")


def _names_someone(head: str) -> bool:
    """Whether the words after ", said" can be a speaker: they begin with a name or a determiner
    and hold no verb of their own ("the town had fallen", "more" are what was said)."""
    words = head.split()
    return bool(words and _SPEAKER_START.match(head)
                and not any(w.lower() in lexicon().auxiliaries or w in IRREGULAR_PAST for w in words[1:]))


def _is_appos(m: re.Match, s: int, sub: Attribution | None) -> bool:
    """"X, a militant group based in Pakistan, claimed the attack, …": the words before the verb are
    the subject's apposition, not a speaker of their own."""
    return bool(sub and sub.appos == (s + m.start("head"), s + m.end("head")))


_MEDIA = re.compile(r"\b(?:agency|radio|television|TV|newspaper|media|broadcaster)\b", re.I)


def _media_reports(m: re.Match) -> bool:
    """"…, the official news agency Tass reported.": the news agency reports what the sentence's
    subject said ("the Soviet Foreign Ministry condemned …"), and the subject is the speaker."""
    words = m.group("head") + " " + (m.groupdict().get("appos") or "")
    return m.group("verb") in ("reported", "reports") and bool(_MEDIA.search(words))


def find_said_after(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    speech = set(lexicon().speech_verbs) | lexicon().belief_verbs
    for s, e in _unquoted(lay):
        m = _said_after(text, s, e)
        if m is None or not 1 <= word_count(m.group("head")) <= 8:
            continue
        sub = attribution.subject(text, s, e)
        if _is_appos(m, s, sub):
            continue
        if _media_reports(m) and sub is not None and sub.verb in speech:
            continue  # the subject's words as the agency reports them (rule reported)
        head = (s + m.start("head"), s + m.end("head"))
        appos = (s + m.start("appos"), s + m.end("appos")) if m.groupdict().get("appos") else None
        evidence = trim(text, s, s + m.start(), " \t,")
        if s + m.end() < e - 2 and not re.match(r",\s+(?:and|but|while)\s", text[s + m.end() - 1 : e]):
            evidence = trim(text, s, e, " \t")  # "The joint force, Omer said, is likely to …": all of it
        if evidence[1] <= evidence[0]:
            continue
        obj = (s + m.start("obj"), s + m.end("obj")) if m.groupdict().get("obj") else None
        out.append(Found("said-after", s, (s, e), Attribution(head, m.group("verb"), obj, head, appos),
                         evidence=evidence))  # fmt: skip
    return out


def find_denials(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    for _r, s, e, _quoted in _sentences(lay):
        for m in _DENIAL.finditer(text, s, e):
            g = "head" if m.group("head") else "head2"
            head = (m.start(g) + (5 if m.group(g).startswith("that ") else 0), m.end(g))  # "a charge that others …"
            if text[head[0] : head[1]].lower() in ("it", "they"):
                # "X accused the company of …, a charge it denies": the one accused denies it
                accused = re.search(r"\baccus(?:es|ed|ing)\s+((?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+of\b",
                                    text[s : m.start()])
                # "The army already stands accused of …, a charge it has always rejected": the subject accused
                accused = accused or re.match(r"((?:[Tt]he\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+(?:already\s+|still\s+|"
                                              r"also\s+|now\s+)?(?:stands?|stood|is|are|was|were|(?:has|have|had)\s+"
                                              r"been)\s+(?:\w+ly\s+)?accused\s+of\b", text[s : m.start()])
                if accused:
                    head = (s + accused.start(1), s + accused.end(1))
            evidence = trim(text, m.start() + 1, e if e - m.end() < 3 else m.end(), " \t.,")
            out.append(Found("denial", m.start(), None, Attribution(head, "denies", None, evidence), evidence=evidence))
    return out


# The article's doubt about what it reports: "…, a figure the Herald could not independently verify", "…,
# a claim the police have not confirmed", "…, though we could not confirm this", "… killed, but the oil
# ministry has not confirmed that".
_NOT_VERIFIED = (r"(?:(?:could|can|did|does|do|has|have|had)\s*(?:not|n[’']t)|cannot|"
                 r"(?:was|were|is|are)\s+(?:not\s+)?unable\s+to)")
_CHECKED = r"(?:be\s+)?(?:independently\s+)?(?:verif|confirm|check|corroborat|address)\w*(?:\s+independently)?"
_CAVEAT = re.compile(
    rf",\s+(?:(?:a|an)\s+(?:figure|claim|toll|number|count|account|report|estimate|allegation|charge|version)\s+"
    rf"(?:that\s+)?(?:(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|we|it|they|reporters|journalists|"
    rf"the\s+[a-z]+(?:\s+[a-z]+)?)?\s*{_NOT_VERIFIED}\s+{_CHECKED}"
    rf"|(?:but|though|although)\s+(?:we|it|this|that|(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|"
    rf"the\s+[a-z]+(?:\s+[a-z]+)?)\s+{_NOT_VERIFIED}\s+{_CHECKED}(?:\s+(?:this|that|it|them|the\s+[a-z]+))?)"
    r"(?=\s*[.,;]|\s*$)"
)


def find_caveats(lay: Layout) -> list[Found]:
    """"…, a figure the Herald could not independently verify": the article's own claim that what it
    reports is unverified, apart from the reported claim."""
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        for m in _CAVEAT.finditer(text, s, e):
            evidence = trim(text, m.start() + 1, m.end(), " \t.,")
            out.append(Found("caveat", m.start(), None, evidence=evidence))
    return out


def make_caveat(found: Found, ctx: Context) -> list[DraftClaim]:
    return [DraftClaim(
        id="", label="TODO: in one sentence, what the article could not verify", asserter=ctx.publisher,
        hedge="asserted", sort=found.evidence[0], section="publisher", evidence=(found.evidence,),
        notes=("the article's doubt about what it reports (rule caveat, confidence 0.7)",), rule="caveat",
    )]  # fmt: skip


# One who has said nothing yet: "The army has not commented.", "…, and the group has not responded to
# requests for comment", "Kataib Hezbollah could not be reached for comment".
_NOT_COMMENTED = (
    r"(?:(?:has|have|had|did|does|do)\s+not\s+(?:yet\s+|immediately\s+|publicly\s+)?(?:commented|responded|reacted|"
    r"comment|respond|react|replied|reply)|(?:could|can)\s*not\s+be\s+reached|declined\s+to\s+comment|"
    r"(?:did|would)\s+not\s+(?:answer|return)\b[^,.;]{0,40})"
    r"(?:\s+(?:to|on|for|by)\b[^,.;]{0,60})?(?=\s*[,.;]|\s*$)"
)
_NO_COMMENT = re.compile(
    r"(?P<who>(?:[Tt]he\s+|[Ii]ts\s+|[Tt]heir\s+|[Hh]is\s+|[Hh]er\s+)?(?:[\w’'-]+\s+){0,5}?[\w’'-]+)\s+"
    + _NOT_COMMENTED
)
_NOT_COMMENTED_ALONE = re.compile(_NOT_COMMENTED)


def find_no_comment(lay: Layout) -> list[Found]:
    """"The army has not commented.": the article's own word that someone has said nothing, a claim of
    the outlet's; a whole sentence is not drafted again by a later rule."""
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        # at the sentence's start, or a clause's: after a comma or a semicolon, "and", "but", "while"
        starts = [0] + [m.end() for m in re.finditer(r"[,;]\s+(?:and\s+|but\s+|while\s+)?|\s(?:and|but|while)\s+",
                                                     text[s:e])]  # fmt: skip
        for at in starts:
            m = _NO_COMMENT.match(text, s + at, e)
            if m is not None:
                who = m.group("who")
                if not (who[0].isupper() or who.split()[0] in ("the", "its", "their", "his", "her", "it", "they")):
                    continue  # a name, a body ("the army", "its spokesman") or a pronoun; not "officials" alone
            elif at and text[s].isupper() and re.search(r",\s+$", text[s : s + at]):
                # "The rebel leader, Joseph Kony, who says …, has not responded.": the verb after the
                # commas of the sentence's subject, the last words of the sentence
                m = _NOT_COMMENTED_ALONE.match(text, s + at, e)
                rest = trim(text, m.end(), e, " \t.") if m else None
                if rest is None or rest[0] < rest[1]:
                    continue
            else:
                continue
            evidence = trim(text, m.start(), m.end(), " \t.,")
            whole = trim(text, s, e, " \t.") == evidence
            out.append(Found("no-comment", m.start(), (s, e) if whole else None, evidence=evidence))
    return out


def make_no_comment(found: Found, ctx: Context) -> list[DraftClaim]:
    return [DraftClaim(
        id="", label="TODO: in one sentence, who has not commented, and on what", asserter=ctx.publisher,
        hedge="asserted", sort=found.evidence[0], section="publisher", evidence=(found.evidence,),
        notes=("the article's word that someone has said nothing (rule no-comment, confidence 0.7)",),
        rule="no-comment",
    )]  # fmt: skip


_QUOTED_AS_SAYING = re.compile(r"\bquoted\s+(?P<head>[^,.;“”]{2,80}?)\s+as\s+saying\s+(?:that\s+)?")


def find_quoted_as_saying(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    for _r, s, e, _quoted in _sentences(lay):
        for m in _QUOTED_AS_SAYING.finditer(text, s, e):
            head = (m.start("head"), m.end("head"))
            evidence = trim(text, m.start(), e, " \t.")
            # who quoted: the words before "quoted" in the sentence, for the hop
            by = trim(text, s, m.start(), " \t,")
            attr = Attribution(head, "said", None, evidence)
            out.append(Found("quoted-as-saying", m.start(), (s, e), attr, evidence=evidence, extra=(by,)))
    return out


def find_relative(lay: Layout) -> list[Found]:
    text = lay.text
    groups = {noun for noun, _ in lexicon().group_sources} | {"police", "soldiers"}
    out = []
    for s, e in _unquoted(lay):
        for m in _RELATIVE.finditer(text, s, e):
            if m.start() == s or text[s : m.start()].rstrip()[-1:] not in (",", "") and not re.search(
                    r"\b(?:the|a|an)\s+[a-z]+\s+$", text[s : m.start()]):  # fmt: skip
                continue  # a relative clause after a comma or a noun, not a sentence's own "That …"
            head = text[m.start("head") : m.end("head")]
            if head.split()[-1].lower() in lexicon().stop or word_count(head) > 5:
                continue
            if head[0].islower() and head.split()[0] not in ("the", "its", "their") and head.split()[0] not in groups:
                continue  # "residents and police describe": a group; not "which men say", nor "it" (whose?)
            stop = re.search(r"[,;]\s|[.!?](?:\s|$)", text[m.end() : e])
            end = m.end() + stop.start() if stop else e
            evidence = trim(text, m.start(), end, " \t.,")
            attr = Attribution((m.start("head"), m.end("head")), m.group("verb"), None, evidence)
            out.append(Found("relative", m.start(), None, attr, evidence=evidence))
    return out


def find_subject_relative(lay: Layout) -> list[Found]:
    text = lay.text
    out = []
    for s, e in _unquoted(lay):
        for m in attribution.SUBJECT_RELATIVE.finditer(text, s, e):
            if m.group("head").split()[0] in ("In", "On", "At", "After", "Before", "Since", "During"):
                continue  # "In Kabul, which says …": a place before the subject
            head = (m.start("head"), m.end("head"))
            evidence = trim(text, m.start("rel"), m.end("rel"), " \t.,")
            out.append(Found("subject-relative", m.start("rel"), None,
                             Attribution(head, m.group("verb"), None, evidence), evidence=evidence))  # fmt: skip
    return out


# "Our correspondent says …": the outlet's own people report, and what they say is the outlet's
def _ours_unnamed(found: Found, ctx: Context) -> bool:
    """"Our reporters say …" in a sentence that names no one: the outlet's claim here, as the outlet's
    own sentences leave out one that names no one (and only for an outlet the text names)."""
    hits = ctx.speakers.names.hits
    return bool(OUR_PEOPLE.match(ctx.text, *found.attribution.head) and ctx.publisher != UNKNOWN_PUBLISHER
                and found.sentence and not any(found.sentence[0] <= h.start < found.sentence[1] for h in hits))


# A subject that says nobody speaks: "Nobody in the camp believes him", "No group has claimed the
# launches", "Few outside observers believe the figure"; or that sums up both sides ("Each capital accuses
# the other …"): the article's own statement, not a speaker's. ("Both governments reject …" names them.)
_NOBODY = re.compile(r"(?:No|Nobody|No one|None|Few|Each)\b")


def make(found: Found, ctx: Context) -> list[DraftClaim]:
    text = ctx.text
    if found.rule in ("reported", "said-after") and _NOBODY.match(text, found.attribution.head[0]):
        return []
    speaker = ctx.speakers.speaker(found.ask())
    if speaker is None or (found.rule in ("reported", "said-after") and speaker.id == ctx.publisher
                           and not _ours_unnamed(found, ctx)):  # fmt: skip
        return []
    if found.rule == "according-to" and text[found.attribution.head[0] : found.attribution.head[1]].lower() in (
        lexicon().pronouns
    ):
        return []
    attr = found.attribution
    notes: list[str] = []
    told: tuple[str, ...] = ()
    chain: tuple[Hop, ...] = ()
    if found.rule == "reported":
        told, told_notes = ctx.speakers.told(attr.obj, None)
        notes += told_notes
        outlet = outlet_in(ctx.speakers.names, attr.head, exclude=(speaker.id, ctx.publisher))
        if outlet:
            verb_at = text.find(attr.verb, attr.head[1])
            chain = (Hop(speaker.id, "quoted", publisher=outlet, evidence=((attr.head[0], verb_at + len(attr.verb)),)),)
    if found.rule == "denial":
        notes.append("TODO: this answers the claim before it in the sentence: link them once the stance keys allow")
    if found.rule == "quoted-as-saying":
        by = found.extra[0]
        outlet = outlet_in(ctx.speakers.names, by, exclude=(speaker.id, ctx.publisher))
        if outlet:  # "Radio Okapi … quoted the administrator": the outlet passed it on
            chain = (Hop(outlet, "quoted", publisher=outlet, evidence=((by[0], attr.head[1]),)),)
        else:
            notes.append(f"TODO: passed on by “{text[by[0] : by[1]]}”: add the hop if it is an outlet")
    span = found.evidence
    if doubt := _CAVEAT.search(text, *span):  # "…, a figure the Herald could not verify": the article's own
        span = trim(text, span[0], doubt.start(), " \t,")
    hedge, cues, hedge_notes = hedge_of(ctx.cues(span))
    evidence = (span,)
    return [DraftClaim(
        id="", label=f"TODO: in one sentence, what {ctx.label(speaker.id)} says, as the article reports it",
        asserter=speaker.id, hedge=hedge, sort=found.sort, section="reported", cues=cues, evidence=evidence,
        told_to=tuple(t for t in told if t != speaker.id), chain=chain, article_mode="paraphrased",
        notes=(f"speaker: {speaker.note}; verb: {attr.verb}; rule: {found.rule}", *notes, *hedge_notes),
        rule=found.rule,
    )]  # fmt: skip
