"""The drafter's word lists, read from ``lexicon.yaml`` beside this module (data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


def _words(value) -> frozenset[str]:
    return frozenset(value.split() if isinstance(value, str) else value)


def _phrases(value) -> list[str]:
    """A list of phrases, or words in one string ("think-tank" is the phrase "think tank")."""
    return value.split() if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Lexicon:
    stop: frozenset[str]
    titles: frozenset[str]
    person_titles: frozenset[str]  # titles only a person bears ("Colonel", "President"), not "Army" or "State"
    relatives: dict[str, str]  # a word for a relative → the pronoun the person takes ("" for none)
    gendered_titles: dict[str, str]  # "Mrs" → she
    party_members: frozenset[str]  # "Republicans": a party's members, a party
    peoples: frozenset[str]
    demonym_endings: tuple[str, ...]
    possessive_in_names: frozenset[str]  # "People" of "Tigray People’s Liberation Front"
    connectors: frozenset[str]
    particles: frozenset[str]
    kind_words: tuple[tuple[str, frozenset[str]], ...]  # (actor type, words), in order of priority
    described_as: tuple[tuple[str, str], ...]  # (noun phrase, kind: "place" or an actor type), longest first
    self_named: dict[str, str]  # noun before "calling itself" → actor type
    people_nouns: frozenset[str]  # "Fighters of the …", "Supporters of …": not part of the name after them
    photo_agencies: tuple[str, ...]
    platforms: frozenset[str]  # social platforms, media outlets
    organisation_acronyms: frozenset[str]
    country_names: dict[str, str]  # another name → ISO code
    seats_of_government: dict[str, str]  # a city a country is governed from, besides its capital → ISO code
    institutions: dict[str, str]  # a seat of power's name ("White House") → actor type
    place_before: frozenset[str]
    place_after: frozenset[str]
    speech_verbs: tuple[str, ...]
    tell_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    after_verbs: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    pronouns: frozenset[str]
    first_person: frozenset[str]
    group_sources: tuple[tuple[str, str], ...]  # (noun, actor type), longest noun first
    source_nouns: dict[str, str]  # noun → actor type
    rule_books: frozenset[str]  # what "according to" names that says nothing itself
    hedges: tuple[tuple[str, tuple[str, ...]], ...]  # (level, words)
    event_words: dict[str, tuple[str, ...]]  # "vote" → other words for it ("election", "poll")
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: tuple[str, ...]
    abbreviations: frozenset[str]

    @property
    def hedge_level(self) -> dict[str, str]:
        return {w: level for level, words in self.hedges for w in words}

    def kind_of_word(self, word: str) -> str | None:
        """The actor type a word of a name says ("Brigades", "Ministry"); a plural as its singular, a
        word in capitals ("HERALD") as written in lower case."""
        if word.isupper() and len(word) > 3:
            word = word.title()  # "HERALD" in a line in capitals
        for candidate in (word, word[:-1] if word.endswith("s") and len(word) > 3 else None):
            for kind, words in self.kind_words:
                if candidate and candidate in words:
                    return kind
        return None

    def alternation(self, words) -> str:
        """A regular-expression alternation of words, longest first."""
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def lexicon() -> Lexicon:
    """The word lists (read once: they are package data)."""
    data = yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    return Lexicon(
        stop=_words(data["stop"]),
        titles=_words(data["titles"]),
        person_titles=_words(data["person_titles"]),
        relatives=dict(data["relatives"]),
        gendered_titles=dict(data["gendered_titles"]),
        party_members=_words(data["party_members"]),
        peoples=_words(data["peoples"]),
        demonym_endings=tuple(data["demonym_endings"]),
        possessive_in_names=_words(data["possessive_in_names"]),
        connectors=_words(data["connectors"]),
        particles=_words(data["particles"]),
        kind_words=tuple((kind, _words(words)) for kind, words in data["kind_words"].items()),
        described_as=tuple(sorted(((w.replace("-", " "), kind) for kind, ws in data["described_as"].items()
                                   for w in _phrases(ws)), key=lambda x: (-len(x[0]), x[0]))),
        self_named={w: kind for kind, ws in data["self_named"].items() for w in ws},
        people_nouns=_words(data["people_nouns"]),
        photo_agencies=tuple(data["photo_agencies"]),
        platforms=frozenset(data["platforms"]),
        organisation_acronyms=frozenset(data["organisation_acronyms"]),
        country_names=dict(data["country_names"]),
        seats_of_government=dict(data["seats_of_government"]),
        institutions=dict(data["institutions"]),
        place_before=_words(data["place_before"]),
        place_after=_words(data["place_after"]),
        speech_verbs=tuple(data["speech_verbs"].split()),
        tell_verbs=_words(data["tell_verbs"]),
        belief_verbs=_words(data["belief_verbs"]),
        after_verbs=tuple(data["after_verbs"]),
        auxiliaries=tuple(data["auxiliaries"]),
        pronouns=_words(data["pronouns"]),
        first_person=_words(data["first_person"]),
        group_sources=tuple(sorted(data["group_sources"].items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        source_nouns=dict(data["source_nouns"]),
        rule_books=frozenset(data["rule_books"]),
        hedges=tuple((level, tuple(words)) for level, words in data["hedges"].items()),
        event_words={w: tuple(ws) for w, ws in data["event_words"].items()},
        months={m: i for i, m in enumerate(data["months"], start=1)},
        month_abbreviations=dict(data["month_abbreviations"]),
        weekdays=tuple(data["weekdays"]),
        abbreviations=_words(data["abbreviations"]),
    )
