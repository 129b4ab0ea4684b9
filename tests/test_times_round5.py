"""Round-5 time rules: "N days later" as a duration with its anchor day, "the Nth straight day", fractions."""

import pytest

from triangulate.annotate.times import find_times


def refs(text, dct):
    return [(r.text, r.value) for r in find_times(text, dct)]


@pytest.mark.parametrize(
    "text,dct,expected,begin",
    [
        # TimeML: "two days later" is the duration "two days" (P2D), "later" a signal; the day it reaches is kept
        ("He was arrested on March 3. Two days later he fled.", "2010-03-13", ("Two days", "P2D"), "2010-03-05"),
        ("The bomb went off on Saturday. A day earlier, police had warned.", "2010-03-13", ("A day", "P1D"),
         "2010-03-12"),
        # without a day to count from there is no anchor
        ("Three weeks later the talks resumed.", "2010-03-13", ("Three weeks", "P3W"), None),
    ],
)  # fmt: skip
def test_later_is_an_anchored_duration(text, dct, expected, begin):
    found = {(r.text, r.value): r for r in find_times(text, dct)}
    assert expected in found
    r = found[expected]
    assert r.type == "DURATION" and r.begin == begin and r.end_date == begin


def test_anchored_duration_moves_the_narrative_day():
    text = "He was arrested on March 3. Two days later he fled. The next day he was caught."
    assert ("The next day", "2010-03-06") in refs(text, "2010-03-13")


@pytest.mark.parametrize(
    "text,dct,expected",
    [
        ("Trading was suspended for a second consecutive day.", "2008-09-17", ("a second consecutive day", "2008-09-17")),
        ("US stocks log gains for fourth week in a row", "2009-04-04", ("fourth week", "2009-W14")),
        ("Stocks fell for the third straight month.", "2009-04-04", ("the third straight month", "2009-04")),
        ("US stock markets have their best week since November", "2009-03-13", ("week", "2009-W11")),
    ],
)  # fmt: skip
def test_running_unit_is_the_current_one(text, dct, expected):
    assert expected in refs(text, dct)


@pytest.mark.parametrize(
    "text", ["the second day of talks", "a third week of protests", "the best week of his life"]
)  # fmt: skip
def test_plain_ordinal_units_are_not_the_current_one(text):
    assert not any(r.value in ("2009-04-04", "2009-W14") for r in find_times(text, "2009-04-04"))


def test_a_quarter_of_is_a_fraction():
    assert refs("It will cut 789, or about a quarter, of its 3,200 dealers.", "2009-05-14") == []
    assert ("about a quarter", "P3M") in refs("The work took about a quarter to finish.", "2009-05-14")


def test_a_matter_of_days_is_not_a_duration():
    assert refs("It is just a matter of days before he returns.", "2000-04-05") == []
    assert ("months", "PXM") in refs("He stayed there for months.", "2000-04-05")


def test_a_house_number_is_not_a_year():
    text = "Shots were fired in the 1800 block of Mini Drive and at 1601 W. 37th St. and near 2200 Main Street."
    assert refs(text, "2013-04-11") == []
    assert ("2013", "2013") in refs("The park has been closed since 2013 for repairs.", "2015-06-01")


def test_error_categories_of_the_time_eval():
    """Each error of score_doc falls in one category: missed / spurious span, boundary, or a wrong value by the gold
    value's kind and how it is wrong (another kind, granularity or anchor)."""
    from triangulate.eval.time import GoldTimex, TimeDoc, error_category, score_doc

    text = "Sales rose last year and on Tuesday. The plant closed for two years. It opened in spring."
    gold = [GoldTimex(text.index("last year"), text.index("last year") + 9, "last year", "1998-Q4", "DATE"),
            GoldTimex(text.index("Tuesday"), text.index("Tuesday") + 7, "Tuesday", "1999-02-02", "DATE"),
            GoldTimex(text.index("two years"), text.index("two years") + 9, "two years", "P2Y", "DURATION"),
            GoldTimex(text.index("spring"), text.index("spring") + 6, "spring", "1999-SP", "DATE")]  # fmt: skip
    errors: list = []
    score_doc(TimeDoc("x", text, "1999-02-10", gold), errors)
    # predicted: last year 1998 (granularity), Tuesday 1999-02-09 and spring 1998-SP (anchor), two years P2Y (right)
    assert sorted(error_category(e) for e in errors) == ["value DATE anchor"] * 2 + ["value DATE granularity"]
    assert error_category(("FN", "x", None, "then", "PAST_REF", "", "", "")) == "missed span"
    assert error_category(("FP", "x", None, "", "", "now", "PRESENT_REF", "")) == "spurious span"
    assert error_category(("VALUE", "x", None, "a year", "P1Y", "a year", "1998", "")) == "value DURATION as DATE"
    assert error_category(("VALUE", "x", None, "daily", "XXXX-WXX-2", "x", "P1D", "")) == "value SET as DURATION"
    assert error_category(("VALUE", "x", None, "noon", "1999-02-10T12:00", "x", "1999-02-09T12:00", "")) == (
        "value TIME anchor")
