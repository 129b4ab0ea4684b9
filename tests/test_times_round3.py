"""Round-3 time rules: narrative anchoring, same-period comparisons, span edges, DCT inference in the eval."""

import pytest

from triangulate.annotate.times import find_times


def refs(text, dct):
    return [(r.text, r.value) for r in find_times(text, dct)]


@pytest.mark.parametrize(
    "text,dct,expected",
    [
        # narrative anchoring: "the next day", "two days later" count from the last day mentioned, not the DCT
        ("He was arrested on March 3. The next day he was released.", "2010-03-13", ("The next day", "2010-03-04")),
        ("He was arrested on Monday. The following morning he was freed.", "2010-03-13",
         ("The following morning", "2010-03-09TMO")),
        ("Police came on May 2, 2009 and again the day before.", "2010-03-13", ("the day before", "2009-05-01")),
        ("He was elected in 1998. Two years later he resigned.", "2010-03-13", ("Two years later", "2000")),
        # chained: the anchor moves with each resolved day
        ("He left on March 3. The next day he was seen; the following day he vanished.", "2010-03-13",
         ("the following day", "2010-03-05")),
        # without an earlier day the publication date anchors ("two days later": test_times_round5)
        ("He died the next day.", "2010-03-13", ("the next day", "2010-03-14")),
        # the same period a year ago: the month or quarter last named, one year back
        ("Sales rose 43% in February compared to the same period last year.", "2010-03-03",
         ("the same period last year", "2009-02")),
        ("Profit in the third quarter rose from the same period a year earlier.", "2010-03-13",
         ("the same period a year earlier", "2008-Q3")),
        ("Sales fell 35% in January, compared to the same month a year ago.", "2009-02-03",
         ("the same month a year ago", "2008-01")),
        # "the following month/year/week" count from the period just told about; "the next year" stays deictic
        ("In March 1989 he resigned. The following month, the company was sold.", "1989-10-27",
         ("The following month", "1989-04")),
        ("He was elected in 1998; the following year he resigned.", "2009-02-03", ("the following year", "1999")),
        ("Ford sales dropped 42% in January from the previous year.", "2009-02-03", ("the previous year", "2008")),
        ("He was elected in 1998. The next year or so will be hard.", "2009-02-03", ("The next year", "2010")),
        # earnings reports: "the 1988 quarter" is that year's reported quarter; "the latest quarter" the last one done
        ("Net rose in the third quarter. It earned $3 million in the 1988 quarter.", "1989-10-30",
         ("the 1988 quarter", "1988-Q3")),
        ("Sales rose in the fourth quarter. Profit fell in the latest quarter.", "1989-11-02",
         ("the latest quarter", "1989-Q3")),
    ],
)  # fmt: skip
def test_narrative_and_same_period(text, dct, expected):
    assert expected in refs(text, dct)


@pytest.mark.parametrize(
    "text,span",
    [
        ("Prices rose over the last five years.", "the last five years"),  # "over" is a preposition here
        ("Prices rose for over five years.", "over five years"),  # ... and "more than" here
        ("The answer is coming in just a few minutes.", "a few minutes"),  # "just"/"only" stay outside
        ("He left after only six months.", "six months"),
        ("In the past, it was cheaper.", "the past"),
        ("More recently it has followed the militias.", "More recently"),
        ("The summit will be held on April 24 and 25.", "25"),  # the second day of a pair
        ("The March accession will enable them to join.", "March"),
        ("He will appear in court at midday.", "midday"),
        ("Cars of the 70s and 80s were boxy.", "80s"),
        ("Numbers dropped through the nineties.", "the nineties"),
        ("It soon will begin selling boxes.", "soon"),
    ],
)
def test_span_edges(text, span):
    assert span in [r.text for r in find_times(text, "1998-03-03")]


def test_eval_infers_a_missing_dct_from_the_date_line(tmp_path):
    """A MEANTIME-style document without a creation time is dated from its own date line, as the pipeline does."""
    from triangulate.eval.time import TimeDoc, GoldTimex, score_doc

    text = "Test flight delayed\nSeptember 01, 2007\nThe flight was delayed today after an accident."
    s = text.index("today")
    doc = TimeDoc("x", text, None, [GoldTimex(s, s + 5, "today", "2007-09-01", "DATE")])
    c = score_doc(doc)
    assert c.value == 1


def test_second_day_of_a_pair_shares_the_month():
    assert ("25", "1999-04-25") in refs("The summit will be held on April 24 and 25.", "1999-02-10")


def test_reading_time_boilerplate_is_not_a_duration():
    assert refs("3 min read Syrian insurgents attacked on Saturday.", "2020-02-01") == [("Saturday", "2020-02-01")]
    assert ("3 minutes", "PT3M") in refs("The attack lasted 3 minutes.", "2020-02-01")


def test_short_decades_need_the_article_and_soon_needs_no_as():
    assert ("70s", "197") in refs("Cars of the 70s and 80s were boxy.", "2007-02-09")
    assert refs("Both men are in their 70s.", "2007-02-09") == []
    assert refs("Return the boy as soon as possible.", "2000-01-07") == []
    assert ("soon", "FUTURE_REF") in refs("Prosecutors may soon seek an indictment.", "1989-10-27")


def test_month_sets_and_last_half():
    assert ("each July", "XXXX-07") in refs("Orangemen march each July from their church.", "1998-03-22")
    assert [r.type for r in find_times("Orangemen march each July.", "1998-03-22")] == ["SET"]
    assert ("the last half of 1989", "1989-H2") in refs("Earnings fell for the last half of 1989.", "1989-10-26")
    assert refs("It shaped the last half of the '80s.", "1989-10-26") == [("the '80s", "198")]


def test_generic_today_and_tomorrow_are_not_days():
    assert refs("The case of Elian is for today's youth what the blockade was.", "2000-01-07") == []
    assert refs("If I were choosing the people of tomorrow, I would keep them.", "1989-11-02") == []
    assert ("today", "1989-11-02") in refs("The offer, advertised in today's editions, is open.", "1989-11-02")


def test_time_precision_maps_granularity_to_acled():
    from dataclasses import asdict

    from triangulate.annotate.times import time_precision

    got = {r.text: time_precision(r) for r in find_times(
        "On Saturday, this week, in March 2019, last weekend, for three days, daily, now, and in 2016.", "2020-02-01")}
    assert got == {"Saturday": 1, "this week": 2, "March 2019": 3, "last weekend": 2, "three days": None,
                   "daily": None, "now": None, "2016": 3}
    # the extract command passes plain dicts
    (r,) = find_times("It happened on Friday evening.", "2020-02-01")
    assert time_precision(asdict(r)) == 1 and r.precision == "time"
    assert time_precision(asdict(find_times("It happened on Friday.", None)[0])) is None  # XXXX-XX-XX


def test_token_windows_cover_every_anchor_regex_hit():
    """The word-by-word anchor pass finds every hit of the per-key anchor regexes (a window around each)."""
    import re

    from triangulate.annotate.timex import rules as R

    text = ("On New Year's Eve, three months after the A380 flew, Fridays and bi-weekly talks resumed; "
            "in the nineteen-nineties, the 4th quarter, soon, the year-ago period, currently at 10:35 a.m.")
    wins = R._windows(text)
    for key, pat in R._ANCHORS.items():
        for m in re.finditer(pat, text, re.I):
            assert any(s <= m.start() and m.end() <= e for s, e in wins.get(key, ())), (key, m.group())


def test_parsed_doc_tense_reads_the_governing_verb(nlp):
    """doc_tense walks from the expression to its verb (token identity by index: spaCy makes new Token objects)."""
    from triangulate.annotate.timex.rules import doc_tense

    text = "The king met Bush on Monday and will meet him again on Thursday."
    doc = nlp(text)
    assert doc_tense(doc, text.index("Monday"), text.index("Monday") + 6) == -1
    assert doc_tense(doc, text.index("Thursday"), text.index("Thursday") + 8) == 1
