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
