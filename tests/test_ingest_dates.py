"""Publication-date inference on synthetic sentences (no dataset text, no seed special-casing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from triangulate.ingest.dates import DateGuess, infer_from_story, infer_published, normalise_date

TODAY = dt.date(2026, 1, 1)


def test_posted_line_wins_over_updated_and_body_dates():
    text = ("Bus crash kills four Posted: Tuesday, March 3, 2015 8:18 PM EST Updated: Friday, April 3, 2015\n\n"
            "The driver had been on duty since February 27, 2015, police said.")
    g = infer_published(text, today=TODAY)
    assert g.value == "2015-03-03" and g.method == "dateline" and g.confidence >= 0.9


def test_this_story_is_from_and_updated_only():
    assert infer_published("This story is from June 5, 2009\n\nthe council met on friday.", today=TODAY).value \
        == "2009-06-05"
    g = infer_published("Some intro line.\nMore text here. Updated: 12 August 2017\nThe rest of a long body text "
                        "that goes on and on for a while without any other date at all in it, really none.",
                        today=TODAY)
    assert g.value == "2017-08-12" and g.method == "dateline-updated" and g.confidence < 0.9


def test_header_date():
    g = infer_published("By Ann Lee | 14 February 2019\n\nThe storm hit the coast on Wednesday.", today=TODAY)
    assert g.value == "2019-02-14" and g.method == "header-date"


def test_weekday_agrees_with_day_month_year_from_past_years():
    # Oct 4 is a Friday in 2013, 2019, 2024: the text speaks of 2021 as the past, so 2024
    text = ("Protesters marched through the capital this Friday, October 4, the organisers said. "
            "It was the largest crowd since the elections of 2021.")
    g = infer_published(text, today=TODAY)
    assert g.value == "2024-10-04" and g.method == "weekday+daymonth" and g.confidence >= 0.7
    # the same sentence mentioning only 2015 as the past -> 2019
    g2 = infer_published(text.replace("2021", "2015"), today=TODAY)
    assert g2.value == "2019-10-04"
    # a future year ("by 2030") is not taken as the past
    g3 = infer_published(text.replace("the elections of 2021", "2018, with a target by 2030"), today=TODAY)
    assert g3.value == "2019-10-04"


def test_weekday_daymonth_without_any_year_stays_partial_then_story_completes():
    g = infer_published("Officials met on Tuesday, May 7, to discuss the budget.", today=TODAY)
    assert g.value is None and (g.month, g.day) == (5, 7) and g.method == "weekday+daymonth-partial"
    s = infer_from_story("", g, ["2019-05-08", "2019-05-09"])
    assert s.value == "2019-05-07" and s.confidence >= 0.5


def test_weekday_daymonth_without_this_is_less_sure():
    a = infer_published("Crowds gathered this Friday, October 4, in the capital. In 2021 they did not.", today=TODAY)
    b = infer_published("Crowds gathered on Friday, October 4, in the capital. In 2021 they did not.", today=TODAY)
    assert a.value == b.value == "2024-10-04" and a.confidence > b.confidence >= 0.5


def test_caption_date_plus_weekday():
    text = ("FILE PHOTO: Firefighters at the scene of a blaze in Springfield, March 2, 2022.\n\n"
            "A second fire broke out at the same depot on Saturday, the fire service said.")
    g = infer_published(text, today=TODAY)
    # March 2, 2022 was a Wednesday: the first Saturday on or after it is March 5
    assert g.value == "2022-03-05" and g.method == "caption+weekday"
    assert 0.5 <= g.confidence < 0.8


def test_latest_full_date_alone_is_weak():
    g = infer_published("The law passed on January 3, 2012 and was amended on July 9, 2014.", today=TODAY)
    assert g.value == "2014-07-09" and g.confidence < 0.5


def test_weekdays_alone_are_partial_then_completed_from_story():
    text = "Rebels launched an attack on Wednesday. Later on Thursday the army said it had regained ground."
    g = infer_published(text, today=TODAY)
    assert g.value is None and set(g.weekdays) == {2, 3}
    # story anchor: Saturday 2023-03-11 -> latest of Wed/Thu at or before it is Thursday 2023-03-09
    s = infer_from_story(text, g, ["2023-03-11", "2023-03-10"])
    assert s.value == "2023-03-09" and s.method == "story+weekday" and 0.3 <= s.confidence < 0.8
    # anchor on the Thursday itself
    assert infer_from_story(text, g, ["2023-03-09"]).value == "2023-03-09"


def test_next_and_plural_weekdays_are_not_news_days():
    g = infer_published("Talks will resume next Monday. Markets close on Sundays.", today=TODAY)
    assert g.weekdays == []


def test_daymonth_without_year_completed_from_story():
    text = "LONDON, Dec 30 (Agency) - Ministers met to discuss the rail strike."
    g = infer_published(text, today=TODAY)
    assert g.value is None and (g.month, g.day) == (12, 30)
    s = infer_from_story(text, g, ["2018-01-02"])
    assert s.value == "2017-12-30" and s.method == "story+daymonth"


def test_confident_own_date_is_kept_and_no_story_keeps_guess():
    g = DateGuess("2020-05-05", 0.9, "dateline")
    assert infer_from_story("", g, ["2021-01-01"]) is g
    empty = DateGuess(None, 0.0, None)
    assert infer_from_story("", empty, []).value is None
    assert infer_from_story("", empty, ["2021-01-01", "2021-01-03", "2021-01-02"]).value == "2021-01-02"


def test_normalise_date():
    assert normalise_date("2017-12-27T06:57:28") == "2017-12-27T06:57:28"
    assert normalise_date("2017-12-27 06:57:28Z") == "2017-12-27T06:57:28+00:00"
    assert normalise_date("2014-01-28") == "2014-01-28"
    assert normalise_date("Tue, 28 Jan 2014 20:18:00 GMT").startswith("2014-01-28T20:18:00")
    assert normalise_date("28 January 2014") == "2014-01-28"
    assert normalise_date("not a date") is None
    assert normalise_date("2014-02-30") is None


def test_seed_articles_dated_from_text_or_story():
    """The seed articles carry no metadata: 002 and 003 are dated from their own text, the others from their
    story (the pipeline passes the story's dated articles)."""
    seeds = sorted((Path(__file__).parents[1] / "examples" / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    own = {p.name[:3]: infer_published(p.read_text()) for p in seeds}
    assert own["002"].value == "2020-02-01" and own["002"].confidence >= 0.5
    assert own["003"].value == "2024-11-29" and own["003"].confidence >= 0.7
    for k in ("000", "001", "004"):
        assert own[k].value is None or own[k].confidence < 0.5
    story_a = [own["002"].value]
    story_b = [own["003"].value]
    assert infer_from_story("", own["000"], story_a).value == "2020-02-01"
    assert infer_from_story("", own["001"], story_a).value == "2020-02-01"
    assert infer_from_story("", own["004"], story_b).value == "2024-11-28"


def test_parenthesised_dateline_and_latest_full_date():
    g = infer_published("Watch the video\n\nSPRINGVALE, Ore. (Sept. 14, 2016) - Two men were arrested.", today=TODAY)
    assert g.value == "2016-09-14" and g.method == "dateline" and g.confidence >= 0.8
    # a full date that the text also calls by its weekday: the day of the news, still below the storing threshold
    g = infer_published("Police were called on Saturday. The shooting happened late on Saturday, June 4, 2016.",
                        today=TODAY)
    assert g.value == "2016-06-04" and g.method == "fulldate+weekday" and g.confidence < 0.5
