"""Round-4 time rules: trailing periods ("the past week"), year choice of a bare month-day, eval parse cache."""

from pathlib import Path

import pytest

from triangulate.annotate.times import find_times


def refs(text, dct):
    return [(r.text, r.value, r.type) for r in find_times(text, dct)]


@pytest.mark.parametrize(
    "text,dct,expected",
    [
        # "the past week" is the seven days to now (TimeML: DURATION P1W), "last week" the calendar week before
        ("The fighting over the past week has killed 205 people.", "2020-02-01", ("the past week", "P1W", "DURATION")),
        ("Prices fell during the last month.", "2020-02-01", ("the last month", "P1M", "DURATION")),
        ("Last week, reports suggested that 40 rebels died.", "2020-02-01", ("Last week", "2020-W04", "DATE")),
        # a bare "Month day" up to two months ahead stays in the DCT's year even after a past-tense cue
        ("He was subpoenaed to testify on Feb. 10.", "2000-01-07", ("Feb. 10", "2000-02-10", "DATE")),
        ("The offer expired on Dec. 7.", "1989-10-30", ("Dec. 7", "1989-12-07", "DATE")),
        # ... while a date months ahead with a past-tense cue is last year's
        ("The plant was closed on June 4.", "2000-01-07", ("June 4", "1999-06-04", "DATE")),
        # a later quarter is the coming one when it is the next quarter, last year's when further ahead
        ("Ford plans the partial closure of ten plants during the fourth quarter.", "2006-08-19",
         ("the fourth quarter", "2006-Q4", "DATE")),
        ("Sales fell in the fourth quarter.", "2006-02-19", ("the fourth quarter", "2005-Q4", "DATE")),
        # a deadline ("closed until Friday", "as early as Tuesday") lies ahead even after a past-tense verb
        ("The exchanges stayed closed until Friday.", "2008-09-18", ("Friday", "2008-09-19", "DATE")),
        ("Officials postponed until Tuesday any action.", "2000-03-30", ("Tuesday", "2000-04-04", "DATE")),
        # ... but a sentence opening "Until Thursday, they had ..." looks back
        ("Police searched. Until Thursday, they had not called him a suspect.", "1999-05-07",
         ("Thursday", "1999-05-06", "DATE")),
    ],
)  # fmt: skip
def test_round4_values(text, dct, expected):
    assert expected in refs(text, dct)


def test_last_week_of_a_month_is_no_duration():
    assert all(t != "DURATION" for _, _, t in refs("He left in the last week of March.", "2020-02-01"))


def test_eval_parse_cache_keeps_parses(tmp_path):
    from triangulate.eval.time import cached_parser, evaluate, load_timeml

    doc = load_timeml(Path(__file__).parent / "fixtures" / "time" / "synthetic_0001.tml")
    nlp = cached_parser([doc], tmp_path)
    assert len(list(tmp_path.glob("*.spacy"))) == 1
    assert nlp(doc.text).text == doc.text
    again = cached_parser([doc], tmp_path)  # read back from the cache
    assert evaluate([doc], nlp=again).metrics() == evaluate([doc], nlp=nlp).metrics()


@pytest.mark.parametrize(
    "text,span",
    [
        ("Shares fell earlier today.", "earlier today"),  # TimeML: the modifier belongs to the expression
        ("Late yesterday, the company said it would sell.", "Late yesterday"),
        ("He will speak later this afternoon.", "later this afternoon"),
        ("It posted the third-quarter loss.", "third-quarter"),  # "the" belongs to "loss", not to the adjective
        ("It posted a loss in the third quarter.", "the third quarter"),
        ("The Dow fell 100 points in just minutes.", "minutes"),  # a bare plural unit after "in just"
    ],
)
def test_round4_spans(text, span):
    assert span in [r.text for r in find_times(text, "1998-02-22")]


def test_dated_present_tense_is_a_schedule():
    from triangulate.annotate.nlp import get_nlp

    nlp = get_nlp("en")

    def day(text, dct="1998-05-01"):  # a Friday
        return [r.value for r in find_times(text, dct, nlp(text)) if r.text == "Monday"]

    assert day("Netanyahu and Arafat meet separately Monday with Albright.") == ["1998-05-04"]
    # a past form that looks present ("hurt", "cut") and reporting verbs keep the past reading
    assert day("Weakness in technology stocks hurt the index on Monday.") == ["1998-04-27"]


def test_no_expression_spans_a_line_break():
    text = "Russian markets to remain closed until Friday\nSeptember 18, 2008 The Russian government said."
    got = [(r.text, r.value) for r in find_times(text, "2008-09-18")]
    assert ("Friday", "2008-09-19") in got and ("September 18, 2008", "2008-09-18") in got


@pytest.mark.parametrize(
    "text,value",
    [
        ("Exiles said they would look for ways to get around Wednesday's ruling.", "2000-01-05"),  # news: gone by
        ("Both parties campaigned hard ahead of Wednesday's vote.", "2000-01-12"),  # ... unless it is awaited
    ],
)
def test_possessive_weekday(text, value):
    assert [r.value for r in find_times(text, "2000-01-07") if r.text == "Wednesday"] == [value]


def test_parse_that_looks_ahead_beats_a_past_cue_word():
    from triangulate.annotate.nlp import get_nlp

    text = "The bank announced an agreement to acquire the Peoria holding company in January."
    got = [r.value for r in find_times(text, "1989-11-02", get_nlp("en")(text)) if r.text == "January"]
    assert got == ["1990-01"]  # "an agreement to acquire ... in January": ahead, though "announced" is past
    assert [r.value for r in find_times(text, "1989-11-02") if r.text == "January"] == ["1989-01"]  # words only


@pytest.mark.parametrize(
    "text",
    ["He spoke against the now-cancelled deal.", "The Russell 2000 Index of smaller companies fell."],
)
def test_not_time_expressions(text):
    assert find_times(text, "2009-02-24") == []
