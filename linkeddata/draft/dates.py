"""The dates the text gives, resolved at the precision the words give and never finer.

Absolute dates ("March 12, 2019", "2 Feb 2024") are read with ``dateutil`` (python-dateutil:
Apache 2.0 / BSD). Relative ones ("on Tuesday", "yesterday", "last month", "in May", "on April
15", "last September") are resolved against the article's publication date with ``dateutil.relativedelta``: a day
for a day, a month for a month, a year for a year; a week is given as its month when it lies in
one month, else its year. The publication date is the latest full date of the lines before the
story (a date line, a "Published …" line, a wire dateline such as "ADEN, Yemen, March 12 –"): a
caption's date there is the photo's, the same day or earlier. With
no publication date a relative cue keeps its words and gets no date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from .lexicon import lexicon
from .text import DATELINE_PLACE, Layout, overlaps


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
        ("day-no-year", re.compile(rf"(?<!\w)(?:on )?(?P<m>{any_month}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                                   rf"(?!\d|,? (?:19|20)\d\d)")),
        ("month-no-year", re.compile(
            rf"(?<!\w)(?:[Ii]n|[Ss]ince|[Uu]ntil|by|[Dd]uring|from|through|[Ee]arly|[Ll]ate|mid-|mid) "
            rf"(?:early |late |mid-)?(?P<m>{months})(?![\w-])(?! \d)")),
        ("year", re.compile(r"(?<!\w)(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|of|[Ee]arly|[Ll]ate|mid-) "
                            r"(?P<y>(?:19|20)\d\d)"
                            r"(?![\d-])")),
        # "the 2008 Mumbai attacks": a year before the name of what happened in it
        ("year", re.compile(r"(?<!\w)[Tt]he (?P<y>(?:19|20)\d\d)(?= [A-Za-z])")),
        ("relative", re.compile(
            rf"(?<![\w-])(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|"
            rf"(?:[Ee]arly |[Ll]ate )?[Tt]his (?P<part>morning|afternoon|evening)|"
            rf"(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Bb]y|[Ss]ince|[Uu]ntil|[Ll]ate|[Ee]arly) (?P<wd>{weekdays})|"
            rf"(?P<pwd>{weekdays})[’']s|"
            rf"(?P<unit_rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier this) (?P<unit>week|month|year)|"
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
    for r in paragraphs:
        line = text[r.start : r.end]
        dateline = re.match(rf"^{DATELINE_PLACE} ", line)
        front = len(line) <= 150 or len(re.findall(r" [·|] ", line)) >= 2
        reach = r.start + 90 if dateline else (r.end if front else r.start)
        day = None
        for s, e, kind, m in raw:
            if kind == "day" and r.start <= s and e <= reach and (d := _parse(m.group())):
                day = (d, s, e)
                break
        if day is None and dateline and reference:
            dm = re.match(r"(?P<md>[A-Z][a-z]+\.? \d{1,2})(?= \(|,? \d{4})", line[dateline.end() :])
            d = _parse(f"{dm.group('md')} {reference[0]}") if dm else None
            if d:
                at = r.start + dateline.end()
                day = (d, at + dm.start("md"), at + dm.end("md"))
        if day is not None:
            found.append(day)
        if not front:
            break
    return max(found, key=lambda f: f[0]) if found else None


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
    found = []
    for s, e, kind, m in raw:
        if published and (s, e) == published[1:]:
            found.append(DateFound(s, e, pub.isoformat(), "the publication date"))
            continue
        month = _month(m.group("m")) if m.groupdict().get("m") else None
        if kind == "day":
            d = _parse(m.group())
            found.append(DateFound(s, e, d.isoformat() if d else None, "a day" if d else "TODO: not a calendar date"))
        elif kind == "month":
            found.append(DateFound(s, e, f"{m.group('y')}-{month:02d}", "a month"))
        elif kind == "year":
            found.append(DateFound(s, e, m.group("y"), "a year"))
        elif kind in ("month-no-year", "day-no-year"):
            story = _story_year(lay, raw, s, month, published)
            if story:  # "By July 1995 the enclave held … On July 6 the Serbs attacked": the story's year
                found.append(_without_year(text, s, e, kind, m, month, None, "", story))
            else:
                found.append(_without_year(text, s, e, kind, m, month, pub, pub_words, reference))
        else:
            found.append(_relative(s, e, m, pub, pub_words))
    return Dates(tuple(found), published, reference)


def _story_year(lay: Layout, raw, s: int, month: int, published) -> tuple[int, str] | None:
    """The year of the last full date before ``s`` in its paragraph or the one before ("By July
    1995 …"), where it is not the publication's and names the same month: the year a day or a
    month without one belongs to."""
    paragraphs = [r for r in lay.regions if r.kind == "paragraph"]
    at = next((i for i, r in enumerate(paragraphs) if r.start <= s < r.end), None)
    if at is None:
        return None
    since = paragraphs[max(0, at - 1)].start
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


def _without_year(text, s, e, kind, m, month, pub, pub_words, reference) -> DateFound:
    if pub:
        day = int(m.group("d")) if kind == "day-no-year" else None
        year = pub.year
        ahead = (month, day or 1) > (pub.month, pub.day) if day else month > pub.month
        # a time to come only by the words of its own sentence, and not after a verb in the past ("began in")
        window = re.split(r"[.!?…]\s", text[max(0, s - 60) : s])[-1]
        past = re.search(r"\b(?:\w+ed|began|took|fought|came|went|fell|sent|held|won|lost|left|seized)\s+$", window)
        future = not past and re.search(r"\b(?:will|next|before the|until|by)\b", window)
        if ahead and not future:
            year -= 1
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
                value = datetime.date(reference[0], month, int(m.group("d"))).isoformat()
            except ValueError:
                return DateFound(s, e, None, "TODO: not a calendar date")
        return DateFound(s, e, value, f"the year {reference[0]} from “{reference[1]}”; TODO: check")
    return DateFound(s, e, None, "TODO: the text gives no year")


def _relative(s, e, m, pub: datetime.date | None, pub_words: str) -> DateFound:
    if pub is None:
        return DateFound(s, e, None, "TODO: relative to the publication date, which the text does not give")
    words = m.group().lower()
    weekday = m.group("wd") or m.group("pwd")
    note = f"from {pub_words}"
    if words in ("yesterday", "today", "tomorrow", "tonight") or m.group("part"):  # "early this morning": today
        d = pub + relativedelta(days={"yesterday": -1, "tomorrow": 1}.get(words, 0))
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
    if m.group("mon"):  # "last September": the last September before the publication month
        month = _month(m.group("mon"))
        rel = m.group("mrel").lower()
        year = pub.year
        if rel == "last" and month >= pub.month:
            year -= 1
        elif rel == "next" and month <= pub.month:
            year += 1
        return DateFound(s, e, f"{year}-{month:02d}", note)
    unit, rel = m.group("unit"), m.group("unit_rel").lower()
    step = {"last": -1, "this": 0, "earlier this": 0, "next": 1}[rel]
    if unit == "year":
        return DateFound(s, e, str(pub.year + step), note)
    if unit == "month":
        d = pub + relativedelta(months=step)
        return DateFound(s, e, f"{d.year}-{d.month:02d}", note)
    monday = pub - datetime.timedelta(days=pub.weekday()) + datetime.timedelta(weeks=step)
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DateFound(s, e, f"{monday.year}-{monday.month:02d}", note + "; the month of that week")
    if monday.year == sunday.year:
        return DateFound(s, e, str(monday.year), note + "; the week spans two months: its year")
    return DateFound(s, e, None, "TODO: the week spans two years")


def _back(weekday: int):
    from dateutil.relativedelta import weekdays

    return weekdays[weekday](-1)
