from pathlib import Path

import pytest

from linkeddata.anchor import locate, nearest_passage
from linkeddata.annotation import Origin, Quote
from linkeddata.article import parse_text
from linkeddata.errors import AnchorError

ORIGIN = Origin(Path("notes/story.yaml"), 17)


def article(text: str):
    return parse_text(text, "story", Path("story.txt"))


def q(exact, **kw) -> Quote:
    return Quote(exact, ORIGIN, **kw)


def test_offsets_are_code_points_into_the_text_as_shipped():
    text = "Héad 🙂 line\r\n\r\nThe e\u0301mbassy “said” it—twice… 🙂 and more.\r\n"
    a = article(text)
    anchor = locate(a, q("“said” it—twice… 🙂"))
    assert text[anchor.start : anchor.end] == "“said” it—twice… 🙂"
    assert anchor.start == text.index("“said”")
    # prefix/suffix are the code points around the span
    assert anchor.prefix == text[max(0, anchor.start - 32) : anchor.start]
    assert anchor.suffix == text[anchor.end : anchor.end + 32]


def test_quote_not_in_article_names_file_and_line_and_shows_nearest_passage():
    a = article("Head\n\nThe regime is likely conducting air strikes near Aleppo.\n")
    with pytest.raises(AnchorError) as e:
        locate(a, q("the regime is likely conducting airstrikes"))
    msg = str(e.value)
    assert msg.startswith("notes/story.yaml:17: ")
    assert "is not in the article story.txt" in msg
    assert "Nearest passage: “The regime is likely conducting air strikes" in msg


def test_straight_apostrophe_for_a_curly_one_gets_a_hint():
    a = article("Head\n\nAssad’s regime appears to be helping.\n")
    with pytest.raises(AnchorError, match="different quotation marks"):
        locate(a, q("Assad's regime"))


def test_ambiguous_quote_without_disambiguator_is_an_error_listing_lines():
    a = article("ISIS here\n\nISIS there.\n\nAnd ISIS again.\n")
    with pytest.raises(AnchorError, match=r"occurs 3 times .*lines 1, 3, 5.*occurrence: N"):
        locate(a, q("ISIS"))


def test_occurrence_picks_the_nth():
    text = "ISIS here\n\nISIS there.\n\nAnd ISIS again.\n"
    anchor = locate(article(text), q("ISIS", occurrence=3))
    assert anchor.start == text.rindex("ISIS")


def test_occurrence_beyond_the_count_is_an_error():
    with pytest.raises(AnchorError, match="only 2"):
        locate(article("ISIS here\n\nISIS there.\n"), q("ISIS", occurrence=3))


def test_within_picks_the_occurrence_inside_a_unique_passage():
    text = "ISIS here\n\nISIS there.\n\nAnd ISIS again.\n"
    anchor = locate(article(text), q("ISIS", within="ISIS there"))
    assert anchor.start == text.index("ISIS there")


def test_within_that_is_itself_ambiguous_is_an_error():
    with pytest.raises(AnchorError, match="'within' passage .*occurs 2 times"):
        locate(article("ISIS here\n\nISIS here.\n"), q("ISIS", within="ISIS here"))


def test_quote_in_the_boilerplate_is_refused():
    a = article("Head\n\nBody text.\n\nNOW WATCH: Why Putin is powerful\n")
    with pytest.raises(AnchorError, match="boilerplate"):
        locate(a, q("Why Putin"))


def test_nearest_passage_finds_the_closest_words():
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    assert "epsilon zeta" in nearest_passage(text, "epsilom zeta")
