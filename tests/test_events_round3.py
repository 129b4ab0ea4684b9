"""Events, third round (GVA incidents): counts of one said in words, dates of statements and bare clock times,
the story's main event, a source's fullest same-day toll, the eval's parse cache. All texts are synthetic."""

from triangulate.annotate import annotate
from triangulate.extract.events import find_events
from triangulate.extract.figures import find_figures
from triangulate.model import Article, Event, EventPlace, StoryEvent


def figs(text, published="2021-03-08"):
    ann, doc = annotate(text, published)
    return [(f.category, f.value) for f in find_figures(doc, text, ann, [], "t", published)]


def events(text, published="2021-03-08"):
    ann, doc = annotate(text, published)
    f = find_figures(doc, text, ann, [], "t", published)
    return find_events(doc, text, ann, f, [], "t", published)


def test_one_victim_in_words_is_a_count():
    assert ("killed", 1) in figs("A man was killed Saturday in the 1200 block of Elm Street.")
    assert ("injured", 1) in figs("Another man in the home was wounded.")
    assert ("killed", 1) in figs("The boy was fatally injured on Monday.")
    assert ("shot", 1) in figs("An 8-year-old boy is recovering after being accidentally shot in the hand.")


def test_reflexive_and_coordinated_victims():
    f = figs("A 12-year-old boy shot his brother to death, wounded his older brother and killed himself, "
             "a sheriff said.")
    assert f.count(("killed", 1)) == 2 and ("injured", 1) in f
    assert ("killed", 2) in figs("Williams opened fire, killing Jacinta Walker, 18, and Aveion Bolden, 20, "
                                 "police said.")


def test_no_count_of_one_for_plurals_pronouns_or_numbers():
    f = figs("Three people were killed and two others wounded.")
    assert ("killed", 3) in f and ("injured", 2) in f and ("killed", 1) not in f and ("injured", 1) not in f
    assert ("shot", 1) not in figs("A woman died after she was shot Sunday.")


def test_one_victim_gives_the_event_its_toll():
    ev = events("Shellsea was killed Sept. 21 when a rifle fired.", "2021-09-23")
    assert ev and ev[0].fatalities == 1


def test_statement_date_does_not_date_the_event():
    text = ("A man was shot in the leg on Elm Street, a police spokesman said Sunday. "
            "He was taken to a hospital.")
    ann, doc = annotate(text, "2021-03-08")
    from triangulate.extract.events import _context_date
    from triangulate.extract.events import _pub_date
    # the statement's day is no day of the event's own, only a bound before publication (precision 2)
    assert _context_date(ann.times, len(text) - 10, _pub_date("2021-03-08"), text, None, doc) == ("2021-03-07", 2)
    assert _context_date(ann.times, len(text) - 10, _pub_date("2021-03-08"), text) == ("2021-03-07", 1)


def test_bare_clock_time_is_no_date_evidence():
    from triangulate.extract.events import _CLOCK_ONLY
    assert _CLOCK_ONLY.fullmatch("2 a.m.") and _CLOCK_ONLY.fullmatch("about 10:30 p.m.")
    assert not _CLOCK_ONLY.fullmatch("Saturday morning") and not _CLOCK_ONLY.fullmatch("March 2")


def _se(i, n_articles, fatalities, background=False, etype="Violence against civilians"):
    return StoryEvent(id=i, event_type=etype, sub_event_type="Attack", date=None, date_precision=None,
                      actor1=None, actor2=None, place=None, fatalities=fatalities,
                      article_ids=[f"a{k}" for k in range(n_articles)], report_ids=[i], background=background)


def test_main_event_is_the_most_reported_then_the_deadly_one():
    from triangulate.eval.events import main_event
    assert main_event([_se("x", 1, 0), _se("y", 2, 0)]).id == "y"
    assert main_event([_se("x", 1, 0), _se("y", 1, 1, background=True)]).id == "y"  # a follow-up's incident
    assert main_event([_se("x", 1, 1, background=True), _se("y", 1, 1)]).id == "y"
    assert main_event([_se("x", 3, 0, etype="Strategic developments"), _se("y", 1, 0)]).id == "y"
    assert main_event([]) is None


def test_main_event_ties_go_to_the_event_the_earliest_article_reports():
    from triangulate.eval.events import main_event
    from triangulate.model import Article
    follow_up, first = _se("x", 1, 1), _se("y", 1, 1)
    follow_up.article_ids, first.article_ids = ["late"], ["early"]
    arts = [Article("early", "t", "s", published="2016-01-01"), Article("late", "t", "s", published="2016-03-01")]
    assert main_event([follow_up, first], arts).id == "y"
    assert main_event([follow_up, first]).id == "x"  # without the articles: the first event, as before
    assert main_event([_se("x", 1, 1), _se("y", 2, 0)], arts).id == "y"  # more articles still decide first


def test_reconcile_takes_a_sources_fullest_same_day_toll():
    from triangulate.reconcile.common import Provenance, independent_groups
    from triangulate.reconcile.events import _conservative_fatalities
    arts = [Article(id="a", text="x", source="a", published="2021-03-08"),
            Article(id="b", text="y", source="b", published="2021-03-08")]
    prov = Provenance(arts, [], independent_groups(["a", "b"], []))
    day = {"a": "2021-03-08", "b": "2021-03-08"}

    def ev(aid, n, start):
        return Event(id=f"{aid}{start}", article_id=aid, event_type="Violence against civilians",
                     sub_event_type="Attack", fatalities=n, start=start, end=start + 5,
                     place=EventPlace("Elm"))
    # one article: "three were killed" and later "Smith was killed" -> the article's toll is 3
    assert _conservative_fatalities([ev("a", 3, 0), ev("a", 1, 50)], prov, day) == 3
    # two independent sources: the lower of their tolls (ACLED)
    assert _conservative_fatalities([ev("a", 3, 0), ev("a", 1, 50), ev("b", 2, 0)], prov, day) == 2


def test_parse_cache_round_trip(tmp_path):
    from triangulate.eval.events import parse_cache
    texts = {"d1": "A man was shot in Dayton on Friday.", "d2": "Two people were wounded."}
    first = parse_cache(texts, tmp_path)
    assert len(list(tmp_path.glob("*.spacy"))) == 2
    again = parse_cache(texts, tmp_path)
    for k in texts:
        assert [t.dep_ for t in again[k]] == [t.dep_ for t in first[k]]
        assert [s.text for s in again[k].sents] == [s.text for s in first[k].sents]
