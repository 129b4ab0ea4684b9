"""GVA killed / injured, round 5 (issue 5): a killing told as a noun with a count ("the killing of two men"), a
mis-typed name beside a known one, the injured who died later, one victim told injured and dead, a headline's toll
of an article merged in as a compatible type, and "ST. LOUIS" datelines. All texts are synthetic."""

from triangulate.annotate import annotate
from triangulate.extract import extract
from triangulate.extract.figures import find_figures
from triangulate.model import Article, Event, Figure
from triangulate.reconcile import reconcile
from triangulate.reconcile.common import Provenance
from triangulate.reconcile.events import conservative_injured

DAY = "2016-01-05"


def figs(text):
    ann, doc = annotate(text, DAY)
    return [(f.category, f.value) for f in find_figures(doc, text, ann, [], "t", DAY)]


def test_a_killing_told_as_a_noun_counts_its_number():
    assert ("killed", 2) in figs("A man has been arrested in DeKalb County for the killing of two men in May.")
    assert ("killed", 3) in figs("Police are investigating the deaths of three teenagers found in a car.")
    assert ("shot", 4) in figs("Police are investigating the shooting of four people outside a bar.")
    assert ("killed", 4) in figs("Police are investigating the fatal shooting of four people outside a bar.")


def test_victims_joined_by_and_add_up_when_one_name_is_mistyped():
    text = "Thomas allegedly shot and killed Veondus Dennis and Antwan Wheeler on May 10 after a dispute."
    assert ("killed", 2) in figs(text)


def _inj(day_figs, fatalities, text="z" * 400):
    """conservative_injured over articles a, b, ... of one source group each: day_figs = [(day, [(cat, v, who)])]."""
    ids = [chr(ord("a") + i) for i in range(len(day_figs))]
    arts = [Article(i, text, i, published=d) for i, (d, _) in zip(ids, day_figs)]
    figs_of = {i: [Figure(f"f{i}{k}", i, c, v, who=w, start=10 * k, end=10 * k + 3, sentence="")
                   for k, (c, v, w) in enumerate(fs)] for i, (_, fs) in zip(ids, day_figs)}
    reps = [Event(f"e{i}", i, "Violence against civilians", "Attack", date=d, date_precision=1,
                  fatalities=int(max([v for c, v, _ in fs if c == "killed"], default=0)))
            for i, (d, fs) in zip(ids, day_figs)]
    return conservative_injured(reps, Provenance(arts, [], [[i] for i in ids]), figs_of, {i: text for i in ids},
                                {i: d for i, (d, _) in zip(ids, day_figs)}, None, fatalities)


def test_the_wounded_who_died_later_leave_the_injured():
    # day 1: "a girl was shot and is in critical condition"; day 2, another outlet: "the girl has died"
    assert _inj([("2016-01-05", [("shot", 1, "girl")]), ("2016-01-06", [("killed", 1, "girl")])], 1) == 0
    # two shot, one of them died later: one injured is left
    assert _inj([("2016-01-05", [("shot", 2, None)]), ("2016-01-06", [("killed", 1, None)])], 1) == 1
    # a later article that tells no more dead changes nothing
    assert _inj([("2016-01-05", [("shot", 2, None)]), ("2016-01-06", [("injured", 2, None)])], None) == 2
    # an article later than the one telling the toll keeps its own count
    assert _inj([("2016-01-06", [("killed", 1, "man"), ("injured", 1, "woman")]),
                 ("2016-01-05", [("killed", 1, "man")])], 1) == 1


def test_one_victim_told_injured_and_dead_is_dead():
    assert _inj([("2016-01-05", [("injured", 1, "young girl"), ("killed", 1, "3-year-old girl")])], 1) is None
    # another victim stays: "a man was killed and a woman injured"
    assert _inj([("2016-01-05", [("killed", 1, "man"), ("injured", 1, "woman")])], 1) == 1


def test_an_ordinal_time_is_no_additional_victim():
    text = "The boy was killed. The third time the boy got shot in the chest, he fell." + "z" * 300
    figures = [Figure("f1", "a", "killed", 1, who="boy", start=0, end=7, sentence=""),
               Figure("f2", "a", "shot", 1, who="boy", start=text.index("the boy got"),
                      end=text.index("the boy got") + 7, sentence="")]
    rep = Event("e1", "a", "Violence against civilians", "Attack", date=DAY, date_precision=1, fatalities=1)
    got = conservative_injured([rep], Provenance([Article("a", text, "a", published=DAY)], [], [["a"]]),
                               {"a": figures}, {"a": text}, {"a": DAY})
    assert not got
    text = "Two men were killed and a third was wounded." + "z" * 300
    figures = [Figure("f1", "a", "killed", 2, start=0, end=7, sentence=""),
               Figure("f2", "a", "shot", 1, start=text.index("third"), end=text.index("third") + 5, sentence="")]
    rep = Event("e1", "a", "Violence against civilians", "Attack", date=DAY, date_precision=1, fatalities=2)
    assert conservative_injured([rep], Provenance([Article("a", text, "a", published=DAY)], [], [["a"]]),
                                {"a": figures}, {"a": text}, {"a": DAY}) == 1


def _analysed(aid, title, text, published):
    art = Article(id=aid, text=text, source=aid, title=title, outlet=aid, published=published)
    ann, doc = annotate(text, published)
    return art, extract(art, ann, doc)


def test_a_headline_toll_counts_for_an_article_merged_in_as_a_compatible_type():
    a = _analysed("a", "Six shot in bar shootout",
                  "Three armed men walked into a bar in Elm City late Tuesday. They touched off a shootout that "
                  "resulted in six people getting shot.", "2016-01-06")
    b = _analysed("b", "Shootout at Elm City tavern leaves 1 dead, injures five",
                  "Police said a man opened fire in a tavern in Elm City on Tuesday night.", "2016-01-06")
    st = reconcile("s", [a[0], b[0]], [a[1], b[1]], [])
    main = max(st.events, key=lambda e: len(e.article_ids))
    assert len(main.article_ids) == 2 and main.fatalities == 1


def test_a_saint_dateline_is_the_whole_name():
    from triangulate.annotate import annotate as ann_

    text = "ST. LOUIS (KMOX) - Three armed men walked into a bar late Tuesday."
    ann, _ = ann_(text, DAY)
    assert [(p.text if hasattr(p, "text") else text[p.start:p.end]) for p in ann.places][:1] == ["ST. LOUIS"]
    assert ann.places[0].place.name == "St. Louis"


def _events(text):
    ann, doc = annotate(text, DAY)
    return [(e.sub_event_type, e.fatalities) for e in
            extract(Article(id="t", text=text, source="t", published=DAY), ann, doc).events]


def test_a_denied_death_is_no_death():
    assert _events("About 15 rounds were fired, and we are very fortunate that there's no fatalities, said "
                   "Officer Rene Pimentel.") == [("Attack", 0)]
    assert _events("Officer Rene Pimentel said no one was killed in the shooting.") == [("Attack", 0)]
    # a death said stays one
    assert _events("Officer Rene Pimentel was shot dead on Main Street.") == [("Attack", 1)]
    assert _events("The shooting claimed the life of a 19-year-old man.") == [("Attack", 1)]


def test_life_threatening_injuries_are_no_death():
    got = figs("Two males and one female suffered non-life threatening injuries in the shooting.")
    assert ("killed", 1) not in got and any(c == "injured" for c, _ in got)
    assert not any(c == "killed" for c, _ in figs("The boy was on life support after the shooting."))


def test_a_clock_time_before_a_weekday_takes_its_day():
    from triangulate.annotate.times import find_times

    got = [(t.text, t.value) for t in find_times("Gunfire broke out about 12:30 Saturday morning at a party.",
                                                 "2014-07-28")]
    assert got == [("12:30 Saturday morning", "2014-07-26T12:30")]


def test_a_charges_deadly_weapon_is_no_death():
    got = _events("The friend who shot the boy was arrested on a charge of aggravated assault with a deadly weapon.")
    assert got and all(k == 0 for _, k in got)
    assert _events("A gunman opened fire in a deadly attack on Main Street, killing a man.")[0][1] == 1


def test_a_previous_shooting_is_background():
    text = ("Witnesses said the victims were mourning a teen who was killed in a previous shooting at the same "
            "location just weeks earlier.")
    ann, doc = annotate(text, DAY)
    evs = extract(Article(id="t", text=text, source="t", published=DAY), ann, doc).events
    assert evs and all(e.background for e in evs)


def test_the_gva_place_score_takes_the_locality_in_parentheses():
    from triangulate.eval.events import score_record
    from triangulate.model import EventPlace

    inc = {"date": DAY, "city_or_county": "Pittsburgh (Wilkinsburg)", "lat_long": None, "num_killed": 0,
           "num_injured": 1}
    rec = {"date": DAY, "killed": 0, "injured": 1,
           "place": EventPlace("Wilkinsburg", 40.44, -79.88, "US", "Pennsylvania", None, 1)}
    assert score_record(rec, inc)["place"]
    rec["place"] = EventPlace("Pittsburgh", 40.44, -79.99, "US", "Pennsylvania", None, 1)
    assert score_record(rec, inc)["place"]
    rec["place"] = EventPlace("Erie", 42.13, -80.09, "US", "Pennsylvania", None, 1)
    assert not score_record(rec, inc)["place"]


def test_a_count_of_victims_that_is_the_dead_and_injured_together_is_no_injured_count():
    text = ("A shooting in Elm City killed one person and injured three others Saturday night. First responders "
            "found four victims who were rushed to the hospital.")
    f = lambda cat, v, needle: Figure(f"f{needle}", "a", cat, v, start=text.index(needle),
                                      end=text.index(needle) + len(needle), sentence="")
    figures = [f("killed", 1, "one person"), f("injured", 3, "three others"), f("injured", 4, "four victims")]
    rep = Event("e1", "a", "Violence against civilians", "Attack", date=DAY, date_precision=1, fatalities=1)
    prov = Provenance([Article("a", text, "a", published=DAY)], [], [["a"]])
    assert conservative_injured([rep], prov, {"a": figures}, {"a": text}, {"a": DAY}) == 3
    # four victims wounded beside no other count stay four
    assert conservative_injured([rep], prov, {"a": figures[2:]}, {"a": text}, {"a": DAY}) == 4


def test_an_attempted_murder_is_no_death():
    got = figs("The indictment charges the defendants with the attempted murders of five teenagers in Memphis.")
    assert ("killed", 5) not in got
    assert ("killed", 1) not in figs("He was charged in the attempted murder of a police officer.")
    assert ("killed", 2) in figs("He was charged in the murders of two teenagers in Memphis.")


def test_a_dateline_the_parser_makes_the_subject_is_no_victim():
    text = ("Officials have released three 911 calls detailing the shooting at the Bermuda Sands motel that left "
            "three people dead and another\n\nMYRTLE BEACH, SC (WMBF) – Three people were killed, and another "
            "injured in a shooting at the Bermuda Sands Motel on Ocean Boulevard late Saturday night, a police "
            "official confirmed.")
    ann, doc = annotate(text, DAY)
    killed = [(f.value, text[f.start:f.end]) for f in find_figures(doc, text, ann, [], "t", DAY)
              if f.category == "killed"]
    assert killed and all(v == 3 for v, _ in killed), killed


def test_a_bare_clock_time_is_no_day_of_its_own():
    # "just before 2 a.m." read after "Friday's concert" once dated the shooting to Friday
    text = ("Police are investigating a shooting at a festival on Saturday.\n\nFriday's concert drew thousands of "
            "people to the park.\n\nShots rang out just before 2 a.m., wounding four men.")
    ann, doc = annotate(text, "2014-07-07")
    evs = extract(Article(id="t", text=text, source="t", published="2014-07-07"), ann, doc).events
    assert [e.date for e in evs] == ["2014-07-05", "2014-07-05"]


def test_a_figure_inside_what_reports_suggest_is_nobodys():
    text = ("Reports suggested that 40 regime soldiers were killed in an offensive by opposition groups in Idlib. "
            "SANA said the army destroyed four car bombs.")
    ann, doc = annotate(text, DAY)
    ex = extract(Article(id="t", text=text, source="t", published=DAY), ann, doc)
    by = {f.category: f.attributed_to for f in ex.figures}
    assert by.get("killed") is None and by.get("car bombs") == "SANA"


def test_the_fourth_of_july_is_a_holiday_in_the_tense_of_its_verb():
    from triangulate.annotate.times import find_times

    got = lambda s: [(t.text, t.value) for t in find_times(s, "2016-04-29")]
    assert got("He was shot on the Fourth of July.") == [("Fourth of July", "2015-07-04")]
    assert [v for _, v in got("Police will patrol on the 4th of July.")] == ["2016-07-04"]
    assert got("He was shot on Independence Day.") == [("Independence Day", "2015-07-04")]


def test_violence_told_as_news_is_not_dated_after_publication():
    text = "Arrest made in fatal Fourth of July shooting. Police said a man was shot and killed in the park."
    ann, doc = annotate(text, "2016-04-29")
    evs = extract(Article(id="t", text=text, source="t", published="2016-04-29"), ann, doc).events
    violent = [e for e in evs if e.event_type == "Violence against civilians"]
    assert violent and all(e.date is None or e.date <= "2016-04-30" for e in violent)


def test_a_state_of_affairs_since_long_ago_is_background():
    text = ("The Syrian regime has regained control of much of the country with the support of its Russian and "
            "Iranian allies since the conflict broke out in 2011, leaving more than half a million dead.")
    ann, doc = annotate(text, "2024-11-29")
    evs = extract(Article(id="t", text=text, source="t", published="2024-11-29"), ann, doc).events
    assert evs and all(e.background for e in evs)


def test_a_report_naming_no_place_takes_its_outlets_home_town_as_an_inferred_place():
    from triangulate.model import Place

    home = Place("Omaha", 41.25626, -95.94043, 5074472, "US", "Nebraska", "city", 408958)
    text = "Four people were hurt in a shooting on Thursday night, police said."
    ann, doc = annotate(text, DAY, context={"countries": ["US"], "places": [home]})
    assert ann.home == home
    evs = extract(Article(id="t", text=text, source="t", published=DAY), ann, doc).events
    assert evs and all(e.place is not None and e.place.name == "Omaha" and e.place.precision == 3 for e in evs)
    # a report that names its place keeps it
    text = "Four people were hurt in a shooting in Lincoln on Thursday night, police said."
    ann, doc = annotate(text, DAY, context={"countries": ["US"], "places": [home]})
    evs = extract(Article(id="t", text=text, source="t", published=DAY), ann, doc).events
    assert evs and evs[0].place.name == "Lincoln"


def test_the_home_town_survives_the_store(tmp_path):
    from triangulate.model import Annotations, Extraction, Place
    from triangulate.store import Store

    home = Place("Omaha", 41.25626, -95.94043, 5074472, "US", "Nebraska", "city", 408958)
    with Store(tmp_path / "h.duckdb") as store:
        store.add_article(Article(id="a", text="x", source="a"))
        store.save_extraction(Extraction("a", annotations=Annotations(home=home)))
        assert store.extractions(["a"])[0].annotations.home == home


def test_injured_across_sources_is_the_lower_median_of_their_latest_counts():
    d = "2016-01-05"
    # three independent sources: one tells only two of the four wounded; the two that agree decide
    assert _inj([(d, [("injured", 2, None)]), (d, [("injured", 4, None)]), (d, [("injured", 4, None)])], None) == 4
    # two sources: the lower one (ACLED's conservative choice)
    assert _inj([(d, [("injured", 2, None)]), (d, [("injured", 4, None)])], None) == 2
    # four sources: the lower of the two middle counts
    assert _inj([(d, [("injured", 6, None)]), (d, [("injured", 1, None)]), (d, [("injured", 5, None)]),
                 (d, [("injured", 3, None)])], None) == 3


def _told(text):
    from triangulate.reconcile.events import _told_injured
    ann, doc = annotate(text, DAY)
    return max(_told_injured(find_figures(doc, text, ann, [], "t", DAY), text, []))


def test_an_injured_count_that_holds_the_dead_is_no_count_of_the_injured():
    # those taken to hospital are the dead and the injured together
    assert _told("One man was killed and three others were wounded in the club. Four men were rushed to the "
                 "hospital.") == 3
    # as many injured as shot, one of them dead: the count holds the dead
    assert _told("Six people were shot Sunday night, leaving one man dead. Five men and one woman were injured.") == 5
    # a revised count is no total: "four other people were injured ... later raised to five"
    assert _told("One woman was killed. Police said four other people were injured; that number was later "
                 "raised to five.") == 5
