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
