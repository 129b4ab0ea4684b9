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
