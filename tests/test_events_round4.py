"""Events, fourth round (GVA incidents, seeds): victims named by a pronoun, a part of a toll is no source's own
toll, the reconciled event's injured count, running tolls of a campaign, one day's accounts of one action sharing
the outcome disagreement, past years in clauses below the trigger. All texts are synthetic."""

from triangulate.annotate import annotate
from triangulate.extract.figures import find_figures
from triangulate.model import Annotations, Article, Event, EventPlace, Extraction, Figure
from triangulate.reconcile import reconcile
from triangulate.reconcile.common import Provenance, independent_groups

ELM = EventPlace("Elm City", 35.0, -80.0, "US", "North Carolina", 1, 1)


def figs(text, published="2021-03-08"):
    ann, doc = annotate(text, published)
    return [(f.category, f.value) for f in find_figures(doc, text, ann, [], "t", published)]


def test_a_victim_named_by_a_pronoun_is_one():
    assert ("killed", 1) in figs("He later died at the hospital.")
    assert ("killed", 1) in figs("He was pronounced dead at the scene.")
    assert ("killed", 1) in figs("A woman was found dead in the home.")
    assert ("shot", 1) in figs("She was shot in the leg.")
    assert not any(c == "killed" for c, _ in figs("He said the shooting was over."))


def _prov(ids):
    arts = [Article(id=i, text="x", source=i, published="2021-03-08") for i in ids]
    return Provenance(arts, [], independent_groups(list(ids), []))


def _ev(aid, n, start, who=None):
    return Event(id=f"{aid}{start}", article_id=aid, event_type="Violence against civilians",
                 sub_event_type="Attack", fatalities=n, start=start, end=start + 5, attributed_to=who,
                 place=EventPlace("Elm"))


def test_one_victim_of_an_articles_toll_is_no_sources_own_toll():
    from triangulate.reconcile.events import _conservative_fatalities
    day = {"a": "2021-03-08", "b": "2021-03-08"}
    # "two of them died" and "Carter was pronounced dead, authorities said": the article's toll is 2
    assert _conservative_fatalities([_ev("a", 2, 0), _ev("a", 1, 50, who="authorities")], _prov("a"), day) == 2
    # across independent articles the lower toll still wins (ACLED), and so do two sources' tolls in one article
    assert _conservative_fatalities([_ev("a", 3, 0), _ev("b", 2, 0, who="police")], _prov("ab"), day) == 2
    assert _conservative_fatalities([_ev("a", 30, 0, who="sources"), _ev("a", 4, 50, who="SOHR")], _prov("a"), day) == 4


def _story(texts_figs, published=("2021-03-08", "2021-03-09")):
    """One shooting told by independent articles; texts_figs: [(text, [(needle, category, value)])]."""
    arts, exs = [], []
    for k, (text, fl) in enumerate(texts_figs):
        aid = "a%d" % k
        arts.append(Article(aid, text, aid, outlet="O%d" % k, published=published[k]))
        figures = []
        for j, (needle, cat, v) in enumerate(fl):
            s = text.index(needle)
            figures.append(Figure(f"f-{aid}-{j}", aid, cat, v, start=s, end=s + len(needle), sentence=text))
        dead = sum(v for _, c, v in fl if c == "killed")
        ev = Event(f"e-{aid}", aid, "Violence against civilians", "Attack", date="2021-03-07", date_precision=1,
                   place=ELM, fatalities=int(dead), figure_ids=[f.id for f in figures], start=0, end=len(text),
                   sentence=text)
        exs.append(Extraction(aid, Annotations(), events=[ev], figures=figures))
    return reconcile("s", arts, exs, [])


def test_the_event_carries_an_injured_count():
    st = _story([("Four men were shot and two of them died on Elm Street.", [("Four", "shot", 4), ("two", "killed", 2)])])
    assert len(st.events) == 1 and st.events[0].injured == 2 and st.events[0].fatalities == 2
    st = _story([("Two men died and three others were wounded.", [("Two", "killed", 2), ("three", "injured", 3)]),
                 ("Two men died and four others were wounded.", [("Two", "killed", 2), ("four", "injured", 4)])])
    assert len(st.events) == 1 and st.events[0].injured == 3  # the lower of two independent sources
    st = _story([("A man was killed on Elm Street.", [("A man", "killed", 1)])])
    assert st.events[0].injured is None  # untold, not zero




def test_running_tolls_of_a_source_are_no_events_fatalities():
    from triangulate.reconcile.events import running_tolls
    text = ("The death toll from clashes was 57, a monitor said. The toll has risen to 132, the monitor said. "
            "Four civilians were killed in Idlib.")
    f = [Figure("f1", "a", "killed", 57, attributed_to="SOHR", start=text.index("57"), end=text.index("57") + 2),
         Figure("f2", "a", "killed", 132, attributed_to="SOHR", start=text.index("132"), end=text.index("132") + 3),
         Figure("f3", "a", "killed", 4, who="civilians", attributed_to="SOHR", start=text.index("Four"),
                end=text.index("Four") + 4)]
    assert running_tolls({x.id: x for x in f}, {"a": text}) == {"f1", "f2"}
    # without the rising toll, the plain toll of the day is the event's own
    assert running_tolls({"f1": f[0], "f3": f[2]}, {"a": text[:50]}) == set()


def test_one_days_accounts_of_one_action_share_the_outcome_disagreement():
    from triangulate.model import StoryEvent
    from triangulate.reconcile.disagree import operations
    aleppo = EventPlace("Aleppo", 36.20, 37.16, "SY", "Aleppo", 170063, 1)
    zahraa = EventPlace("Jamiyat al-Zahraa", 36.195, 37.105, "SY", "Aleppo", None, 1)
    saraqib = EventPlace("Saraqib", 35.86, 36.80, "SY", "Idlib", None, 1)

    def se(i, etype, sub, place, n, day="2020-02-01", bg=False):
        return StoryEvent(i, etype, sub, day, 1, None, None, place, 0, article_ids=["a%d" % k for k in range(n)],
                          background=bg)
    bombs = se("bombs", "Explosions/Remote violence", "Suicide bomb", aleppo, 3)
    thwart = se("thwart", "Strategic developments", "Disrupted weapons use", zahraa, 2)
    assault = se("assault", "Battles", "Armed clash", zahraa, 1)
    elsewhere = se("far", "Battles", "Armed clash", saraqib, 1)
    before = se("before", "Battles", "Armed clash", aleppo, 1, day="2020-01-20")
    groups = operations([assault, thwart, elsewhere, bombs, before])
    assert [[e.id for e in g] for g in groups][0] == ["bombs", "thwart", "assault"]
    assert ["far"] in [[e.id for e in g] for g in groups] and ["before"] in [[e.id for e in g] for g in groups]


def test_a_past_year_in_a_clause_below_the_trigger_does_not_make_it_background():
    from triangulate.extract.events import find_events
    text = ("The Syrian army thwarted a fierce attack by the Nusra Front, as the group was known until it "
            "broke ties with al Qaeda in 2016.")
    ann, doc = annotate(text, "2020-02-01")
    f = find_figures(doc, text, ann, [], "t", "2020-02-01")
    ev = find_events(doc, text, ann, f, [], "t", "2020-02-01")
    assert ev and not ev[0].background
    text = "Since April last year, the regime has led a campaign of constant aerial bombardment of the province."
    ann, doc = annotate(text, "2020-02-01")
    ev = find_events(doc, text, ann, [], [], "t", "2020-02-01")
    assert ev and ev[0].background

