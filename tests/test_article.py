import hashlib
from pathlib import Path

import pytest

from linkeddata import resources
from linkeddata.article import parse_text, photo_after_front_lines, read_article
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


def test_a_credit_under_a_label_in_any_script_is_the_photo_s():
    caption = "Soldiers guard the gate of the radio station in Accra, Dec. 31, 1981."
    text = f"Head\n{caption}\nMfonini: Kofi Mensah (Pra Wire)\n\nACCRA, Dec. 31 (Pra Wire) — The story.\n"
    a = parse_text(text, "x", Path("x.txt"))
    assert (a.photo.credit.of(text), a.photo.caption.of(text)) == ("Kofi Mensah (Pra Wire)", caption)
    assert a.body.of(text) == "ACCRA, Dec. 31 (Pra Wire) — The story."


def test_a_photo_after_the_byline_and_the_date_line_stays_in_the_body_but_is_found():
    story = "Nine days after the offensive began, the fighting in the capital has not stopped. " * 3
    lines = ["By Clara Ruiz", "San Salvador, Monday 20 November 1989", "Foto de Ana Ruiz para The Ebro Review",
             "Residents carry mattresses past a burned-out bus, November 14, 1989.", story]
    text = "Head\n\n" + "\n\n".join(lines) + "\n"
    a = parse_text(text, "x", Path("x.txt"))
    assert a.photo is None and a.body.of(text).startswith("By Clara Ruiz")  # the build's parts are as before
    photo = photo_after_front_lines(a)
    assert (photo.credit.of(text), photo.caption.of(text)) == ("Ana Ruiz para The Ebro Review", lines[3])
    # not after a paragraph of the story: a credit further down is no photo line before the story
    text = "Head\n\n" + "\n\n".join([story * 2, *lines[2:]]) + "\n"
    assert photo_after_front_lines(parse_text(text, "x", Path("x.txt"))) is None


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
