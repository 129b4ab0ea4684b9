"""Round-6 time rules: idioms and modifiers that look like time expressions are not TIMEX3s."""

from triangulate.annotate.times import find_times


def refs(text, dct="1999-03-12"):
    return [(r.text, r.value) for r in find_times(text, dct)]


def test_high_noon_is_an_idiom_not_a_clock_time():
    text = "The poster showed Gary Cooper from the film High Noon. For Poland, high noon comes today."
    assert [t for t, _ in refs(text)] == ["today"]
    assert ("noon Thursday", "1999-03-11T12:00") in refs("Talks broke off at noon Thursday.")


def test_recently_before_a_date_modifies_it():
    found = refs("Doctors were killed, most recently last October when Dr. Slepian was shot.", "1998-10-25")
    assert [t for t, _ in found] == ["last October"]
    assert ("recently", "PAST_REF") in refs("The company recently cut its dividend.")


def test_a_programme_or_paper_name_is_not_a_time():
    assert refs("This is VOA Today.") == []
    assert refs("Baker, speaking on ABC News' \"This Week,\" said it.") == []
    assert refs("He told USA Today that it was over.") == []
    # a sentence's opening "Today" and a quoted "Today" stay times
    assert refs("He left. Today, he came back.") == [("Today", "1999-03-12")]
    assert refs("``Today, I am here,'' he said.") == [("Today", "1999-03-12")]
    assert refs("This week, he left.") == [("This week", "1999-W10")]


def test_earlier_in_the_year_is_the_running_unit():
    assert refs("Herbicide use was delayed earlier in the year by rains.", "1989-10-26") == [
        ("earlier in the year", "1989")
    ]
    assert refs("Sales fell later in the month.", "1989-10-26") == [("later in the month", "1989-10")]


def test_coming_and_past_plural_units_without_article_are_references():
    assert refs("It doesn't bode well for coming quarters.", "1989-10-26") == [("coming quarters", "FUTURE_REF")]
    assert refs("The Fed may cut rates in coming weeks.", "1989-10-26") == [("coming weeks", "FUTURE_REF")]
    assert refs("There were sell programs in past years, too.", "1989-10-26") == [("past years", "PAST_REF")]
    assert refs("In the coming years it will grow.", "1989-10-26") == [("the coming years", "PXY")]


def test_vague_stretches_of_time_are_durations():
    assert refs("Over the years many more patients died.") == [("the years", "PXY")]
    assert refs("You do not save as many lives in the early years.") == [("the early years", "PXY")]
    assert refs("They will live without it for a while.") == [("a while", "PXX")]
    assert refs("Forces could be in the region for some time.") == [("some time", "PXX")]
    # "in the years since", "some time later": not a stretch told by itself
    assert refs("In the years since, it grew.") == []
    assert refs("He left some time later.") == []


def test_recent_quarters_is_a_vague_duration_like_recent_years():
    assert refs("Insurance has been a tough business in recent quarters.", "1989-10-26") == [("recent quarters", "PXM")]
    assert refs("Sales fell in recent years.", "1989-10-26") == [("recent years", "PXY")]


def test_a_model_year_before_a_vehicle_make_is_not_a_time():
    assert refs("Kopp's 1987 Chevrolet Cavalier was found at the airport.", "1999-01-22") == []
    assert refs("Police sought a white 1998 Ford Explorer.", "1999-01-22") == []
    # a year in a clause about the company stays a year
    assert refs("In 1987 Ford Motor Co. lost money.", "1999-01-22") == [("1987", "1987")]
