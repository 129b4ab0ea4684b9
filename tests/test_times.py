"""Time expressions: recognition + TIMEX3 normalisation relative to the publication date."""

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from triangulate.annotate.times import acled_time_precision, find_times, to_date_range
from triangulate.model import TimeRef

FIXTURES = Path(__file__).parent / "fixtures" / "time"


def one(text, dct, expect_text=None):
    refs = find_times(text, dct)
    if expect_text is not None:
        refs = [r for r in refs if r.text == expect_text]
    assert refs, (text, find_times(text, dct))
    return refs[0]


@pytest.mark.parametrize(
    "text,dct,span,value",
    [
        ("Rebels attacked the town on Saturday.", "2020-02-05", "Saturday", "2020-02-01"),  # Wed -> last Sat
        ("Rebels attacked the town on Saturday.", "2020-02-01", "Saturday", "2020-02-01"),  # same day
        ("The envoy will arrive on Saturday.", "2020-02-05", "Saturday", "2020-02-08"),  # future tense
        ("The vote is due next Monday.", "2020-02-05", "next Monday", "2020-02-10"),
        ("Troops entered the city this Friday, November 29.", "2024-11-30", "this Friday, November 29", "2024-11-29"),
        ("Prices rose last week.", "2020-02-05", "last week", "2020-W05"),
        ("Fighting has continued since Wednesday.", "2020-02-07", "Wednesday", "2020-02-05"),
        ("At least 12 died in the past 24 hours.", "2020-02-05", "the past 24 hours", "PT24H"),
        ("Clashes have raged since mid-December.", "2020-02-05", "mid-December", "2019-12"),
        ("The town was taken in 2016.", "2020-02-05", "2016", "2016"),
        ("It ended a nine-year-long siege.", "2020-02-05", "nine-year-long", "P9Y"),
        ("He was arrested in April last year.", "2020-02-05", "April last year", "2019-04"),
        ("Shelling resumed on Thursday evening.", "2020-02-07", "Thursday evening", "2020-02-06TEV"),
        ("The dam was finished in late 2016.", "2020-02-05", "late 2016", "2016"),
        ("Talks stalled in early December.", "2020-02-05", "early December", "2019-12"),
        ("The war of the 1990s left scars.", "2020-02-05", "the 1990s", "199"),
        ("The mine closed two years ago.", "2020-02-05", "two years ago", "2018"),
        ("Floods hit the valley last summer.", "2020-02-05", "last summer", "2019-SU"),
        ("Profit fell in the third quarter.", "2020-11-05", "the third quarter", "2020-Q3"),
        ("The blast came at 3:30 p.m. yesterday.", "2020-02-05", "3:30 p.m. yesterday", "2020-02-04T15:30"),
        ("The ceasefire began on Feb. 1, 2020.", "2020-02-05", "Feb. 1, 2020", "2020-02-01"),
        ("Officials said yesterday that 57 died.", "2020-02-05", "yesterday", "2020-02-04"),
        ("Aid is now reaching the area.", "2020-02-05", "now", "PRESENT_REF"),
        ("The siege lasted five months.", "2020-02-05", "five months", "P5M"),
        ("Patrols are held daily.", "2020-02-05", "daily", "P1D"),
    ],
)
def test_normalisation(text, dct, span, value):
    r = one(text, dct, span)
    assert r.value == value
    assert text[r.start : r.end] == span


def test_types_and_precision():
    refs = {r.text: r for r in find_times("On Monday, after three weeks of talks, the deal expired at noon.", "2020-02-05")}
    assert refs["Monday"].type == "DATE" and refs["Monday"].precision == "day"
    assert refs["three weeks"].type == "DURATION" and refs["three weeks"].value == "P3W"
    assert refs["noon"].type == "TIME" and refs["noon"].value == "2020-02-03T12:00"  # anchored to the last mentioned day


def test_no_dct_stays_underspecified():
    refs = {r.text: r.value for r in find_times("On Saturday and last week, and on March 3, and in 2016.", None)}
    assert refs["Saturday"] == "XXXX-XX-XX"
    assert refs["last week"] == "XXXX-WXX"
    assert refs["March 3"] == "XXXX-03-03"
    assert refs["2016"] == "2016"


def test_not_time_expressions():
    text = "The 6-year-old boy and 2000 troops saw a second blast; May said he may go. Route 2016 is closed."
    values = {r.text for r in find_times(text, "2020-02-05")}
    assert not values & {"6-year-old", "2000", "a second", "May", "may", "2016"}


def test_interval_bounds_and_acled_precision():
    day = one("It happened on Feb. 3, 2020.", "2020-02-05")
    assert to_date_range(day) == ("2020-02-03", "2020-02-03") and acled_time_precision(day) == 1
    week = one("It happened last week.", "2020-02-05")
    assert to_date_range(week) == ("2020-01-27", "2020-02-02") and acled_time_precision(week) == 2
    month = one("It happened in January.", "2020-02-05")
    assert to_date_range(month) == ("2020-01-01", "2020-01-31") and acled_time_precision(month) == 3
    assert acled_time_precision(TimeRef(0, 4, "2019", "2019")) == 3
    assert to_date_range(TimeRef(0, 5, "years", "PXY", "DURATION")) == (None, None)


def test_speed_without_spacy():
    text = (Path(__file__).parents[1] / "examples" / "seeds").glob("*.txt")
    articles = [p.read_text() for p in text] or ["On Friday, 57 people were killed in Aleppo. " * 40]
    t0 = time.perf_counter()
    for a in articles:
        find_times(a, "2020-02-01")
    per = (time.perf_counter() - t0) / len(articles)
    assert per < 0.05  # generous bound for a loaded CI box; typical is ~2 ms


def test_eval_command_on_fixture():
    from triangulate.eval.time import command, evaluate, load_meantime, load_timeml

    tml = load_timeml(FIXTURES / "synthetic_0001.tml")
    assert tml.dct == "2020-02-01" and len(tml.gold) == 7
    assert tml.text[tml.gold[0].start : tml.gold[0].end] == "Thursday"
    mt = load_meantime(FIXTURES / "synthetic_0002.xml")
    assert mt.dct == "2009-05-05" and [g.value for g in mt.gold] == ["2009-04", "2008"]  # DCT + empty timex excluded
    assert evaluate([tml, mt]).metrics()["value_f1"] > 0.8
    res = CliRunner().invoke(command, ["--tml-dir", str(FIXTURES)])
    assert res.exit_code == 0, res.output
    assert "value acc" in res.output and "gold=    9" in res.output
