from __future__ import annotations

import duckdb
import pytest

from triangulate.model import (
    Annotations, Article, Claim, CopyLink, Event, EventPlace, Extraction, Figure, Place, PlaceMention, Rejected,
    SpanRef, Story, StoryEvent,
)
from triangulate.store import Store
from triangulate.store.schema import SCHEMA_VERSION


def _article(i: str, text: str = "Some text.") -> Article:
    return Article(id=i, text=text, source=f"{i}.txt", content_hash=f"h{i}", meta={"gold": 1})


def test_new_database_is_at_current_schema_version(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_old_database_migrates_forward(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count("articles") == 0


def test_adding_an_article_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        assert store.add_article(_article("a1"))
        assert not store.add_article(_article("a1", "other text"))
        assert store.count("articles") == 1
        assert store.article("a1").text == "Some text."
        assert store.article("a1").meta["gold"] == 1


def test_rejects_are_recorded_once_with_reason(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        r = Rejected("bad.jsonl", "malformed JSON", "line 3: Expecting value", record_no=3)
        assert store.add_reject(r)
        assert not store.add_reject(r)
        rows = store.rejects()
        assert [(x["source"], x["record_no"], x["reason"]) for x in rows] == [("bad.jsonl", 3, "malformed JSON")]


def test_extraction_round_trips_with_nested_records(tmp_path):
    ex = Extraction(
        "a1",
        Annotations(places=[PlaceMention(0, 6, "Aleppo", Place("Aleppo", 36.2, 37.16, 170063, "SY"))]),
        events=[Event("e1", "a1", "Battles", "Armed clash", "2020-02-01", 1,
                      place=EventPlace("Aleppo", 36.2, 37.16, "SY", precision=2))],
        figures=[Figure("f1", "a1", "killed", 242.0, low=242.0, qualifier="at least",
                        attributed_to="Syrian Observatory for Human Rights")],
        claims=[Claim("c1", "a1", "reported", "army destroyed four car bombs", "SANA",
                      source=SpanRef(0, 4, "SANA", "SANA"))],
    )
    with Store(tmp_path / "a.duckdb") as store:
        store.add_article(_article("a1"))
        store.save_extraction(ex)
        store.save_extraction(ex)  # idempotent replace
        assert store.count("figures") == 1
        (back,) = store.extractions(["a1"])
    assert back == ex


def test_extractions_saved_together_equal_saved_one_by_one(tmp_path):
    def ex(aid: str, n: int) -> Extraction:
        return Extraction(
            aid,
            Annotations(places=[PlaceMention(0, 6, "Aleppo", Place("Aleppo", 36.2, 37.16, 170063, "SY"))]),
            events=[Event(f"e-{aid}-{i}", aid, "Battles", "Armed clash", "2020-02-01", 1) for i in range(n)],
            figures=[Figure(f"f-{aid}", aid, "killed", float(n))],
            claims=[Claim(f"c-{aid}", aid, "reported", f"claim {n}", "SANA")],
        )

    batch = [ex(f"a{i}", i + 1) for i in range(3)]
    with Store(tmp_path / "a.duckdb") as store:
        for x in batch:
            store.add_article(_article(x.article_id))
        store.save_extractions(batch, fresh=True)
        assert store.count("events") == 1 + 2 + 3
        assert store.extractions([x.article_id for x in batch]) == batch
        changed = [ex("a0", 2), ex("a2", 1)]
        store.save_extractions(changed)  # not fresh: what the two articles had before is replaced, a1 kept
        assert store.count("events") == 2 + 2 + 1
        assert store.extractions(["a0", "a1", "a2"]) == [changed[0], batch[1], changed[1]]


def test_story_move_and_copies(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        for i in ("a1", "a2", "a3"):
            store.add_article(_article(i))
        store.mark_analyzed("a1", "s-1", None)
        store.mark_analyzed("a2", "s-2", None)
        store.mark_analyzed("a3", "s-2", "a2")
        store.move_story("s-2", "s-1")
        assert store.story_article_ids() == {"s-1": ["a1", "a2", "a3"]}
        store.save_copies("a2", [CopyLink("a2", "a1", 120, 0.4, [(0, 120, 10, 130)])])
        (c,) = store.copies(["a2"])
        assert (c.source_id, c.shared_chars, c.passages) == ("a1", 120, [(0, 120, 10, 130)])


def test_saved_story_is_listed_newest_first(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        for sid, day in (("s-old", "2020-02-01"), ("s-new", "2024-11-29")):
            ev = StoryEvent(f"e-{sid}", "Battles", "Armed clash", day, 1, "A", "B",
                            EventPlace("Aleppo", 36.2, 37.2, "SY", "Aleppo", precision=1), 3)
            store.save_story(Story(sid, ["a1"], title=sid, first_published=day, last_published=day,
                                   events=[ev]), n_outlets=1)
        rows = store.story_rows()
        assert [r["id"] for r in rows] == ["s-new", "s-old"]
        assert rows[0]["data"]["events"][0]["place"]["lat"] == 36.2
        assert store.count("story_events") == 2


def test_read_only_store_refuses_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.duckdb", read_only=True)
