"""Read an article file and split it into its parts.

The text is kept exactly as shipped (no newline translation, no normalisation): every offset the
project writes indexes into it in Unicode code points.

Parts, in the order they appear in a typical news page copied as text:

- the **headline**: the first non-empty line;
- an optional **photo line**: picture id, credit ("REUTERS/Khalil Ashawi") and caption run together;
- the **body** paragraphs;
- an optional **contributor line** ("Michael B. Kelley contributed to this report.");
- the trailing site **boilerplate** ("NOW WATCH: …", newsletter and social-media lines), which is
  never content.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the article text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Photo:
    """The photo line: ``identifier`` (agency picture id, may be empty), ``credit`` and ``caption``."""

    line: Span
    identifier: Span | None
    credit: Span
    caption: Span


@dataclass(frozen=True)
class Article:
    slug: str
    path: Path
    text: str
    headline: Span
    photo: Photo | None
    body: Span
    contributors: tuple[Span, ...]
    boilerplate: Span | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def content_end(self) -> int:
        """Offset where the boilerplate begins (the end of the text when there is none)."""
        return self.boilerplate.start if self.boilerplate else len(self.text)

    def part_at(self, offset: int) -> str:
        """Name of the part that holds ``offset``: headline, photo, body, contributor or boilerplate."""
        if self.boilerplate and offset >= self.boilerplate.start:
            return "boilerplate"
        if self.headline.start <= offset < self.headline.end:
            return "headline"
        if self.photo and self.photo.line.start <= offset < self.photo.line.end:
            return "photo"
        if any(c.start <= offset < c.end for c in self.contributors):
            return "contributor"
        return "body"


# Lines that begin the trailing site furniture of a news page.
_BOILERPLATE = re.compile(
    r"^(NOW WATCH\b|SEE ALSO:|READ MORE:|Follow .+ on (Facebook|Twitter|LinkedIn|Instagram)"
    r"|.*\bEmails & Alerts$|Site highlights each day|Sign up for|Subscribe to|Get the latest"
    r"|Copyright ©|©)",
    re.IGNORECASE,
)
_CONTRIBUTOR = re.compile(
    r"^(.+ contributed (reporting )?to this (report|story|article)\.?"
    r"|(Additional )?[Rr]eporting by .+|Writing by .+|Editing by .+)$"
)
# "RTX1AXLE" + "REUTERS/Khalil Ashawi" + "Rebel fighters stand …": a copied photo line runs the
# picture id, the credit and the caption together. The credit is an agency, a slash and a name
# whose last word is followed directly by the capital letter that starts the caption.
_PHOTO = re.compile(
    r"^(?P<identifier>[A-Z0-9]{5,12}?)?"
    r"(?P<credit>(?:REUTERS|Reuters|AP(?: Photo)?|AFP(?:/Getty Images)?|Getty Images|EPA|"
    r"Associated Press|Anadolu Agency)/(?:[A-Z][a-z'.\-]+)(?: [A-Z][a-z'.\-]+)*)"
    r"(?P<caption>[A-Z\"“].*)$"
)
# Credits after the caption: "… on Monday. Photo: Nabil Qassem/AFP", "… 2023. (Photo: Halima Adam /
# The Nile Courier)", "… 2021. HORN WIRE/Abdi Warsame" (an agency in capitals, a slash, a name),
# "… 2021. (AP Photo/Dilan Rasoul)", "… August 13, 2021 [Jamshid Rahimi/Pamir Post]", or a line of
# its own under the caption: "Photograph: Meron Tesfaye/Highland Post", "Credit: Salif Kaboré for
# Volta Wire", "Photograph by Yared Demissie for The Rift Observer", "Picture credit: Name/Outlet",
# "Tarig Mahjoub | Red Sea Observer", "© Rasha Idriss / The Orontes Review", "Photographer: Karim
# Hosny (The Gulf Current)", "Image credit: Noa Peretz, Levant Sentinel", "TPA photo by Aïchatou Maïga",
# "(Shirin Bapir for Khabur Weekly)", "MARGALLA WIRE PHOTO: Name", "Photography: Name, Outlet",
# "Photography — Name, Outlet", "Name — Outlet", "Photo courtesy: Outlet / Name", "Image © Outlet/Name",
# "PHOTOGRAPHS BY NAME FOR OUTLET", any other label of one to three words ("Image source: Outlet /
# Name", "Lead image: Name/Outlet", "Staff photo by Name / Outlet"); "(Photo by Name/Outlet via Getty
# Images)", "(Name for Outlet)", "(Name/Outlet photo)" or "(Outlet Photo/Name, File)" after the caption;
# "Picture by Name for the Outlet" or "– Name, special to the Outlet" after the caption; "Credit…Name for
# Outlet"; "Photo by Name, distributed by Outlet"; "Name took this picture for The Outlet" or "Taken by Name
# on assignment for Outlet" before it; a bare "Body/Handout via AGENCY" or "OUTLET / Name" line; "Photo:
# Outlet staff photographer Name"; "NAME (OUTLET)" in capitals after the caption on its line;
# "Name/Outlet/File Photo" or "Outlet — photo: Name" under it; "(Outlet correspondent Name)" or
# "— Picture: the Outlet’s Name" or "Reportage photo : Name (Outlet)" after the caption.
_NAMES = r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*(?: (?:[A-ZÀ-ÖØ-Þ][\w’'.\-]*|de|van|von|al|el|bin))*"  # "Élodie Ngaba"
_CREDIT = rf"{_NAMES} ?/ ?{_NAMES}"
_LABEL = r"(?:Photo|Photograph|Picture|Image|Pictured|Picture credit|Photo credit|Photo courtesy)(?::| by) "
_CAPS_NAME = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ’'.\-]+"
# A photo's label in any language and script, of one to three words before its colon ("Fotografia:",
# "Crédito:", "Фото:", "تصوير:", "Photo-reportage:", "CNA photo:"), with the French space before it
# ("Photographe :"), or the mark that stands for a colon in Armenian ("Լուսանկարը՝") and Khmer ("រូបថត៖").
_ANY_LABEL = r"[^\W\d_][^\s\d:：៖՝/|()\[\],;]*(?: [^\s\d:：៖՝/|()\[\],;]+){0,2} ?[:：៖՝]"
# What joins a photographer and an outlet, or an outlet and a photographer, after such a label: a slash,
# a bar, a comma, a dash, a middle dot, a word ("for", "para", "pour", "pentru", "për", "na" …), or the
# second in brackets ("Name (Outlet)", "Name [Outlet]").
_JOINED = (rf"{_NAMES}(?: ?/ ?{_NAMES}| \| {_NAMES}|, {_NAMES}| [—–·] {_NAMES}"
           rf"| [a-zà-öø-ÿ]{{2,7}} (?:the |le |la |l’|l')?{_NAMES}| \({_NAMES}\)| \[{_NAMES}\])")
_AGENCIES = r"(?:AP|AFP|Reuters|REUTERS|EPA|Getty Images|Xinhua|Anadolu Agency)"
_PHOTO_AFTER = re.compile(
    rf"^(?:(?P<caption>[A-Z\"“].*?[.!?”\"])\s*"
    rf"(?:\({_LABEL}(?P<a>{_CREDIT}(?: via {_NAMES})?)\)|{_LABEL}(?P<b>{_CREDIT})"
    rf"|(?P<c>[A-Z][A-Z&.\-]+(?: [A-Z][A-Z&.\-]+)*(?: Photo)?/{_NAMES})|\((?P<e>{_AGENCIES}(?: Photo)?/{_NAMES})\)"
    rf"|\((?P<f>{_NAMES} for {_NAMES})\)|\((?P<g>{_CREDIT} photo)\)|\((?P<h>{_CREDIT}), (?i:file|archive|handout)\)"
    rf"|(?:Photo|Photograph|Picture|Image) by (?P<i>{_NAMES} for (?:the )?{_NAMES})"
    # "(Svislach Bulletin correspondent Hanna Lis)": the outlet, its correspondent's role, the name
    rf"|\((?P<l>{_NAMES} (?:staff )?(?:correspondent|photographer|reporter) {_NAMES})\)"
    # "…, August 30, 2023. Reportage photo : Name (Outlet)": a label of one to three words, in any
    # language, then the photographer and the outlet in brackets or after a slash
    rf"|{_ANY_LABEL} (?P<m>{_NAMES}(?: \({_NAMES}\)| ?/ ?{_NAMES}))"
    # "… 2016. (Fotoğraf: Name/Outlet)", "… 2023. [Photo: Name, Outlet]", "… 2025. (CNA photo: Name)": a
    # label in any language and the credit, in brackets
    rf"|\({_ANY_LABEL} (?P<o>{_JOINED}|{_NAMES})\)|\[{_ANY_LABEL} (?P<p>{_JOINED}|{_NAMES})\]"
    # "… 2024. (The Salween Review/Nang Hseng Mo)", "… 2025. (KW Photo)": a credit in brackets, no label
    rf"|\((?P<r>{_CREDIT}|{_NAMES} [Pp]hoto)\))"
    rf"|(?P<bracketed>[A-Z\"“][^\[\]]*?)\s*\[(?P<d>{_CREDIT})\]"
    # "…, December 13, 1981 [Zdjęcie: Name dla Outlet]": a label in any language, in square brackets, after
    # a caption that ends with its date and no full stop
    rf"|(?P<datedbracket>[A-Z\"“][^\[\]]*?(?:19|20)\d\d)\s*[\[(]{_ANY_LABEL} (?P<s>{_JOINED})[\])]"
    # "…, March 7, 2016 – Karim Name, special to the Outlet": a freelance's credit after a dash
    rf"|(?P<dashed>[A-Z\"“].*?) [—–] (?P<j>{_NAMES}, special to (?:the )?{_NAMES})"
    # "…, October 31, 2014 — Photographe : Name, Outlet": a label in any language after a dash
    rf"|(?P<dashlabel>[A-Z\"“].*?) [—–] {_ANY_LABEL} (?P<q>{_JOINED})"
    # "…, November 10, 2019. — Picture: the Mamoré Post’s Wilmer Condori": the outlet's, in the possessive
    rf"|(?P<possessed>[A-Z\"“].*?[.!?”\"]) [—–] (?i:picture|photo|photograph|image): "
    rf"(?P<n>(?:the )?{_NAMES}[’']s {_NAMES})"
    # "…, June 25, 2001. NIKOLA DIMOVSKI (VARDAR WIRE)": a name and its outlet in capitals after the caption
    rf"|(?P<capsnamed>[A-Z\"“].*?[.!?”\"]) (?P<k>{_CAPS_NAME}(?: {_CAPS_NAME})+ \({_CAPS_NAME}(?: {_CAPS_NAME})*\)))$"
)
_CREDIT_LINE = re.compile(rf"^(?:{_LABEL}(?P<credit>{_CREDIT}(?: via {_NAMES})?)"
                          rf"|Credit: (?P<for>{_NAMES} for {_NAMES})"
                          rf"|(?P<bar>{_NAMES} \| {_NAMES})"
                          rf"|(?:(?:Image|Photo|Picture) )?(?:©|\(c\)) ?"
                          rf"(?P<copyright>{_NAMES}(?: (?:19|20)\d\d)?(?: ?/ ?| for | \| ){_NAMES})"
                          rf"|(?:PHOTOGRAPHS?|PHOTO|PICTURES?) BY (?P<capsfor>[A-Z][A-Z'’.\- ]* FOR [A-Z][A-Z'’.\- ]*)"
                          rf"|(?:Photographer|Photo|Picture|Image): (?P<paren>{_NAMES} \({_NAMES}\))"
                          rf"|(?P<agencyphoto>{_NAMES} photo by {_NAMES})"
                          # "Photo: Bardawil Wire staff photographer Hany Mansour": the outlet, then its photographer
                          rf"|(?:Photo|Photograph|Picture|Image): (?P<staff>{_NAMES} (?:staff |chief |senior )?"
                          rf"photographer {_NAMES})"
                          rf"|(?P<capsphoto>[A-Z][A-Z&.\-]+(?: [A-Z][A-Z&.\-]+)* PHOTO: {_NAMES})"
                          rf"|(?P<dash>{_NAMES} [—–] {_NAMES})"
                          # any other label of a photo, in any case: "Photos:", "Pic:", "PHOTO CREDIT:",
                          # "Photographed by"
                          rf"|(?i:photo|photos|photograph|photographs|photographed|photography|picture|pictures|pic|pics"
                          rf"|image|images)(?i: credit| courtesy)?(?: ?:| by| [—–]) "
                          rf"(?P<labelled>{_NAMES}(?: ?/ ?| \| |, | [—–] | for (?:the )?| via (?:the )?"
                          rf"|, courtesy of (?:the )?|, distributed by (?:the )?| pour (?:le |la |l’|l')?){_NAMES})"
                          # "Photo released by the African Union mission in the Comoros (MAES)": a handout, no
                          # photographer, by whoever released it
                          rf"|(?i:photo|photos|photograph|photographs|picture|pictures|image|images) (?:released|"
                          rf"distributed|supplied|provided|handed out) by (?P<released>(?:the )?[A-Z][^\n]{{2,120}})"
                          rf"|\((?P<parenfor>{_NAMES} for {_NAMES})\)"
                          # a label of one to three words of its own, in any language and script ("Image
                          # source:", "Lead image:", "Crédit photo :" with the French space, "Fotografia:",
                          # "Фото:", "រូបថត៖"), then the photographer and the outlet ("Name për Outlet", "Name
                          # (Outlet)", "Name / Outlet", "Name · Outlet")
                          rf"|{_ANY_LABEL} (?P<anyscript>{_JOINED})"
                          # or a label and a short word for "by" ("Staff photo by Name / Outlet", "Foto de Name
                          # para Outlet", "Picha na Name/Outlet"), or a camera ("📷 Name | Outlet")
                          rf"|[^\W\d_]+(?: [^\W\d_]+)? [a-zà-öø-ÿ]{{1,4}} (?P<byword>{_JOINED})"
                          rf"|📷 (?P<camera>{_JOINED})"
                          # a label and a dash for its colon: "Snímek – Name / Outlet"
                          rf"|[^\W\d_]+(?: [^\W\d_]+)? [—–] (?P<labeldash>{_JOINED})"
                          # "Photographed for the Outlet by Name": the outlet first
                          rf"|(?i:photographed|photographs?|photos?|pictures?|images?) for "
                          rf"(?P<forby>(?:the )?{_NAMES} by {_NAMES})"
                          # "Photograph courtesy of the Kenya Red Cross Society": a handout, no photographer
                          rf"|(?i:photo|photos|photograph|photographs|picture|pictures|image|images) courtesy of "
                          rf"(?P<courtesy>(?:the )?{_NAMES})"
                          # "Credit…Name for Outlet": a label run into the name by an ellipsis
                          rf"|(?i:credit|photo|image|picture)(?:…|\.\.\.) ?"
                          rf"(?P<ellipsis>{_NAMES}(?: for | ?/ ?| \| |, ){_NAMES})"
                          # "Name took this picture for The Outlet", "Taken by Name on assignment for Outlet"
                          rf"|(?P<took>{_NAMES} (?:took|shot) (?:this|the) (?:picture|photograph|photo|image) for "
                          rf"(?:the )?{_NAMES})"
                          rf"|(?:Taken|Shot|Photographed) by "
                          rf"(?P<assignment>{_NAMES} on assignment for (?:the )?{_NAMES})"
                          # a bare credit of its own, no label: "Russian Defence Ministry/Handout via REUTERS"
                          # "Outlet — photo: Name": the outlet, a dash, a label, the photographer
                          rf"|(?P<outletlabel>{_NAMES} [—–] (?i:photos?|photographs?|pictures?|images?|pic)(?::| by) "
                          rf"{_NAMES})"
                          # a bare credit of its own, no label: "Russian Defence Ministry/Handout via REUTERS",
                          # "Name/Outlet/File Photo"
                          rf"|(?P<bare>{_NAMES} ?/ ?{_NAMES}(?: via {_NAMES})?)(?:/(?:File Photo|File|Handout))?)$")
_MAX_CAPTION = 400
# The credit before the caption on its line: an outlet or agency in capitals, a slash, a name, a colon.
_PHOTO_COLON = re.compile(rf"^(?P<credit>[A-Z][A-Z&.’'\-]+(?: [A-Z][A-Z&.’'\-]+)*/{_NAMES}"
                          rf"|{_NAMES} for (?:the )?{_NAMES}): (?P<caption>[A-Z\"“].*)$")  # "Name for the Outlet: …"
# A credit in brackets before the caption on its line: "(AFP/Lucas Menezes) Refugees crowd …",
# "[Adel Mansour/FW] Kuwaiti families wait …".
_PHOTO_BRACKETED = re.compile(rf"^[(\[](?P<credit>{_CREDIT})[)\]] (?P<caption>[A-Z\"“].*)$")
# A labelled credit before the caption on its line, set apart by a dash: "Photo © Outlet / Name — Smoke …".
_PHOTO_DASH = re.compile(rf"^(?:(?i:photo|photograph|picture|image)(?: ?:| ©| \(c\))?|©) ?(?P<credit>{_CREDIT}) [—–] "
                         rf"(?P<caption>[A-Z\"“].*)$")
# A caption's end: its date ("…, April 8, 2005.", "…, 18 August 1998.", "…, November 2024.").
_DATED_END = re.compile(r"\b(?:19|20)\d\d[.”\"]?\s*$")


def _lines(text: str) -> list[Span]:
    """Non-empty lines with their spans (line ends excluded; CR LF, LF and CR all end a line)."""
    spans = []
    for m in re.finditer(r"[^\r\n]+", text):
        if m.group().strip():
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            spans.append(Span(start, end))
    return spans


def parse_text(text: str, slug: str, path: Path) -> Article:
    """Split ``text`` into parts. Raises :class:`InputError` when there is no headline and body."""
    lines = _lines(text)
    if len(lines) < 2:
        raise InputError("an article needs a headline line and at least one body paragraph", path)
    headline, rest = lines[0], lines[1:]

    # The boilerplate is the tail of lines that starts at a furniture line and holds only short
    # lines after it: a "SEE ALSO:" inside the story is followed by real paragraphs.
    boilerplate_at = len(rest)
    for i in range(len(rest) - 1, -1, -1):
        line = rest[i].of(text)
        if _BOILERPLATE.match(line):
            boilerplate_at = i
        elif len(line) > 160:
            break
    content, furniture = rest[:boilerplate_at], rest[boilerplate_at:]
    boilerplate = Span(furniture[0].start, len(text)) if furniture else None

    photo, used = _photo(text, content)
    content = content[used:]

    contributors: list[Span] = []
    while content and _CONTRIBUTOR.match(content[-1].of(text)):
        contributors.insert(0, content.pop())
    if not content:
        raise InputError("the article has a headline but no body paragraphs", path)
    return Article(
        slug=slug,
        path=path,
        text=text,
        headline=headline,
        photo=photo,
        body=Span(content[0].start, content[-1].end),
        contributors=tuple(contributors),
        boilerplate=boilerplate,
    )


def _credit_group(m: re.Match) -> str:
    """The group of a photo-line match that holds the credit: the one that matched, other than the caption."""
    skip = ("caption", "bracketed", "datedbracket", "dashed", "dashlabel", "capsnamed", "possessed")
    return next(g for g, v in m.groupdict().items() if v is not None and g not in skip)


def _photo(text: str, content: list[Span]) -> tuple[Photo | None, int]:
    """The photo line at the top of the content, if any, and how many lines it takes."""
    if not content:
        return None, 0
    first, base = content[0].of(text), content[0].start
    m = _PHOTO.match(first)
    if m:
        ident = m.span("identifier") if m.group("identifier") else None
        return Photo(
            line=content[0],
            identifier=Span(base + ident[0], base + ident[1]) if ident else None,
            credit=Span(base + m.start("credit"), base + m.end("credit")),
            caption=Span(base + m.start("caption"), base + m.end("caption")),
        ), 1
    m = _PHOTO_COLON.match(first) or _PHOTO_DASH.match(first) or _PHOTO_BRACKETED.match(first)
    bracketed = first.startswith(("(", "["))
    if m and (" for " in m.group("credit") or bracketed) and not _DATED_END.search(m.group("caption")):
        m = None  # "Hope for Peace: talks resume": a credit in words or brackets only before a dated caption
    if m:  # "SEULAWAH MAGAZINE/Dian Puspita: Pupils sit for lessons …": the credit, a colon, the caption
        return Photo(line=content[0], identifier=None, credit=Span(base + m.start("credit"), base + m.end("credit")),
                     caption=Span(base + m.start("caption"), base + m.end("caption"))), 1
    if len(first) > _MAX_CAPTION:
        return None, 0
    m = _PHOTO_AFTER.match(first)
    if m:
        group = _credit_group(m)
        cap = next(g for g in ("bracketed", "datedbracket", "dashed", "dashlabel", "capsnamed", "possessed", "caption")
                   if m.group(g))
        credit = Span(base + m.start(group), base + m.end(group))
        caption = Span(base + m.start(cap), base + m.end(cap))
        return Photo(line=content[0], identifier=None, credit=credit, caption=caption), 1
    if len(content) > 2:
        m = _CREDIT_LINE.match(content[1].of(text))
        if m and first.rstrip().endswith((".", "”", '"')):
            group = _credit_group(m)
            credit = Span(content[1].start + m.start(group), content[1].start + m.end(group))
            return Photo(Span(content[0].start, content[1].end), None, credit, content[0]), 2
        # the credit on its own line before the caption: "Photograph by Name for The Outlet", then a
        # caption that ends with its date ("…, Omagh, August 18, 1998.")
        m = _CREDIT_LINE.match(first)
        second = content[1].of(text)
        if m and len(second) <= _MAX_CAPTION and _DATED_END.search(second) and not _CREDIT_LINE.match(second):
            group = _credit_group(m)
            credit = Span(base + m.start(group), base + m.end(group))
            return Photo(Span(content[0].start, content[1].end), None, credit, content[1]), 2
    return None, 0


_FRONT_LINE = 150  # a byline, a date line, a live page's heading: the short lines before a story


def photo_after_front_lines(article: Article, most: int = 4) -> Photo | None:
    """The photo line among the first lines of the body, after up to ``most`` short lines before it
    (a byline, a date line, a live page's heading: "By Clara Montesinos" and "San Salvador, Monday
    20 November 1989" above "Foto de Name para Outlet" and the caption), which the article's parts
    keep in the body; the article's own photo line when it has one."""
    if article.photo:
        return article.photo
    text = article.text
    lines = [sp for sp in _lines(text) if article.body.start <= sp.start < article.body.end]
    for i in range(1, min(most, len(lines) - 1) + 1):
        if len(lines[i - 1].of(text)) > _FRONT_LINE:
            break
        photo, used = _photo(text, lines[i:])
        if photo and used < len(lines) - i:
            return photo
    return None


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_SLUG = 120  # like an annotation id: the slug names output files and is part of IRIs


MAX_BYTES = 8 << 20  # escaped in N-Triples, the text stays under Oxigraph's 16 MiB line limit


def read_article(path: Path) -> Article:
    """Read an article file (UTF-8, kept byte for byte) and split it."""
    slug = path.stem
    if not _SLUG.fullmatch(slug) or len(slug) > MAX_SLUG:
        raise InputError(
            f"the file name must be a slug of lower-case words joined by hyphens, at most {MAX_SLUG} "
            f"characters (it names the article in IRIs and output files), e.g. {_suggest_slug(slug)}.txt",
            path,
        )
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise InputError(f"cannot read the article: {e.strerror}", path) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            f"the article is larger than {MAX_BYTES:,} bytes (8 MiB), the most ld-export reads: its text is one "
            "literal of the data, and RDF readers such as Oxigraph refuse a line of N-Triples over 16 MiB. "
            "A news article is a few tens of kilobytes; is this the right file?",
            path,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"the article is not UTF-8 (byte {e.start})", path, line) from None
    if text.startswith("\ufeff"):
        raise InputError("the article starts with a byte-order mark; save it as UTF-8 without BOM", path, 1)
    return parse_text(text, slug, path)


def _suggest_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower())[:MAX_SLUG].strip("-") or "my-article"
