"""Read annotation and registry YAML into checked records, each knowing its file and line.

Checking happens in three layers, each reporting ``file:line``:

1. YAML itself (safe loading only: ``!!python/object`` and other tags are refused; duplicate
   keys are errors rather than silently overwritten; at most :data:`MAX_DEPTH` levels of nesting,
   and aliases (``*name``) may add at most :data:`MAX_ALIAS_NODES` values to what is written, so
   that a small file cannot expand into a huge document);
2. the JSON Schema of the file (``linkeddata/schemas/*.schema.json``): keys, types, enums;
3. the references between records: unknown or duplicate ids, an actor defined twice, a claim
   that disputes itself.

Quotes are only collected here; :mod:`linkeddata.anchor` places them in the article. The records
are :mod:`linkeddata.records`' (imported here too, where readers of annotations have found them).
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from . import resources
from .errors import AnnotationError
from .records import (
    STANCES,
    Actor,
    Annotation,
    AnnotationInfo,
    ArticleInfo,
    Claim,
    Event,
    Mention,
    Origin,
    Place,
    Quote,
    Registry,
    Relationship,
    Review,
    names_of,
)

ACTOR_TYPES = (
    "person", "organization", "state", "government", "military-force", "armed-group",
    "media-outlet", "population-group",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# YAML with line numbers


class _Map(dict):
    """A mapping that remembers the line of each key and of itself."""

    line: int
    key_lines: dict[str, int]


class _Seq(list):
    """A sequence that remembers the line of each item and of itself."""

    line: int
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser, about ten times faster. A file it does not accept is read
    again with :class:`_Loader`, whose verdict and messages stand (libyaml refuses, for one,
    ``"\\uD83D\\uDE00"`` surrogate-pair escapes, which YAML allows)."""


def _nest(loader: _Loader, node: yaml.Node) -> None:
    """Count one more level of nesting; refuse more than :data:`MAX_DEPTH`."""
    loader.depth = getattr(loader, "depth", 0) + 1
    if loader.depth > MAX_DEPTH:
        raise _too_deep(node.start_mark.line + 1)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    _nest(loader, node)
    try:
        return _construct_map_items(loader, node)
    finally:
        loader.depth -= 1


_STR = "tag:yaml.org,2002:str"


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """``loader.construct_object(node, deep=True)``, with plain text made directly: most values of
    an annotation are text, and the loader's bookkeeping costs more than making them."""
    if type(node) is yaml.ScalarNode and node.tag == _STR:
        return _construct_str(loader, node)
    return loader.construct_object(node, deep=True)


def _construct_map_items(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, str):
            raise _YamlProblem(key_node.start_mark.line + 1, f"a key must be text, not {key!r}")
        if key in result:
            raise _YamlProblem(
                key_node.start_mark.line + 1,
                f"duplicate key '{key}' (first on line {result.key_lines[key]})",
            )
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = value_node.start_mark.line + 1
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    _nest(loader, node)
    try:
        result = _Seq(_construct(loader, child) for child in node.value)
    finally:
        loader.depth -= 1
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Text; a "\\uD83D\\uDE00" surrogate pair becomes its character, a lone surrogate is refused."""
    value = loader.construct_scalar(node)
    if _SURROGATE.search(value):
        try:
            value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            raise _YamlProblem(
                node.start_mark.line + 1, "the text holds a lone surrogate escape (\\uD800-\\uDFFF), not a character"
            ) from None
    return value


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
    _cls.add_constructor("tag:yaml.org,2002:str", _construct_str)


class _YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


MAX_DEPTH = 64  # levels of nesting; an annotation needs about eight
MAX_ALIAS_NODES = 10_000  # values that aliases may add to a document, counted as expanded


def _too_deep(line: int) -> _YamlProblem:
    return _YamlProblem(line, f"the YAML is nested more than {MAX_DEPTH} levels deep here; an annotation needs "
                              "about eight")  # fmt: skip


def _check_events(text: str, loader: type = _FastLoader) -> None:
    """Refuse a document nested deeper than :data:`MAX_DEPTH`, or whose aliases expand it by more
    than :data:`MAX_ALIAS_NODES` values: one pass over the parser's events (no recursion, and no
    document built), each problem at its line.

    An alias stands for a copy of what its anchor names: ``&c [*b, *b, *b]`` holds three copies
    of ``b``. Nested aliases multiply, so a file of a few kilobytes can stand for a document of
    billions of values, which everything after the YAML parser (the schema check, the records)
    would walk copy by copy.
    """
    sizes: dict[str, int] = {}  # anchor → number of values it stands for, expanded
    stack: list[list] = []  # [anchor, size] of each open sequence or mapping
    added = 0
    try:
        events = yaml.parse(text, Loader=loader)
        for event in events:
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(event.start_mark.line + 1)
                stack.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, sizes.get(event.anchor, 1)
                added += size - 1
                if added > MAX_ALIAS_NODES:
                    raise _YamlProblem(
                        event.start_mark.line + 1,
                        f"the alias *{event.anchor} makes the document hold more than {MAX_ALIAS_NODES:,} values "
                        f"beyond those written (it stands for {size:,}); write the values out instead of "
                        "repeating aliases",
                    )
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if stack:
                stack[-1][1] += size
    except yaml.YAMLError:
        return  # not valid YAML: the loader reports it, at its line


def _load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise AnnotationError(f"cannot read the file: {e.strerror}", path) from None
    except UnicodeDecodeError:
        raise AnnotationError("the file is not UTF-8", path) from None
    try:
        if "&" in text and "*" in text:  # there can be no alias without an anchor
            _check_events(text)
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader
    except _YamlProblem as e:
        raise AnnotationError(e.message, path, e.line) from None
    except yaml.YAMLError:
        pass
    try:
        _check_events(text, _Loader)  # libyaml stops at 1000 levels; the loader below recurses for each
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _YamlProblem as e:
        raise AnnotationError(e.message, path, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "malformed YAML"
        if isinstance(e, yaml.constructor.ConstructorError) and "tag" in problem:
            problem += " (only plain YAML is accepted: no tags such as !!python/object)"
        raise AnnotationError(f"not valid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise AnnotationError(f"not valid YAML: {e}", path) from None


def _line_of(doc: Any, path: list[Any]) -> int | None:
    """The line of the value at ``path`` (keys and indexes) in a document from :func:`_load_yaml`."""
    line = getattr(doc, "line", None)
    node = doc
    for step in path:
        if isinstance(node, _Map) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, _Seq) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


# --------------------------------------------------------------------------------------------
# JSON Schema


def _pattern(validator, pattern: str, instance: Any, _schema: dict):
    """``pattern`` as JSON Schema means it (ECMA-262): ``$`` is the end of the text. Python's ``$``
    also matches before a final newline, which would let ``"Q1\\n"`` or ``"en\\n"`` through."""
    if validator.is_type(instance, "string") and not re.search(_ecma_end(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_end(pattern: str) -> re.Pattern:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _is_integer(_checker, instance: Any) -> bool:
    """``integer`` as a YAML reader means it: ``1.0`` is a float, not an integer (JSON Schema
    counts any number with a zero fraction as one), and ``true`` is no number."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_SchemaValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {"pattern": _pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


@cache
def _schema(name: str) -> dict:
    return json.loads(resources.schema_file(name).read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return _SchemaValidator(_schema(name))


def _where(path: list[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out or "the document"


def _explain(error: jsonschema.ValidationError) -> str:
    at = _where(list(error.absolute_path))
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1]
        return f"{at}: the key '{missing}' is required"
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra and extra[0] == "disputes" and "denies_saying" in allowed:
            return (
                f"{at}: 'disputes' is replaced by the stance the claim takes: 'contradicts' (the content is "
                "false), 'denies_saying' (the words were never said), 'rejects_justification' (the reason given "
                "does not hold) or 'doubts_source' (the source is not to be trusted); see docs/annotation.md"
            )
        hint = ""
        close = difflib.get_close_matches(extra[0], allowed, n=1) if extra else []
        if close:
            hint = f" (did you mean '{close[0]}'?)"
        return f"{at}: unknown key '{extra[0] if extra else '?'}'{hint}; allowed: {', '.join(allowed)}"
    if v == "enum":
        return f"{at}: {error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if v == "pattern":
        desc = error.schema.get("description", f"it must match {error.validator_value}")
        return f"{at}: {error.instance!r} is not allowed here: {desc}"
    if v == "oneOf" and "exact" in json.dumps(error.schema):
        return (
            f"{at}: a quote is a string, or a mapping with 'exact' and at most one of "
            f"'occurrence' (a number from 1) or 'within' (a longer passage)"
        )
    if v == "anyOf" and error.validator_value == [{"required": ["quote"]}, {"required": ["evidence"]}]:
        return f"{at}: a claim needs 'quote' (the asserter's own words) or 'evidence' (the article's words), or both"
    if v == "type":
        name = type(error.instance).__name__
        kind = {"_Map": "mapping", "_Seq": "list", "NoneType": "null"}.get(name, name)
        return f"{at}: expected {error.validator_value}, found {kind} {error.instance!r:.60}"
    return f"{at}: {error.message}"


@cache
def _fast_validator(name: str):
    import jsonschema_rs  # here, not at the top: a command that reads no annotation does not load it

    return jsonschema_rs.Draft202012Validator(_schema(name))


def _fast_valid(doc: Any, name: str) -> bool:
    """True when ``doc`` is surely valid: jsonschema-rs (Rust) finds it valid and it holds no float.
    (JSON Schema counts ``1.0`` as an integer; a YAML reader does not, so a document with a float
    is left to the checker that says so.) False means "check it again", not "invalid"."""
    if _has_float(doc):
        return False
    try:
        return _fast_validator(name).is_valid(doc)
    except ValueError:  # a value JSON has no type for: the full check names it
        return False


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def _check_schema(doc: Any, name: str, path: Path) -> None:
    """Raise :class:`AnnotationError` at the file and line of the most specific error, if any.

    The Rust validator answers first; only a document it does not pass is checked again by
    jsonschema, whose errors carry the path to the value and make the message."""
    if _fast_valid(doc, name):
        return
    errors = sorted(_validator(name).iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        # The deepest error first: it is the most specific one. Where no alternative of a oneOf or
        # anyOf fits, an alternative that failed deeper in the value says best what is wrong.
        error = max(errors, key=lambda e: len(e.absolute_path))
        while error.context:
            deeper = max(error.context, key=lambda e: len(e.absolute_path))
            if len(deeper.absolute_path) <= len(error.absolute_path):
                break
            error = deeper
        raise AnnotationError(_explain(error), path, _line_of(doc, list(error.absolute_path)))


# --------------------------------------------------------------------------------------------
# Reading


class _Reader:
    """Turns one checked YAML document into records; knows the file for every origin."""

    def __init__(self, path: Path, doc: Any):
        self.path, self.doc = path, doc

    def origin(self, node: Any, key: str | None = None) -> Origin:
        if key is not None and isinstance(node, _Map) and key in node:
            return Origin(self.path, node.key_lines[key])
        return Origin(self.path, getattr(node, "line", None))

    def quote(self, value: Any, line: int | None) -> Quote:
        origin = Origin(self.path, getattr(value, "line", line))
        if isinstance(value, str):
            return Quote(value, origin)
        return Quote(value["exact"], origin, value.get("occurrence"), value.get("within"))

    def quotes(self, node: _Map, key: str) -> tuple[Quote, ...]:
        if key not in node:
            return ()
        value = node[key]
        if isinstance(value, _Seq):
            return tuple(self.quote(v, line) for v, line in zip(value, value.item_lines, strict=True))
        return (self.quote(value, node.key_lines[key]),)

    def event(self, n: _Map, shared: bool = False, registry: Registry | None = None) -> Event:
        """An event: defined here (label and type given), or an entry for an event of ``registry``."""
        base = registry.events.get(n["id"]) if registry is not None and "type" not in n else None
        # An entry without a label or type that names no registry event is reported by the checks.
        known = {"label": n.get("label", ""), "type": n.get("type", "")} if base is None else \
            {k: getattr(base, k) for k in _REGISTRY_EVENT_FIELDS}  # fmt: skip
        return Event.from_node(n, self, claims=tuple(n.get("claims", ())), shared=shared or base is not None, **known)


# What an article's entry for an event of the registry takes from the registry.
_REGISTRY_EVENT_FIELDS = ("label", "type", "agents", "targets", "victims", "places", "time")


def _unique(items: list[tuple[str, Origin]], what: str, path: Path) -> None:
    seen: dict[str, Origin] = {}
    for item_id, origin in items:
        if item_id in seen:
            raise AnnotationError(
                f"duplicate {what} id '{item_id}' (first defined on line {seen[item_id].line})",
                path, origin.line,
            )  # fmt: skip
        seen[item_id] = origin


def load_registry(path: Path) -> Registry:
    """Read and check a registry file (``registry.yaml``)."""
    doc = _load_yaml(path)
    if doc is None:
        return Registry({}, {}, path)
    _check_schema(doc, "registry", path)
    r = _Reader(path, doc)
    actors = [Actor.from_node(n, r) for n in doc.get("actors", [])]
    places = [Place.from_node(n, r) for n in doc.get("places", [])]
    events = [r.event(n, shared=True) for n in doc.get("events", [])]
    _unique([(a.id, a.origin) for a in actors], "actor", path)
    _unique([(p.id, p.origin) for p in places], "place", path)
    _unique([(e.id, e.origin) for e in events], "event", path)
    registry = Registry({a.id: a for a in actors}, {p.id: p for p in places}, path, {e.id: e for e in events})
    for a in actors:
        for ref in a.member_of + a.part_of:
            _expect(ref in registry.actors, f"actor '{a.id}' refers to unknown actor '{ref}'",
                    a.origin, registry.actors)  # fmt: skip
    for p in places:
        if p.within:
            _expect(p.within in registry.places, f"place '{p.id}' is within unknown place '{p.within}'",
                    p.origin, registry.places)  # fmt: skip
    _check_containment(registry.actors, registry.places, registry.actors, registry.places)
    _check_until(registry.actors)
    for e in events:
        for role, refs in (("agent", e.agents), ("target", e.targets), ("victim", e.victims)):
            for ref in refs:
                _expect(ref in registry.actors, f"the {role} of event '{e.id}' '{ref}' is not an actor of the registry",
                        e.at(role + "s"), registry.actors, ref)  # fmt: skip
        for ref in e.places:
            _expect(ref in registry.places, f"the place of event '{e.id}' '{ref}' is not a place of the registry",
                    e.at("places"), registry.places, ref)  # fmt: skip
    return registry


def _cycle(start: str, parents) -> list[str] | None:
    """A path ``start → … → start`` along ``parents(id)``, if there is one (depth-first, no recursion)."""
    stack, path, seen = [iter(parents(start))], [start], set()
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            path.pop()
        elif step == start:
            return [*path, start]
        elif step not in seen:
            seen.add(step)
            path.append(step)
            stack.append(iter(parents(step)))
    return None


def _check_until(new_actors: dict[str, Actor]) -> None:
    """``until`` and ``since`` are the end and the start of an organisation, a government or a group,
    never of a person's life; a start is not after the end."""
    for a in new_actors.values():
        _expect(not (a.until and a.type == "person"), f"actor '{a.id}' is a person: 'until' is for organisations, "
                f"governments and groups that ceased to exist as described, not for a person's death", a.origin)
        _expect(not (a.since and a.type == "person"), f"actor '{a.id}' is a person: 'since' is for organisations, "
                f"governments and groups that began to exist as described, not for a person's birth", a.origin)
        _expect(not (a.since and a.until and a.since[:4] > a.until[:4]),
                f"actor '{a.id}' begins (since: {a.since}) after it ends (until: {a.until})", a.origin)


def _check_containment(actors: dict[str, Actor], places: dict[str, Place], new_actors: dict[str, Actor],
                       new_places: dict[str, Place]) -> None:  # fmt: skip
    """No actor is part or a member of itself, and no place within itself, directly or through
    others (``part_of`` and ``within`` say what contains what: a cycle would make each contain the
    others). Only cycles through ``new_actors`` and ``new_places`` are looked for."""
    for a in new_actors.values():
        _expect(a.id not in a.member_of, f"actor '{a.id}' is a member of itself", a.origin)

    def part_of(i: str) -> tuple[str, ...]:
        return actors[i].part_of if i in actors else ()

    def within(i: str) -> tuple[str, ...]:
        return (places[i].within,) if i in places and places[i].within else ()

    for what, parents, key, news in (("actor", part_of, "part_of", new_actors),
                                     ("place", within, "within", new_places)):  # fmt: skip
        for x in news.values():
            cycle = _cycle(x.id, parents)
            if cycle:
                relation = "part of" if key == "part_of" else "within"
                how = "" if len(cycle) == 2 else f": {' → '.join(cycle)} ({key})"
                raise AnnotationError(f"{what} '{x.id}' is {relation} itself{how}", x.origin.file, x.origin.line)


def _expect(ok: bool, message: str, origin: Origin, known: dict | None = None, ref: str | None = None) -> None:
    if ok:
        return
    if known is not None:
        name = ref or message.rsplit("'", 2)[-2]
        close = difflib.get_close_matches(name, list(known), n=1)
        if close:
            message += f" (did you mean '{close[0]}'?)"
    raise AnnotationError(message, origin.file, origin.line)


def _entries(r: _Reader, nodes: list, known: dict, what: str, required: tuple[str, ...], make, registry_path):
    """The actors (or places) an article lists: those it defines, and where it mentions each."""
    _unique([(n["id"], r.origin(n)) for n in nodes], what, r.path)
    local, mentions = {}, []
    for n in nodes:
        origin = r.origin(n)
        if set(n) - {"id", "mentions"}:
            _expect(n["id"] not in known,
                    f"{what} '{n['id']}' is already defined in the registry {registry_path}; "
                    f"list it here with only 'id' and 'mentions'", origin)  # fmt: skip
            _expect(all(k in n for k in required),
                    f"{what} '{n['id']}' is not in the registry, so it needs {' and '.join(map(repr, required))}",
                    origin)  # fmt: skip
            local[n["id"]] = make(n)
        else:
            _expect(n["id"] in known,
                    f"unknown {what} id '{n['id']}': not in the registry {registry_path}; "
                    f"define it here with {' and '.join(map(repr, required))} or add it to the registry",
                    origin, known, n["id"])  # fmt: skip
        mentions.append(Mention(n["id"], r.quotes(n, "mentions"), origin))
    return local, mentions


def load_annotation(path: Path, registry: Registry) -> Annotation:
    """Read and check the annotation of one article against ``registry``."""
    doc = _load_yaml(path)
    if doc is None:
        raise AnnotationError("the annotation is empty", path, 1)
    _check_schema(doc, "annotation", path)
    r = _Reader(path, doc)

    # Actors and places: an entry with more than an id and mentions defines; the others refer.
    local_actors, actor_mentions = _entries(r, doc.get("actors", []), registry.actors, "actor", ("type", "label"),
                                            lambda n: Actor.from_node(n, r), registry.path)  # fmt: skip
    local_places, place_mentions = _entries(r, doc.get("places", []), registry.places, "place",
                                            ("label",), lambda n: Place.from_node(n, r), registry.path)  # fmt: skip
    check_not_in_registry(local_actors, registry, "actor")
    check_not_in_registry(local_places, registry, "place")

    article = ArticleInfo.from_node(doc["article"], r)
    claims = tuple(
        Claim.from_node(n, r, article_mode=n.get("article_mode", "quoted" if "quote" in n else "paraphrased"))
        for n in doc.get("claims", [])
    )
    relationships = tuple(Relationship.from_node(n, r) for n in doc.get("relationships", []))
    events = tuple(r.event(n, registry=registry) for n in doc.get("events", []))
    info = None
    if "annotation" in doc:
        info = AnnotationInfo.from_node(doc["annotation"], r, origin=r.origin(doc, "annotation"))
    reviews = tuple(Review.from_node(n, r) for n in doc.get("reviews", []))
    annotation = Annotation(
        path=path, article=article, registry=registry, local_actors=local_actors,
        local_places=local_places, actor_mentions=tuple(actor_mentions),
        place_mentions=tuple(place_mentions), claims=claims, relationships=relationships, events=events,
        annotation=info, reviews=reviews,
    )  # fmt: skip
    _check_references(annotation)
    return annotation


def check_not_in_registry(local: dict, registry: Registry, what: str) -> None:
    """An actor (``what="actor"``) or place the registry already has, under another id, is reported
    with the id to reuse."""
    if not local:
        return
    index = registry.names(what)
    for x in local.values():
        names = names_of(x)
        candidates = [*index.by_wikidata.get(x.wikidata, ()), *(k for n in names for k in index.by_name.get(n, ()))]
        for k in sorted(candidates, key=lambda k: index.order[k.id]):  # the first in the registry, as before
            same = x.wikidata and x.wikidata == k.wikidata
            shared = names & names_of(k)
            if same or shared:
                why = f"the same Wikidata id {x.wikidata}" if same else f"the name {sorted(shared)[0]!r}"
                raise AnnotationError(
                    f"{what} '{x.id}' has {why}, like the registry's {what} '{k.id}' ({k.label}); reuse the id "
                    f"'{k.id}' (list it with only 'id' and 'mentions') so that it is one resource across articles",
                    x.origin.file, x.origin.line,
                )  # fmt: skip


def _check_references(an: Annotation) -> None:
    """Every id an annotation uses must name something; ids are unique; nothing refers to itself."""
    actors = {**an.registry.actors, **an.local_actors}
    places = {**an.registry.places, **an.local_places}
    claim_ids = {c.id for c in an.claims}
    _unique([(c.id, c.origin) for c in an.claims], "claim", an.path)
    _unique([(x.id, x.origin) for x in an.relationships], "relationship", an.path)
    _unique([(x.id, x.origin) for x in an.events], "event", an.path)
    things = set(actors) | set(places) | claim_ids | {x.id for x in an.relationships} | {x.id for x in an.events}

    def actor(ref: str | None, origin: Origin, role: str) -> None:
        if ref is not None:
            _expect(ref in actors, f"{role} '{ref}' is not a known actor id", origin, actors, ref)

    def place(ref: str, origin: Origin, role: str) -> None:
        _expect(ref in places, f"{role} '{ref}' is not a known place id", origin, places, ref)

    for a in an.local_actors.values():
        for ref in a.member_of + a.part_of:
            actor(ref, a.origin, f"actor '{a.id}' belongs to")
    for p in an.local_places.values():
        if p.within:
            place(p.within, p.origin, f"place '{p.id}' is within")
    _check_containment(actors, places, an.local_actors, an.local_places)
    _check_until(an.local_actors)
    info = an.article
    actor(info.publisher, info.origin, "the publisher")
    for credit in info.authors + info.contributors:
        actor(credit.actor, credit.origin, "the author or contributor")
    if info.photo:
        actor(info.photo.creator, info.photo.origin, "the photo creator")
        actor(info.photo.provider, info.photo.origin, "the photo provider")
        for ref in info.photo.places:
            place(ref, info.photo.origin, "the photo place")
    for c in an.claims:
        actor(c.asserter, c.at("asserter"), f"the asserter of claim '{c.id}'")
        for ref in c.told_to:
            actor(ref, c.at("told_to"), f"claim '{c.id}' was told to")
        for h in c.chain:
            actor(h.by, h.origin, f"a hop of claim '{c.id}' is by")
            actor(h.publisher, h.origin, f"a hop of claim '{c.id}' is published by")
            for ref in h.to:
                actor(ref, h.origin, f"a hop of claim '{c.id}' is told to")
        for ref in c.about:
            _expect(ref in things, f"claim '{c.id}' is about '{ref}', which is no known id", c.at("about"),
                    dict.fromkeys(things), ref)  # fmt: skip
        for key, ref in [(k, r) for k in ("supports", *STANCES, "repeats") for r in getattr(c, k)]:
            slug, _, local = ref.rpartition("/")
            if slug and slug != an.slug:
                continue  # a claim of another article: checked when the build has all articles
            _expect(local in claim_ids, f"claim '{c.id}' refers to unknown claim '{local}'", c.at(key),
                    dict.fromkeys(claim_ids), local)  # fmt: skip
            _expect(local != c.id, f"claim '{c.id}' cannot support, dispute or repeat itself", c.at(key))
        local_refs = {ref.rpartition("/")[2] if ref.rpartition("/")[0] in ("", an.slug) else ref: key
                      for key, ref in c.stances()}  # fmt: skip
        for ref in c.supports:
            name = ref.rpartition("/")[2] if ref.rpartition("/")[0] in ("", an.slug) else ref
            _expect(name not in local_refs,
                    f"claim '{c.id}' both supports and disputes ({local_refs.get(name)}) claim '{ref}'; "
                    "a claim takes one side", c.at("supports"))  # fmt: skip
        if c.hedge == "unknown":
            _expect(not c.cue and c.quote is None,
                    f"claim '{c.id}' has hedge 'unknown' (its words are not in the text), so it has no 'cue' and "
                    "no 'quote'", c.at("hedge"))  # fmt: skip
        else:
            _expect(
                c.hedge == "asserted" or bool(c.cue),
                f"claim '{c.id}' is hedged ({c.hedge}): quote the hedging words in 'cue'",
                c.at("hedge"),
            )
        _expect(
            c.hedge != "asserted" or not c.cue,
            f"claim '{c.id}' has a 'cue' but hedge 'asserted'; give the hedge its level",
            c.origin,
        )
        if c.first_appearance is not None:
            actor(c.first_appearance.publisher, c.first_appearance.origin,
                  f"the first appearance of claim '{c.id}' is published by")  # fmt: skip
            _expect(not c.chain, f"claim '{c.id}' has a chain, so it first appeared in its first published hop; "
                    "give 'first_appearance' only to a claim with no hop", c.first_appearance.origin)  # fmt: skip
        previous = c.asserter
        for n, h in enumerate(c.chain, start=1):
            who = "asserts the claim" if n == 1 else f"passed it on in hop {n - 1}"
            _expect(h.by != previous,
                    f"hop {n} of claim '{c.id}' is by '{h.by}', who {who}: a hop passes the words on to someone "
                    "else (an asserter who published the claim in an outlet names it in 'first_appearance')",
                    h.origin)  # fmt: skip
            _expect(h.hedge is None or bool(h.cue),
                    f"hop {n} of claim '{c.id}' is hedged ({h.hedge}): quote the hedging words in its 'cue'",
                    h.origin)  # fmt: skip
            _expect(h.hedge is not None or not h.cue,
                    f"hop {n} of claim '{c.id}' has a 'cue' but no 'hedge'", h.origin)  # fmt: skip
            previous = h.by
    _check_support_cycles(an)
    for x in [*an.relationships, *an.events]:
        what = "relationship" if isinstance(x, Relationship) else "event"
        for ref in x.denied_by:
            _expect(ref in claim_ids, f"{what} '{x.id}' is denied by unknown claim '{ref}'", x.at("denied_by"),
                    dict.fromkeys(claim_ids), ref)  # fmt: skip
            _expect(ref not in x.claims, f"{what} '{x.id}' both rests on and is denied by claim '{ref}'",
                    x.at("denied_by"))  # fmt: skip
    for x in an.relationships:
        actor(x.from_actor, x.at("from"), f"relationship '{x.id}' from")
        actor(x.to_actor, x.at("to"), f"relationship '{x.id}' to")
        _expect(x.from_actor != x.to_actor, f"relationship '{x.id}' links '{x.from_actor}' to itself", x.origin)
        for ref in x.claims:
            _expect(ref in claim_ids, f"relationship '{x.id}' rests on unknown claim '{ref}'", x.at("claims"),
                    dict.fromkeys(claim_ids), ref)  # fmt: skip
    for x in an.events:
        node_keys = {k for k, _line in x.key_lines}
        if x.shared:
            _expect(x.id in an.registry.events,
                    f"unknown event id '{x.id}': not in the registry {an.registry.path}; define it here with "
                    "'label' and 'type' or add it to the registry", x.origin, an.registry.events, x.id)  # fmt: skip
            extra = sorted(node_keys - {"id", "claims", "evidence", "time_cue", "denied_by"})
            _expect(not extra, f"event '{x.id}' is an event of the registry: give here only its claims, evidence, "
                    f"time_cue and denied_by, not '{extra[0] if extra else ''}'", x.origin)  # fmt: skip
        else:
            _expect(x.id not in an.registry.events,
                    f"event '{x.id}' is already defined in the registry {an.registry.path}; list it here with only "
                    "'id', 'claims', 'evidence' (and 'time_cue', 'denied_by')", x.origin)  # fmt: skip
            _expect(bool(x.label) and bool(x.type), f"event '{x.id}' needs 'label' and 'type'", x.origin)
        for role, refs in (("agent", x.agents), ("target", x.targets), ("victim", x.victims)):
            for ref in refs:
                actor(ref, x.at(role + "s"), f"the {role} of event '{x.id}'")
        for ref in x.places:
            place(ref, x.at("places"), f"the place of event '{x.id}'")
        for ref in x.claims:
            _expect(ref in claim_ids, f"event '{x.id}' rests on unknown claim '{ref}'", x.at("claims"),
                    dict.fromkeys(claim_ids), ref)  # fmt: skip
    if an.annotation is not None:
        for ref in an.annotation.by:
            actor(ref, an.annotation.origin, "the annotator")
    review_ids = [(x.id, x.origin) for x in an.reviews]
    _unique(review_ids, "review", an.path)
    for x in an.reviews:
        _expect(an.annotation is not None, f"review '{x.id}' needs 'annotation' (who annotated the article, and "
                "when): a review is the annotators' word", x.origin)  # fmt: skip
        _expect(x.claim in claim_ids, f"review '{x.id}' reviews unknown claim '{x.claim}'", x.at("claim"),
                dict.fromkeys(claim_ids), x.claim)  # fmt: skip


def _check_support_cycles(an: Annotation) -> None:
    """A claim cannot support itself through other claims of the article."""
    graph = {c.id: [r for r in c.supports if "/" not in r or r.startswith(an.slug + "/")] for c in an.claims}
    graph = {k: [r.rpartition("/")[2] for r in v] for k, v in graph.items()}
    by_id = {c.id: c for c in an.claims}
    for start in graph:
        path, todo, seen = {start: [start]}, [start], {start}
        while todo:
            node = todo.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycle = " → ".join([*path[node], start])
                    c = by_id[start]
                    raise AnnotationError(f"claims support each other in a circle: {cycle}", c.at("supports").file,
                                          c.at("supports").line)  # fmt: skip
                if nxt not in seen:
                    seen.add(nxt)
                    path[nxt] = [*path[node], nxt]
                    todo.append(nxt)
