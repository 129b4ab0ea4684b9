"""/api/submit against the real pipeline (triangulate.pipeline.ingest_and_analyze) over a real loopback server."""

from __future__ import annotations

import httpx
import pytest

from triangulate.store import Store
from triangulate.web.testing import running_server

# synthetic report (written for this test, not from any dataset)
ARTICLE = {
    "title": "Shelling kills five in Homs countryside",
    "outlet": "Test Wire",
    "url": "https://example.org/homs-shelling",
    "published": "2024-12-03",
    "text": ("Shelling kills five in Homs countryside\n\n"
             "HOMS, Syria (Test Wire) - Government artillery shelled the village of Talbiseh north of Homs on "
             "Tuesday, killing five civilians, including two children, a monitoring group said.\n\n"
             "The Syrian Observatory for Human Rights said at least 12 people were wounded in the attack. "
             "Rebel fighters later fired rockets at army positions near Homs, the group added."),
}


@pytest.mark.slow
def test_submit_runs_the_real_pipeline(tmp_path):
    db = str(tmp_path / "submit.duckdb")
    with Store(db):  # an empty database, with its schema
        pass
    with running_server(db, submit_token="tok", timeout=60) as url:
        assert httpx.get(url + "/api/articles").json()["total"] == 0
        r = httpx.post(url + "/api/submit", headers={"X-Token": "tok"}, json={"articles": [ARTICLE]}, timeout=120)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ingested"] and body["analyzed"]

        arts = httpx.get(url + "/api/articles").json()
        assert arts["total"] == 1
        art = arts["items"][0]
        assert art["title"] == ARTICLE["title"] and art["outlet"] == "Test Wire"

        stories = httpx.get(url + "/api/stories").json()
        assert stories["total"] == 1
        sid = stories["items"][0]["id"]
        story = httpx.get(url + f"/api/stories/{sid}").json()
        assert [a["id"] for a in story["articles"]] == [art["id"]]
        # the pipeline's analysis is visible: a place, a figure and an event located in Syria
        full = httpx.get(url + f"/api/articles/{art['id']}").json()
        places = {(m.get("place") or {}).get("country") for m in full["annotations"]["places"]}
        assert "SY" in places
        assert any(f["value"] == 5 and f["category"] == "killed" for f in full["figures"])
        events = httpx.get(url + "/api/events", params={"story_id": sid}).json()["items"]
        assert events and all(e["country"] in (None, "SY") for e in events)

        page = httpx.get(url + f"/stories/{sid}")
        assert page.status_code == 200 and "Shelling kills five in Homs countryside" in page.text
        assert httpx.get(url + f"/articles/{art['id']}").status_code == 200
        # and a second submission of the same article adds nothing new
        again = httpx.post(url + "/api/submit", headers={"X-Token": "tok"}, json={"articles": [ARTICLE]}, timeout=120)
        assert again.status_code == 200
        assert httpx.get(url + "/api/articles").json()["total"] == 1
