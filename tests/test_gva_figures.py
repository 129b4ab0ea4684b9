"""GVA killed / injured (issue 5): the shooter's suicide counts among the dead, a victim who later died is killed,
gunshot wounds are shots (the dead have them too), no one / "lives nearby" are no victims, and an article's
injured are its shot less its dead when that is more than the injured it names. All texts are synthetic."""

from triangulate.annotate import annotate
from triangulate.extract import extract
from triangulate.extract.figures import find_figures
from triangulate.model import Article, Event, Figure
from triangulate.reconcile.common import Provenance
from triangulate.reconcile.events import conservative_injured

DAY = "2016-01-05"


def figs(text):
    ann, doc = annotate(text, DAY)
    return [(f.category, f.value) for f in find_figures(doc, text, ann, [], "t", DAY)]


def toll(text):
    ann, doc = annotate(text, DAY)
    ex = extract(Article(id="t", text=text, source="t", published=DAY), ann, doc)
    return [e.fatalities for e in ex.events]


def test_the_shooters_suicide_adds_to_the_toll():
    assert toll("A man shot six people on Saturday, killing four of them, before turning the gun on himself.") == [5]
    assert toll("A man killed his wife and two children before killing himself.") == [4]
    # a toll that already counts him stays
    assert toll("Two people were killed, including the gunman, who turned the gun on himself.") == [2]


def test_suicide_phrases_and_attempts():
    assert ("killed", 1) in figs("He then took his own life.")
    assert ("killed", 1) in figs("Investigators believe the gunman killed himself at the scene.")
    assert figs("She tried to take her own life.") == []
    assert ("shot", 1) in figs("The man turned the gun on himself and was taken to a hospital in critical condition.")


def test_a_victim_who_later_died_is_killed():
    assert ("killed", 1) in figs("A man was shot in the chest and later died at the hospital.")
    assert ("killed", 1) in figs("A teen was found with a gunshot wound and taken to a hospital, where he later "
                                 "died from his injuries.")
    assert ("shot", 1) in figs("A man was shot in the chest and taken to a hospital.")


def test_gunshot_wounds_are_shots_not_injuries():
    assert figs("The two were found inside a vehicle with gunshot wounds.") == [("shot", 2)]
    assert figs("Two people were wounded in the shooting.") == [("injured", 2)]


def test_no_one_and_a_neighbour_who_lives_nearby_are_no_victims():
    assert figs("None of them appeared to have been injured.") == []
    assert ("killed", 1) not in figs('"It is sad," said one woman who lives nearby.')
    assert ("killed", 3) in figs("Three people lost their lives in the crash.")


def _injured(fig_specs, text="z" * 400):
    figures = [Figure(f"f{i}", "a", cat, v, start=s, end=s + 3, sentence=text[s:s + 40])
               for i, (cat, v, s) in enumerate(fig_specs)]
    rep = Event("e1", "a", "Violence against civilians", "Attack", date=DAY, date_precision=1, fatalities=0)
    return conservative_injured([rep], Provenance([Article("a", text, "a", published=DAY)], [], [["a"]]),
                                {"a": figures}, {"a": text}, {"a": DAY})


def test_injured_are_the_shot_less_the_dead_when_more_than_those_named():
    # "four people were shot ... one died ... one is in critical condition": 3 injured, not 1
    assert _injured([("shot", 4, 0), ("killed", 1, 100), ("injured", 1, 200)]) == 3
    # the named injured stay when they are more
    assert _injured([("shot", 2, 0), ("injured", 5, 200)]) == 5
    # a victim also shot beside the dead is injured: "Three were killed. Another woman was also shot."
    text = "Three were killed. Another woman was also shot." + "z" * 300
    assert _injured([("killed", 3, 0), ("shot", 1, 27)], text) == 1


def test_a_pronoun_beside_other_victims_counts_and_a_lone_self_shooting_is_one():
    assert toll("He showed up at her house and killed her and three other people before fatally shooting "
                "himself.") == [5]
    assert toll("A 3-year-old boy fatally shot himself while playing with a gun.") == [1]


def test_ages_in_lists_are_no_counts():
    assert figs("He shot their three daughters, ages four, six and 13, at their home.") == [("shot", 3)]
    assert figs("Those killed were Tamara Perry, 14; Shamekia Sanders, 17; and Krystal Hutto, 28.") == []


def test_a_death_told_as_a_noun_counts_its_victims():
    assert ("killed", 1) in figs("A man has been charged in the shooting death of 16-year-old Javon Reilly.")
    assert ("killed", 2) in figs("Police are investigating the fatal shooting of a 7-year-old boy and his mother.")
    assert figs("Deaths of civilians were reported.") == []
    assert ("killed", 1) in figs("Officers arrived and found the girl dead from a gunshot wound.")


def test_a_victim_who_shot_himself_by_accident_is_not_counted_twice():
    assert toll("The shooting resulted in the death of a teenager who was handling a gun when he accidentally "
                "shot himself.") == [1]


def test_a_toll_above_the_shot_count_is_not_theirs():
    # "A three-year-old girl was shot in the leg" beside a sidebar's "8 killed in weekend violence": 1 injured
    assert _injured([("shot", 1, 0), ("killed", 8, 200)]) == 1
    # the dead among the shot still count: "four shot, two died"
    assert _injured([("shot", 4, 0), ("killed", 2, 200)]) == 2


def test_a_lower_bound_met_by_another_articles_count_is_no_lower_count():
    from triangulate.reconcile.events import _bounds_met

    # "at least two men were shot" (b) beside "four people were wounded" (a): b's bound is met
    assert _bounds_met({"a": 4, "b": 2}, {"b"}) == {"a": 4}
    # an exact lower count stays (the conservative choice takes it)
    assert _bounds_met({"a": 4, "b": 2}, set()) == {"a": 4, "b": 2}
    # a bound above every exact count stays
    assert _bounds_met({"a": 1, "b": 3}, {"b"}) == {"a": 1, "b": 3}
