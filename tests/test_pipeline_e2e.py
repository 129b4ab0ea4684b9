"""End to end over the five example articles: the CLI a user runs, a real DuckDB file, the bundle contract."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import jsonschema
import pytest

from triangulate import pipeline
from triangulate.export import bundle, bundle_schema, events_csv, events_geojson
from triangulate.store import Store

pytestmark = pytest.mark.slow


def _cli(*args: str, db, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triangulate.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, input=input, timeout=600)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir):
    db = tmp_path_factory.mktemp("e2e") / "seeds.duckdb"
    result = _cli("ingest", str(seeds_dir), db=db)
    assert result.returncode == 0, result.stderr
    return db, result


def test_ingest_summary_counts_what_happened(seeded):
    _, result = seeded
    assert "read 5, new 5" in result.stderr
    assert "set aside 0" in result.stderr


def test_seeds_form_two_stories(seeded):
    db, _ = seeded
    with Store(db, read_only=True) as store:
        groups = sorted(sorted(ids) for ids in store.story_article_ids().values())
    stems = [[i.split("_")[0] for i in g] for g in groups]
    assert stems == [["000", "001", "002"], ["003", "004"]]


def test_retellings_show_copied_from_the_earlier_article(seeded):
    db, _ = seeded
    with Store(db, read_only=True) as store:
        b = bundle(store)
    by_stem = {a["id"].split("_")[0]: a for a in b["articles"]}
    for stem in ("001", "002"):
        sources = [c["article_id"].split("_")[0] for c in by_stem[stem]["copied_from"]]
        assert "000" in sources, (stem, by_stem[stem]["copied_from"])
    assert all(c["article_id"].split("_")[0] != "001" for c in by_stem["000"]["copied_from"])


def test_every_seed_gets_a_publication_date_marked_inferred(seeded):
    db, _ = seeded
    with Store(db, read_only=True) as store:
        articles = {a.id.split("_")[0]: a for a in store.articles()}
    for stem, a in articles.items():
        assert a.published, stem
        assert a.published_inferred, stem
    assert articles["002"].published[:7] == "2020-02"
    assert articles["003"].published[:10] == "2024-11-29"


def test_export_is_valid_against_the_bundle_contract(seeded, tmp_path):
    db, _ = seeded
    out = tmp_path / "bundle.json"
    result = _cli("export", "--format", "json", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    with Store(db, read_only=True) as store:
        jsonschema.validate(data, bundle_schema())
        assert len(data["stories"]) == 2
        geo = events_geojson(store)
        assert geo["type"] == "FeatureCollection"
        header = events_csv(store).splitlines()[0].split(",")
    for col in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
                "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"):
        assert col in header


def test_report_is_self_contained_html(seeded, tmp_path):
    db, _ = seeded
    out = tmp_path / "report.html"
    result = _cli("report", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert html.startswith("<!doctype html>")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count('class="story"') == 2
    # every disagreement side shows the claims it rests on
    from markupsafe import escape

    with Store(db, read_only=True) as store:
        b = bundle(store)
    text = {c["id"]: c["text"] for s in b["stories"] for c in s["claims"]}
    quoted = [text[c] for s in b["stories"] for d in s["disagreements"] for side in d["sides"]
              for c in side["claim_ids"] if c in text]
    assert quoted and all(str(escape(q)) in html for q in quoted)


def test_reingesting_adds_nothing(seeded, seeds_dir, tmp_path):
    db, _ = seeded
    copy = tmp_path / "again.duckdb"
    shutil.copy(db, copy)
    result = _cli("ingest", str(seeds_dir), db=copy)
    assert result.returncode == 0, result.stderr
    assert "new 0, already present 5" in result.stderr
    with Store(copy, read_only=True) as store:
        assert store.count("articles") == 5
        assert store.count("stories") == 2


def test_interrupted_analysis_resumes_without_loss_or_duplicates(tmp_path, seeds_dir):
    class Interrupt(Exception):
        pass

    def stop_after_two(stage, done, total):
        if stage == "analyze" and done == 3:
            raise Interrupt

    with Store(tmp_path / "r.duckdb") as store:
        pipeline.ingest(store, [str(seeds_dir)])
        with pytest.raises(Interrupt):
            pipeline.analyze(store, batch_size=2, progress=stop_after_two)
        assert store.count("articles") == 5
        assert len(store.articles(pending=True)) == 3  # the first batch of two is committed
        pipeline.analyze(store, batch_size=2)
        assert not store.articles(pending=True)
        resumed = sorted(sorted(v) for v in store.story_article_ids().values())
        figures = store.count("figures")
    with Store(tmp_path / "clean.duckdb") as store:
        pipeline.ingest(store, [str(seeds_dir)])
        pipeline.analyze(store)
        assert sorted(sorted(v) for v in store.story_article_ids().values()) == resumed
        assert store.count("figures") == figures


def test_bad_inputs_are_set_aside_and_the_rest_goes_on(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0], folder)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "records.jsonl").write_text(
        '{"id": "ok-1", "title": "Fire", "text": "A fire destroyed three houses in Aleppo on Monday, police said."}\n'
        '{"id": "broken", "text": \n'
    )
    db = tmp_path / "bad.duckdb"
    result = _cli("ingest", str(folder), db=db)
    assert result.returncode == 0, result.stderr
    errors = _cli("errors", "--json", db=db)
    rows = [json.loads(line) for line in errors.stdout.splitlines()]
    reasons = {r["source"].split("/")[-1]: r["reason"] for r in rows}
    assert set(reasons) == {"empty.txt", "binary.txt", "records.jsonl"}
    with Store(db, read_only=True) as store:
        assert {a.id for a in store.articles()} >= {"ok-1"}
        assert store.count("articles") == 2


def test_extract_command_prints_offsets_into_the_input(tmp_path):
    text = "Rebels attacked army positions west of Aleppo on Saturday, killing at least 12 soldiers, SANA said."
    rec = json.dumps({"id": "x1", "text": text, "published": "2020-02-03"})
    result = subprocess.run([sys.executable, "-m", "triangulate.cli", "extract", "-"], input=rec + "\n",
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "x1"
    for key in ("events", "figures", "claims", "places", "times"):
        assert key in out
    for item in out["places"] + out["times"]:
        assert text[item["start"]:item["end"]] == item["text"]


def test_worker_processes_give_the_same_result_as_one(tmp_path, seeds_dir):
    def run(workers):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            pipeline.ingest(store, [str(seeds_dir)])
            pipeline.analyze(store, workers=workers)
            stories = sorted(sorted(v) for v in store.story_article_ids().values())
            figures = sorted((f["article_id"], f["start"], f["value"])
                             for f in store.extraction_rows("figures", [a.id for a in store.articles()]))
        return stories, figures

    assert run(2) == run(1)


def test_database_can_be_named_before_or_after_the_command(seeded):
    db, _ = seeded
    before = subprocess.run([sys.executable, "-m", "triangulate.cli", "--db", str(db), "stories", "--json"],
                            capture_output=True, text=True, timeout=300)
    after = _cli("stories", "--json", db=db)
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert before.stdout == after.stdout and len(before.stdout.splitlines()) == 2


def test_analyze_again_rebuilds_every_analysis_with_the_current_code(seeded, tmp_path):
    db, _ = seeded
    copy = tmp_path / "redo.duckdb"
    shutil.copy(db, copy)
    with Store(copy, read_only=True) as store:
        before = (sorted(sorted(v) for v in store.story_article_ids().values()), store.count("figures"),
                  store.count("events"), store.count("copies"))
    with Store(copy) as store:  # an analysis of an older version: one figure less, a stray story
        store.con.execute("DELETE FROM figures WHERE id IN (SELECT id FROM figures LIMIT 1)")
        store.con.execute("INSERT INTO stories SELECT 's-stray', * EXCLUDE (id) FROM stories LIMIT 1")
    result = _cli("analyze", "--again", db=copy)
    assert result.returncode == 0, result.stderr
    assert "analysing all 5 stored articles anew" in result.stdout + result.stderr
    with Store(copy, read_only=True) as store:
        after = (sorted(sorted(v) for v in store.story_article_ids().values()), store.count("figures"),
                 store.count("events"), store.count("copies"))
        assert not store.articles(pending=True) and store.count("articles") == 5
        assert store.count("stories") == 2
    assert after == before
