"""Where a local shooting happened: parts of a town, hospital towns, datelines as the document read them, headlines."""

from triangulate.annotate import annotate
from triangulate.annotate.places import find_places
from triangulate.extract.events import dateline_place, find_events, title_place
from triangulate.extract.figures import find_figures
from triangulate.model import Annotations, Place, PlaceMention


def _events(text, published="2021-03-08", title=None):
    ann, doc = annotate(text, published)
    f = find_figures(doc, text, ann, [], "t", published)
    return find_events(doc, text, ann, f, [], "t", published, title)


def test_a_side_of_town_lies_in_the_town_the_report_names(nlp):
    text = "A man was shot on the South Side early Sunday. Chicago police said he was in good condition."
    ms = {m.text: m.place for m in find_places(nlp(text), text)}
    assert ms["South Side"] is not None and ms["South Side"].name == "Chicago"


def test_a_neighborhood_named_like_a_far_town_lies_in_the_report_town(nlp):
    text = "A gunman opened fire on a home in the Austin neighborhood of Chicago on Sunday."
    ms = {m.text: m.place for m in find_places(nlp(text), text)}
    assert ms["Austin"].name == "Chicago" and ms["Austin"].admin1 == "Illinois"
    text = "Two men were shot Friday in the Knoxville section of Pittsburgh, police said."
    ms = {m.text: m.place for m in find_places(nlp(text), text)}
    assert ms["Knoxville"].name == "Pittsburgh"


def test_a_side_of_town_stays_unresolved_without_a_town(nlp):
    text = "A man was shot on the West Side early Sunday."
    assert all(m.place is None for m in find_places(nlp(text), text) if m.text == "West Side")


def test_the_hospital_town_is_not_the_shooting_place():
    text = ("A 9-year-old boy was shot in Fontaine on Saturday, deputies said. "
            "The child was pronounced dead at Arkansas Methodist Medical Center in Paragould.")
    ev = _events(text, "2021-03-08")
    assert ev and all(e.place is None or e.place.name != "Paragould" for e in ev)


def test_a_dateline_without_state_is_read_as_the_document_read_it():
    sterling = Place("Sterling", 41.79, -89.70, 4250542, "US", "Illinois", "city", 15000)
    ann = Annotations(places=[PlaceMention(0, 8, "STERLING", place=sterling)])
    p = dateline_place("STERLING - A boy was shot in Rock Falls.", ann)
    assert p is not None and p.admin1 == "Illinois"


def test_headline_place_when_the_text_names_none():
    p = title_place("Four wounded in shooting at Pomona restaurant drive-through")
    assert p is not None and p.name == "Pomona" and p.admin1 == "California"
    assert title_place("") is None and title_place(None) is None
    ev = _events("Four people were wounded in a shooting on Saturday night, police said.", "2021-03-08",
                 "Four wounded in shooting at Pomona restaurant drive-through")
    assert ev and ev[0].place is not None and ev[0].place.name == "Pomona"


def test_undated_violence_takes_the_day_the_report_gives_its_shooting():
    text = ("A 13-year-old boy shot himself Tuesday with a handgun, police said. "
            "The teen is recovering well after the shooting at his home, family members said.")
    ev = [e for e in _events(text, "2015-08-05") if e.event_type == "Violence against civilians"]
    assert len(ev) >= 2 and {e.date for e in ev} == {"2015-08-04"}


def test_a_follow_up_takes_the_shooting_day_weeks_back():
    text = ("A man was sentenced on Thursday in the death of his friend. "
            "Matt Anderson, 15, was killed by a gunshot wound to his chest on March 1. "
            "The boy was shot at a home in Rock Falls.")
    ev = [e for e in _events(text, "2014-08-25") if e.event_type == "Violence against civilians"]
    assert ev and all(e.date == "2014-03-01" for e in ev)


def test_eval_events_writes_the_wrong_incidents(tmp_path):
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from triangulate.eval.events import command
    out = tmp_path / "errors.jsonl"
    fix = Path(__file__).parent / "fixtures" / "events"
    res = CliRunner().invoke(command, ["--data", str(fix), "--errors", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    wrong = sum(1 for line in res.output.splitlines() if line.split()[-1] != "1.000" and "accuracy" in line)
    assert all(r["wrong"] and "gold_date" in r and "doc_ids" in r for r in rows)
    assert bool(rows) == bool(wrong)  # a line per incident with a wrong field, none when all are right


def test_an_event_dated_by_its_own_coarse_time_keeps_it():
    text = ("Rebels attacked army positions near Idlib on Saturday, killing five soldiers. "
            "Clashes last week killed 40 fighters in Idlib, the monitor said.")
    ev = [e for e in _events(text, "2020-02-03") if "40" in e.sentence]
    assert ev and all(e.date != "2020-02-01" for e in ev)


def test_a_report_of_violence_on_several_days_keeps_each_nearest_day():
    text = ("Government airstrikes killed 12 civilians in Idlib on Wednesday. "
            "On Friday, rebels shelled Aleppo, killing four people. "
            "The shelling also wounded 10 people in Aleppo.")
    ev = [e for e in _events(text, "2020-02-03") if e.sentence.startswith("The shelling")]
    assert ev and all(e.date == "2020-01-31" for e in ev)


def test_a_report_whose_text_tells_no_event_takes_its_headline_event():
    text = "Already a subscriber? Click on the button below to set up your account or log in."
    ev = _events(text, "2014-10-13", "4 people shot in southeast Atlanta")
    assert len(ev) == 1 and ev[0].event_type == "Violence against civilians"
    assert ev[0].date == "2014-10-13" and ev[0].date_precision == 2
    assert ev[0].place is not None and ev[0].place.name == "Atlanta"
    assert _events(text, "2014-10-13", "Town council approves new budget") == []
    assert all(e.sentence != "4 people shot in southeast Atlanta" for e in _events(
        "Four people were shot Sunday in Atlanta, police said.", "2014-10-13", "4 people shot in southeast Atlanta"))


def test_a_town_in_a_building_name_is_not_the_shooting_place():
    text = ("A 15-year-old boy was shot in Cornell Square Park late Thursday and taken to Mount Sinai Hospital. "
            "Chicago police said the boy was in good condition.")
    ev = _events(text, "2013-09-20")
    assert ev and all(e.place is not None and e.place.name == "Chicago" for e in ev)


def test_an_area_hospital_and_a_titled_surname_are_not_the_shooting_place():
    text = ("A 7-year-old child was shot in the back on Sunday. The child was taken to an Atlanta-area hospital. "
            "The boy was shot by his brother, Officer Alfaro said.")
    ev = _events(text, "2015-06-21")
    assert ev and all(e.place is None or e.place.name not in ("Atlanta", "Alfaro") for e in ev)


def test_a_page_stamp_does_not_date_the_shooting():
    text = ("Fairfax County police are looking for a killer. The teen was shot dead on Wednesday night. News4 has "
            "the latest. (Published Thursday, Sept. 8, 2016)\n\nBerger was pronounced dead at the scene.")
    ev = [e for e in _events(text, "2016-09-08") if e.event_type == "Violence against civilians"]
    assert len(ev) == 2 and all(e.date == "2016-09-07" for e in ev)


def test_the_day_of_a_later_state_does_not_date_the_shooting_after_it():
    text = ("Police say a boy found a gun in his home and shot himself in the hand Thursday night. "
            "The boy was recovering Friday morning after police say he accidentally shot himself.")
    ev = [e for e in _events(text, "2016-04-08") if e.event_type == "Violence against civilians"]
    assert len(ev) == 2 and all(e.date == "2016-04-07" for e in ev)


def test_a_small_town_alone_in_another_province_is_no_event_place():
    from triangulate.extract.events import _without_stray_towns
    from triangulate.model import Place, PlaceMention

    def m(name, admin1, feature="city", pop=1000, start=0):
        return PlaceMention(start, start + len(name), name, Place(name, 1.0, 1.0, country="US", admin1=admin1,
                                                                  feature=feature, population=pop))

    nj = [m("Vineland", "New Jersey", pop=60000), m("New Jersey", "New Jersey", "admin1", 9_000_000)]
    gerald, big = m("Gerald", "Missouri"), m("St. Louis", "Missouri", pop=300000)
    assert _without_stray_towns(nj + [gerald]) == nj  # a surname taken for a Missouri village
    assert _without_stray_towns(nj + [big]) == nj + [big]  # a large city stays
    # its own province named beside it, or another town of it, keeps it
    mo = m("Missouri", "Missouri", "admin1", 6_000_000)
    assert gerald in _without_stray_towns(nj + [gerald, mo])
    # one place of the other province is no majority
    assert gerald in _without_stray_towns(nj[:1] + [gerald])


def test_a_county_as_the_events_place_gives_way_to_a_town_named_in_it():
    from triangulate.extract.events import _town_in_county
    from triangulate.model import EventPlace, Place, PlaceMention

    county = EventPlace("Harris County", 29.86, -95.39, "US", "Texas", None, 2)
    humble = PlaceMention(0, 6, "Humble", Place("Humble", 29.99, -95.26, country="US", admin1="Texas", feature="city"))
    dallas = PlaceMention(9, 15, "Dallas", Place("Dallas", 32.78, -96.80, country="US", admin1="Texas", feature="city"))
    assert _town_in_county(county, [dallas, humble]).name == "Humble"  # Dallas lies far outside it
    assert _town_in_county(county, [humble]).precision == 1
    assert _town_in_county(county, [dallas]) is None
    state = EventPlace("Texas", 31.0, -99.0, "US", "Texas", None, 3)
    assert _town_in_county(state, [humble]) is None  # only a county gives way


def test_a_headlines_place_is_read_with_the_bodys_places():
    from triangulate.annotate import annotate
    from triangulate.extract.events import find_events
    from triangulate.extract.figures import find_figures

    text = ("Deputy Cody James said he found Steven Walker, of Johnson City, Tennessee, holding towels to a wound on "
            "the leg of Michael Hubbard, 48. Hubbard was transported to Johnson City Medical Center.")
    title = "Carter County man shoots own leg while handling revolver"
    ann, doc = annotate(text, "2017-03-29")
    ev = find_events(doc, text, ann, find_figures(doc, text, ann, [], "t", "2017-03-29"), [], "t", "2017-03-29",
                     title=title)
    assert ev and all(e.place is not None and e.place.admin1 == "Tennessee" for e in ev), [e.place for e in ev]
