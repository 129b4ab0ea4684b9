"""A non-fatal shooting's single survivor counts as one injured when no count was read (issue 5)."""

from triangulate.model import Annotations, Article, Event, EventPlace, Extraction, Figure
from triangulate.reconcile import reconcile
from triangulate.reconcile.events import survivor_told


def _story(text, killed=()):
    """One article telling one shooting; killed: (needle, value) killed figures."""
    figures = [Figure(f"f-a-{j}", "a", "killed", v, start=text.index(n), end=text.index(n) + len(n), sentence=text)
               for j, (n, v) in enumerate(killed)]
    ev = Event("e-a", "a", "Violence against civilians", "Attack", date="2021-03-07", date_precision=1,
               place=EventPlace("Elm City", 35.0, -80.0, "US", "North Carolina", 1, 1),
               fatalities=int(sum(v for _, v in killed)), figure_ids=[f.id for f in figures], start=0,
               end=len(text), sentence=text)
    art = Article("a", text, "a", outlet="O", published="2021-03-08")
    return reconcile("s", [art], [Extraction("a", Annotations(), events=[ev], figures=figures)], [])


def test_someone_hit_and_alive_is_a_survivor():
    assert survivor_told(["City police were investigating the shooting of a 3-year-old girl.",
                          "The child was in critical but stable condition."])
    assert survivor_told(["A 4-year-old boy accidentally shot himself in the neck at a home."])
    assert survivor_told(["A teen was accidentally shot while hunting deer."])


def test_no_survivor_beside_a_death_a_miss_or_a_mere_shooting():
    assert not survivor_told(["A teen was shot Sunday.", "He later died at the hospital."])
    assert not survivor_told(["Shots were fired at a house; no one was hit."])
    assert not survivor_told(["Police are investigating a shooting on Elm Street."])
    assert not survivor_told(["A man was shot at by a passing car."])


def test_the_reconciled_non_fatal_shooting_counts_its_survivor():
    st = _story("A 7-year-old girl was accidentally shot in the woods near Elm City.")
    assert len(st.events) == 1 and st.events[0].injured == 1 and not st.events[0].fatalities
    st = _story("A man was killed on Elm Street.", [("A man", 1)])
    assert st.events[0].injured is None  # a death told: the one shot is the dead


def test_a_headline_in_headlinese_tells_a_survivor():
    assert survivor_told([], ["Teen accidentally shot in northwest Charlotte, police say"])
    assert survivor_told([], ["Father shoots son in the shoulder in New Town"])
    assert survivor_told([], ["Galveston Toddler Shoots Self In Head"])
    assert not survivor_told([], ["Police investigate shooting on Elm Street"])
    assert not survivor_told([], ["Teen shot Friday night dies"])
    assert survivor_told(["Detectives work to assure that no one else was involved.", "A boy was shot."])
