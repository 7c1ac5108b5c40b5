"""The interpreter of the blocks (blocks/*.block, their format in README.md): it writes the text of
one article from the blocks' inline markup and records, pointing into that text, what the
annotation says (mentions, claims, events, relationships).

Every draw comes from the article's own ``random.Random``, in the order the blocks are read, so an
article depends only on the seed and its index.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .emit import Emitter, Span
from .records import Claim, Event, Relationship, Writer, hop
from .world import Ent, W, day_phrase, draw_head, head, make_world, number, slugify

BLOCKS = Path(__file__).resolve().parent / "blocks"
TEXT_BYTES = (3000, 6000)  # every .txt is within these bounds (UTF-8 bytes)
CLAIMS = (20, 40)  # every annotation has this many claims
# The blocks an article may hold, in the order their casts are shuffled from.
QUEUED = ("spokesman", "commander", "statement", "rights", "militia", "border", "atrocity", "relief", "analyst")
QUEUED += ("president", "alliance", "training", "clashes")
OWN = ("commander", "border", "clashes")  # blocks that define actors of their own: one of them comes first
CHEAP = ("analysis", "history", "casualties", "suspicion")  # blocks that name no new actor
LOCAL = Ent("local", "", "", "")  # in a cast: an actor the block defines


class Retry(Exception):
    """The drawn article is out of bounds (size); draw it again."""


class BlockError(Exception):
    """A block file that cannot be read or run; the message names the file and line."""


# ------------------------------------------------------------------------------------------------
# Block files: statements, some with indented fields, and if/elif/else/end


@dataclass
class Stmt:
    op: str
    arg: str
    where: str  # file:line
    fields: dict[str, str] = field(default_factory=dict)
    branches: list[tuple[str, list[Stmt]]] = field(default_factory=list)  # of an ``if``


@dataclass
class Block:
    cast: str  # an expression: the actors the block names, or "" where the article does not ask
    body: list[Stmt]


OPS = {"para", "s", "t", "let", "mention", "forget", "claim", "event", "relationship"}


@cache
def load(name: str) -> Block:
    """Parse blocks/<name>.block."""
    path = BLOCKS / f"{name}.block"
    cast, top, last = "", [], None
    stack: list[list[Stmt]] = [top]
    ifs: list[Stmt] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line, where = raw.strip(), f"{path.name}:{no}"
        if not line or line.startswith("#"):
            continue
        if raw.startswith("  "):  # a field of the record above, or more of the text above
            if last is None or last.op not in ("s", "t", "claim", "event", "relationship"):
                raise BlockError(f"{where}: an indented line belongs under a text line or a record")
            if last.op in ("s", "t"):
                last.arg += " " + line.replace("\\n", "\n")
            else:
                key, _, value = line.partition(":")
                last.fields[key.strip()] = value.strip()
            continue
        op, _, arg = raw.rstrip().partition(" ")
        last = None
        if op == "cast":
            cast = arg
        elif op == "if":
            ifs.append(Stmt("if", "", where, branches=[(arg, [])]))
            stack[-1].append(ifs[-1])
            stack.append(ifs[-1].branches[-1][1])
        elif op in ("elif", "else", "end"):
            if not ifs:
                raise BlockError(f"{where}: {op} without if")
            stack.pop()
            if op == "end":
                ifs.pop()
            else:
                ifs[-1].branches.append((arg if op == "elif" else "True", []))
                stack.append(ifs[-1].branches[-1][1])
        elif op in OPS:
            last = Stmt(op, arg.replace("\\n", "\n") if op in ("s", "t") else arg, where)
            stack[-1].append(last)
        else:
            raise BlockError(f"{where}: unknown statement {op!r}")
    if ifs:
        raise BlockError(f"{path.name}: {len(ifs)} if without end")
    return Block(cast, top)


def close(s: str, i: int) -> int:
    """The index of the bracket that closes the one at ``s[i]`` (inside braces only braces count)."""
    pairs = {"{": "}", "[": "]", "<": ">"}
    depth, j = 0, i
    if s[i] == "{":
        while j < len(s):
            depth += (s[j] == "{") - (s[j] == "}")
            if depth == 0:
                return j
            j += 1
    else:
        j += 1
        while j < len(s):
            if s[j] in pairs:
                j = close(s, j)
            elif s[j] == pairs[s[i]]:
                return j
            j += 1
    raise SyntaxError(f"unclosed {s[i]!r} in {s!r}")


def split_top(s: str, sep: str) -> list[str]:
    """``s`` split at the ``sep`` characters outside brackets."""
    parts, start, j = [], 0, 0
    while j < len(s):
        if s[j] in "{[<":
            j = close(s, j)
        elif s[j] == sep:
            parts.append(s[start:j])
            start = j + 1
        j += 1
    return parts + [s[start:]]


@cache
def code(expr: str, mode: str = "eval"):
    """``expr`` compiled once (an expression, or with ``mode="exec"`` a statement)."""
    return compile(expr, "<block>", mode)


@cache
def template(s: str) -> tuple:
    """``s`` as pieces of text and compiled ``{expressions}``."""
    out, i = [], 0
    while (at := s.find("{", i)) != -1:
        j = close(s, at)
        out += [s[i:at], code(s[at + 1 : j])]
        i = j + 1
    return (*out, s[i:])


def fill(s: str, v: dict) -> str:
    """``s`` with each ``{expression}`` replaced by its value."""
    return "".join(p if isinstance(p, str) else str(eval(p, v)) for p in template(s))


@cache
def markup(s: str) -> tuple:
    """The nodes of a text line: ("text", s), ("expr", code), ("let", code), ("mention", code, text, attr, cap),
    ("span", name, code of the quoted actors or None, nodes), ("if", code, nodes, nodes), ("pick", name, [nodes])."""
    out, i = [], 0
    while i < len(s):
        if s[i] not in "{[<":
            j = min((k for k in (s.find(c, i) for c in "{[<") if k != -1), default=len(s))
            out.append(("text", s[i:j]))
            i = j
            continue
        j = close(s, i)
        inner = s[i + 1 : j]
        if s[i] == "{" and inner.lstrip("^").startswith("@"):
            ent, eq, text = inner.lstrip("^")[1:].partition("=")
            ent, _, attr = ent.partition(":") if not eq else (ent, "", "")
            out.append(("mention", code(ent), text if eq else None, attr, inner.startswith("^")))
        elif s[i] == "{" and inner.startswith("let "):  # a draw in the middle of a sentence
            out.append(("let", code(inner[4:], "exec")))
        elif s[i] == "{":
            out.append(("expr", code(inner)))
        elif s[i] == "[":
            head, _, body = inner.partition(":")
            name, _, ents = head.partition("@")
            out.append(("span", name, code(f"({ents},)") if ents else None, markup(body)))
        elif inner.startswith("?"):  # <?condition|if true|if false>
            cond, yes, no = split_top(inner[1:], "|")
            out.append(("if", code(cond), markup(yes), markup(no)))
        else:
            m = re.match(r"(\w+)=", inner)
            out.append(("pick", m and m[1], [markup(a) for a in split_top(inner[m.end() if m else 0 :], "|")]))
        i = j + 1
    return tuple(out)


# ------------------------------------------------------------------------------------------------
# One article


class Article:
    """One synthetic article: draws its cast, runs its blocks and keeps what they recorded."""

    def __init__(self, seed: int, index: int, attempt: int = 0):
        self.seed, self.index, self.world = seed, index, make_world(seed)
        self.rng = rng = random.Random(f"ld-export-corpus:{seed}:article:{index}")
        self.head = h = draw_head(rng, self.world, index)
        if attempt:  # a redraw keeps the head (later articles refer to it) and changes the rest
            self.rng = rng = random.Random(f"ld-export-corpus:{seed}:article:{index}:{attempt}")
        self.w = w = Writer()
        self.claims: list[Claim] = []
        self.events: list[Event] = []
        self.relationships: list[Relationship] = []
        self.local: dict[str, Ent] = {}
        self._ids: set[str] = set()
        world = self.world
        c = world.countries[h.country]
        v = self.v = dict(W=W, Span=Span, number=number, day_phrase=day_phrase, hop=hop, find=w.find)
        v.update(days=lambda n: datetime.timedelta(days=n), local_person=self.local_person, local_group=self.group)
        v.update(
            LOCAL=LOCAL, rng=rng, world=world, h=h, index=index, c=c, local=self.local, relationships=self.relationships
        )
        v.update(roles={}, speakers=[])  # what a block said -> claim id, for blocks that answer it; quoted people
        v["nb"] = world.countries[rng.choice([k for k in range(len(world.countries)) if k != h.country])]
        v["town"] = town = c.towns[h.town]
        v["town2"], v["town3"] = rng.sample([t for t in c.towns[1:] if t is not town], 2)
        v["capital"], v["province"] = c.towns[0], next(p for p in c.provinces if p.id == town.within)
        v.update(rebels=c.rebels[h.rebels], leader=c.leaders[h.rebels], rebels2=c.rebels[1 - h.rebels])
        v["outlet"] = outlet = world.outlets[h.outlet]
        v["pub"] = outlet.ent
        v["r1"], v["r2"] = rng.sample(outlet.people, 2)
        v["outlet2"] = outlet2 = rng.choice([o for o in world.outlets if o is not outlet])
        v["j2"] = rng.choice(outlet2.people)
        v["credit_prefix"], v["agency"] = rng.choice(world.agencies)
        v["photographer"] = rng.choice(v["agency"].people)
        v["tank"] = rng.choice(world.think_tanks)
        v["analyst"] = rng.choice(v["tank"].people)
        v["rights"] = rng.choice(world.rights_groups)
        v["researcher"] = rng.choice(v["rights"].people)
        v["intl"] = rng.choice(world.international)
        v["border_city"] = v["nb"].towns[rng.randrange(1, 6)]
        v["year0"] = h.date.year - rng.randrange(1, 5)

    # -- ids, local actors, records ---------------------------------------------------------------

    def new_id(self, base: str) -> str:
        base = slugify(base)[:100].strip("-")
        out, n = base, 2
        while out in self._ids:
            out, n = f"{base}-{n}", n + 1
        self._ids.add(out)
        return out

    def local_person(self, role: str, description: str, member_of: list[Ent], title: str = "") -> Ent:
        """A person the article defines, with a surname no other actor of it or of the registry has."""
        rng = self.rng
        while True:
            pron = rng.choice(("he", "she"))
            last = rng.choice(W.surnames)
            full = f"{rng.choice(W.first_names[pron])} {last}"
            if last not in self.world.surnames and all(e.short != last for e in self.local.values()):
                break
        ent = Ent(f"syn-{self.index:05d}-{slugify(full)}", full, f"{title}{full}", last, type="person", pron=pron)
        ent.description, ent.member_of, ent.key = description, [m.id for m in member_of], slugify(full)
        self.local[role] = ent
        return ent

    def group(self, role: str, key: str, label: str, type_: str, first: str, short: str, about: str, **kw) -> Ent:
        """A group (or an unnamed person) the article defines."""
        ent = Ent(f"syn-{self.index:05d}-{key}", label, first, short, type=type_, description=about, key=key, **kw)
        self.local[role] = ent
        return ent

    def record(self, st: Stmt) -> None:
        """A ``claim``, ``event`` or ``relationship`` statement: ``NAME: ID BASE`` and its fields."""
        v, f = self.v, dict(st.fields)
        name, _, base = st.arg.partition(":")
        rid = self.new_id(fill(base.strip(), v))
        label = fill(f.pop("label"), v)
        kw = {k: fill(x, v) if k in ("hedge", "mode", "type", "kind") else eval(code(x), v) for k, x in f.items()}
        if isinstance(kw.get("evidence"), Span):
            kw["evidence"] = [kw["evidence"]]
        for key in ("told_to", "agents", "targets", "victims", "places"):
            if key in kw:
                kw[key] = list(dict.fromkeys(x.id for x in kw[key]))
        if "about" in kw:
            kw["about"] = list(dict.fromkeys(x if isinstance(x, str) else x.id for x in kw["about"]))
        for key in ("supports", "disputes", "repeats"):
            if key in kw:
                kw[key] = list(dict.fromkeys(r for r in kw[key] if r and r != rid))
        if st.op == "claim":
            self.claims.append(Claim(rid, label, kw.pop("by").id, **kw))
        elif st.op == "event":
            about_of = kw.pop("about_of", None)  # a claim that is also about this event
            self.events.append(Event(rid, label, **kw))
            if about_of:
                next(c for c in self.claims if c.id == about_of).about.append(rid)
        else:
            kw["frm"], kw["to"] = kw.pop("from").id, kw["to"].id
            self.relationships.append(Relationship(rid, label, **kw))
        if name.strip() != "_":
            v[name.strip()] = rid

    # -- running blocks --------------------------------------------------------------------------

    def block(self, name: str, **bound) -> None:
        self.v.update(bound)
        self.run(load(name).body)

    def run(self, body: list[Stmt]) -> None:
        w, v = self.w, self.v
        for st in body:
            try:
                if st.op == "para":
                    w.para()
                elif st.op == "s":
                    w.s()
                    self.render(st.arg)
                    w.end()
                elif st.op == "t":
                    self.render(st.arg)
                elif st.op == "let":
                    exec(code(st.arg, "exec"), v)
                elif st.op == "mention":
                    w.mention(*eval(code(st.arg), v))
                elif st.op == "forget":  # what follows names everything in full the first time
                    w.named.clear()
                elif st.op == "if":
                    self.run(next((b for cond, b in st.branches if eval(code(cond), v)), []))
                else:
                    self.record(st)
            except (BlockError, Retry):
                raise
            except Exception as e:
                raise BlockError(f"{st.where}: {type(e).__name__}: {e}") from e

    def render(self, s: str) -> None:
        """Write the text line ``s``: text, ``{expr}``, mentions ``{@ent}``, spans ``[name:…]``, draws ``<a|b>``."""
        self.nodes(markup(s))

    def nodes(self, nodes: tuple) -> None:
        w, v = self.w, self.v
        for node in nodes:
            kind = node[0]
            if kind == "text":
                w.t(node[1])
            elif kind == "expr":
                w.t(str(eval(node[1], v)))
            elif kind == "let":
                exec(node[1], v)
            elif kind == "mention":
                ent, text, attr, cap = eval(node[1], v), node[2], node[3], node[4]
                w.m(ent, getattr(ent, attr) if attr else None if text is None else fill(text, v), cap=cap)
            elif kind == "span":
                start, first = w.pos, len(w.parts)
                self.nodes(node[3])
                v[node[1]] = Span(start, w.pos)
                if node[2]:  # quoted words: the names of these actors and places in them are mentions
                    w.quoted(v[node[1]], "".join(w.parts[first:]), eval(node[2], v))
            elif kind == "if":
                self.nodes(node[2] if eval(node[1], v) else node[3])
            else:
                first = len(w.parts)
                self.nodes(self.rng.choice(node[2]))
                if node[1]:
                    v[node[1]] = "".join(w.parts[first:])

    # -- the article ---------------------------------------------------------------------------

    def write(self) -> tuple[str, str]:
        rng, w, v = self.rng, self.w, self.v
        target_claims = rng.randint(CLAIMS[0], CLAIMS[1] - 3)
        target_actors = rng.randint(17, 23)
        target_bytes = rng.randint(3300, 5600)
        has_byline = rng.random() < 0.4
        if has_byline:
            v["contributors"] = [v["r2"]]
        else:
            v["contributors"] = [v["r1"], v["r2"]] if rng.random() < 0.7 else [v["r1"]]
        v["byline"] = None
        self.block("headline")
        self.block("photo")
        if has_byline:
            self.block("byline")
        self.block("lead")
        self.cross_references()
        # What each block names: it is skipped when it would bring the article over its number of actors.
        queued = QUEUED + (("foreign-power",) if "united-states" in self.world.bundled_actors else ())
        casts = {name: list(eval(code(f"({load(name).cast},)"), v)) for name in queued}
        queue = list(casts)
        rng.shuffle(queue)
        # One block with actors of its own comes first, so that every article defines a few.
        own = next(b for b in queue if b in OWN)
        queue.remove(own)
        queue.insert(0, own)
        queue.append("denial")  # answers the statement, so after it
        casts["denial"] = list(eval(code(f"({load('denial').cast},)"), v))
        reserved = {e.id: e for e in [v["r1"], *v["contributors"]]}
        skipped = []
        for block in queue:
            if len(self.claims) >= target_claims - 1:
                break
            if block == "denial" and "accusation" not in v["roles"]:
                continue
            new = [e for e in casts[block] if e.id not in w.entities and e.id not in reserved]
            reserve = sum(e not in w.entities for e in reserved)
            if w.actors() + reserve + len(new) > target_actors:
                skipped.append(block)
                continue
            self.block(block)
        # Then claims about the actors already named, until there are enough; only then more actors.
        cheap = list(CHEAP)
        rng.shuffle(cheap)
        v["follow_ups"] = rng.sample(W.follow_ups, len(W.follow_ups))
        while len(self.claims) < target_claims - 1:
            if cheap:
                self.block(cheap.pop())
            elif v["speakers"] and v["follow_ups"]:
                self.block("follow-up")
            elif skipped:
                block = skipped.pop(0)
                if block != "denial" or "accusation" in v["roles"]:
                    self.block(block)
            else:
                self.block("clashes")
        self.block("wrap")
        forms = rng.sample(range(12), 12)  # paragraphs of colour: two sentences of filler.block each
        least, n = 1 + (len(self.claims) < 25) + 2 * (len(self.claims) < 22), 0  # short articles: more colour
        while n < least or (len(w.text().encode("utf-8")) < target_bytes - 300 and forms):
            w.para()
            self.run([load("filler").body[form] for form in forms[:2]])
            del forms[:2]
            n += 1
        self.block("contributors")
        self.block("boilerplate")
        text = w.text()
        size = len(text.encode("utf-8"))
        if not TEXT_BYTES[0] <= size <= TEXT_BYTES[1] or not CLAIMS[0] <= len(self.claims) <= CLAIMS[1]:
            raise Retry(f"{size} bytes, {len(self.claims)} claims")
        return text, Emitter(self, text).annotation()

    def cross_references(self) -> None:
        """A paragraph that repeats, disputes or supports claims of earlier articles of the corpus."""
        if self.index == 0:
            return
        rng, c = self.rng, self.v["c"]
        low = max(0, self.index - 400)
        same = []
        for j in range(self.index - 1, low - 1, -1):
            if head(self.seed, j).country == self.head.country:
                same.append(j)
                if len(same) == 8:
                    break
        earlier = same or [rng.randrange(low, self.index)]
        picks = rng.sample(earlier, min(len(earlier), rng.randint(1, 3)))
        self.w.para()
        for n, j in enumerate(picks):
            hj = head(self.seed, j)
            cj = self.world.countries[hj.country]
            kind = ("repeats", "disputes", "supports")[n % 3] if cj is c else "repeats"
            month = f"{W.months[hj.capture.month - 1]} {hj.capture.year}"
            self.block("earlier", hj=hj, cj=cj, rj=cj.rebels[hj.rebels], tj=cj.towns[hj.town], month=month, kind=kind)
