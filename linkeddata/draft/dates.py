"""The dates the text gives, resolved at the precision the words give and never finer.

Absolute dates ("March 12, 2019", "2 Feb 2024") are read with ``dateutil`` (python-dateutil:
Apache 2.0 / BSD). Relative ones ("on Tuesday", "yesterday", "last month", "in May", "on April
15", "last September") are resolved against the article's publication date with ``dateutil.relativedelta``: a day
for a day, a month for a month, a year for a year; a week is given as its month when it lies in
one month, else its year. The publication date is the latest full date of the lines before the
story (a date line, a "Published …" line, a wire dateline such as "ADEN, Yemen, March 12 –"): a
caption's date there is the photo's, the same day or earlier. "Overnight" and "over the weekend" span
two days and are given as their month, "between late January and mid-April" as its year; "for a third
day" is the publication date; "A year ago today", "two weeks ago" count
back from it. Cues that count from another date ("ten days later", "the next day", "within hours",
"within two weeks", "that evening", "by the evening", "at the time", "that September") take the last
date the text gives before them, in their paragraph or the two before, that is precise enough for
them, and say so with a TODO; a time of the day ("at dawn", "at 12:06") with none before it is the
publication's day, unless its sentence or those paragraphs give another time. Cues that count from
an event ("two days after the vote", "Hours after the announcement", "in the days around the
signing") take the date the text gives for it elsewhere ("the March 7 election").
With no publication date a relative cue keeps its words and gets no date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from functools import cache

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from .lexicon import lexicon
from .text import DATELINE_PLACE, STAMP, STAMP_LINE, Layout, Region, overlaps


@dataclass(frozen=True)
class DateFound:
    start: int
    end: int
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when the text does not say
    note: str


@dataclass(frozen=True)
class Dates:
    found: tuple[DateFound, ...]
    published: tuple[datetime.date, int, int] | None  # the publication date and where the text gives it
    reference_year: tuple[int, str] | None  # the only year of the text's full dates, for bare months
    month_published: tuple[int, int, str] | None = None  # (year, month, words) when the text gives no day

    def in_span(self, start: int, end: int) -> list[DateFound]:
        return [d for d in self.found if start <= d.start and d.end <= end]


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    lx = lexicon()
    months = "|".join(lx.months)
    abbr = "|".join(rf"{a}\.?" for a in lx.month_abbreviations)
    any_month = f"{months}|{abbr}"
    weekdays = "|".join(lx.weekdays)
    return (
        ("day", re.compile(rf"(?<!\w)(?:(?:{weekdays}),? )?(?P<m>{any_month}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? "
                           rf"(?P<y>(?:19|20)\d\d)(?!\d)")),
        ("day", re.compile(rf"(?<!\w)(?:(?:{weekdays}|Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?(?P<d>\d{{1,2}}) "
                           rf"(?P<m>{any_month}),? (?P<y>(?:19|20)\d\d)(?!\d)")),
        # "12.10.2023": day, month and year in figures
        ("day", re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.(?P<y>(?:19|20)\d\d)(?![\d.]\d)")),
        ("month", re.compile(rf"(?<!\w)(?P<m>{any_month}),? (?P<y>(?:19|20)\d\d)(?!\d)")),
        # "July 25 last year": a day of the year before the publication's (or of its own, or the next)
        ("day-of-year", re.compile(rf"(?<!\w)(?P<m>{any_month}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? "
                                   rf"(?:of )?(?P<ry>last|this|next) year(?!\w)")),
        # "January last year", "February of last year": a month of the year before the publication's (or
        # of its own, or the next)
        ("month-of-year", re.compile(rf"(?<!\w)(?P<m>{months}) (?:of )?(?P<ry>last|this|next) year(?!\w)")),
        # (and "February 2 and 3", two days: their month)
        ("day-no-year", re.compile(rf"(?<!\w)(?:on )?(?P<m>{any_month}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                                   rf"(?P<d2>(?: and |[-–]| to )\d{{1,2}}(?!\d))?"
                                   rf"(?!\d|,? (?:19|20)\d\d)")),
        # "the 1 April strike": the day before the month, as most of the world writes it
        ("day-no-year", re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}}) (?P<m>{months})(?![\w-]|,? (?:19|20)\d\d)")),
        # "on New Year’s Day": a day of the calendar by its name
        ("day-no-year", re.compile(r"(?<!\w)(?P<holiday>New Year[’']s Day|New Year[’']s Eve|Christmas Day|"
                                   r"Christmas Eve)(?!\w)")),
        ("month-no-year", re.compile(
            rf"(?<!\w)(?:[Ii]n|[Ss]ince|[Uu]ntil|by|[Dd]uring|from|through|[Ee]arly|[Ll]ate|mid-|mid|"
            rf"as (?:early|late) as|[Tt]he (?:start|end|beginning|middle) of|"
            rf"[Tt]he (?:first|second|third|fourth|last|final) (?:week|weeks|days|half) of) "
            rf"(?:early |late |mid-)?(?P<m>{months})(?![\w-])(?! \d)(?! (?:of )?(?:that|the same) year)")),
        # "the August war": a month before the name of what happened in it
        ("month-no-year", re.compile(rf"(?<!\w)[Tt]he (?P<m>{months})(?= (?!of\b)[a-z])")),
        # "A year ago today", "two weeks ago": back from the publication date
        ("ago", re.compile(r"(?<![\w-])(?P<count>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|"
                           r"[Ee]ight|[Nn]ine|[Tt]en|\d{1,2}) (?P<unit>minute|hour|day|week|month|year)s? ago"
                           r"(?P<today> today)?(?!\w)")),
        # "three days after the vote", "Hours after the announcement", "the morning after the attack": from
        # the date the text gives for what they follow (lexicon: event_words), elsewhere (else as an
        # "anchored" cue)
        ("event", re.compile(
            r"(?<![\w-])(?:(?:(?P<rough>(?:[Ll]ess|[Mm]ore|[Ff]ewer) than |[Aa]bout |[Nn]early |[Aa]lmost |[Ss]ome )?"
            r"(?P<count>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|"
            r"[Tt]en|\d{1,2}) (?P<unit>hour|day|week)s?|(?P<hours>[Hh]ours)|"
            rf"[Tt]he (?P<part>day|morning|afternoon|evening|night)) (?P<dir>after|before)"
            # "in the days around the signing", "during the riots": the time of what they name
            rf"|(?:[Ii]n )?[Tt]he (?P<days>days|weeks) (?:around|before|after)|(?P<during>[Dd]uring)"
            # "on the night of the announcement": the day of what it names
            rf"|(?:[Oo]n )?[Tt]he (?P<partof>day|morning|afternoon|evening|night) of) the "
            rf"(?P<what>(?:[A-Z][\w’'-]* )*(?:{'|'.join(map(re.escape, lx.event_words))}))(?![\w-])")),
        # "ten days later", "the next day", "within hours", "that evening", "at the time", "that September":
        # from the last date the text gives before them
        ("anchored", re.compile(
            rf"(?<![\w-])(?:(?P<count>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|"
            rf"[Tt]en|\d{{1,2}}) (?P<unit>hour|day|week|month|year|decade)s? (?P<dir>later|earlier)|"
            rf"(?P<bcount>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|\d{{1,2}}) "
            rf"(?P<bunit>day|week)s? after(?= (?!the\b|that\b|this\b|its\b|his\b|her\b|their\b)\w)|"
            rf"[Hh]ours later|[Mm]inutes later|[Ll]ater that day|"
            rf"[Bb]y (?:the )?(?P<by>evening|nightfall|midday|noon|afternoon)|"
            rf"[Tt]he same (?P<same>day|morning|afternoon|evening|night)|"
            rf"[Tt]he (?:next|following) (?P<next>day|morning|afternoon|evening|night|week|month|year)|"
            rf"[Tt]he (?P<after>day|morning|afternoon|evening|night) after(?= (?:the|that|this)\b)|"
            rf"[Ww]ithin (?:(?P<wcount>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}}) )?"
            rf"(?P<within>minutes|hours|days|weeks|minute|hour|day|week)|"
            rf"[Oo]ver the (?:next|following) (?P<over>two|three|four|five|few|\d) (?P<span>days|weeks)|"
            rf"[Tt]hat (?P<that>morning|afternoon|evening|night|day|week|month|year)|"
            # "In the same month", "by the end of the year": the month or the year the text was at
            rf"(?:[Ii]n )?[Tt]he same (?P<samespan>week|month|year)|"
            rf"[Bb]y the end of (?:the|that) (?P<endof>month|year)|"
            rf"(?:[Ss]ince )?[Tt]he (?:start|beginning) of (?:the|that) (?P<startof>month|year)|"
            # "the previous night", "the preceding week": one before the date the text was at
            rf"[Tt]he (?:previous|preceding) (?P<prev>day|morning|afternoon|evening|night|week|month|year)|"
            rf"[Tt]hat (?P<thatmon>{months})|"
            # "in October of that year", "in March that year": a month of the year the text was at
            rf"(?:[Ii]n |[Bb]y )?(?P<ofmon>{months}) (?:of )?(?:that|the same) year|"
            # "through the autumn": a season of the year the text was at (a winter spans two)
            rf"(?:[Ii]n|[Tt]hrough|[Dd]uring|[Oo]ver|[Bb]y|[Uu]ntil) the (?P<season>spring|summer|autumn|fall|winter)|"
            rf"[Aa]t the time|"
            rf"(?P<tod>[Bb]efore dawn|[Aa]t (?:dawn|dusk|midnight|noon|midday)|"
            rf"(?:[Aa]t|[Bb]y|[Bb]efore|[Aa]fter) (?:first light|daybreak|sunrise|sunset)|"
            rf"(?:[Ee]arly |[Ll]ate )?in the (?:morning|afternoon|evening)(?! of)|"
            rf"(?:[Ss]hortly |[Jj]ust )?(?:after|before) (?:dawn|dusk|midnight|noon|midday)|"
            # "at about 6 a.m.", "at 12:06", "By three o’clock": a time of the day the text was at
            rf"(?:[Aa]t|[Bb]y|[Uu]ntil|(?:[Ss]hortly |[Jj]ust )?(?:after|before))(?: about| around| roughly)? "
            rf"(?:\d{{1,2}}(?:[:.]\d\d)?\s?(?:[ap]\.m\.|[ap]m)|\d{{1,2}}:\d\d(?![:\d])|(?:one|two|three|four|five|"
            rf"six|seven|eight|nine|ten|eleven|twelve|\d{{1,2}}) o[’']clock)|"
            # "through the morning", "after dark": a part of that day
            rf"(?:[Tt]hrough|[Tt]hroughout) the (?:morning|afternoon|evening|night)|"
            rf"(?:[Aa]fter|[Bb]efore|[Uu]ntil) dark))"
            rf"(?!\w)")),
        ("year", re.compile(r"(?<!\w)(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|of|[Ee]arly|[Ll]ate|mid-) "
                            r"(?P<y>(?:19|20)\d\d)"
                            r"(?![\d-])")),
        # "in 1999, 2002 and 2009": the years of a list after the first
        ("year", re.compile(r"(?:(?<=(?:19|20)\d\d, )|(?<=(?:19|20)\d\d and )|(?<=(?:19|20)\d\d, and ))"
                            r"(?P<y>(?:19|20)\d\d)(?![\d-])")),
        # "the 2008 Mumbai attacks": a year before the name of what happened in it
        ("year", re.compile(r"(?<!\w)[Tt]he (?P<y>(?:19|20)\d\d)(?= [A-Za-z])")),
        # "a 2016 ruling", "its 2019 report": a year before the name of what was done in it
        ("year", re.compile(r"(?<!\w)(?:[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir) (?P<y>(?:19|20)\d\d)(?= [a-z])")),
        ("relative", re.compile(
            rf"(?<![\w-])(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|(?P<night>[Ll]ast night|[Oo]vernight)|"
            rf"(?:[Ee]arly |[Ll]ate )?[Tt]his (?P<part>morning|afternoon|evening)|"
            rf"[Ii]n the (?P<hours>early hours)(?! of)|"  # of the day of publication
            rf"(?P<weekend>(?:[Oo]ver|[Dd]uring|[Aa]t|[Oo]n) the weekend|[Ll]ast weekend)|"
            # "on Monday last week", "On Monday of last week": a day of the week before the publication's
            rf"(?:[Oo]n )?(?P<lwd>{weekdays}) (?:of )?(?P<lwstep>last|next) week|"
            rf"(?P<running>for an? (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
            rf"\d{{1,2}}(?:st|nd|rd|th)) (?:straight |consecutive |successive |running )?day)|"
            rf"(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Bb]y|[Ss]ince|[Uu]ntil|[Ll]ate|[Ee]arly|[Ii]n the early hours of|"
            rf"(?:[Oo]n )?[Tt]he (?:morning|afternoon|evening|night) of) (?P<wd>{weekdays})|"
            rf"(?P<pwd>{weekdays})[’']s|"
            # "spent Sunday night in a cell": a part of a day of the week, with no word before it
            rf"(?P<wdpart>{weekdays})(?= (?:night|morning|afternoon|evening)\b)|"
            rf"(?P<unit_rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier this) (?P<unit>week|month|year)|"
            # "this spring": a season of the publication's year (not winter, which spans two)
            rf"(?:[Tt]his|[Ee]arlier this) (?P<season>spring|summer|autumn|fall)|"
            rf"(?P<mrel>[Ll]ast|[Tt]his|[Nn]ext) (?P<mon>{months}))(?!\w)")),
    )  # fmt: skip


def _month(name: str) -> int:
    lx = lexicon()
    return lx.months.get(name) or lx.month_abbreviations[name.rstrip(".")]


def _parse(text: str) -> datetime.date | None:
    dayfirst = bool(re.fullmatch(r"[\d.]+", text))  # "12.10.2023": day, month, year, as in most of Europe
    try:
        return date_parser.parse(text, default=datetime.datetime(1900, 1, 1), dayfirst=dayfirst).date()
    except (ValueError, OverflowError):
        return None


def _front_line(line: str) -> bool:
    """A line before the story: short, or fields set apart by " · " or " | " (outlet, byline, date)."""
    return len(line) <= 150 or len(re.findall(r" [·|] ", line)) >= 2


def _publication(lay: Layout, raw, reference: tuple[int, str] | None) -> tuple[datetime.date, int, int] | None:
    """The publication date: the latest of the full dates that open the short lines before the story
    ("Published 9 January 2024", "Saturday, June 3, 2023") and the dateline that opens it ("ADEN,
    Yemen, March 12, 2019 (Meridian Press) –"; "MOGADISHU, Feb 21 (Horn Wire) -" takes the year of
    the text's dates). The latest, because a photo's caption above the story gives the day the
    photo was taken, which is the day of publication or before it. A line of fields set apart by
    " · " or " | " (outlet, byline, date) is a line before the story however long."""
    text = lay.text
    paragraphs = [r for r in lay.regions if r.kind == "paragraph"][:4]
    found: list[tuple[datetime.date, int, int]] = []
    for i, r in enumerate(paragraphs):
        line = text[r.start : r.end]
        dateline = re.match(rf"^{DATELINE_PLACE} ", line)
        front = _front_line(line)
        reach = r.start + 90 if dateline else (r.end if front else r.start)
        day = None
        for s, e, kind, m in raw:
            if kind == "day" and r.start <= s and e <= reach and (d := _parse(m.group())):
                day = (d, s, e)
                break
        dm = re.match(r"(?P<md>[A-Z][a-z]+\.? \d{1,2})(?= \(|,? \d{4})", line[dateline.end() :]) if dateline else None
        if day is None and dm:
            # "ACCRA, Dec. 31 (Densu Wire) —" under a caption of "Dec. 31, 1981": the year of a full date of the
            # text on the same day of the same month, else the year of the text's full dates
            bare = _parse(f"{dm.group('md')} 2000")
            same = {d.year for _s, _e, kind, m in raw if kind == "day" and (d := _parse(m.group()))
                    and bare and (d.month, d.day) == (bare.month, bare.day)}  # fmt: skip
            year = next(iter(same)) if len(same) == 1 else (reference[0] if reference else None)
            d = _parse(f"{dm.group('md')} {year}") if year else None
            if d:
                at = r.start + dateline.end()
                day = (d, at + dm.start("md"), at + dm.end("md"))
        if day is not None:
            found.append(day)
        if not front and (dateline or not _dateline_next(paragraphs[i + 1 :], text)) \
                and not _date_line_after(paragraphs[i + 1 :], raw, text):
            break  # the story has begun; a dateline after a long first line (a caption) opens it still, and
            # so does a short line that opens with a full date ("Tuesday 11 August 2020. All times …")
    return max(found, key=lambda f: f[0]) if found else None


def _dateline_next(following: list[Region], text: str) -> bool:
    """Whether a wire dateline opens the next paragraph."""
    return bool(following) and bool(re.match(rf"{DATELINE_PLACE} ", text[following[0].start : following[0].end]))


def _date_line_after(following: list[Region], raw, text: str) -> bool:
    """Whether the short lines that follow (outlet, byline) lead to one that opens with a full date: a
    long line above them (a caption whose credit the reader does not know) has not begun the story."""
    for r in following:
        if not _front_line(text[r.start : r.end]):
            return False
        if any(kind == "day" and (s == r.start or (e == r.end and re.fullmatch(
                r"[A-Z][\w’' .-]{1,40},\s+", text[r.start : s]))) for s, e, kind, _ in raw):  # fmt: skip
            return True  # (or ends with one after a place: "Lima, 25 April 1992")
    return False


def find_dates(lay: Layout) -> Dates:
    text = lay.text
    raw: list[tuple[int, int, str, re.Match]] = []
    for r in lay.regions:
        for kind, pattern in _patterns():
            for m in pattern.finditer(text, r.start, r.end):
                if not any(overlaps((m.start(), m.end()), (a, b)) for a, b, _, _ in raw):
                    raw.append((m.start(), m.end(), kind, m))
    raw.sort(key=lambda x: x[0])
    years: dict[int, int] = {}
    full_years: dict[int, int] = {}
    for _s, _e, kind, m in raw:
        if m.groupdict().get("y"):
            y = int(m.group("y"))
            years[y] = years.get(y, 0) + 1
            if kind in ("day", "month"):
                full_years[y] = full_years.get(y, 0) + 1
    reference = None
    pick = full_years if len(full_years) == 1 else None  # a bare year ("since 2015") may lie years back
    if pick:
        year = next(iter(pick))
        source = next(text[s:e] for s, e, _, m in raw if m.groupdict().get("y") == str(year))
        reference = (year, source)
    # A dateline without its year ("MOGADISHU, Feb 21 (Horn Wire) -") takes the year of a full date
    # the text gives (a caption's, say), never a bare year ("since 2019") that may lie years back.
    # Of full dates, a day's year counts before a month's: "September 2022" in the story looks back,
    # "November 27, 2024" under the photo is the news.
    day_years = {int(m.group("y")) for _s, _e, kind, m in raw if kind == "day"}
    full = full_years if len(full_years) == 1 else (dict.fromkeys(day_years) if len(day_years) == 1 else None)
    dateline_year = (next(iter(full)), next(text[s:e] for s, e, _, m in raw if m.groupdict().get("y") == str(
        next(iter(full))))) if full else None  # fmt: skip
    published = _publication(lay, raw, dateline_year)
    pub = published[0] if published else None
    pub_words = f"the publication date {pub.isoformat()} (“{text[published[1]:published[2]]}”)" if published else ""
    # "THE GONÂVE QUARTERLY — December 2024": a month of publication and no day, for "last year", "last month"
    month_published = None if published else _publication_month(lay, raw)
    found = []
    for s, e, kind, m in raw:
        if published and (s, e) == published[1:]:
            found.append(DateFound(s, e, pub.isoformat(), "the publication date"))
            continue
        if month_published and text[s:e] == month_published[2] and kind == "month":
            found.append(DateFound(s, e, f"{month_published[0]}-{month_published[1]:02d}", "the publication month"))
            continue
        month = _month(m.group("m")) if m.groupdict().get("m") else _HOLIDAYS.get(_holiday(m), (None,))[0]
        if kind in ("anchored", "event"):
            found.append(DateFound(s, e, None, ""))  # resolved below, once the dates before it are known
        elif kind in ("day-of-year", "month-of-year"):
            found.append(_of_year(s, e, m, month, pub, pub_words))
        elif kind == "ago":
            found.append(_ago(s, e, m, pub, pub_words))
        elif kind == "day":
            d = _parse(m.group())
            found.append(DateFound(s, e, d.isoformat() if d else None, "a day" if d else "TODO: not a calendar date"))
        elif kind == "month":
            found.append(DateFound(s, e, f"{m.group('y')}-{month:02d}", "a month"))
        elif kind == "year":
            found.append(DateFound(s, e, m.group("y"), "a year"))
        elif kind in ("month-no-year", "day-no-year"):
            story = _story_year(lay, raw, s, month, published) or _story_year_kept(lay, found, s, month, published)
            if story:  # "By July 1995 the enclave held … On July 6 the Serbs attacked": the story's year
                d = _without_year(text, s, e, kind, m, month, None, "", story)
            else:
                d = _without_year(text, s, e, kind, m, month, pub, pub_words, reference)
            if m.groupdict().get("d2") and d.value:  # "the assault of February 2 and 3": two days, their month
                d = DateFound(s, e, d.value[:7], d.note + "; two days: their month")
            found.append(d)
        else:
            found.append(_relative(s, e, m, pub, pub_words, month_published))
    found = [_approximate(text, _between(text, d)) for d in found]
    kinds = {(s, e): (kind, m) for s, e, kind, m in raw}
    for i, d in enumerate(found):  # in the text's order: "the next day … two days later" counts from the next day
        kind, m = kinds[(d.start, d.end)]
        if kind == "event":
            found[i] = _after_event(lay, d, m, found)
        elif kind == "anchored":
            found[i] = _anchored(lay, d, m, found)
    return Dates(tuple(found), published, reference, month_published)


def _approximate(text: str, d: DateFound) -> DateFound:
    """"around 19 September": a day the text gives only roughly is its month, never finer than the cue."""
    rough = re.search(r"\b(?:[Aa]round|[Aa]bout|[Aa]pproximately|[Rr]oughly|[Cc]irca)(?=\s+$)",
                      text[max(0, d.start - 15) : d.start])
    if d.value and len(d.value) == 10 and rough:
        return replace(d, value=d.value[:7], note=f"{d.note}; a day given roughly (“{rough.group()}”): its month")
    return d


def _between(text: str, d: DateFound) -> DateFound:
    """"between late January and mid-April": a month that opens a span of months is the span's, given as
    its year when the months differ (as a week across two months is)."""
    lx = lexicon()
    months = "|".join(lx.months)
    if not (d.value and len(d.value) == 7 and re.search(r"\bbetween\s+$", text[max(0, d.start - 10) : d.start])):
        return d
    m = re.match(rf"\s+and\s+(?:early |late |mid-)?({months})\b", text[d.end : d.end + 30])
    if not m or lx.months[m.group(1)] == int(d.value[5:]):
        return d
    return replace(d, value=d.value[:4], note=d.note + f"; a span to {m.group(1)}: its year")


# Days of the calendar by their names: (month, day).
_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25), "christmas eve": (12, 24)}


def _holiday(m: re.Match) -> str:
    return (m.groupdict().get("holiday") or "").lower().replace("’", "'")


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "few": 3}  # fmt: skip


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNTS[word.lower()]


def _week_value(day: datetime.date) -> str:
    """A time known to the week: its month when the week lies in one month, else its year."""
    monday = day - datetime.timedelta(days=day.weekday())
    sunday = monday + datetime.timedelta(days=6)
    one_month = (monday.year, monday.month) == (sunday.year, sunday.month)
    return f"{day.year}-{day.month:02d}" if one_month else str(day.year)


def _span_value(first: datetime.date, last: datetime.date) -> str | None:
    """A time known to lie between two days: their month when they share one, else their year."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year}-{first.month:02d}"
    return str(first.year) if first.year == last.year else None


def _of_year(s, e, m, month, pub, pub_words) -> DateFound:
    """"July 25 last year" (a day), "January last year" (a month): of the year the words name, from the
    publication date."""
    if pub is None:
        return DateFound(s, e, None, "TODO: relative to the publication date, which the text does not give")
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m.group("ry")]
    if not m.groupdict().get("d"):
        return DateFound(s, e, f"{year}-{month:02d}", f"from {pub_words}")
    try:
        return DateFound(s, e, datetime.date(year, month, int(m.group("d"))).isoformat(), f"from {pub_words}")
    except ValueError:
        return DateFound(s, e, None, "TODO: not a calendar date")


def _ago(s, e, m, pub, pub_words) -> DateFound:
    """"A year ago today" (a day), "two weeks ago" (the month of that week), "a year ago" (a year), "an hour
    ago" (the day)."""
    if pub is None:
        return DateFound(s, e, None, "TODO: relative to the publication date, which the text does not give")
    n, unit = _count(m.group("count")), m.group("unit")
    note = f"from {pub_words}"
    if unit in ("minute", "hour"):  # "an hour ago" in a live blog: the day of publication
        return DateFound(s, e, pub.isoformat(), note + "; hours before it, the same day")
    d = pub - relativedelta(**{unit + "s": n})
    if unit == "day" or m.group("today"):
        return DateFound(s, e, d.isoformat(), note)
    if unit == "week":
        return DateFound(s, e, _week_value(d), note + "; the month of that week")
    return DateFound(s, e, f"{d.year}-{d.month:02d}" if unit == "month" else str(d.year), note)


def _anchored(lay: Layout, d: DateFound, m: re.Match, found: list[DateFound]) -> DateFound:
    """"ten days later", "two months earlier", "the next day", "within hours", "that evening", "at the time",
    "that September": from the last date the text gives before the words, in their paragraph or the two before, at the
    precision both give ("two weeks later" is a week: its month; "within days" its month). "A day after
    Azerbaijan launched …" dates the clause it opens: a day before the date of the sentence (the last
    date before it, else the publication date)."""
    s, e = d.start, d.end
    paragraphs = [r for r in lay.regions if r.kind == "paragraph"]
    at = next((i for i, r in enumerate(paragraphs) if r.start <= s < r.end), None)
    since = paragraphs[max(0, at - 2)].start if at is not None else s
    # the words need a day ("the next day", "within days"), a month ("that month") or a year ("that
    # September", "at the time"): the last date that gives as much
    words = m.group().lower()
    later = m.group("next") or m.group("unit")  # "six months later", "the next month": a month needs a month
    if later == "decade":  # "A decade later": ten years, known to the year
        later = "year"
    # "that month", "the same month", "since the start of the year"
    that = m.group("that") or m.group("samespan") or m.group("endof") or m.group("startof")
    prev = m.group("prev")
    thatmon = m.group("thatmon") or m.group("ofmon")
    needs = 4 if (thatmon or m.group("season") or words == "at the time" or that == "year" or later == "year"
                  or prev == "year") else (7 if that == "month" or later == "month" or prev == "month"
                                           or m.group("same") else 10)  # "the same night" as a month: that month
    anchor = next((f for f in reversed(found) if f.value and len(f.value) >= needs and since <= f.start
                   and f.end <= s and f.note != "the publication date"), None)  # fmt: skip
    if m.group("bunit"):
        # "Two days after Obasanjo’s election on February 27": the day of what it follows, given after it
        own = next((f for f in found if f.value and len(f.value) == 10 and e < f.start <= e + 60
                    and not re.search(r"[,.;!?]", lay.text[e : f.start])), None)  # fmt: skip
        if own is not None:
            n = _count(m.group("bcount"))
            after = datetime.date.fromisoformat(own.value) + relativedelta(**{m.group("bunit") + "s": n})
            note = f"from “{lay.text[own.start : own.end]}” ({own.value}) after it; TODO: check"
            if m.group("bunit") == "week":
                return DateFound(s, e, _week_value(after), note + "; the month of that week")
            return DateFound(s, e, after.isoformat(), note)
        # "… in November 2021, two weeks after suicide bombings in Kampala": a date of the sentence that
        # gives no day, nearer than any day before it, gives the year of the clause (but the January of a
        # month: the year before, maybe)
        coarse = next((f for f in reversed(found) if f.value and len(f.value) in (4, 7) and since <= f.start
                       and f.end <= s and not re.search(r"[.!?]\s", lay.text[f.end : s])), None)  # fmt: skip
        if coarse is not None and (anchor is None or anchor.end <= coarse.start):
            if coarse.value.endswith("-01"):
                return DateFound(s, e, None, f"TODO: before “{lay.text[coarse.start : coarse.end]}”, which may be the "
                                             f"year before")  # fmt: skip
            return DateFound(s, e, coarse.value[:4], f"the year of “{lay.text[coarse.start : coarse.end]}” "
                                                      f"({coarse.value}) before it; TODO: check")
    published = next((f for f in found if f.note == "the publication date" and f.value), None)
    if m.group("startof") and " of the " in words:  # "since the start of the year": the publication's year
        anchor = published
    if anchor is None and m.group("bunit"):  # "… have agreed to a ceasefire, a day after …": today's news
        anchor = published
    if m.group("tod") and at is not None and (  # fmt: skip
            STAMP.match(lay.text, paragraphs[at].start, paragraphs[at].end)
            or at > 0 and STAMP_LINE.fullmatch(lay.text, paragraphs[at - 1].start, paragraphs[at - 1].end)):
        # "21:40 – … took effect at 8 p.m.", or "14:35" on the line above: a live blog's entry tells of the day
        # of its publication, unless it gives another day before the words
        anchor = next((f for f in reversed(found) if f.value and len(f.value) == 10 and paragraphs[at].start
                       <= f.start and f.end <= s and f.note != "the publication date"), None) or published
    if anchor is None and m.group("tod") and published is not None:
        # "Ceaușescu flees …; gunfire after dark" in a headline, "Tanks stood in the square by first light" with
        # no date before it: the day the text was published; not "a little after six in the morning, one day
        # last March": a time its sentence or the paragraphs before it give, other than that day, is the text's
        region = lay.region_at(s)
        end = lay.sentence_at(region, s)[1] if region else e
        if not any(f.value and since <= f.start and f.end <= end and (f.start, f.end) != (s, e)
                   and not published.value.startswith(f.value) for f in found):  # fmt: skip
            anchor = published
    if anchor is None:
        return DateFound(s, e, None, "TODO: relative to a date the text gives before it; none found near enough")
    value, text = anchor.value, lay.text
    note = f"from “{text[anchor.start : anchor.end]}” ({value}) before it; TODO: check"
    day = datetime.date.fromisoformat(value) if len(value) == 10 else None
    if thatmon:  # "that September", "in October of that year": the month of the year the text was at
        return DateFound(s, e, f"{value[:4]}-{_month(thatmon):02d}", note)
    if words == "at the time":
        return DateFound(s, e, value, note)
    if m.group("season"):
        if m.group("season") == "winter":
            return DateFound(s, e, None, f"TODO: a winter spans two years (after “{text[anchor.start : anchor.end]}”)")
        return DateFound(s, e, value[:4], note + "; the year of the season")
    if that in ("year", "month") and len(value) >= (4 if that == "year" else 7):
        return DateFound(s, e, value[: 4 if that == "year" else 7], note)
    if prev:  # "the previous night": the day (week, month, year) before
        unit = "day" if prev in ("morning", "afternoon", "evening", "night") else prev
        if unit in ("month", "year"):
            first = datetime.date(int(value[:4]), int(value[5:7]) if unit == "month" else 1, 1)
            first -= relativedelta(**{unit + "s": 1})
            return DateFound(s, e, f"{first.year}-{first.month:02d}" if unit == "month" else str(first.year), note)
        if day is None:
            return DateFound(s, e, None, f"TODO: before “{text[anchor.start : anchor.end]}”, which gives no day")
        before = day - relativedelta(**{unit + "s": 1})
        return DateFound(s, e, _week_value(before) if unit == "week" else before.isoformat(), note)
    back = -1 if m.group("dir") == "earlier" else 1  # "Two months earlier": as far before
    if day is None and later in ("month", "year"):  # "in May 2021 … Six months later": 2021-11
        n = 1 if m.group("next") else _count(m.group("count")) * back * (10 if m.group("unit") == "decade" else 1)
        if later == "year":
            return DateFound(s, e, str(int(value[:4]) + n), note)
        first = datetime.date(int(value[:4]), int(value[5:7]), 1) + relativedelta(months=n)
        return DateFound(s, e, f"{first.year}-{first.month:02d}", note)
    if day is None and m.group("same"):  # "In March … the same night": in that month
        return DateFound(s, e, value[:7], note + "; the month of that night")
    if day is None:
        return DateFound(s, e, None, f"TODO: relative to “{text[anchor.start : anchor.end]}”, which gives no day")
    if that == "week":
        return DateFound(s, e, _week_value(day), note)
    if that or m.group("by") or m.group("same") or m.group("tod") or (m.group("within") or "").startswith(
            ("hour", "minute")) or words in ("hours later", "minutes later", "later that day"):
        return DateFound(s, e, day.isoformat(), note)  # "that evening", "within hours": the same day
    if m.group("within") or m.group("over"):  # "within days", "over the next two days": a span from the day
        n = _count(m.group("over") or m.group("wcount")) if m.group("over") or m.group("wcount") else None
        unit = (m.group("span") or m.group("within")).rstrip("s")
        last = day + relativedelta(**{unit + "s": n or {"day": 7, "week": 4}[unit]})  # "within two weeks": two
        value = _span_value(day, last)
        return DateFound(s, e, value, note) if value else DateFound(s, e, None, "TODO: the span crosses a year")
    if m.group("bunit"):  # "a day after Azerbaijan launched …": the clause's time, before the sentence's
        back = day - relativedelta(**{m.group("bunit") + "s": _count(m.group("bcount"))})
        if m.group("bunit") == "week":
            return DateFound(s, e, _week_value(back), note + "; the month of that week")
        return DateFound(s, e, back.isoformat(), note)
    if m.group("after"):  # "the day after the attack"
        return DateFound(s, e, (day + datetime.timedelta(days=1)).isoformat(), note)
    unit = m.group("next") or m.group("unit")
    n = 1 if m.group("next") else _count(m.group("count")) * back
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    if unit == "decade":
        unit, n = "year", n * 10
    target = day + relativedelta(**{unit + "s": n}) if unit != "hour" else day
    if unit in ("day", "hour"):
        return DateFound(s, e, target.isoformat(), note)
    if unit == "week":
        return DateFound(s, e, _week_value(target), note + "; the month of that week")
    return DateFound(s, e, f"{target.year}-{target.month:02d}" if unit == "month" else str(target.year), note)


def _after_event(lay: Layout, d: DateFound, m: re.Match, found: list[DateFound]) -> DateFound:
    """"three days after the vote", "Two days before the signing", "Hours after the announcement": counted
    from the date of the sentence elsewhere in the text that names what they follow ("the March 7
    election", "On Saturday the government announced …"), the nearest before them, else after, at the
    precision that date gives. With no such sentence, "the day after the attack" counts from the last date
    before it as an anchored cue does; "three days after the massacre" keeps its words and gets no date."""
    text, s = lay.text, d.start
    what = m.group("what").split()[-1].lower()
    words = {what, *lexicon().event_words.get(what, ())}
    stems = sorted({re.sub(r"(?:ings?|ments?|ed|s|e)$", "", w) for w in words})
    named = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, stems))})(?:e|es|ed|d|s|ings?|ments?)?(?![\w-])",
                       re.IGNORECASE)
    here = lay.region_at(s)
    own = lay.sentence_at(here, s) if here else (s, d.end)
    candidates = []
    for r in lay.regions:
        if r.kind != "paragraph":
            continue
        for a, b in lay.sentences[r]:
            if (a, b) == own or not all(w in text[a:b] for w in m.group("what").split()[:-1]):
                continue  # "the day after the Pulwama bombing": a sentence that names Pulwama
            for n in named.finditer(text, a, b):
                # a date of the sentence near the word names its day ("the March 7 election", "On Saturday
                # the government … announced"), not one of the sentence's other clauses
                dated = [(gap, f) for f in found if f.value and a <= f.start and f.end <= b
                         and f.note != "the publication date" and not (f.start <= n.start() < f.end)
                         and (gap := max(f.start - n.end(), n.start() - f.end)) <= 60]  # fmt: skip
                if dated:
                    candidates.append((False, b > s, abs(a - s), min(dated, key=lambda g: g[0])[1]))
                    continue
                # "… left Vlora on the night of March 28. … it collided with the corvette and sank.": else the
                # last day its paragraph gives before it, written as a date (not "on Friday", the news's day)
                story = [f for f in found if f.value and len(f.value) == 10 and r.start <= f.start and f.end <= a
                         and f.note != "the publication date" and not f.note.startswith("from ")]  # fmt: skip
                if story:
                    candidates.append((True, b > s, abs(a - s), story[-1]))
    if not candidates:
        anchored = dict(_patterns())["anchored"].match(text, s)
        if anchored and m.group("part") and m.group("dir") == "after":
            return _anchored(lay, replace(d, end=anchored.end()), anchored, found)
        return DateFound(s, d.end, None, f"TODO: relative to “{m.group('what')}”, whose date the text does not give")
    event = min(candidates, key=lambda c: c[:3])[3]
    value = event.value
    note = f"from “{text[event.start : event.end]}” ({value}), the date of “{m.group('what')}”; TODO: check"
    if m.group("hours") or m.group("unit") == "hour" or m.group("during") or m.group("partof"):
        # "Hours after the announcement", "on the night of the announcement": its day; "during the fighting":
        # its time
        return DateFound(s, d.end, value, note)
    if m.group("days"):  # "in the days around the signing": the month of its day (a span given roughly)
        return DateFound(s, d.end, value[:7] if len(value) >= 7 else value, note + "; days around it: its month")
    if len(value) < 10:  # "three days after the vote", a vote "in May": that month (or year)
        return DateFound(s, d.end, value, note)
    unit = m.group("unit") or "day"
    n = (_count(m.group("count")) if m.group("count") else 1) * (-1 if m.group("dir") == "before" else 1)
    day = datetime.date.fromisoformat(value) + relativedelta(**{unit + "s": n})
    if m.group("rough"):  # "Less than three weeks after the sinking": a count given roughly, its month
        return DateFound(s, d.end, day.isoformat()[:7], note + "; a count given roughly: its month")
    if unit == "week":
        return DateFound(s, d.end, _week_value(day), note + "; the month of that week")
    return DateFound(s, d.end, day.isoformat(), note)


def _paragraphs_back(lay: Layout, pos: int, back: int) -> int | None:
    """Where the paragraph ``back`` paragraphs before the one that holds ``pos`` begins (the first one's
    start when there are fewer); None when no paragraph holds ``pos``."""
    paragraphs = [r for r in lay.regions if r.kind == "paragraph"]
    at = next((i for i, r in enumerate(paragraphs) if r.start <= pos < r.end), None)
    return None if at is None else paragraphs[max(0, at - back)].start


def _story_year(lay: Layout, raw, s: int, month: int, published) -> tuple[int, str] | None:
    """The year of the last full date before ``s`` in its paragraph or the one before ("By July
    1995 …"), where it is not the publication's and names the same month: the year a day or a
    month without one belongs to."""
    since = _paragraphs_back(lay, s, 1)
    if since is None:
        return None
    before = [(a, b, m) for a, b, kind, m in raw if kind in ("day", "month") and since <= a and b <= s
              and not (published and (a, b) == published[1:])]  # fmt: skip
    if not before:
        return None
    a, b, m = before[-1]
    year = int(m.group("y")) if m.groupdict().get("y") else None
    named = m.groupdict().get("m")
    if year is None or (published and year == published[0].year) or not named or _month(named) != month:
        return None  # only in the same month: "By July 1995 …" then "On July 6", not "In April"
    return year, lay.text[a:b]


def _story_year_kept(lay: Layout, found: list[DateFound], s: int, month: int, published) -> tuple[int, str] | None:
    """The year a day without one took from the story's year before it, in the same month, within the
    paragraph or the two before ("By July 1995 … On July 6 the Serbs attacked. … on the afternoon of
    July 11"): the story is still in that month of that year."""
    since = _paragraphs_back(lay, s, 2)
    if since is None:
        return None
    kept = [f for f in found if f.value and len(f.value) == 10 and since <= f.start and f.end <= s
            and f.note.startswith("the year ") and int(f.value[5:7]) == month
            and not (published and int(f.value[:4]) == published[0].year)]  # fmt: skip
    if not kept:
        return None
    return int(kept[-1].value[:4]), lay.text[kept[-1].start : kept[-1].end]


def _day_of(m: re.Match) -> int:
    return _HOLIDAYS[_holiday(m)][1] if _holiday(m) else int(m.group("d"))


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:
        return None


def _without_year(text, s, e, kind, m, month, pub, pub_words, reference) -> DateFound:
    if pub:
        day = _day_of(m) if kind == "day-no-year" else None
        year = pub.year
        ahead = (month, day or 1) > (pub.month, pub.day) if day else month > pub.month
        # a time to come only by the words of its own sentence, and not after a verb in the past ("began in")
        window = re.split(r"[.!?…]\s", text[max(0, s - 60) : s])[-1]
        past = re.search(r"\b(?:\w+ed|began|took|fought|came|went|fell|sent|held|won|lost|left|seized)\s+$", window)
        # "was taken … by Keke’s men in November": a verb in the past in the clause, however far back
        past = past or re.search(r"\b(?:was|were|had)\s+(?:\w+\s+)?\w+(?:ed|en|t)\b", window)
        future = not past and re.search(r"\b(?:will|next|before the|until|by)\b", window)
        if ahead and not future:
            year -= 1
        weekdays = lexicon().weekdays
        named_day = re.search(rf"\b({'|'.join(weekdays)}),?\s+(?:the\s+)?$", text[max(0, s - 12) : s])
        if day and named_day:  # "Wednesday 24 October": of the years around the publication's, the one
            # whose 24 October is a Wednesday (a live blog goes on past the day it began)
            weekday = weekdays.index(named_day.group(1))
            year = next((y for y in (year, pub.year, pub.year - 1, pub.year + 1)
                         if _weekday_of(y, month, day) == weekday), year)  # fmt: skip
        if day:
            try:
                value = datetime.date(year, month, day).isoformat()
            except ValueError:
                return DateFound(s, e, None, "TODO: not a calendar date")
        else:
            value = f"{year}-{month:02d}"
        return DateFound(s, e, value, f"the year from {pub_words}" + ("; a time to come" if future and ahead else ""))
    if reference:
        value = f"{reference[0]}-{month:02d}"
        if kind == "day-no-year":
            try:
                value = datetime.date(reference[0], month, _day_of(m)).isoformat()
            except ValueError:
                return DateFound(s, e, None, "TODO: not a calendar date")
        return DateFound(s, e, value, f"the year {reference[0]} from “{reference[1]}”; TODO: check")
    return DateFound(s, e, None, "TODO: the text gives no year")


def _relative(s, e, m, pub: datetime.date | None, pub_words: str,
              month_published: tuple[int, int, str] | None = None) -> DateFound:  # fmt: skip
    if pub is None and month_published is not None:
        return _relative_to_month(s, e, m, month_published)
    if pub is None:
        return DateFound(s, e, None, "TODO: relative to the publication date, which the text does not give")
    words = m.group().lower()
    weekday = m.group("wd") or m.group("pwd") or m.group("wdpart")
    note = f"from {pub_words}"
    if words in ("yesterday", "today", "tomorrow", "tonight") or m.group("part") or m.group("running") or m.group(
            "hours"):  # fmt: skip
        # "early this morning", "for a third day" (the day the count has reached): today
        d = pub + relativedelta(days={"yesterday": -1, "tomorrow": 1}.get(words, 0))
        return DateFound(s, e, d.isoformat(), note)
    if m.group("season"):  # "this spring": the publication's year, no finer
        return DateFound(s, e, str(pub.year), note + "; a season of its year")
    if m.group("weekend"):  # the last Saturday and Sunday before the publication date: their month
        sunday = pub - datetime.timedelta(days=(pub.weekday() + 1) % 7)  # a Sunday's weekend is its own
        value = _span_value(sunday - datetime.timedelta(days=1), sunday)
        return DateFound(s, e, value, note + "; a weekend is two days: their month") if value else DateFound(
            s, e, None, "TODO: the weekend spans two years")  # fmt: skip
    if words == "last night":  # the evening before the publication date
        return DateFound(s, e, (pub - datetime.timedelta(days=1)).isoformat(), note)
    if words == "overnight":  # the night before the publication date: two days, so their month
        value = _span_value(pub - datetime.timedelta(days=1), pub)
        return DateFound(s, e, value, note + "; the night spans two days: their month") if value else DateFound(
            s, e, None, "TODO: the night spans two years")  # fmt: skip
    if m.group("lwd"):
        monday = pub - datetime.timedelta(days=pub.weekday())
        d = monday + datetime.timedelta(weeks=_STEPS[m.group("lwstep")], days=lexicon().weekdays.index(m.group("lwd")))
        return DateFound(s, e, d.isoformat(), note)
    if weekday:
        target = lexicon().weekdays.index(weekday)
        if words.startswith("next"):
            d = pub + relativedelta(days=1, weekday=target)
        elif words.startswith("last"):
            d = pub + relativedelta(days=-1, weekday=_back(target))
        else:  # "on Tuesday", "Tuesday’s": the last one, or the day itself
            d = pub + relativedelta(weekday=_back(target))
        return DateFound(s, e, d.isoformat(), note)
    by_month = _by_month(m, pub.year, pub.month)
    if by_month:  # "last September", "last month", "this year"
        return DateFound(s, e, by_month, note)
    step = _STEPS[m.group("unit_rel").lower()]
    monday = pub - datetime.timedelta(days=pub.weekday()) + datetime.timedelta(weeks=step)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DateFound(s, e, f"{monday.year}-{monday.month:02d}", note + "; the month of that week")
    if monday.year == sunday.year:
        return DateFound(s, e, str(monday.year), note + "; the week spans two months: its year")
    return DateFound(s, e, None, "TODO: the week spans two years")


def _publication_month(lay: Layout, raw) -> tuple[int, int, str] | None:
    """The month of publication a line before the story gives without a day ("THE GONÂVE QUARTERLY —
    December 2024"): (year, month, its words), from the short lines before the story, as for
    :func:`_publication`."""
    text = lay.text
    for r in [r for r in lay.regions if r.kind == "paragraph"][:4]:
        if not _front_line(text[r.start : r.end]):
            return None  # the story has begun
        for s, e, kind, m in raw:
            if kind == "month" and r.start <= s and e <= r.end and m.groupdict().get("y"):
                return int(m.group("y")), _month(m.group("m")), text[s:e]
    return None


_STEPS = {"last": -1, "this": 0, "earlier this": 0, "next": 1}


def _by_month(m: re.Match, year: int, month: int) -> str | None:
    """The value of a cue that a month of publication is enough for: "last September" (the last one
    before that month), "last month", "this year"; None for a cue that needs the day."""
    if m.group("mon"):
        target, rel = _month(m.group("mon")), m.group("mrel").lower()
        if rel == "last" and target >= month:
            year -= 1
        elif rel == "next" and target <= month:
            year += 1
        return f"{year}-{target:02d}"
    if m.group("season"):  # "this spring": the year of the month of publication
        return str(year)
    unit = m.group("unit") if not (m.group("wd") or m.group("pwd") or m.group("wdpart")) else None
    if unit not in ("year", "month") or not m.group("unit_rel"):
        return None
    step = _STEPS[m.group("unit_rel").lower()]
    if unit == "year":
        return str(year + step)
    first = datetime.date(year, month, 1) + relativedelta(months=step)
    return f"{first.year}-{first.month:02d}"


def _relative_to_month(s, e, m, month_published: tuple[int, int, str]) -> DateFound:
    """A cue against a month of publication: "last year", "this month", "last September" resolve (the
    month is enough); "on Tuesday", "yesterday", "last week" need the day, and stay a TODO."""
    year, month, words = month_published
    value = _by_month(m, year, month)
    if value:
        return DateFound(s, e, value, f"from the publication month {year}-{month:02d} (“{words}”); the text gives "
                                      f"no day")
    return DateFound(s, e, None, f"TODO: relative to a day of publication; the text gives only the month "
                                 f"{year}-{month:02d} (“{words}”)")


def _back(weekday: int):
    from dateutil.relativedelta import weekdays

    return weekdays[weekday](-1)
