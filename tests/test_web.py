"""The web layer over a real uvicorn server (127.0.0.1, random port) with real HTTP (httpx)."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from triangulate.web.sample import build_sample_db
from triangulate.web.testing import running_server

S_2024 = "s-2024-aleppo-offensive"
S_2020 = "s-2020-aleppo-car-bombs"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "sample.duckdb"
    build_sample_db(str(path))
    return str(path)


@pytest.fixture(scope="module")
def base(sample_db):
    with running_server(sample_db, submit_token="s3cret") as url:
        yield url


@pytest.fixture(scope="module")
def http(base):
    with httpx.Client(base_url=base, timeout=10) as client:
        yield client


def test_stories_api_newest_first_with_counts_and_flags(http):
    body = http.get("/api/stories").json()
    assert body["total"] == 3
    ids = [s["id"] for s in body["items"]]
    assert ids == [S_2024, "s-markup", S_2020]
    s = body["items"][0]
    assert s["n_articles"] == 3 and s["n_outlets"] == 3
    assert s["has_disagreement"] is True
    assert s["figures"][0]["points"] == [57, 132, 242]
    assert "Aleppo" in s["places"]


@pytest.mark.parametrize("params,expected", [
    ({"place": "idlib"}, {S_2024, "s-markup"}),
    ({"actor": "regime"}, {S_2024, S_2020}),
    ({"outlet": "reuters"}, {S_2020}),
    ({"event_type": "Battles"}, {S_2024}),
    ({"date_from": "2024-01-01"}, {S_2024}),
    ({"date_to": "2020-12-31"}, {S_2020}),
    ({"q": "car bombs"}, {S_2020}),
    ({"q": "nonexistentword"}, set()),
    ({"disagreement": "false"}, {"s-markup"}),
])
def test_story_filters(http, params, expected):
    body = http.get("/api/stories", params=params).json()
    assert {s["id"] for s in body["items"]} == expected
    assert body["total"] == len(expected)


def test_pagination(http):
    first = http.get("/api/stories", params={"limit": 1}).json()
    second = http.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 3
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert http.get("/api/stories", params={"limit": 100000}).status_code == 422


def test_story_detail_and_404(http):
    st = http.get(f"/api/stories/{S_2024}").json()
    assert [p["value"] for p in st["data"]["series"][0]["points"]] == [57, 132, 242]
    assert {f["id"] for f in st["figures"]} == {"f-57", "f-132", "f-242"}
    naming = {a["actor"]: a["variants"] for a in st["actor_names"]}
    assert {"jihadists", "rebels"} <= set(naming["Hayat Tahrir al-Sham"])
    assert http.get("/api/stories/none").status_code == 404


def test_article_endpoints(http):
    art = http.get("/api/articles/a-copy-a").json()
    assert art["copied_from"][0]["other_id"] == "a-wire"
    assert http.get("/api/articles/a-wire").json()["copied_by"]
    listing = http.get("/api/articles", params={"story_id": S_2020}).json()
    assert listing["total"] == 3
    hits = http.get("/api/search", params={"q": "observatory 242"}).json()
    assert [a["id"] for a in hits["items"]] == ["a-t3"]
    assert hits["stories"][0]["id"] == S_2024


def test_events_figures_claims_actors_places(http):
    ev = http.get("/api/events", params={"story_id": S_2024}).json()
    assert ev["total"] == 2 and ev["items"][0]["date"] == "2024-11-29"
    assert http.get("/api/events", params={"place": "idlib"}).json()["total"] == 1
    figs = http.get("/api/figures", params={"category": "killed", "story_id": S_2024}).json()
    assert sorted(f["value"] for f in figs["items"]) == [57, 132, 242]
    claims = http.get("/api/claims", params={"attributed_to": "Syrian government"}).json()
    assert claims["total"] == 3
    actors = http.get("/api/actors").json()["items"]
    assert actors[0]["name"] == "Syrian government"
    actor = http.get("/api/actors/Syrian government").json()
    assert {n["text"] for n in actor["names"]} >= {"regime", "government"}
    place = http.get("/api/places/Aleppo").json()
    assert {s["id"] for s in place["stories"]} == {S_2024, S_2020}
    assert http.get("/api/places/Atlantis").status_code == 404


def test_exports(http):
    r = http.get("/api/export", params={"format": "json", "story_id": S_2024})
    assert r.status_code == 200
    bundle = r.json()
    assert [s["id"] for s in bundle["stories"]] == [S_2024]
    assert {a["id"] for a in bundle["articles"]} == {"a-t1", "a-t2", "a-t3"}
    rows = list(csv.reader(io.StringIO(http.get("/export/csv", params={"story_id": S_2020}).text)))
    assert len(rows) == 2  # header + the one event
    geo = http.get("/export/geojson", params={"place": "Aleppo"}).json()
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"]) and len(geo["features"]) == 3
    assert http.get("/export/xml").status_code == 400


def test_pages_render_and_link(http):
    home = http.get("/").text
    assert f'href="/stories/{S_2024}"' in home and "sources disagree" in home
    story = http.get(f"/stories/{S_2024}").text
    for needle in ("<svg class=\"chart\"", "57", "132", "242", "Did the attackers enter Aleppo?", "id=\"map\"",
                   "How outlets name the actors", "/export/json?story_id="):
        assert needle in story
    assert http.get("/stories/none").status_code == 404
    art = http.get("/articles/a-copy-a").text
    assert 'class="hl hl-copy' in art and 'href="/articles/a-wire"' in art
    assert http.get("/actors/Hayat Tahrir al-Sham").status_code == 200
    assert http.get("/places/Aleppo").status_code == 200
    assert "a-t3" in http.get("/search", params={"q": "242"}).text


def test_markup_is_escaped(http):
    for url in ("/articles/a-markup", "/stories/s-markup", "/", "/search?q=script"):
        html = http.get(url).text
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url
    assert "<i>Outlet</i>" not in http.get("/").text
    # a hostile filter value is echoed escaped
    html = http.get("/", params={"place": '"><script>x()</script>'}).text
    assert "<script>x()" not in html


def test_docs_are_offline(http):
    html = http.get("/docs").text
    assert "cdn." not in html and "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert http.get("/openapi.json").json()["paths"]["/api/stories"]


def test_submit_is_token_guarded(http):
    payload = {"articles": [{"text": "x"}]}
    assert http.post("/api/submit", json=payload).status_code == 401
    assert http.post("/api/submit", json=payload, headers={"X-Token": "wrong"}).status_code == 401
    assert http.post("/api/submit", json={"urls": ["ftp://x"]}, headers={"X-Token": "s3cret"}).status_code == 422
    assert http.post("/api/submit", json={}, headers={"Authorization": "Bearer s3cret"}).status_code == 422


def test_submit_disabled_without_token(sample_db, monkeypatch):
    monkeypatch.delenv("TRIANGULATE_TOKEN", raising=False)
    with running_server(sample_db) as url:
        r = httpx.post(url + "/api/submit", json={"articles": [{"text": "x"}]}, headers={"X-Token": "anything"})
        assert r.status_code == 403


def test_search_index_matches_scan_and_sees_new_articles(tmp_path):
    from triangulate.model import Article
    from triangulate.store import Store
    from triangulate.store import queries as Q

    path = str(tmp_path / "idx.duckdb")
    build_sample_db(path)
    with Store(path) as store:
        cur = store.con
        before = {q: [a["id"] for a in Q.list_articles(cur, q=q)[1]] for q in ("aleppo", "observatory 242", "car")}
        assert Q.build_search_index(cur) > 0
        after = {q: [a["id"] for a in Q.list_articles(cur, q=q)[1]] for q in before}
        assert after == before and after["observatory 242"] == ["a-t3"]
        assert [s["id"] for s in Q.list_stories(cur, q="car bombs")[1]] == [S_2020]
        # an article added after the index was built is still found
        store.add_article(Article("a-new", "Shelling hit Manbij overnight.", "x", "Manbij", outlet="X",
                                  published="2025-01-01"))
        assert [a["id"] for a in Q.list_articles(cur, q="manbij")[1]] == ["a-new"]
        assert Q.list_articles(cur, q="manbij aleppo")[0] == 0


def test_submit_hands_articles_to_the_pipeline_and_reopens(monkeypatch, tmp_path):
    import json as _json

    import triangulate.pipeline as pipeline

    seen = {}

    def fake(db_path, inputs, stdin=None):
        import duckdb
        # the web's read-only connection is closed meanwhile: a read-write connection can open the file
        con = duckdb.connect(db_path)
        con.close()
        seen["inputs"] = inputs
        seen["records"] = [_json.loads(line) for p in inputs if p.endswith(".jsonl")
                           for line in open(p, encoding="utf-8")]
        return {"new": 1}, {"analyzed": 1}

    monkeypatch.setattr(pipeline, "ingest_and_analyze", fake)
    db = str(tmp_path / "own.duckdb")  # its own file: another app in this process holds the shared sample read-only
    build_sample_db(db)
    with running_server(db, submit_token="tok") as url:
        r = httpx.post(url + "/api/submit", headers={"Authorization": "Bearer tok"},
                       json={"articles": [{"title": "T", "text": "Shelling near Homs."}],
                             "urls": ["https://example.org/x"]})
        assert r.status_code == 200, r.text
        assert r.json() == {"ingested": {"new": 1}, "analyzed": {"analyzed": 1}}
        assert seen["inputs"][0] == "https://example.org/x"
        assert seen["records"] == [{"title": "T", "text": "Shelling near Homs."}]
        assert httpx.get(url + "/api/stories").json()["total"] == 3  # reads work again
