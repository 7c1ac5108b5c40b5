import hashlib
from pathlib import Path

import pytest

from linkeddata import resources
from linkeddata.article import parse_text, read_article
from linkeddata.errors import InputError

SEED = resources.seeds_dir() / "bi-2015-isis-strategy-contradiction.txt"


# SHA-256 of the seed article as published in the project's shared seed folder.
SEED_SHA256 = "25a2a59ab369f041a4b97dccff5d16f44b27de54b97c2358fe38a98306cc1c44"


def test_seed_is_kept_verbatim():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    assert read_article(SEED).sha256 == SEED_SHA256


def test_seed_splits_into_headline_photo_body_contributor_and_boilerplate():
    a = read_article(SEED)
    t = a.text
    assert a.headline.of(t) == "The Obama administration's ISIS strategy faces a crippling contradiction"
    assert a.photo.identifier.of(t) == "RTX1AXLE"
    assert a.photo.credit.of(t) == "REUTERS/Khalil Ashawi"
    assert a.photo.caption.of(t).startswith("Rebel fighters stand on a tank")
    assert a.photo.caption.of(t).endswith("April 29, 2015.")
    assert a.body.of(t).startswith("The complicated web of open and tacit alliances")
    assert a.body.of(t).endswith("U.S. led-airstrikes.”")
    assert [c.of(t) for c in a.contributors] == ["Michael B. Kelley contributed to this report."]
    assert a.boilerplate.of(t).startswith("NOW WATCH: Why Putin")
    assert a.boilerplate.end == len(t)
    assert "NOW WATCH" not in a.body.of(t) and "Instagram" not in a.body.of(t)


def test_text_is_kept_exactly_with_crlf_and_offsets_index_it():
    text = "Headline here\r\n\r\nFirst paragraph of the body.\r\nSecond paragraph.\r\n"
    a = parse_text(text, "x", Path("x.txt"))
    assert a.text == text
    assert a.headline.of(text) == "Headline here"
    assert a.body.of(text) == "First paragraph of the body.\r\nSecond paragraph."
    assert a.boilerplate is None and a.photo is None


def test_a_see_also_line_inside_the_story_is_not_boilerplate():
    long = "A long paragraph that goes on. " * 8
    text = f"Head\n\n{long}\n\nSEE ALSO: Another story\n\n{long}\n\nNOW WATCH: video\n"
    a = parse_text(text, "x", Path("x.txt"))
    assert "SEE ALSO" in a.body.of(text)
    assert a.boilerplate.of(text).startswith("NOW WATCH")


def test_article_without_body_is_an_error_naming_the_file():
    with pytest.raises(InputError, match=r"x\.txt.*headline"):
        parse_text("Only a headline\n", "x", Path("x.txt"))


def test_file_name_must_be_a_slug(tmp_path):
    bad = tmp_path / "My Article.txt"
    bad.write_text("Head\n\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError, match="my-article.txt"):
        read_article(bad)


def test_article_that_is_not_utf8_is_an_error(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Head\n\nCaf\xe9 body.\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_article(bad)
