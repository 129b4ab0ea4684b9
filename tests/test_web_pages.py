"""Story/article pages on awkward real-world data: background events, events with no place, figures reported
once, articles with no title or outlet, many events; and the admin-1 basemap layer choice."""

from __future__ import annotations

import re

import httpx
import pytest

from triangulate.model import Article, EventPlace, FigureSeries, Story, StoryEvent
from triangulate.store import Store
from triangulate.web import app as web_app
from triangulate.web.testing import running_server

TEXT = "Shelling hit Talbiseh on Tuesday. Five people were killed, medics said. The war began in 2011."


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("pages") / "pages.duckdb")
    homs = EventPlace("Talbiseh", 34.84, 36.73, "SY", "Homs", None, 1)
    events = [StoryEvent(f"ev-{i}", "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         f"2024-12-{1 + i % 3:02d}", 1, "Military Forces of Syria", None, homs, 0, ["a-untitled"])
              for i in range(30)]
    events.append(StoryEvent("ev-bg", "Battles", "Armed clash", "2011-03-15", 1, "Rebels", None,
                             EventPlace("Daraa", 32.62, 36.10, "SY", "Daraa", None, 1), None, ["a-untitled"],
                             background=True))
    events.append(StoryEvent("ev-nowhere", "Protests", "Peaceful protest", "2024-12-02", 1, "Protesters (Syria)",
                             None, None, None, ["a-untitled"]))
    series = [FigureSeries("fs-k", "killed", None, [
                  {"figure_id": "f1", "value": 5, "qualifier": "exact", "as_of": "2024-12-01", "article_id": "a-untitled"},
                  {"figure_id": "f2", "value": 7, "qualifier": "exact", "as_of": "2024-12-02", "article_id": "a-untitled"}],
                  7, 1),
              FigureSeries("fs-war", "killed", "civilians", [
                  {"figure_id": "f3", "value": 1000000, "qualifier": "approximately", "as_of": "2011-03-15",
                   "article_id": "a-untitled"}], 1000000, 1),
              FigureSeries("fs-empty", "displaced", None, [], None, 0)]
    story = Story("s-awkward", ["a-untitled"], "A very long headline " * 12, None, [], "2024-12-03", "2024-12-03",
                  events=events, series=series)
    with Store(db) as store:
        store.add_article(Article("a-untitled", TEXT, "x", None, published="2024-12-03"))
        store.mark_analyzed("a-untitled", story.id, None)
        store.save_story(story, n_outlets=0)
    with running_server(db) as url:
        yield url


def test_story_page_puts_background_apart_and_counts_unplaced(base):
    html = httpx.get(base + "/stories/s-awkward").text
    main, _, rest = html.partition('id="background"')
    assert "2011-03-15" not in main.split('id="timeline"')[1]  # not among the news of the day
    assert "2011-03-15" in rest.split("</details>")[0] and "1 earlier event" in rest
    assert "1 event without a known place is not on the map" in html
    assert "(place unknown)" in html
    # the news timeline strip spans the days of the news, not back to 2011
    strip = re.search(r'<svg class="timeline".*?</svg>', html, re.S).group(0)
    assert "2011" not in strip and "2024-12-01" in strip


def test_story_page_figures_and_sources(base):
    html = httpx.get(base + "/stories/s-awkward").text
    figures = html.split('id="figures"')[1].split("</section>")[0]
    assert figures.count('<svg class="chart"') == 1  # only the series that changed gets a chart
    assert "Reported once" in figures and "1,000,000" in figures and "as of 2011-03-15" in figures
    assert "displaced" not in figures.split("Reported once")[0]  # a series with no value is not drawn
    assert "article a-untitled" in html and "untitled report" in html
    # the card ranks the series reported over time above a bigger number reported once
    card = httpx.get(base + "/api/stories").json()["items"][0]
    assert [f["points"] for f in card["figures"]][:2] == [[5, 7], [1000000]]


def test_card_puts_background_totals_last():
    from triangulate.store.queries import _headline_series

    war = {"category": "killed", "who": None, "latest_value": 500000, "corroborated_by": 2,
           "points": [{"value": 500000, "as_of": "2011-03-15"}, {"value": 500000, "as_of": "2016-01-01"}]}
    today = {"category": "injured", "who": None, "latest_value": 12, "points": [{"value": 12, "as_of": "2024-12-02"}]}
    undated = {"category": "displaced", "who": None, "latest_value": 900, "points": [{"value": 900}]}
    assert [s["category"] for s in _headline_series([war, today, undated], "2024-12-01")] == \
        ["injured", "displaced", "killed"]
    assert [s["category"] for s in _headline_series([war, today, undated])] == ["killed", "injured", "displaced"]


def test_article_without_title(base):
    html = httpx.get(base + "/articles/a-untitled").text
    assert "<h1>Untitled report <small>a-untitled</small></h1>" in html


def test_admin1_layers_choice(tmp_path, monkeypatch):
    vendor = tmp_path / "vendor"
    (vendor / "admin1").mkdir(parents=True)
    for iso3 in ("syr", "rus", "irn", "tur", "irq", "lbn"):
        (vendor / "admin1" / f"{iso3}.topo.json").write_text("{}")
    monkeypatch.setattr(web_app, "VENDOR", vendor)
    ev = [{"country": "SY", "admin1": "Aleppo", "precision": 1}, {"country": "SY", "admin1": "Idlib"},
          {"country": "RU", "admin1": None, "precision": 3}, {"country": "IR", "admin1": None, "precision": 2}]
    # countries named only as a whole get no regions when some event is more precise
    assert web_app.admin1_layers(ev) == ["/static/vendor/admin1/syr.topo.json", "/static/vendor/admin1/irn.topo.json"]
    assert web_app.admin1_layers([{"country": "RU", "precision": 3}]) == ["/static/vendor/admin1/rus.topo.json"]
    assert web_app.admin1_layers([{"country": "XX", "precision": 1}, {"country": None}]) == []
    many = [{"country": c, "precision": 1} for c in ("SY", "RU", "IR", "TR", "IQ", "LB")]
    assert len(web_app.admin1_layers(many)) == 4  # a page stays light
    (vendor / "admin1" / "rus.topo.json").write_text("x" * 5000)
    assert web_app.admin1_layers(ev[:1] + [{"country": "RU", "precision": 1}], max_bytes=1000) == \
        ["/static/vendor/admin1/syr.topo.json"]  # a heavy second country is left out
    assert web_app.admin1_layers([{"country": "RU", "precision": 1}], max_bytes=1000) == \
        ["/static/vendor/admin1/rus.topo.json"]  # but the first one is always drawn


def test_article_page_events_and_wire_sources(tmp_path):
    from triangulate.model import Annotations, CopyLink, Event, Extraction

    db = str(tmp_path / "art.duckdb")
    with Store(db) as store:
        store.add_article(Article("a-1", TEXT, "x", "Shelling report", outlet="Wire", published="2024-12-03"))
        store.save_copies("a-1", [CopyLink("a-1", "wire:AFP", 20, 0.2, [(0, 20, 0, 20)], "credited-wire")])
        store.save_extraction(Extraction("a-1", Annotations(), events=[
            Event("e1", "a-1", "Explosions/Remote violence", "Shelling/artillery/missile attack", date="2024-12-03",
                  place=EventPlace("Talbiseh", 34.84, 36.73, "SY", "Homs", None, 1), start=0, end=33),
            Event("e2", "a-1", "Battles", "Armed clash", date="2011-03-15", background=True, start=72, end=95),
            Event("e3", "a-1", "Protests", "Peaceful protest", start=34, end=70)]))
    with running_server(db) as url:
        r = httpx.get(url + "/articles/a-1")
    assert r.status_code == 200
    html = r.text
    aside = html.split("<aside>")[1]
    news, _, past = aside.partition("Background events")
    assert "Talbiseh" in news and "(place unknown)" in news and "2011-03-15" not in news
    assert "2011-03-15" in past
    assert "AFP <span class=\"muted\">(credited wire)</span>" in aside and "/articles/wire" not in html


def test_timeline_strip_fits_its_stacks():
    from triangulate.web.render import timeline

    arts = [{"id": f"a{i}", "published": "2024-12-01"} for i in range(3)]
    evs = [{"date": f"2024-12-0{1 + i % 2}", "event_type": "Battles", "sub_event_type": "Armed clash"}
           for i in range(14)]
    svg = str(timeline(arts, evs))
    height = float(re.search(r'height="(\d+)"', svg).group(1))
    ys = [float(y) for y in re.findall(r'<path d="M[\d.]+,([\d.]+) l6,6', svg)]
    cys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    assert len(ys) == 14 and max(ys) + 12 < height and min(cys) - 5 >= 0
    ticks = re.findall(r'class="tick" text-anchor="middle">([\d-]+)<', svg)
    assert ticks == ["2024-12-01", "2024-12-02"]
    assert all(float(y) > max(ys) + 12 for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)" class="tick"', svg))
