"""Round-2 time rules: tense cues, spelled-out years, fiscal periods, year end, anaphoric years, UTC clock times."""

import pytest

from triangulate.annotate.times import find_times


def value_of(text, dct, span):
    refs = [r for r in find_times(text, dct) if r.text == span]
    assert refs, (span, [(r.text, r.value) for r in find_times(text, dct)])
    return refs[0].value


@pytest.mark.parametrize(
    "text,dct,span,value",
    [
        # tense: passive participles / 'to be' / 'effective' point forward; a past verb nearest the date points back
        ("They expect the sale to be completed by Dec. 15.", "1989-10-31", "Dec. 15", "1989-12-15"),
        ("Mr. Smith will succeed Daniel P. Davison Feb. 1, the company said.", "1989-10-26", "Feb. 1", "1990-02-01"),
        ("The new pact is effective June 1.", "1989-10-26", "June 1", "1990-06-01"),
        ("The thrift announced the plan Aug. 21.", "1989-10-27", "Aug. 21", "1989-08-21"),
        ("The deal should be completed in October.", "2009-06-05", "October", "2009-10"),
        ("It revised the plans announced in January.", "2006-08-19", "January", "2006-01"),
        ("The group has scheduled a news conference Thursday.", "1999-05-05", "Thursday", "1999-05-06"),
        ("A bomb exploded next to the embassy on Friday.", "1998-08-08", "Friday", "1998-08-07"),  # 'next to' is spatial
        ("Then, a week or so ago, the general picked the date.", "1991-02-25", "a week or so ago", "1991-02-18"),
        # spelled-out years
        ("In nineteen ninety-one he was convicted.", "1998-01-15", "nineteen ninety-one", "1991"),
        ("It was January nineteen ninety-seven.", "1998-02-27", "January nineteen ninety-seven", "1997-01"),
        ("The approach of the year two thousand worries them.", "1998-03-03", "the year two thousand", "2000"),
        # fiscal periods and the year's end
        ("Net income for the year ended June 30 rose.", "1989-11-02", "the year", "P1Y"),
        ("The cuts will be made by year end.", "1989-10-26", "year end", "1989"),
        ("The goal is to cut costs by the end of the year.", "1989-10-30", "the end of the year", "1989"),
        ("It forecast higher profit for the full year.", "1989-10-30", "the full year", "1989"),
        # anaphoric year and day
        ("He fled in June 1998 and returned later that year.", "2000-01-28", "later that year", "1998"),
        ("The Dow fell 3% on Monday to end the day at 7,114.", "2009-02-24", "the day", "2009-02-23"),
        # holidays with moving dates, clock words, earnings periods, future references
        ("It will be a theme of the campaign from now to Election Day.", "1998-10-26", "Election Day", "1998-11-03"),
        ("Protesters prayed as Easter week began.", "2000-04-17", "Easter week", "2000-W16"),
        ("The father will leave at 4 in the morning.", "2000-04-05", "4 in the morning", "2000-04-05T04:00"),
        ("Profit rose to $9 million in the third quarter. The latest period had gains.", "1989-11-01",
         "The latest period", "1989-Q3"),
        ("The plan aims to placate holders in the short term.", "1989-10-30", "the short term", "FUTURE_REF"),
        ("The aircraft will be built at a rate of 15 a year.", "2008-03-01", "a year", "P1Y"),
        # 'ago' ends the expression whatever follows; quarters after a year; 'trading days'; 'a couple of'
        ("People who brought him to power 42 years ago gathered.", "2000-02-16", "42 years ago", "1958"),
        ("Profit rose from the 1988 second quarter.", "1989-11-02", "the 1988 second quarter", "1988-Q2"),
        ("Shares fell in the past five trading days.", "2011-03-18", "the past five trading days", "P5D"),
        ("It took a couple of years.", "1998-01-08", "a couple of years", "P2Y"),
        ("Sales will rise in the current fiscal year.", "1989-11-02", "the current fiscal year", "1989"),
        ("The Dow rebounded late in the day.", "2007-08-10", "late in the day", "2007-08-10"),
        ("At 0800 UTC the central banks acted.", "2008-09-18", "0800 UTC", "2008-09-18T08:00Z"),
        ("Markets closed at their lowest in over a decade.", "2009-02-24", "over a decade", "P10Y"),
        ("It is their largest conference in the past decade.", "2005-06-06", "the past decade", "P10Y"),
        # clock times in UTC
        ("The quake struck at 18:00 UTC.", "2009-12-16", "18:00 UTC", "2009-12-16T18:00Z"),
    ],
)
def test_round2_values(text, dct, span, value):
    assert value_of(text, dct, span) == value


def test_spelled_numbers_that_are_not_years():
    spans = {r.text for r in find_times("They kept the secret for more than two thousand years.", "1998-01-21")}
    assert "two thousand" not in spans


def test_parsed_doc_decides_when_the_words_say_nothing():
    from triangulate.annotate.nlp import get_nlp

    text = "The company intends to open the plant in February."  # no cue word near the date
    doc = get_nlp("en")(text)
    assert [r.value for r in find_times(text, "1989-10-30") if r.text == "February"] == ["1989-02"]
    assert [r.value for r in find_times(text, "1989-10-30", doc) if r.text == "February"] == ["1990-02"]
    text2 = "Thermo Electron bought the chromatography line in February."
    doc2 = get_nlp("en")(text2)
    assert [r.value for r in find_times(text2, "1989-10-30", doc2) if r.text == "February"] == ["1989-02"]


def test_eval_accepts_a_parser():
    from pathlib import Path

    from triangulate.annotate.nlp import get_nlp
    from triangulate.eval.time import evaluate, load_timeml

    doc = load_timeml(Path(__file__).parent / "fixtures" / "time" / "synthetic_0001.tml")
    assert evaluate([doc], nlp=get_nlp("en")).metrics()["value_f1"] > 0.8
