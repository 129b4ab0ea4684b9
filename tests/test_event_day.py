"""The event date across a story's reports (issue 5): the majority date, unless a well-supported date up to two
days before it tells the violence itself (the later day is that of a death in hospital or an arrest)."""

from triangulate.reconcile.events import _event_day


def test_a_well_supported_earlier_day_is_the_events():
    assert _event_day(["2016-01-06", "2016-01-06", "2016-01-05"], [1.0, 1.0, 1.0]) == "2016-01-05"


def test_the_majority_stays_beside_a_faint_or_distant_earlier_day():
    assert _event_day(["2016-01-06"] * 4 + ["2016-01-05"], [1.0] * 5) == "2016-01-06"
    assert _event_day(["2016-01-06", "2016-01-01"], [1.0, 1.0]) == "2016-01-06"
    assert _event_day(["2016-01-06", "2016-01-07"], [1.0, 1.0]) == "2016-01-06"
    assert _event_day(["2016-01"], [1.0]) == "2016-01" and _event_day([], []) is None


def _day_events(text, published, title=None):
    from triangulate.annotate import annotate
    from triangulate.extract.events import find_events
    from triangulate.extract.figures import find_figures

    ann, doc = annotate(text, published)
    f = find_figures(doc, text, ann, [], "t", published)
    return find_events(doc, text, ann, f, [], "t", published, title=title)


def test_died_after_being_adverbially_shot_takes_the_shootings_day():
    ev = _day_events("A Lodi eighth-grader died Friday after being accidentally shot at his home Thursday, "
                     "according to a release.", "2014-10-01")
    assert ev and ev[0].date == "2014-09-25"


def test_a_statements_day_bounds_an_otherwise_undated_event():
    # the parse dates the saying, not the shooting: the day of the statement is nearer than the publication's
    ev = _day_events("Monday night, police say a three-year-old boy was found shot.", "2014-11-04")
    assert ev and all(e.date == "2014-11-03" and e.date_precision == 2 for e in ev)


def test_a_headline_event_takes_the_day_its_headline_names():
    text = "Already a subscriber? Click on the button below to set up your account or log in."
    ev = _day_events(text, "2013-10-14", "Police: Multiple people shot Sunday outside Harrisburg community center")
    assert len(ev) == 1 and ev[0].date == "2013-10-13" and ev[0].date_precision == 1
    ev = _day_events(text, "2013-10-14", "4 people shot in southeast Atlanta")
    assert len(ev) == 1 and ev[0].date == "2013-10-14" and ev[0].date_precision == 2


def test_a_single_victim_in_headlinese_or_by_months_is_one_dead():
    text = "Already a subscriber? Click on the button below."
    assert [e.fatalities for e in _day_events(text, "2015-06-06", "Hummelstown Juvenile dead from gunshot wound")] == [1]
    ev = _day_events("The police confirm an 18-month old is dead after an apparent shooting in Beebe Friday morning.",
                     "2015-06-06")
    assert ev and ev[0].fatalities == 1
    ev = _day_events("Two men were found dead in the home.", "2015-06-06")
    assert ev and ev[0].fatalities == 2


def test_a_call_reporting_a_shooting_dates_the_shooting_not_a_statement():
    # "a call reporting ... at 5 p.m. on Thursday": the participle describes the call; Thursday is the story's day
    text = ("Deputies responded to a call reporting an accidental shooting at 5 p.m. on Thursday at a home on Bugg "
            "Street. The sheriff said Cole Kirkpatrick died after he was shot in the head. The district closed all "
            "schools Friday at noon.")
    ev = [e for e in _day_events(text, "2016-12-09") if e.trigger == "died"]
    assert ev and ev[0].date == "2016-12-08" and ev[0].date_precision == 1


def test_the_death_of_one_named_by_age_or_headlinese_is_one_dead():
    text = "Already a subscriber? Click on the button below."
    assert [e.fatalities for e in _day_events(text, "2016-11-24", "Antioch Police Investigate Shooting Death Of Teen")] == [1]
    assert [e.fatalities for e in _day_events(text, "2016-11-24", "Police investigate deaths of teens")] != [1]


def test_a_word_describing_a_gun_is_no_trigger():
    text = ("Police said Friday's shooting death of 17-year-old Jaylene Cruz occurred as she and her boyfriend were "
            "playing around with a loaded, stolen gun.")
    ev = _day_events(text, "2015-10-05")
    assert [(e.event_type, e.fatalities) for e in ev] == [("Violence against civilians", 1)]


def test_shoots_and_wounds_self_are_triggers_and_tell_a_survivor():
    from triangulate.reconcile.events import survivor_told
    junk = "Get email notifications on Joel Currier daily! Your notification has been saved."
    ev = _day_events(junk, "2017-01-09", "St. Louis County man accidentally shoots 13-year-old nephew, police say")
    assert len(ev) == 1 and ev[0].event_type == "Violence against civilians"
    ev = _day_events("A 13-year-old boy had surgery after accidentally wounding himself while hunting.", "2015-11-28")
    assert ev and ev[0].event_type == "Violence against civilians"
    assert survivor_told(["A 13-year-old boy had surgery after accidentally wounding himself while hunting."])
    assert survivor_told([], ["Oconee County teen wounds self with rifle while hunting"])


def test_grazed_by_a_bullet_is_an_attack():
    junk = "We hope you've enjoyed your preview. You've now read the maximum number of stories."
    ev = _day_events(junk, "2017-03-14", "13-year-old's toe grazed by bullet at Little Rock strip mall")
    assert len(ev) == 1 and ev[0].event_type == "Violence against civilians" and ev[0].place.name == "Little Rock"


def test_a_death_of_a_past_incident_in_the_same_sentence_is_not_the_events():
    text = ("A 7-year-old boy was wounded by a bullet Monday evening in Paterson. The shooting Monday night happened "
            "just down the street from a July 2014 shooting that left a 12-year-old girl dead.")
    assert [e.fatalities for e in _day_events(text, "2016-02-29")] == [0, 0]
    # a death after a time that dates the event itself counts
    ev = _day_events("A 12-year-old girl was shot dead on Monday, February 29, 2016, police said.", "2016-03-01")
    assert ev and ev[0].fatalities == 1


def test_no_event_day_after_its_first_report_was_published():
    # the first report gives no day of its own (a bound, precision 2); the follow-up, four days later, dates its
    # retelling "He shot himself in the hand" by its own news (the mother charged): the event is not that day's
    from triangulate.model import Article, Event, EventPlace
    from triangulate.reconcile.common import Provenance, independent_groups
    from triangulate.reconcile.events import merge_events

    arts = [Article("a", "x", "a", published="2017-03-25"), Article("b", "y", "b", published="2017-03-29")]
    prov = Provenance(arts, [], independent_groups(["a", "b"], []))

    def ev(aid, date, prec):
        return Event(id=f"e-{aid}", article_id=aid, event_type="Violence against civilians", sub_event_type="Attack",
                     date=date, date_precision=prec, place=EventPlace("Detroit"), trigger="shot",
                     sentence="He shot himself in the hand.", fatalities=0)
    merged, _ = merge_events([ev("a", "2017-03-25", 2), ev("b", "2017-03-29", 1)], arts, prov)
    assert len(merged) == 1 and merged[0].date == "2017-03-25" and merged[0].date_precision == 2
    # reports all dated after the first publication (no other date): kept as they are
    merged, _ = merge_events([ev("b", "2017-03-29", 1)], arts, prov)
    assert merged[0].date == "2017-03-29"


def test_a_dated_dateline_before_publication_is_the_day_relative_dates_resolve_against():
    from triangulate.ingest.dates import written_on
    from triangulate.model import Article
    from triangulate.pipeline import analyze_article

    text = ("SAVANNAH, GA (August 2, 2015): An argument and shoving match between two men in Ellis Square ended in "
            "a shooting that injured five bystanders early this morning.")
    assert written_on(text, "2017-01-05") == "2015-08-02"
    assert written_on(text, "2015-08-02") is None and written_on(text, None) is None
    assert written_on("BERLIN, Dec 27 (Reuters) - A man was shot.", "2020-01-05") is None  # no year written
    ex, _ = analyze_article(Article("a", text, "wtoc", published="2017-01-05"))
    assert ex.events and ex.events[0].date == "2015-08-02"
    assert any(t.value == "2015-08-02" for t in ex.annotations.times)


def test_a_headline_telling_one_death_counts_one_dead():
    text = "Already a subscriber? Click on the button below."
    assert [e.fatalities for e in _day_events(text, "2014-02-09",
                                              "Attempt to deal with stray dogs led to accidental shooting death")] == [1]
    assert [e.fatalities for e in _day_events(text, "2016-05-19", "Update: Sarasota death ruled homicide by gunshot wound")] == [1]
    assert [e.fatalities for e in _day_events(text, "2016-05-19", "Police investigate shooting deaths in Sarasota")] != [1]
    assert [e.fatalities for e in _day_events(text, "2016-05-19", "Man shot in Sarasota faces death threats")] != [1]


def test_a_headlines_dead_go_to_the_violence_not_to_the_vigil_told_first():
    from triangulate.model import Event, Figure
    from triangulate.reconcile.events import _Cluster, _headline_figures

    vigil, attack = _Cluster(), _Cluster()
    vigil.add(Event(id="r1", article_id="a", event_type="Protests", sub_event_type="Peaceful protest"))
    attack.add(Event(id="r2", article_id="a", event_type="Violence against civilians", sub_event_type="Attack"))
    dead = Figure(id="f-a-t1", article_id="a", category="killed", value=1, in_title=True)
    assert _headline_figures([vigil, attack], [dead]) == [{}, {"a": [dead]}]
    # more articles reporting an event still decide first
    vigil.add(Event(id="r3", article_id="b", event_type="Protests", sub_event_type="Peaceful protest"))
    attack.add(Event(id="r4", article_id="a", event_type="Violence against civilians", sub_event_type="Attack"))
    vigil.add(Event(id="r5", article_id="a", event_type="Protests", sub_event_type="Peaceful protest"))
    assert _headline_figures([vigil, attack], [dead]) == [{"a": [dead]}, {}]


def test_a_word_of_a_paired_compound_or_the_month_march_is_no_trigger():
    assert _day_events("It's adapt or die for many brick-and-mortar retailers.", "2017-03-18") == []
    assert _day_events("Freep Film Festival coming March 30-April 2", "2017-03-18") == []
    ev = _day_events("Thousands march in Detroit against the war.", "2017-03-18")
    assert [e.event_type for e in ev] == ["Protests"]
    ev = _day_events("A rebel air-strike killed five people.", "2017-03-18")
    assert ev and ev[0].fatalities == 5


def test_trigger_words_used_for_something_else_are_no_events():
    for text in ["Police found four shell casings near the corner.", "I just fell to the ground and balled up, the witness said.",
                 "Officers from the Bureau of Alcohol, Tobacco, Firearms and Explosives began searches.",
                 "We need the assistance of our citizens to combat the gun violence.",
                 "A community is rallying around an Estill County teen."]:
        assert _day_events(text, "2017-03-18") == [], text
    assert [e.trigger for e in _day_events("Andrade pulled out a handgun and fired several shots, striking four people.",
                                           "2017-03-18")] == ["fired"]
    assert [e.trigger for e in _day_events("Surveillance video captured a masked gunman opening fire on the rapper.",
                                           "2017-03-18")] != ["captured"]
    # the same words still tell what they tell in a war report
    assert [e.sub_event_type for e in _day_events("Government forces pulled out of the town.", "2017-03-18")] == [
        "Non-violent transfer of territory"]
    assert [e.sub_event_type for e in _day_events("Rebels captured the town of Saraqeb.", "2017-03-18")] == [
        "Non-state actor overtakes territory"]
    assert [e.sub_event_type for e in _day_events("The town fell to the rebels on Monday.", "2017-03-18")] == [
        "Non-state actor overtakes territory"]


def test_each_event_says_how_its_date_was_read():
    ev = _day_events("A man was shot Thursday night on Elm Street. The shooting is under investigation.", "2016-08-26")
    assert [(e.date, e.date_source) for e in ev] == [("2016-08-25", "trigger"), ("2016-08-25", "report")]
    ev = _day_events("Police said the victim was shot in the foot just before 11 p.m.", "2016-06-06")
    assert [(e.date, e.date_precision, e.date_source) for e in ev] == [("2016-06-06", 2, "publication")]
    assert _day_events("A senseless act that leaves an 8-year-old fighting for his life, said the mayor.", "2016-08-26") == []


def test_a_place_named_in_a_reports_own_sentence_outvotes_its_dateline():
    from triangulate.model import Article, Event, EventPlace
    from triangulate.reconcile.common import Provenance, independent_groups
    from triangulate.reconcile.events import merge_events

    text = ("PORTLAND, Ore. (KOIN) - The sheriff's office is investigating a shooting in Hubbard. The shooting "
            "happened Tuesday night. Deputies said the shooting was a murder-suicide.")
    ev = _day_events(text, "2017-01-06")
    assert [(e.place.name, e.place_source) for e in ev] == [("Hubbard", "sentence"), ("Portland", "article"),
                                                              ("Portland", "article")]
    arts = [Article("t", text, "koin", published="2017-01-06")]
    merged, _ = merge_events([e for e in ev], arts, Provenance(arts, [], independent_groups(["t"], [])))
    assert merged[0].place.name == "Hubbard"
