"""A build's options are one frozen, checked, picklable object; what the build keeps of each
article is typed records with one JSON form each; the output formats are a registry of writers."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

import linkeddata
from linkeddata.cache import input_key
from linkeddata.errors import InputError
from linkeddata.pipeline import BuildOptions
from linkeddata.pipeline.manifest import ArticleEntry, FileRecord
from linkeddata.write import DATASET_FORMATS, FORMATS, PER_ARTICLE

SLUG = "bi-2015-isis-strategy-contradiction"


def test_options_are_frozen_and_survive_pickling_as_a_worker_receives_them():
    options = BuildOptions(formats=("nquads", "turtle", "nquads"), jobs=3, strict=True)
    assert options.formats == ("nquads", "turtle")  # repeated names once, in the order given
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 1  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(options))
    assert again == options and hash(again) == hash(options)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"formats": ("turtle", "rdfxml")}, "unknown format 'rdfxml'; known: turtle, jsonld, ntriples, trig, nquads"),
        ({"validator": "jena"}, "unknown validator 'jena'; known: auto, pyshacl"),
    ],
)
def test_bad_options_are_bad_input_when_the_options_are_made(fields, message):
    with pytest.raises(InputError) as e:
        BuildOptions(**fields)
    assert str(e.value) == message


def test_the_cache_key_holds_the_options_that_shape_the_output_and_no_others(tmp_path):
    text, annotation = tmp_path / "a.txt", tmp_path / "a.yaml"
    text.write_text("x", encoding="utf-8")
    annotation.write_text("y", encoding="utf-8")

    def key(**fields):
        return input_key(text, annotation, BuildOptions(**fields).output_key())

    plain = key()
    assert key(jobs=4, store=False, reuse=False, validator="pyshacl", strict=True) == plain
    assert key(formats=tuple(reversed(FORMATS))) == plain
    assert key(base_iri="https://example.org/data/") != plain
    assert key(formats=("turtle",)) != plain


def test_build_takes_options_and_keywords_and_refuses_unknown_keywords(tmp_path):
    options = BuildOptions(formats=("ntriples",), store=False)
    result = linkeddata.build([], tmp_path / "a", options, formats=("turtle",))
    assert sorted(p.name for p in result.files) == [f"{SLUG}.ttl", "shacl-report.ttl", "void.ttl"]
    with pytest.raises(TypeError, match="'colour'"):
        linkeddata.build([], tmp_path / "b", colour="red")


def test_the_formats_registry_names_every_file_a_build_writes(tmp_path):
    assert PER_ARTICLE == ("turtle", "jsonld", "ntriples") and DATASET_FORMATS == ("trig", "nquads")
    result = linkeddata.build([], tmp_path / "out", store=False)
    names = {FORMATS[f].file_name(SLUG) for f in FORMATS}
    assert names == {f"{SLUG}.ttl", f"{SLUG}.jsonld", f"{SLUG}.nt", "dataset.trig", "dataset.nq"}
    assert {p.name for p in result.files} == names | {"void.ttl", "shacl-report.ttl"}


def test_a_manifest_entry_reads_back_as_it_was_written(tmp_path):
    out = tmp_path / "out"
    linkeddata.build([], out, store=False)
    data = linkeddata.cache.load(out)["articles"][SLUG]
    entry = ArticleEntry.from_json(data)
    assert entry.to_json() == data
    assert sorted(entry.files) == [f"{SLUG}.jsonld", f"{SLUG}.nt", f"{SLUG}.ttl"]
    record = entry.files[f"{SLUG}.ttl"]
    assert record.size == (out / f"{SLUG}.ttl").stat().st_size
    assert record.mtime_ns == (out / f"{SLUG}.ttl").stat().st_mtime_ns
    assert set(entry.offsets) == {"nquads", "trig", "void"} and entry.offsets["nquads"] == 0
    assert FileRecord.from_json(["ab"]) == FileRecord("ab") and FileRecord("ab").to_json() == ["ab"]
