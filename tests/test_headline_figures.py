"""Headline counts (issue 5): figures read from an article's title carry `in_title` and offsets into the title;
reconcile lets them raise the event's dead and injured when the body tells fewer or none. Texts are synthetic."""

from triangulate.annotate import annotate
from triangulate.extract import extract
from triangulate.extract.figures import find_title_figures
from triangulate.model import Article
from triangulate.reconcile import reconcile

DAY = "2016-01-05"


def test_title_figures_point_into_the_title():
    title = "2 dead, 3 hurt in Elm Street shooting"
    figs = find_title_figures(title, "a", DAY)
    assert [(f.category, f.value, title[f.start:f.end]) for f in figs] == [("killed", 2, "2"), ("injured", 3, "3")]
    assert all(f.in_title and f.id.startswith("f-a-t") for f in figs)
    assert find_title_figures(None, "a", DAY) == [] and find_title_figures("  ", "a", DAY) == []


def test_telegraphic_headline_counts():
    def cats(title):
        return [(f.category, f.value) for f in find_title_figures(title, "a", DAY)]

    assert cats("Basketball star among 6 shot at West Side party") == [("shot", 6)]
    assert cats("Teen fatally shot on East Side") == [("killed", 1)]
    assert cats("Boy, 3, wounded in accidental shooting") == [("injured", 1)]
    assert cats("Man killed, woman wounded in Dayton shooting") == [("killed", 1), ("injured", 1)]
    assert cats("Police investigate shooting on Elm Street") == []
    assert cats("Teen shot in Wichita has died, police say") == [("killed", 1)]
    assert cats("Loaded gun left on couch before 6-year-old shot, killed") == [("killed", 1)]


def test_each_headline_figure_has_its_own_id():
    # two telegraphic counts the parse does not read ("Teen shot, man hurt") are two figures, stored apart
    figs = find_title_figures("Teen shot, man hurt", "a", DAY)
    assert [(f.category, f.id) for f in figs] == [("shot", "f-a-t1"), ("injured", "f-a-t2")]


def _story(text, title):
    art = Article(id="a", text=text, source="a", title=title, published=DAY)
    ann, doc = annotate(text, DAY)
    ex = extract(art, ann, doc)
    return ex, reconcile("s", [art], [ex], []).events[0]


def test_headline_counts_fill_in_what_the_body_does_not_tell():
    body = "Police said a shooting happened Monday night on Elm Street in Dayton. Officers found the victims there."
    ex, event = _story(body, "2 dead, 3 hurt in Elm Street shooting")
    assert any(f.in_title for f in ex.figures)
    assert (event.fatalities, event.injured) == (2, 3)


def test_a_victim_shot_in_the_headline_who_died_in_the_body_is_not_injured():
    body = "A man died after he was shot Monday night on Elm Street in Dayton, police said."
    _, event = _story(body, "Man shot on Elm Street")
    assert event.fatalities == 1 and not event.injured


def test_a_body_toll_above_the_headline_stays():
    body = "Three people were killed and four were wounded in a shooting Monday night on Elm Street in Dayton."
    _, event = _story(body, "1 dead in Elm Street shooting")
    assert (event.fatalities, event.injured) == (3, 4)
