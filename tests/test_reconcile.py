"""Reconcile: hand-built extraction records shaped like what the seed articles report."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from triangulate.model import (Annotations, Article, Claim, CopyLink, Event, EventPlace, Extraction, Figure,
                               Story, from_dict, to_dict)
from triangulate.reconcile import reconcile
from triangulate.reconcile.common import Provenance, own_independent_groups
from triangulate.reconcile.disagree import outcome_class

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
ALEPPO = EventPlace("Aleppo", 36.2021, 37.1343, "SY", "Aleppo", 170063, 1)
ZAHRAA = EventPlace("Jamiyat al-Zahraa", 36.19, 37.10, "SY", "Aleppo", None, 1)
IDLIB = EventPlace("Idlib", 35.93, 36.63, "SY", "Idlib", 169388, 1)
DAMASCUS = EventPlace("Damascus", 33.51, 36.29, "SY", "Dimashq", 170654, 1)


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _claim(cid, aid, text, needle, who, kind="reported"):
    s, e = _span(text, needle)
    return Claim(cid, aid, kind, needle, attributed_to=who, start=s, end=e, sentence=needle)


def _fig(fid, aid, text, needle, cat, value, who=None, attributed_to=None, qualifier="exact", unit=None,
         as_of=None, part_of=None, scope=None, claim_id=None):
    s, e = _span(text, needle)
    return Figure(fid, aid, cat, value, qualifier=qualifier, who=who, unit=unit, scope=scope, as_of=as_of,
                  attributed_to=attributed_to, part_of=part_of, start=s, end=e, sentence=needle, claim_id=claim_id)


def _event(eid, aid, text, needle, etype, sub, **kw):
    s, e = _span(text, needle)
    return Event(eid, aid, etype, sub, start=s, end=e, sentence=needle, **kw)


@pytest.fixture(scope="module")
def car_bombs():
    """Feb 2020 car bombs west of Aleppo: 000 (Reuters-based), 001 and 002 (retellings)."""
    t0, t1, t2 = _seed("000"), _seed("001"), _seed("002")
    arts = [Article("000", t0, "000.txt", title=None, outlet="Reuters", published="2020-02-01"),
            Article("001", t1, "001.txt", title="Car bomb attacks in Aleppo target Syrian regime forces amid fierce "
                    "offensive", outlet="The New Arab", published="2020-02-01"),
            Article("002", t2, "002.txt", title="Car bombs attack Syrian pro-regime forces in Aleppo", outlet="TRT",
                    published="2020-02-02")]
    day = dict(date="2020-02-01", date_precision=1)
    ex0 = Extraction("000", Annotations(), events=[
        _event("000-e1", "000", t0, "Rebel groups attacked pro-Syrian government forces west of Aleppo with three car "
               "bombs on Saturday", "Explosions/Remote violence", "Suicide bomb", actor1="Hayat Tahrir al-Sham",
               actor2="Military Forces of Syria", place=ZAHRAA, figure_ids=["000-f1"], **day),
        _event("000-e2", "000", t0, "army troops had destroyed four car bombs", "Strategic developments",
               "Disrupted weapons use", actor1="Military Forces of Syria", place=ALEPPO, figure_ids=["000-f2"],
               claim_ids=["000-c2"], attributed_to="SANA", outcome="thwarted", **day),
        _event("000-e3", "000", t0, "the Syrian army had thwarted a “fierce attack” by the Nusra Front", "Battles",
               "Armed clash", actor1="Military Forces of Syria", actor2="Hayat Tahrir al-Sham", place=ALEPPO,
               claim_ids=["000-c3"], attributed_to="Al-Manar", outcome="thwarted", **day),
        _event("000-e4", "000", t0, "the Syrian regime reportedly captured ten towns and villages",
               "Strategic developments", "Government regains territory", actor1="Military Forces of Syria",
               place=IDLIB, date="2020-01-25", date_precision=2, background=True),
    ], figures=[
        _fig("000-f1", "000", t0, "three car bombs", "car bombs", 3, unit="car bombs",
             attributed_to="Hayat Tahrir al-Sham"),
        _fig("000-f2", "000", t0, "four car bombs", "destroyed", 4, unit="car bombs", attributed_to="SANA",
             claim_id="000-c2"),
        _fig("000-f3", "000", t0, "at least 700,000 people have been displaced", "displaced", 700000,
             qualifier="at least"),
    ], claims=[
        _claim("000-c2", "000", t0, "army troops had destroyed four car bombs before they reached their targets",
               "SANA"),
        _claim("000-c3", "000", t0, "the Syrian army had thwarted a “fierce attack” by the Nusra Front", "Al-Manar"),
    ])
    ex1 = Extraction("001", Annotations(), events=[
        _event("001-e1", "001", t1, "Syrian extremist insurgents launched two suicide car bomb attacks against "
               "pro-regime forces in Aleppo on Saturday", "Explosions/Remote violence", "Suicide bomb",
               actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", place=ALEPPO, **day),
    ], claims=[
        _claim("001-c1", "001", t1, "regime troops destroyed four car bombs before they reached their targets",
               "SANA"),
        _claim("001-c2", "001", t1, "the militant group's forces were successful in their assault, capturing a group "
               "of houses on a hill overlooking Aleppo", "Ebaa"),
    ], figures=[
        _fig("001-f1", "001", t1, "four car bombs", "destroyed", 4, unit="car bombs", attributed_to="SANA",
             claim_id="001-c1"),
    ])
    ex2 = Extraction("002", Annotations(), events=[
        _event("002-e1", "002", t2, "Syrian insurgents carried out two suicide car bomb attacks in an assault on "
               "pro-regime forces in Aleppo on Saturday", "Explosions/Remote violence", "Suicide bomb",
               actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", place=ALEPPO, **day),
        _event("002-e2", "002", t2, "regime forces advanced on a rebel-held town", "Battles", "Armed clash",
               actor1="Military Forces of Syria", place=EventPlace("Saraqib", 35.86, 36.80, "SY", "Idlib", None, 1),
               date="2020-02-01", date_precision=1),
    ])
    # 002 shares one short passage with 000
    copies = [CopyLink("002", "000", 200, 0.04, passages=[]), CopyLink("000", "wire:Reuters", 0, 0.0,
                                                                      kind="credited-wire")]
    return arts, [ex0, ex1, ex2], copies


def test_car_bomb_reports_merge_into_one_event(car_bombs):
    arts, exs, copies = car_bombs
    story = reconcile("s-cb", arts, exs, copies)
    fg = [e for e in story.events if not e.background]
    main = max(fg, key=lambda e: len(e.report_ids))
    assert {"000-e1", "000-e2", "000-e3", "001-e1", "002-e1"} == set(main.report_ids)
    assert set(main.article_ids) == {"000", "001", "002"}
    assert main.sub_event_type == "Suicide bomb" and main.actor1 == "Hayat Tahrir al-Sham"
    assert main.date == "2020-02-01" and main.fatalities is None  # nobody reported deaths: unknown, not 0
    assert {"000-f1", "000-f2"} <= set(main.figure_ids)
    # background kept apart; the Saraqib advance is a different place: a different event
    bg = [e for e in story.events if e.background]
    assert [e.report_ids for e in bg] == [["000-e4"]]
    assert any(e.report_ids == ["002-e2"] for e in fg)


def test_outcome_and_count_disagreements(car_bombs):
    arts, exs, copies = car_bombs
    story = reconcile("s-cb", arts, exs, copies)
    outcome = [d for d in story.disagreements if d.kind == "outcome"]
    assert len(outcome) == 1
    sides = {(s.value, s.attributed_to) for s in outcome[0].sides}
    assert ("succeeded", "Ebaa") in sides and ("thwarted", "SANA") in sides and ("thwarted", "Al-Manar") in sides
    ebaa = next(s for s in outcome[0].sides if s.attributed_to == "Ebaa")
    assert ebaa.claim_ids == ["001-c2"] and ebaa.article_ids == ["001"]
    count = [d for d in story.disagreements if d.kind == "count"]
    assert len(count) == 1 and count[0].event_id == outcome[0].event_id
    vals = {(s.value, s.attributed_to) for s in count[0].sides}
    assert vals == {("3", "Hayat Tahrir al-Sham"), ("4", "SANA")}
    sana = next(s for s in count[0].sides if s.attributed_to == "SANA")
    assert set(sana.figure_ids) == {"000-f2", "001-f1"} and "000-c2" in sana.claim_ids


def test_copies_are_not_independent(car_bombs):
    arts, exs, copies = car_bombs
    story = reconcile("s-cb", arts, exs, copies)
    # a short shared passage does not make 002 a copy of 000: three groups; a near-duplicate link makes two
    assert sorted(map(sorted, story.independent_groups)) == [["000"], ["001"], ["002"]]
    dup = copies + [CopyLink("002", "000", 4000, 0.8, kind="near-duplicate")]
    story2 = reconcile("s-cb", arts, exs, dup)
    assert sorted(map(sorted, story2.independent_groups)) == [["000", "002"], ["001"]]
    # SANA's four car bombs, carried by two outlets, is one source: corroborated_by 1, not 2
    cb = next(s for s in story.series if s.category == "car bomb")
    four = [p for p in cb.points if p["value"] == 4]
    assert len(four) == 2 and all(p["corroborated_by"] == 1 for p in four)


def test_title_summary_and_dates(car_bombs):
    arts, exs, copies = car_bombs
    story = reconcile("s-cb", arts, exs, copies)
    assert story.title in {a.title for a in arts}
    assert 3 <= len(story.summary_sentences) <= 4
    texts = {a.id: a.text for a in arts}
    for s in story.summary_sentences:
        assert texts[s["article_id"]][s["start"]:s["end"]] == s["text"]
        assert "FILE PHOTO" not in s["text"] and "Read more" not in s["text"]
    # the same sentence from copies is not repeated
    norm = [" ".join(s["text"].lower().split()) for s in story.summary_sentences]
    assert len(set(norm)) == len(norm)
    assert story.summary == " ".join(s["text"] for s in story.summary_sentences)
    assert "car bomb" in story.summary.lower()
    assert story.first_published == "2020-02-01" and story.last_published == "2020-02-02"
    assert story.first_reporter == "Reuters"
    # the record survives the JSON round trip
    again = from_dict(Story, to_dict(story))
    assert to_dict(again) == to_dict(story)


@pytest.fixture(scope="module")
def aleppo_2024():
    """Nov 2024 offensive on Aleppo: 004 (Anadolu, Nov 28) and 003 (AFP via BFM, Nov 29)."""
    t3, t4 = _seed("003"), _seed("004")
    arts = [Article("004", t4, "004.txt", outlet="Anadolu", published="2024-11-28"),
            Article("003", t3, "003.txt", outlet="BFM TV", published="2024-11-29")]
    sohr = "Syrian Observatory for Human Rights"
    figs4 = [
        _fig("004-f1", "004", t4, "The death toll from clashes was 57", "killed", 57, attributed_to=None,
             as_of="2024-11-27"),
        _fig("004-f2", "004", t4, "risen to 132", "killed", 132, attributed_to=sohr, as_of="2024-11-28",
             scope="in the past 24 hours"),
        _fig("004-f3", "004", t4, "65 fighters from HTS", "killed", 65, who="fighters from HTS", attributed_to=sohr,
             as_of="2024-11-28", part_of="004-f2"),
        _fig("004-f4", "004", t4, "49 members of regime forces", "killed", 49, who="members of regime forces",
             attributed_to=sohr, as_of="2024-11-28", part_of="004-f2"),
        _fig("004-f5", "004", t4, "at least four civilians were killed", "killed", 4, who="civilians",
             attributed_to=sohr, qualifier="at least", as_of="2024-11-27"),
    ]
    figs3 = [
        _fig("003-f1", "003", t3, "at least 242 dead since Wednesday", "killed", 242, attributed_to=sohr,
             qualifier="at least", scope="since Wednesday"),
        _fig("003-f2", "003", t3, "24 civilians were killed", "killed", 24, who="civilians", attributed_to=sohr),
    ]
    ev = dict(event_type="Battles", sub="Non-state actor overtakes territory")
    ex4 = Extraction("004", Annotations(), figures=figs4, events=[
        _event("004-e1", "004", t4, "launched wide-scale attacks on Wednesday toward Aleppo", ev["event_type"],
               ev["sub"], actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", place=ALEPPO,
               date="2024-11-27", date_precision=1, fatalities=57, figure_ids=["004-f1"]),
        _event("004-e2", "004", t4, "a cease-fire that led to military action halting", "Strategic developments",
               "Agreement", place=IDLIB, date="2020-03", date_precision=3, background=True),
    ])
    ex3 = Extraction("003", Annotations(), figures=figs3, events=[
        _event("003-e1", "003", t3, "approached the large city of Aleppo this Friday", ev["event_type"], ev["sub"],
               actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", place=ALEPPO,
               date="2024-11-29", date_precision=2, fatalities=242, figure_ids=["003-f1"],
               attributed_to=sohr),
    ])
    return arts, [ex4, ex3], []


def test_toll_timeline_and_breakdowns(aleppo_2024):
    arts, exs, copies = aleppo_2024
    story = reconcile("s-al", arts, exs, copies)
    total = next(s for s in story.series if s.category == "killed" and s.who is None)
    assert [p["value"] for p in total.points] == [57, 132, 242]
    assert [p["as_of"] for p in total.points] == ["2024-11-27", "2024-11-28", "2024-11-29"]
    assert [p["status"] for p in total.points] == ["superseded", "superseded", "current"]
    assert total.points[2]["supersedes"] == "004-f2" and total.latest_value == 242 and total.corroborated_by == 1
    assert total.points[2]["attributed_to"] == "Syrian Observatory for Human Rights"
    # breakdown parts and civilians are their own series, never a new total
    hts = next(s for s in story.series if s.who == "fighters from HTS")
    assert [p["value"] for p in hts.points] == [65] and hts.points[0]["part_of"] == "004-f2"
    civ = next(s for s in story.series if s.who == "civilians")
    assert [p["value"] for p in civ.points] == [4, 24] and civ.latest_value == 24
    # a rising toll from one source is a timeline, not a disagreement
    assert not [d for d in story.disagreements if d.kind == "casualties"]
    # the offensive reported on Wednesday and Friday is one event; its fatalities follow the source's latest report
    fg = [e for e in story.events if not e.background]
    assert len(fg) == 1 and set(fg[0].report_ids) == {"004-e1", "003-e1"}
    assert fg[0].date == "2024-11-27"


def test_casualty_disagreement_between_independent_sources(aleppo_2024):
    arts, exs, copies = aleppo_2024
    t3 = arts[1].text
    other = _fig("003-f9", "003", t3, "24 civilians were killed", "killed", 90, attributed_to="Syrian Ministry of Health",
                 as_of=None)
    exs2 = [exs[0], Extraction("003", Annotations(), events=exs[1].events, figures=exs[1].figures + [other],
                               claims=[])]
    story = reconcile("s-al", arts, exs2, copies)
    cas = [d for d in story.disagreements if d.kind == "casualties"]
    assert len(cas) == 1
    assert {(s.value, s.attributed_to) for s in cas[0].sides} == {
        ("at least 242", "Syrian Observatory for Human Rights"), ("90", "Syrian Ministry of Health")}
    # and when the second source agrees, the value is corroborated by two independent sources
    agree = _fig("003-f9", "003", t3, "24 civilians were killed", "killed", 242,
                 attributed_to="Syrian Ministry of Health", qualifier="at least")
    exs3 = [exs[0], Extraction("003", Annotations(), events=exs[1].events, figures=exs[1].figures + [agree])]
    story3 = reconcile("s-al", arts, exs3, copies)
    total = next(s for s in story3.series if s.category == "killed" and s.who is None)
    assert total.latest_value == 242 and total.corroborated_by == 2
    assert not [d for d in story3.disagreements if d.kind == "casualties"]


def test_conservative_fatalities_across_sources():
    text = "x" * 200
    arts = [Article("a", text, "a", outlet="A", published="2024-05-01"),
            Article("b", text, "b", outlet="B", published="2024-05-01"),
            Article("c", text, "c", outlet="C", published="2024-05-02")]
    p = EventPlace("Kabul", 34.53, 69.17, "AF", "Kabul", 1138958, 1)
    mk = lambda i, a, n, who: Event(i, a, "Explosions/Remote violence", "Suicide bomb", date="2024-05-01",  # noqa
                                    date_precision=1, place=p, fatalities=n, attributed_to=who, start=0, end=10)
    exs = [Extraction("a", Annotations(), events=[mk("a1", "a", 12, "police")]),
           Extraction("b", Annotations(), events=[mk("b1", "b", 9, "hospital")]),
           Extraction("c", Annotations(), events=[mk("c1", "c", 20, "police")])]
    story = reconcile("s", arts, exs, [])
    assert len(story.events) == 1
    # police updated 12 -> 20, the hospital said 9: the conservative figure is 9
    assert story.events[0].fatalities == 9


def test_no_gdelt_explosion_many_reports_one_event():
    """One abduction reported by 60 articles (with varying detail) is one event, not 60."""
    arts, exs = [], []
    places = [EventPlace("Kaduna", 10.52, 7.44, "NG", "Kaduna", 2335727, 1),
              EventPlace("Kaduna State", 10.33, 7.75, "NG", "Kaduna", None, 3), None]
    for i in range(60):
        aid = f"a{i:02d}"
        arts.append(Article(aid, "Gunmen abducted 30 students from a school in Kaduna on Monday.", aid,
                            outlet=f"O{i % 7}", published=f"2024-03-{11 + i % 3:02d}"))
        exs.append(Extraction(aid, Annotations(), events=[Event(
            aid + "-e", aid, "Violence against civilians", "Abduction/forced disappearance",
            date="2024-03-11" if i % 4 else "2024-03-10", date_precision=1 if i % 5 else 2,
            actor1=None if i % 2 else "Unidentified Armed Group (Nigeria)", actor2="Civilians (Nigeria)",
            place=places[i % 3], start=0, end=20)]))
    # plus a different abduction far away on the same day
    arts.append(Article("z", "Gunmen abducted 5 travellers near Zamfara.", "z", published="2024-03-11"))
    exs.append(Extraction("z", Annotations(), events=[Event(
        "z-e", "z", "Violence against civilians", "Abduction/forced disappearance", date="2024-03-11",
        date_precision=1, place=EventPlace("Gusau", 12.16, 6.66, "NG", "Zamfara", None, 1), start=0, end=10)]))
    t = time.perf_counter()
    story = reconcile("s", arts, exs, [])
    elapsed = time.perf_counter() - t
    assert sorted(len(e.report_ids) for e in story.events) == [1, 60]
    assert elapsed < 1.0


def test_independent_groups_follow_wires_and_passages():
    groups = own_independent_groups(
        ["a", "b", "c", "d", "e"],
        [CopyLink("b", "a", 900, 0.9, kind="passage"), CopyLink("c", "wire:AFP", 0, 0.0, kind="credited-wire"),
         CopyLink("d", "wire:AFP", 0, 0.0, kind="credited-wire"), CopyLink("e", "a", 50, 0.05, kind="passage")])
    assert sorted(map(sorted, groups)) == [["a", "b"], ["c", "d"], ["e"]]
    # a span inside a copied passage counts as the source article's, outside it as its own
    arts = [Article(x, "t" * 100, x) for x in "abcde"]
    links = [CopyLink("e", "a", 50, 0.05, passages=[(10, 60, 0, 50)])]
    prov = Provenance(arts, links, groups)
    assert prov.key(None, "e", 20, 30) == prov.key(None, "a", 10, 20)
    assert prov.key(None, "e", 70, 80) != prov.key(None, "a", 10, 20)
    assert prov.key("SOHR", "e", 70, 80) == prov.key("sohr", "c")


def test_outcome_classes():
    assert outcome_class("the Syrian army had thwarted a fierce attack") == "thwarted"
    assert outcome_class("destroyed four car bombs before they reached their targets") == "thwarted"
    assert outcome_class("forces were successful in their assault, capturing a group of houses") == "succeeded"
    assert outcome_class("the attackers failed to capture the hill") == "thwarted"
    assert outcome_class("the minister said talks would resume") is None


def test_empty_story():
    story = reconcile("s-empty", [], [], [])
    assert story.events == [] and story.title is None and story.summary is None
    one = reconcile("s-1", [Article("a", "Short.", "a")], [], [])
    assert one.article_ids == ["a"] and one.first_reporter == "a" and one.title == "Short."


def test_perpetrator_disagreement_needs_different_sides():
    text = "y" * 300
    arts = [Article("a", text, "a", outlet="A", published="2023-06-01"),
            Article("b", text, "b", outlet="B", published="2023-06-01")]
    p = EventPlace("Bamako", 12.65, -8.0, "ML", "Bamako", 2460596, 1)

    def ev(i, aid, actor, inter, who):
        return Event(i, aid, "Explosions/Remote violence", "Remote explosive/landmine/IED", date="2023-06-01",
                     date_precision=1, place=p, actor1=actor, inter1=inter, attributed_to=who, start=0, end=10)

    exs = [Extraction("a", Annotations(), events=[ev("a1", "a", "JNIM: Group for Support of Islam and Muslims", 2,
                                                     "Government of Mali")]),
           Extraction("b", Annotations(), events=[ev("b1", "b", "Islamic State (Sahel)", 2, "Amaq")])]
    story = reconcile("s", arts, exs, [])
    perp = [d for d in story.disagreements if d.kind == "perpetrator"]
    assert len(story.events) == 1 and len(perp) == 1
    assert {(s.value, s.attributed_to) for s in perp[0].sides} == {
        ("JNIM: Group for Support of Islam and Muslims", "Government of Mali"), ("Islamic State (Sahel)", "Amaq")}
    # two names for the state's forces are one side, not a disagreement
    exs2 = [Extraction("a", Annotations(), events=[ev("a1", "a", "Military Forces of Mali (2021-)", 1, "X")]),
            Extraction("b", Annotations(), events=[ev("b1", "b", "Police Forces of Mali (2021-)", 1, "Y")])]
    assert not [d for d in reconcile("s", arts, exs2, []).disagreements if d.kind == "perpetrator"]


def test_running_totals_and_background_figures():
    text = "z" * 300
    arts = [Article("a", text, "a", published="2024-11-29")]
    figs = [Figure("f1", "a", "killed", 242, qualifier="at least", scope="since Wednesday", as_of="2024-11-27"),
            Figure("f2", "a", "killed", 500000, qualifier="more than", as_of="2011"),
            Figure("f3", "a", "killed", None, qualifier="dozens", low=24, as_of="2024-11-30")]
    story = reconcile("s", arts, [Extraction("a", Annotations(), figures=figs)], [])
    killed = [s for s in story.series if s.category == "killed"]
    assert len(killed) == 2  # the war's toll since 2011 is a separate (background) series
    cur = next(s for s in killed if any(p["figure_id"] == "f1" for p in s.points))
    f1 = next(p for p in cur.points if p["figure_id"] == "f1")
    assert f1["as_of"] == "2024-11-29" and f1["status"] == "current"  # "dozens" later does not replace 242
    assert cur.latest_value == 242


def test_a_report_silent_on_deaths_does_not_lower_the_conservative_toll():
    from triangulate.reconcile.events import _conservative_fatalities

    class Prov:
        def key(self, attributed_to, article_id, start, end):
            return attributed_to or article_id

    def ev(i, article, n, source=None):
        return Event(i, article, "Explosions/Remote violence", "Air/drone strike", "2024-11-29", 1,
                     fatalities=n, attributed_to=source)

    reports = [ev("e1", "a1", 24, "SOHR"), ev("e2", "a2", 0), ev("e3", "a3", 19, "SANA")]
    assert _conservative_fatalities(reports, Prov(), {}) == 19
    assert _conservative_fatalities([ev("e4", "a1", 0)], Prov(), {}) == 0
    assert _conservative_fatalities([ev("e5", "a1", None)], Prov(), {}) is None


def test_a_series_holds_one_measure_car_bombs_apart_from_car_bomb_attacks():
    from triangulate.reconcile.figures import category_key

    assert category_key(Figure("x", "a", "attacks", 2, unit="car bombs")) == "car bomb attack"
    assert category_key(Figure("y", "a", "car bombs", 4, unit="car bombs")) == "car bomb"
    assert category_key(Figure("z", "a", "killed", 4, unit="people")) == "killed"
    text = "z" * 300
    arts = [Article("a", text, "a", published="2020-02-01"), Article("b", text, "b", published="2020-02-01")]
    ev = dict(date="2020-02-01", date_precision=1, place=ALEPPO)
    exs = [Extraction("a", Annotations(), events=[
        Event("a-e1", "a", "Explosions/Remote violence", "Suicide bomb", actor1="Hayat Tahrir al-Sham", inter1=2,
              figure_ids=["f1", "f2"], **ev)], figures=[
        Figure("f1", "a", "car bombs", 3, unit="car bombs", attributed_to="Reuters"),
        Figure("f2", "a", "attacks", 2, unit="car bombs", attributed_to="Hayat Tahrir al-Sham")]),
        Extraction("b", Annotations(), events=[
            Event("b-e1", "b", "Explosions/Remote violence", "Suicide bomb", actor1="Hayat Tahrir al-Sham", inter1=2,
                  figure_ids=["f3"], **ev)], figures=[
            Figure("f3", "b", "car bombs", 4, unit="car bombs", attributed_to="SANA")])]
    story = reconcile("s", arts, exs, [])
    by_cat = {s.category: s for s in story.series}
    assert {p["value"] for p in by_cat["car bomb"].points} == {3, 4}
    assert [p["value"] for p in by_cat["car bomb attack"].points] == [2]
    # three car bombs vs four destroyed: one slot, two independent sources
    counts = [d for d in story.disagreements if d.kind == "count"]
    assert len(counts) == 1 and {s.value for s in counts[0].sides} == {"3", "4"}


def test_one_measure_in_two_provinces_makes_two_series():
    text = "z" * 300
    arts = [Article("a", text, "a", published="2024-11-28")]
    day = dict(date="2024-11-28", date_precision=1)
    exs = [Extraction("a", Annotations(), events=[
        Event("e1", "a", "Violence against civilians", "Attack", place=IDLIB, figure_ids=["f1"], **day),
        Event("e2", "a", "Explosions/Remote violence", "Air/drone strike", place=ALEPPO, figure_ids=["f2"], **day)],
        figures=[Figure("f1", "a", "killed", 4, who="civilians", attributed_to="SOHR"),
                 Figure("f2", "a", "killed", 24, who="civilians", attributed_to="SOHR")])]
    story = reconcile("s", arts, exs, [])
    civ = [s for s in story.series if s.category == "killed" and s.who == "civilians"]
    assert sorted((s.place, s.latest_value) for s in civ) == [("Aleppo", 24), ("Idlib", 4)]


def test_descriptions_and_different_people_do_not_split_one_shooting():
    from triangulate.reconcile.events import _actor_score, specific_actor

    assert not specific_actor("the suspect") and not specific_actor("Police") and not specific_actor("Three people")
    assert specific_actor("Osiel Benitez") and specific_actor("Hayat Tahrir al-Sham")
    assert _actor_score({"Police"}, {"the suspect"}) == 0.0
    assert _actor_score({"Osiel Benitez"}, {"Rigoberto Castillo"}) == 0.0  # shooter and victim
    assert _actor_score({"Benitez"}, {"Osiel Benitez"}) == 1.0
    # two named armed groups blamed in two reports contradict each other; two names of one state do not
    assert _actor_score({"Hayat Tahrir al-Sham"}, {"Syrian National Army"}, {"Hayat Tahrir al-Sham"},
                        {"Syrian National Army"}) == -1.0
    assert _actor_score({"Military Forces of Syria"}, {"Police Forces of Syria"}, {"Military Forces of Syria"},
                        {"Police Forces of Syria"}) == 0.0


def test_a_lone_misplaced_report_is_not_evidence_against_a_merge():
    seattle = EventPlace("Seattle", 47.606, -122.332, "US", "Washington", 5809844, 1)
    broadway = EventPlace("Broadway", 38.613, -78.799, "US", "Virginia", None, 2)  # a geocoding slip
    text = "z" * 300
    arts = [Article(a, text, a, published="2015-11-22") for a in "abc"]
    day = dict(date="2015-11-22", date_precision=1)
    exs = [Extraction(a, Annotations(), events=[
        Event(f"{a}-e1", a, "Violence against civilians", "Attack", place=seattle if a != "c" else broadway, **day)])
        for a in "abc"]
    story = reconcile("s", arts, exs, [])
    assert len(story.events) == 1 and story.events[0].place.name == "Seattle"
    assert story.events[0].article_ids == ["a", "b", "c"]
    # with only two articles nothing says which place is the slip: they stay apart
    two = reconcile("s", arts[1:], exs[1:], [])
    assert len(two.events) == 2


def test_merge_eval_scores():
    from collections import Counter

    from triangulate.eval.merge import _prf, bcubed, pair_counts

    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0, 1.0)
    p, r, f = bcubed({"a": "x", "b": "y", "c": "z"}, gold)
    assert p == 1.0 and abs(r - (0.5 + 0.5 + 1) / 3) < 1e-9
    p, r, _ = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert abs(p - (2 / 3 + 2 / 3 + 1 / 3) / 3) < 1e-9 and r == 1.0
    c = pair_counts({"a": "x", "b": "x", "c": "x"}, gold)
    assert c == Counter({"tp": 1, "fp": 2}) and _prf(c)[0] == 1 / 3


def test_eval_merge_on_fixture():
    from click.testing import CliRunner

    from triangulate.eval.merge import command

    fix = Path(__file__).parent / "fixtures" / "merge"
    res = CliRunner().invoke(command, ["--data", str(fix)])
    assert res.exit_code == 0, res.output
    # Columbus has a single incident: only the Springfield pair of incidents is pooled
    assert "pools 1 incidents 2 articles 3" in res.output
    assert "events per incident 1.000" in res.output
    assert "reconcile    BCubed P 1.000 R 1.000 F1 1.000" in res.output
    assert "per_article  BCubed P 1.000 R 0.667" in res.output


def test_a_toll_over_a_period_is_not_the_events_fatalities():
    text = "z" * 300
    arts = [Article("a", text, "a", published="2020-02-01")]
    day = dict(date="2020-02-01", date_precision=1, place=ALEPPO)
    figs = [Figure("f1", "a", "killed", None, low=200, qualifier="hundreds", who="combatants", scope="this week"),
            Figure("f2", "a", "killed", 3, scope=None)]
    ex = Extraction("a", Annotations(), figures=figs, events=[
        Event("e1", "a", "Explosions/Remote violence", "Remote explosive/landmine/IED", fatalities=200,
              figure_ids=["f1"], **day)])
    story = reconcile("s", arts, [ex], [])
    assert story.events[0].fatalities is None  # its only toll counts a week, not this event
    assert any(p["figure_id"] == "f1" for s in story.series for p in s.points)  # still kept as a figure
    ex.events[0].figure_ids = ["f2"]
    ex.events[0].fatalities = 3
    assert reconcile("s", arts, [ex], []).events[0].fatalities == 3


def test_reports_merged_as_a_compatible_type_neither_name_the_type_nor_the_perpetrator():
    text = "z" * 300
    arts = [Article(a, text, a, published="2020-02-01") for a in "abcd"]
    day = dict(date="2020-02-01", date_precision=1, place=ALEPPO)
    car = dict(event_type="Explosions/Remote violence", sub_event_type="Suicide bomb")
    civ = dict(event_type="Violence against civilians", sub_event_type="Attack")
    exs = [Extraction("a", Annotations(), events=[
        Event("a1", "a", actor1="Hayat Tahrir al-Sham", inter1=2, attributed_to="Reuters", **car, **day)]),
        Extraction("b", Annotations(), events=[
            Event("b1", "b", actor1="Hayat Tahrir al-Sham", inter1=2, attributed_to="Ebaa", **civ, **day)]),
        Extraction("c", Annotations(), events=[
            Event("c1", "c", actor1="Hayat Tahrir al-Sham", inter1=2, attributed_to="UN", **civ, **day)]),
        Extraction("d", Annotations(), events=[
            Event("d1", "d", "Strategic developments", "Disrupted weapons use", actor1="Military Forces of Syria",
                  inter1=1, attributed_to="SANA", outcome="thwarted", **day)])]
    story = reconcile("s", arts, exs, [])
    fg = [e for e in story.events if not e.background]
    assert len(fg) == 1 and fg[0].sub_event_type == "Suicide bomb"  # not outvoted by the compatible reports
    assert sorted(fg[0].article_ids) == ["a", "b", "c", "d"]  # the army's "thwarted" joins the attack
    # the army is actor1 of its own report, not the perpetrator of the car bombing
    assert not [d for d in story.disagreements if d.kind == "perpetrator"]


def test_a_later_figure_supersedes_an_earlier_one_only_when_scopes_allow():
    text = "z" * 300
    arts = [Article("a", text, "a", published="2024-11-27"), Article("b", text, "b", published="2024-11-28"),
            Article("c", text, "c", published="2024-11-29")]
    src = "Syrian Observatory for Human Rights"
    exs = [Extraction("a", Annotations(), figures=[Figure("f1", "a", "killed", 57, attributed_to=src,
                                                          scope="on Wednesday")]),
           Extraction("b", Annotations(), figures=[Figure("f2", "b", "killed", 40, attributed_to=src,
                                                          scope="on Thursday")]),
           Extraction("c", Annotations(), figures=[Figure("f3", "c", "killed", 242, qualifier="at least",
                                                          attributed_to=src, scope="since Wednesday")])]
    story = reconcile("s", arts, exs, [])
    pts = {p["figure_id"]: p for s in story.series if s.category == "killed" for p in s.points}
    assert pts["f1"]["status"] == "superseded"  # by the running total, not by Thursday's own toll
    assert pts["f3"]["supersedes"] == "f1" and pts["f3"]["status"] == "current"
    assert pts["f2"]["status"] == "superseded"


def test_a_running_total_and_a_plain_count_are_not_a_disagreement():
    text = "z" * 300
    arts = [Article("a", text, "a", published="2024-11-29")]
    day = dict(date="2024-11-29", date_precision=1, place=ALEPPO)
    figs = [Figure("f1", "a", "towns", 2, unit="towns", attributed_to="Government forces"),
            Figure("f2", "a", "towns", 50, unit="towns", qualifier="around", scope="since Wednesday",
                   attributed_to="Syrian Observatory for Human Rights"),
            Figure("f3", "a", "towns", 9, unit="towns", attributed_to="Anadolu Agency")]
    ev = Event("e1", "a", "Battles", "Non-state actor overtakes territory", figure_ids=["f1", "f2"], **day)
    ex = Extraction("a", Annotations(), events=[ev], figures=figs[:2])
    assert not [d for d in reconcile("s", arts, [ex], []).disagreements if d.kind == "count"]
    ev.figure_ids = ["f1", "f3"]
    ex = Extraction("a", Annotations(), events=[ev], figures=[figs[0], figs[2]])
    counts = [d for d in reconcile("s", arts, [ex], []).disagreements if d.kind == "count"]
    assert len(counts) == 1 and {s.value for s in counts[0].sides} == {"2", "9"}


def test_two_named_perpetrators_need_more_than_type_day_and_area_to_disagree():
    text = "y" * 300
    arts = [Article("a", text, "a", outlet="A", published="2020-02-01"),
            Article("b", text, "b", outlet="B", published="2020-02-01")]
    area = EventPlace("Aleppo", 36.2, 37.13, "SY", "Aleppo", 170063, 2)  # "50 km northeast of Aleppo"

    def ev(i, aid, actor, who, place):
        return Event(i, aid, "Battles", "Armed clash", date="2020-02-01", date_precision=1, place=place,
                     actor1=actor, inter1=2, attributed_to=who, start=0, end=10)

    exs = [Extraction("a", Annotations(), events=[ev("a1", "a", "Hayat Tahrir al-Sham", "Ebaa", area)]),
           Extraction("b", Annotations(), events=[ev("b1", "b", "Syrian National Army", "SOHR", area)])]
    assert not [d for d in reconcile("s", arts, exs, []).disagreements if d.kind == "perpetrator"]
    for ex in exs:
        ex.events[0].place = ZAHRAA  # both placed precisely at the same front: one attack, two accounts
    perp = [d for d in reconcile("s", arts, exs, []).disagreements if d.kind == "perpetrator"]
    assert len(perp) == 1 and {s.attributed_to for s in perp[0].sides} == {"Ebaa", "SOHR"}


def test_the_catch_all_type_does_not_merge_unrelated_subtypes_and_the_thwarting_side_is_not_actor1():
    text = "y" * 300
    arts = [Article(a, text, a, published="2020-02-01") for a in "abc"]
    day = dict(date="2020-02-01", date_precision=1, place=ALEPPO)
    sd = "Strategic developments"
    exs = [Extraction("a", Annotations(), events=[
        Event("a1", "a", "Explosions/Remote violence", "Suicide bomb", actor1="Hayat Tahrir al-Sham", inter1=2,
              **day)]),
        Extraction("b", Annotations(), events=[
            Event("b1", "b", sd, "Change to group/activity", **day),
            Event("b2", "b", sd, "Disrupted weapons use", actor1="Military Forces of Syria", inter1=1,
                  outcome="thwarted", start=50, end=60, **day)]),
        Extraction("c", Annotations(), events=[
            Event("c1", "c", sd, "Disrupted weapons use", actor1="Military Forces of Syria", inter1=1,
                  outcome="thwarted", **day)])]
    story = reconcile("s", arts, exs, [])
    attack = next(e for e in story.events if e.sub_event_type == "Suicide bomb")
    # the army's "we destroyed the car bombs" joins the attack, not the group's video pledge of the same day
    assert set(attack.report_ids) == {"a1", "b2", "c1"} and attack.outcome == "thwarted"
    assert attack.actor1 == "Hayat Tahrir al-Sham"  # not outvoted by the two reports of the thwarting side
