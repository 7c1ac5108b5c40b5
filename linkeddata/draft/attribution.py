"""Who says it, by the words around: attributions of quotations and of reported speech.

Pure functions of the text: an :class:`Attribution` gives the spans of the speaker phrase, the
verb, the listener and the attribution words; which actor a phrase names is the business of
:mod:`linkeddata.draft.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import lexicon
from .text import DATELINE_PLACE, Quotation, Span, trim, word_count


@dataclass(frozen=True)
class Attribution:
    head: Span | None  # the speaker phrase
    verb: str
    obj: Span | None  # whom it was told to
    evidence: Span  # the attribution words
    appos: Span | None = None  # ", a spokesman for M23," after the head
    outer: Attribution | None = None  # "X told Y that" before the speaker of a quotation


@cache
def _patterns() -> dict[str, re.Pattern]:
    lx = lexicon()
    verbs = lx.alternation(lx.speech_verbs)
    beliefs = lx.alternation(lx.belief_verbs)
    # "has in turn accused", "have since accused", "have long accused", "has in the past said"
    # … and a time between the subject and its verb: "The Kremlin today said", "Pakistan on Thursday accused"
    aux = (r"(?:(?:" + "|".join(lx.auxiliaries) + r"|in turn|in the past|since|long|today|yesterday|tonight|"
           r"this (?:morning|afternoon|evening|week)|on (?:" + "|".join(lx.weekdays) + r"))\s+)*")
    return {
        "verb": re.compile(rf"(?<![\w’'])(?:{verbs})(?![\w’'])"),
        "aux_end": re.compile(r"(?:\s+(?:" + "|".join(lx.auxiliaries) + r"))+$"),
        "subject": re.compile(
            rf"\s*(?:{DATELINE_PLACE} [A-Z][a-z]{{2,8}}\.? \d{{1,2}}(?:, \d{{4}})? "
            r"\([^()]{2,40}\) (?:--|[-–—])\s+)?"  # a wire dateline: "ISLAMABAD/NEW DELHI, Feb 27 (Indus Press) - "
            r"(?:[A-Z][^:.,“”\"]{2,40}:\s+(?=[a-zA-Z]))?"  # a label before a colon: "The main points so far: "
            r"(?:(?:And|But|Then|Later|Yet|So|Meanwhile|However|Earlier|Yesterday|Today|Tonight|Overnight|"
            r"Separately|Elsewhere|Instead|Still|Now|Again|Also|Previously|Recently|That day|That night|"
            r"That evening|That week|The next day|The following day|The same day|"
            # "A day later, after his forces had entered the city, the minister announced …"
            r"(?:An?|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d{1,2}|Hours|Days|Weeks|Months) "
            r"(?:(?:hour|day|week|month|year)s? )?later),?\s+)?"
            r"(?:(?:In|On|At|After|Before|During|Speaking|Asked|Reached|Contacted|Interviewed|Earlier|Later|Last|This|"
            r"Whatever|Whoever|Wherever|When|"
            r"Inside|Outside|Across|Near|Around|Along|Beyond|Within|"
            r"Whenever|While|Although|Though|If|Because|Since|Despite|Until|Once|Unless"
            r"|after|before|when|while|once"
            # "Hours after the announcement, Eritrea said", "Two days before the vote, …"
            r"|(?:An?|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d{1,2}|Hours|Days|Weeks|Months|Minutes|"
            r"Moments|Shortly|Soon|Just|Only) (?:(?:minute|hour|day|week|month|year)s? )?(?:after|before)"
            r")\b[^,“”\"]{0,110},\s+"  # (lower case after a time: "A day later, after …,")
            # and an apposition of its place: "In Tanguiéta, the gateway to the Pendjari park, a … officer said"
            rf"(?:(?:the|a|an)\s(?:(?!\b(?:{verbs}|{beliefs})\b)[^,“”\"]){{1,60}},\s+)?"
            # and a place after the time: "This evening, in Trinidad, Áñez said …"
            r"(?:(?:in|at|from)\s[A-Z][^,“”\"]{1,40},\s+)?)?"
            # a time before the subject, with no comma: "In 2007 the court ruled", "Last month the junta said"
            r"(?:(?:In|On|By|Last|Earlier|Later|This)\s+(?:(?:19|20)\d\d|"
            + "|".join([*lx.months, *lx.weekdays]) + r"|month|week|year|morning|afternoon|evening|night)"
            r"(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?\s+(?=[A-Za-z])"
            r"|By\s+the\s+end\s+of\s+(?:the|that)\s+(?:year|month)\s+(?=[a-z])"
            r"|In\s+the\s+(?:early|small)\s+hours\s+(?=[A-Za-z]))?"  # "In the early hours the centre announced"
            # a sentence adverb set apart after the time: "On Tuesday, however, Russia said"
            r"(?:(?:however|meanwhile|though|too|in turn|in response|for (?:its|his|her|their) part),\s+)?"
            # a list of names ("Côte d’Ivoire, Senegal and Benin have said"), or words up to the verb,
            # which a relative pronoun does not end ("An official who asked not to be named said")
            r"(?P<head>(?:[A-Z][\w’'-]*(?:\s+(?:[A-Z]|d[’'])[\w’'-]*)*,\s+)+[A-Z][\w’'-]*(?:\s+(?:[A-Z]|d[’'])[\w’'-]*)*"
            r",?\s+and\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|[^,;:“”\"]+?)(?<!\swho)(?<!\swhich)(?<!\sthat)"
            r"(?:,\s*(?P<appos>[^;“”\"]+?),|\s+[–—]\s+(?P<dashed>[^–—;“”\"]{2,120}?)\s+[–—])?\s+"
            + aux
            + rf"(?:(?:does|do|did)\s+not\s+(?=(?:{beliefs})\s+that\b))?"  # "does not believe that …": a belief still
            + rf"(?P<verb>{verbs}|{beliefs})(?![\w’'])"
        ),
    }


def verb_pattern() -> re.Pattern:
    return _patterns()["verb"]


def speech_object(text: str, verb_start: int, verb_end: int, limit: int) -> tuple[Span | None, int]:
    """Whom a "told" was said to, and where the attribution words end."""
    stop = re.search(r"[,;:“”\"]|[.?!](?:\s|$)|\s(?:that|who)\s", text[verb_end:limit])
    end = verb_end + stop.start() if stop else limit
    if text[verb_start:verb_end] not in lexicon().tell_verbs:
        return None, end
    om = re.match(
        r"\s+(.+?)(?=\s+(?:in|on|at|that|during|after|before|last|this|yesterday|today|when|while|about|by)\b|$)",
        text[verb_end:end],
    )
    if not om:
        return None, end
    return trim(text, verb_end + om.start(1), verb_end + om.end(1)), end


_FUNCTION_WORDS = frozenset({"of", "for", "in", "at", "on", "to", "from", "with", "by", "the", "a", "an", "and", "its",
                           "their", "his", "her"})


# Verbs in the present that "X goes further and says …" may begin with.
_PRESENT_VERBS = frozenset("goes comes takes makes gives holds keeps sends stands speaks brings leads meets puts sees "
                           "thinks writes tells knows repeats returns turns steps adds points".split())


def _first_verb(phrase: str) -> int | None:
    """Where the verb begins in "The army chief flew to Bandarban and": the first word in lower case
    (not a preposition or an article) that a preposition or an article follows, or that ends in "-ed";
    None when no word looks like one."""
    words = list(re.finditer(r"[\w’'-]+", phrase))
    for i, w in enumerate(words[1:], 1):
        word = w.group()
        nxt = words[i + 1].group() if i + 1 < len(words) else ""
        if word[0].islower() and word not in _FUNCTION_WORDS and (
                nxt in _FUNCTION_WORDS - {"of", "and"} or word.endswith("ed") or word in _PRESENT_VERBS):  # fmt: skip
            return len(phrase[: w.start()].rstrip())
    return None


# "Israel, which says it wants the south demilitarised, struck …": what a named subject says, in a
# relative clause between commas, is its claim (the sentence goes on as the article's); also after a
# short description of a person ("Faisa Ahmed Nur, a surgeon who says she has not left the building, …").
SUBJECT_RELATIVE = re.compile(
    r"(?P<head>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}),\s+"
    r"(?:an?\s+[a-z0-9][\w’'-]*(?:\s+[a-z0-9][\w’'-]*){0,3}\s+(?=who\s))?"
    r"(?P<rel>(?:who|which)\s+(?:(?:last|this)\s+(?:week|month|year)\s+)?(?:(?:has|have|had)\s+)?"
    r"(?:(?:long|always|also|repeatedly|publicly)\s+)?"
    r"(?P<verb>says|said|claims|claimed|insists|insisted|denies|denied|maintains|maintained)\s+[^,.;“”\"]{4,160}?)"
    r"(?=,\s|[.;]|$)"
)


# Verbs that make the words before "X, a description, said" a clause of their own, not its subject.
_CLAUSE_VERBS = frozenset("fell was were is are has had have took seized killed began ended won lost".split())


def subject(text: str, s: int, e: int) -> Attribution | None:
    """A clause that begins "X (, who …,) said / told Y / reported …": who speaks, and the verb."""
    m = _patterns()["subject"].match(text, s, e)
    if not m:
        return None
    head = (m.start("head"), m.end("head"))
    if re.match(r"(?:In|On|At|From|With|After|Before|During|Under|Through)\s", m.group("head")):
        return None  # "In a video posted on its channel, …": a phrase of place or time is no subject
    if re.search(r"\s(?:declined|refused|failed|wanted|unable|want|declines|refuses|fails|wants)\s+to$",
                 m.group("head")):
        return None  # "He declined to say whether …": no words of his
    if m.group("verb") == "accused" and re.search(r"\s(?:stands?|stood|standing)$", m.group("head")):
        return None  # "The army already stands accused of …": accused by someone the clause does not name
    if re.fullmatch(r"(?:It|He|She|They|We)\s+[a-z]+", m.group("head")):
        return None  # "It broadcast calls for resistance": the pronoun's verb, then a noun ("calls"), no speech
    # "Late that night it said …": words of time before the pronoun, which is the subject
    lead = re.fullmatch(r"(?:Late|Early|Later|Earlier|That|This|Last|Then|Now|Soon|Hours|Days|Minutes|Moments|Shortly|"
                        r"Overnight|Today|Yesterday|Tonight)(?:\s+[a-z]+){0,4}\s+(it|he|she|they)", m.group("head"))
    if lead:
        head = (m.start("head") + lead.start(1), m.end("head"))
    # "The army chief flew to Bandarban and announced …": the subject of the first verb of two
    if m.group("appos") is None and re.search(r"\s(?:and|then)$", m.group("head")):
        cut = _first_verb(m.group("head"))
        if cut is None:
            return None
        head = (head[0], head[0] + cut)
    phrase = text[head[0] : head[1]]
    if m.group("appos") and re.match(r"[A-Z][a-z]+ing\s", phrase):
        # "Sitting in what appears to be a library at his residence, the 64-year-old president … asks": a
        # participle's phrase leads in, then the subject
        return subject(text, m.start("appos"), e)
    if m.group("appos") and re.match(r"(?:where|when|whose)\s", phrase):
        # "At the hospital, where the generator runs for four hours a day, a nurse …, Ingrid Berglund, said":
        # a relative clause of the lead-in, then the subject
        return subject(text, m.start("appos"), e)
    before = text[s : head[0]].rstrip()
    clause = re.split(r"\s(?:who|whose|which|that)\s", phrase)[0].split()
    if m.group("appos") and any(w in _CLAUSE_VERBS for w in clause[1:]):
        return None  # "The town fell on Tuesday, the group's media arm, Amaq, said": a clause, then its speaker
    if phrase in ("and", "but") and before.endswith(",") and "," not in before[:-1]:
        # "On Tuesday Amnesty renewed its call, and said …": no phrase of time before a comma there, but
        # the first clause, whose subject speaks; read without the comma, as "… renewed its call and said"
        comma = s + len(before) - 1
        return subject(text[:comma] + " " + text[comma + 1 :], s, e)
    # "A senior army officer who commands units along the Atbara said": a subject with a relative
    # clause, whose noun comes before "who"
    if re.search(r"\s(?:that|which)\s+(?:the\s|an?\s|[A-Z])", phrase):
        return None  # "a car bomb that the Real IRA later admitted planting injured …": the relative clause's verb
    who = re.search(r"\s(?:who|whose)\s", phrase)
    if who and word_count(phrase) <= 30 and 1 <= word_count(phrase[: who.start()]) <= 8:
        head = (head[0], head[0] + who.start())
    elif not 1 <= word_count(phrase) <= (14 if m.group("appos") or re.match(r"An? [a-z]", phrase) else 10):
        # a head before a comma may be longer: "A senior officer in the army's … in Beni, across …,"; so may a
        # person described where he stands: "A commander of the … forces at a checkpoint on the road into Cocody"
        return None
    if re.search(r"\b(?:these|those|the|such|its|their|his|her|our|all|any|both)\s*$", phrase, re.I) \
            and m.group("appos") is None:
        return None  # "None of these claims could be verified": a noun after a determiner, not a verb
    if re.match(r"\s*(?:is|was|are|were|has been|have been|had been)\s+(?:(?:also|still|now|widely|generally)\s+)?$",
                text[m.end("head") : m.start("verb")]) and m.group("verb").endswith(("ed", "said", "told", "thought")):
        # "It is believed that …", "Pyongyang is believed to be receiving oil": a verb in the passive,
        # whose subject is what is said, not who says it; nobody is named: the article's own hedged words
        return None
    if re.match(r"\s+by\b(?!\s+(?:(?:satellite\s+)?(?:tele)?phone|video|e-?mail|text|radio|letter|messag))",
                text[m.end("verb") : e]) and not verb_pattern().search(text[m.end("verb") : e]):  # fmt: skip
        # ("said by telephone" is how it was said)
        return None  # "a referendum called by the government": a participle in the passive, not a speaker
    # "The Quad – the United States, Britain, Saudi Arabia and the UAE – said": an apposition between dashes
    group = "appos" if m.group("appos") else ("dashed" if m.group("dashed") else None)
    appos = (m.start(group), m.end(group)) if group else None
    if appos and word_count(m.group(group)) > 30:
        return None
    obj, end = speech_object(text, m.start("verb"), m.end("verb"), e)
    ev_start = head[0] if appos is None else m.start("verb")
    return Attribution(head, m.group("verb"), obj, trim(text, ev_start, end, " \t.,"), appos)


_SECOND_CLAUSE_VERBS = frozenset({"say", "says", "said", "accuse", "accuses", "accused", "deny", "denies", "denied",
                                  "claim", "claims", "claimed"})


def second_clause(text: str, s: int, e: int) -> tuple[int, Attribution] | None:
    """"The harvest has not happened, and traders say the price has doubled": where the clause
    after ", and" or ", but" begins, and its speaker, for a sentence whose own subject says nothing."""
    for m in re.finditer(r",\s+(?:and|but)\s+", text[s:e]):
        sub = subject(text, s + m.end(), e)
        head = text[sub.head[0] : sub.head[1]].lower() if sub else ""
        # (not the outlet's own: "…, and our reporters say …" is the article's sentence whole)
        if sub and sub.verb in _SECOND_CLAUSE_VERBS and word_count(head) <= 4 and not head.startswith("our "):
            return s + m.start(), sub
    return None


def after(text: str, q: Quotation, limit: int) -> Attribution | None:
    """“…,” X said. / “…,” said X. / “…,” X, who …, told Y."""
    if q.close >= q.region.end:
        return None
    s0 = q.close + 1
    seg = text[s0:limit]
    if not (q.terminal or seg.lstrip().startswith(",")):
        return None
    for vm in verb_pattern().finditer(seg):
        pre = seg[: vm.start()]
        if pre.strip(" ,\t") == "":
            mm = re.match(r"\s+([^,.;:“”\"!?]+)(?:,\s*([^.;“”\"!?]+))?", seg[vm.end() :])
            if not mm:
                return None
            base = s0 + vm.end()
            head = (base + mm.start(1), base + mm.end(1))
            appos = (base + mm.start(2), base + mm.end(2)) if mm.group(2) else None
            return Attribution(head, vm.group(), None, trim(text, s0 + vm.start(), head[1]), appos)
        lead = len(pre) - len(pre.lstrip(" ,\t"))
        body = pre[lead:]
        cut = body.find(",")
        head = body if cut == -1 else body[:cut]
        if cut != -1 and not body.rstrip().endswith(","):
            continue
        if not 1 <= word_count(head) <= 12 or re.search(r"[.?!;:]", head):
            continue
        if re.match(r"(?:and|but|while|whereas)\s", head):
            return None  # "… as a surrender signed by “men who were bought,” and his followers say …": a new clause
        hs, he = trim(text, s0 + lead, s0 + lead + len(head))
        appos = None
        if cut != -1:
            appos = (s0 + lead + cut + 1, s0 + lead + len(body.rstrip()) - 1)
        obj, end = speech_object(text, s0 + vm.start(), s0 + vm.end(), limit)
        ev_start = hs if cut == -1 else s0 + vm.start()
        return Attribution((hs, he), vm.group(), obj, trim(text, ev_start, end, " \t.,"), appos)
    return None


def before(text: str, q: Quotation, start: int) -> Attribution | None:
    """X said: “…” / X wrote in Z: “…” / according to X, “…” / X told Y that “…”."""
    stripped = text[start : q.open].rstrip()
    if not stripped.endswith((":", ",")):
        # Words quoted inside reported speech: "X told Y that trainees “retain the right …”".
        sub = subject(text, start, q.open)
        if sub and text[sub.head[0] : sub.head[1]].lower() in ("and", "but", "or", "then", "so", "yet"):
            return None  # "… “protect civilians” and blamed the killings on “…”": the clause's subject is before
        between = text[sub.head[1] : q.open] if sub else ""
        if sub and re.search(r"\b(?:that|was|were|is|are|of|called|it|as|only|on|attacks?|said|says|told|tells|"
                             r"added|adds|insisted|insists)\b", between) and not (
            re.search(r"[.?!;]\s", between)
        ):  # "An RSF commander said his men “protect civilians”": the words of the one who said them
            return sub
        return None
    body_end = start + len(stripped) - 1
    body = text[start:body_end]
    m = re.search(r"\b[Aa]ccording to\s+(.+?)\s*$", body)
    if m:
        hs, he = start + m.start(1), start + m.end(1)
        return Attribution((hs, he), "according to", None, (start + m.start(), he))
    for vm in reversed(list(verb_pattern().finditer(body))):
        pre = body[: vm.start()]
        that = None
        for tm in re.finditer(r"\b(?:that|who)\s", pre):
            that = tm
        cut = max(pre.rfind(","), that.end() - 1 if that else -1)
        head_start = cut + 1
        lead = re.match(r"\s*(?:(?:And|But|Then|Later|Yet|So|and|but|then)\s+)?", pre[head_start:])
        head_start += lead.end()
        head = _patterns()["aux_end"].sub("", pre[head_start:].rstrip())
        if not 1 <= word_count(head) <= 12 or re.search(r"[.?!;:“”\"]", head):
            continue
        hs, he = trim(text, start + head_start, start + head_start + len(head))
        obj, _ = speech_object(text, start + vm.start(), start + vm.end(), body_end)
        outer = None
        if that is not None and cut == that.end() - 1 and that.group().startswith("that"):
            outer = subject(text, start, start + that.start())
        return Attribution((hs, he), vm.group(), obj, trim(text, hs, body_end, " \t,"), None, outer)
    return None
