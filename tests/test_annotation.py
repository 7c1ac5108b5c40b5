import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import SMALL_ANNOTATION, SMALL_REGISTRY

from linkeddata import resources
from linkeddata.annotation import load_annotation, load_registry
from linkeddata.errors import AnnotationError


def load(tmp_path: Path, annotation: str, registry: str = SMALL_REGISTRY):
    (tmp_path / "registry.yaml").write_text(registry, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(annotation, encoding="utf-8")
    return load_annotation(tmp_path / "a.yaml", load_registry(tmp_path / "registry.yaml"))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def error(tmp_path, annotation, registry=SMALL_REGISTRY) -> AnnotationError:
    with pytest.raises(AnnotationError) as e:
        load(tmp_path, annotation, registry)
    return e.value


def test_small_annotation_loads_with_lines(tmp_path):
    an = load(tmp_path, SMALL_ANNOTATION)
    claim = an.claims[1]
    assert claim.id == "saw-shells" and claim.chain[0].by == "reuters"
    assert claim.origin.line == line_of(SMALL_ANNOTATION, "  - id: saw-shells")
    assert claim.quote.origin.line == line_of(SMALL_ANNOTATION, 'quote: "We saw')
    assert an.local_actors["commander"].member_of == ("rebels",)


@pytest.mark.parametrize("name", ["annotation", "registry"])
def test_shipped_json_schemas_are_valid_and_accept_the_seed(name):
    schema = json.loads(resources.schema_file(name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    files = {"annotation": "bi-2015-isis-strategy-contradiction.yaml", "registry": "registry.yaml"}
    doc = yaml.safe_load((resources.seeds_dir() / files[name]).read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)


def test_malformed_yaml_names_file_and_line(tmp_path):
    e = error(tmp_path, SMALL_ANNOTATION.replace("claims:\n", "claims:\n  - id: [broken\n", 1))
    assert e.file.endswith("a.yaml") and e.line is not None
    assert "not valid YAML" in str(e)


def test_python_tags_are_refused(tmp_path):
    e = error(tmp_path, "!!python/object/apply:os.system ['echo hi']\n")
    assert "no tags such as !!python/object" in str(e) and e.line == 1


def test_duplicate_keys_are_errors(tmp_path):
    text = SMALL_ANNOTATION.replace("    hedge: asserted\n", "    hedge: asserted\n    hedge: likely\n", 1)
    e = error(tmp_path, text)
    assert "duplicate key 'hedge'" in str(e)
    assert e.line == line_of(text, "    hedge: likely")


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = SMALL_ANNOTATION.replace("    told_to: [reuters]", "    toldto: [reuters]")
    e = error(tmp_path, text)
    assert "unknown key 'toldto'" in str(e) and "did you mean 'told_to'" in str(e)
    assert e.line == line_of(text, "  - id: saw-shells")


def test_wrong_enum_value_names_the_line(tmp_path):
    text = SMALL_ANNOTATION.replace("    kind: hostility", "    kind: friendship")
    e = error(tmp_path, text)
    assert "'friendship' is not one of" in str(e) and e.line == line_of(text, "kind: friendship")


def test_unknown_actor_id_names_file_line_and_suggestion(tmp_path):
    text = SMALL_ANNOTATION.replace("    asserter: commander", "    asserter: comander")
    e = error(tmp_path, text)
    assert re.search(r"a\.yaml:\d+: the asserter of claim 'saw-shells' 'comander' is not a known actor id", str(e))
    assert "did you mean 'commander'" in str(e)
    assert e.line == line_of(text, "    asserter: comander")


def test_duplicate_claim_ids_are_errors(tmp_path):
    text = SMALL_ANNOTATION.replace("  - id: saw-shells", "  - id: shelling")
    e = error(tmp_path, text)
    assert "duplicate claim id 'shelling'" in str(e)


def test_redefining_a_registry_actor_is_an_error(tmp_path):
    text = SMALL_ANNOTATION.replace("  - id: army\n", "  - id: army\n    type: armed-group\n    label: Army\n")
    assert "already defined in the registry" in str(error(tmp_path, text))


def test_hedged_claim_needs_its_cue(tmp_path):
    text = SMALL_ANNOTATION.replace("    hedge: asserted\n    evidence", "    hedge: likely\n    evidence", 1)
    assert "quote the hedging words in 'cue'" in str(error(tmp_path, text))


def test_claim_cannot_dispute_itself(tmp_path):
    text = SMALL_ANNOTATION.replace("    supports: [shelling]", "    contradicts: [saw-shells]")
    assert "cannot support, dispute or repeat itself" in str(error(tmp_path, text))


def test_the_old_disputes_key_says_which_stances_replace_it(tmp_path):
    text = SMALL_ANNOTATION.replace("    supports: [shelling]", "    disputes: [shelling]")
    e = error(tmp_path, text)
    assert "'disputes' is replaced by the stance the claim takes: 'contradicts'" in str(e)
    assert e.line == line_of(text, "  - id: saw-shells")


def test_a_hop_by_the_asserter_is_refused(tmp_path):
    text = SMALL_ANNOTATION.replace("      - by: reuters\n", "      - by: commander\n")
    e = error(tmp_path, text)
    assert "hop 1 of claim 'saw-shells' is by 'commander', who asserts the claim" in str(e)
    assert e.line == line_of(text, "      - by: commander")


def test_a_hedged_hop_needs_its_cue(tmp_path):
    text = SMALL_ANNOTATION.replace("        mode: quoted\n", "        mode: quoted\n        hedge: alleged\n")
    assert "hop 1 of claim 'saw-shells' is hedged (alleged): quote the hedging words in its 'cue'" in str(
        error(tmp_path, text))  # fmt: skip


def test_claim_needs_quote_or_evidence(tmp_path):
    text = SMALL_ANNOTATION.replace('    evidence: "the army shelled Idlib in March"\n  - id: saw', "  - id: saw", 1)
    assert "needs 'quote'" in str(error(tmp_path, text))


def test_bad_time_and_bad_wikidata_id_are_refused(tmp_path):
    e = error(tmp_path, SMALL_ANNOTATION.replace('time: "2024-03"', 'time: "March 2024"'))
    assert "YYYY" in str(e)
    e = error(
        tmp_path,
        SMALL_ANNOTATION,
        SMALL_REGISTRY.replace("    label: Rebels\n", "    label: Rebels\n    wikidata: Rebels\n"),
    )
    assert "wikidata" in str(e) and e.file.endswith("registry.yaml")


def test_registry_reference_to_unknown_actor_is_an_error(tmp_path):
    reg = SMALL_REGISTRY.replace("    label: The army\n", "    label: The army\n    part_of: [goverment]\n")
    e = error(tmp_path, SMALL_ANNOTATION, reg)
    assert "unknown actor 'goverment'" in str(e) and e.file.endswith("registry.yaml")


def test_local_actor_that_the_registry_has_under_another_name_is_reported(tmp_path):
    text = SMALL_ANNOTATION.replace(
        "    label: A rebel commander\n", "    label: A rebel commander\n    aliases: [Rebels]\n"
    )
    e = error(tmp_path, text)
    assert "has the name 'rebels', like the registry's actor 'rebels'" in str(e) and "reuse the id 'rebels'" in str(e)
    assert e.line == line_of(text, "  - id: commander")


def test_local_actor_with_a_registry_wikidata_id_is_reported(tmp_path):
    reg = SMALL_REGISTRY.replace("    label: The army\n", "    label: The army\n    wikidata: Q123\n")
    text = SMALL_ANNOTATION.replace(
        "    label: A rebel commander\n", "    label: A rebel commander\n    wikidata: Q123\n"
    )
    assert "the same Wikidata id Q123, like the registry's actor 'army'" in str(error(tmp_path, text, reg))


def test_claim_refs_to_another_article_are_kept_for_the_build(tmp_path):
    text = SMALL_ANNOTATION.replace(
        "    supports: [shelling]", "    supports: [shelling, other-article/x]\n    repeats: [a/shelling]"
    )
    an = load(tmp_path, text)
    refs = [(c.id, slug, cid, where.line) for c, slug, cid, where in an.external_claim_refs()]
    assert refs == [("saw-shells", "other-article", "x", line_of(text, "    supports: [shelling, other"))]
    assert an.claims[1].repeats == ("a/shelling",)  # its own slug: a local claim
