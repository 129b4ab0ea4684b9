"""DuckDB storage: the only module that speaks SQL.

`Store` owns one database file. Writes happen through the pipeline; the web layer opens it read-only.
Records go in as `triangulate.model` dataclasses and come out as plain dicts shaped like the bundle
(`shared/spec/bundle.md`), so exporters and the web layer need no SQL.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from triangulate.model import (
    Annotations,
    Article,
    Claim,
    CopyLink,
    Event,
    Extraction,
    Figure,
    Rejected,
    Story,
    from_dict,
    to_dict,
)
from triangulate.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "triangulate.duckdb"


def default_db_path() -> str:
    return os.environ.get("TRIANGULATE_DB") or DEFAULT_DB


def _dump(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, default=str)


def _load(value: str | None, default: Any = None) -> Any:
    if value is None:
        return default
    return json.loads(value)


ARTICLE_COLUMNS = (
    "id, seq, source, url, title, outlet, language, published, published_inferred, published_confidence, "
    "published_method, authors, text, raw_text, content_hash, meta, analyzed, story_id, duplicate_of"
)


class Store:
    """A triangulate database file."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False):
        self.path = str(path or default_db_path())
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}: run `triangulate ingest` first")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.migrate()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Apply every migration newer than the file's version; returns the version reached."""
        current = self.schema_version()
        for version in range(current, SCHEMA_VERSION):
            self.con.execute("BEGIN")
            try:
                for statement in MIGRATIONS[version]:
                    self.con.execute(statement)
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version + 1)]
                )
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        return SCHEMA_VERSION

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # ------------------------------------------------------------------ ingest side
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add_article(self, article: Article) -> bool:
        """Insert an article; returns False (and changes nothing) when its id is already stored."""
        if self.has_article(article.id):
            return False
        self.con.execute(
            f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES "
            "(?, nextval('article_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, NULL, NULL)",
            [
                article.id,
                article.source,
                article.url,
                article.title,
                article.outlet,
                article.language,
                article.published,
                article.published_inferred,
                article.published_confidence,
                article.published_method,
                json.dumps(article.authors, ensure_ascii=False),
                article.text,
                article.raw_text,
                article.content_hash,
                _dump(article.meta),
            ],
        )
        return True

    def add_reject(self, rejected: Rejected) -> bool:
        """Record a set-aside input once (same source, record and reason are not repeated)."""
        exists = self.con.execute(
            "SELECT 1 FROM rejects WHERE source = ? AND coalesce(record_no, -1) = coalesce(?, -1) AND reason = ?",
            [rejected.source, rejected.record_no, rejected.reason],
        ).fetchone()
        if exists:
            return False
        self.con.execute(
            "INSERT INTO rejects (id, source, record_no, reason, detail) VALUES (nextval('reject_seq'), ?, ?, ?, ?)",
            [rejected.source, rejected.record_no, rejected.reason, rejected.detail],
        )
        return True

    def rejects(self) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT source, record_no, reason, detail, CAST(set_aside_at AS VARCHAR) FROM rejects ORDER BY id"
        )
        return [dict(zip(["source", "record_no", "reason", "detail", "at"], r)) for r in cur.fetchall()]

    def update_article_dates(self, article_id: str, published: str | None, inferred: bool,
                             confidence: float | None, method: str | None) -> None:
        self.con.execute(
            "UPDATE articles SET published = ?, published_inferred = ?, published_confidence = ?, "
            "published_method = ? WHERE id = ?",
            [published, inferred, confidence, method, article_id],
        )

    # ------------------------------------------------------------------ articles
    def _article_from_row(self, row: tuple[Any, ...]) -> Article:
        names = [c.strip() for c in ARTICLE_COLUMNS.split(",")]
        d = dict(zip(names, row))
        meta = _load(d["meta"], {}) or {}
        meta["seq"] = d["seq"]
        meta["story_id"] = d["story_id"]
        meta["duplicate_of"] = d["duplicate_of"]
        meta["analyzed"] = d["analyzed"]
        return Article(
            id=d["id"],
            text=d["text"],
            source=d["source"],
            title=d["title"],
            url=d["url"],
            outlet=d["outlet"],
            language=d["language"],
            published=d["published"],
            published_inferred=bool(d["published_inferred"]),
            published_confidence=d["published_confidence"],
            published_method=d["published_method"],
            authors=_load(d["authors"], []) or [],
            raw_text=d["raw_text"],
            content_hash=d["content_hash"] or "",
            meta=meta,
        )

    def article(self, article_id: str) -> Article | None:
        row = self.con.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
        return self._article_from_row(row) if row else None

    def articles(self, ids: Iterable[str] | None = None, pending: bool | None = None) -> list[Article]:
        """Articles in arrival order; `pending=True` gives those not yet analysed."""
        where, params = [], []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return []
            where.append(f"id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if pending is not None:
            where.append("analyzed = ?")
            params.append(not pending)
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq"
        return [self._article_from_row(r) for r in self.con.execute(sql, params).fetchall()]

    def count(self, table: str) -> int:
        if table not in {"articles", "rejects", "stories", "events", "figures", "claims", "copies", "story_events"}:
            raise ValueError(table)
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # ------------------------------------------------------------------ analysis results
    def _insert_many(self, table: str, rows: list[list[Any]], replace: bool = False) -> None:
        """Insert rows with multi-row VALUES statements (DuckDB's executemany is slow row by row)."""
        if not rows:
            return
        width = len(rows[0])
        verb = "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
        one = "(" + ", ".join("?" for _ in range(width)) + ")"
        for i in range(0, len(rows), 400):
            chunk = rows[i:i + 400]
            self.con.execute(f"{verb} {table} VALUES " + ", ".join(one for _ in chunk),
                             [v for row in chunk for v in row])

    def save_extraction(self, extraction: Extraction, fresh: bool = False) -> None:
        """Store everything extracted from one article, replacing what an earlier run stored (idempotent).
        `fresh=True` skips the clean-up for an article never analysed before."""
        self.save_extractions([extraction], fresh)

    def save_extractions(self, extractions: list[Extraction], fresh: bool = False) -> None:
        """`save_extraction` for many articles at once: one INSERT per table for all of them (each DuckDB
        statement costs milliseconds, which per article and table was a tenth of a second per article)."""
        if not extractions:
            return
        if not fresh:
            ids = [x.article_id for x in extractions]
            marks = ", ".join("?" for _ in ids)
            for table in ("annotations", "mentions", "events", "figures", "claims"):
                self.con.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)
        anns, mentions, events, figures, claims = [], [], [], [], []
        for extraction in extractions:
            aid = extraction.article_id
            ann = extraction.annotations
            anns.append([aid, _dump(ann)])
            for p in ann.places:
                pl = p.place
                mentions.append([aid, "place", p.start, p.end, p.text, pl.name if pl else None,
                                 pl.lat if pl else None, pl.lon if pl else None, pl.country if pl else None,
                                 pl.geonameid if pl else None, None])
            for a in ann.actors:
                mentions.append([aid, "actor", a.start, a.end, a.text, a.actor, None, None, None, None, a.actor_type])
            for t in ann.times:
                mentions.append([aid, "time", t.start, t.end, t.text, t.value, None, None, None, None, None])
            events += [
                [e.id, aid, e.event_type, e.sub_event_type, e.date, e.date_precision, e.actor1, e.actor2,
                 e.place.name if e.place else None, e.place.lat if e.place else None,
                 e.place.lon if e.place else None, e.place.country if e.place else None, e.fatalities,
                 e.background, _dump(e)]
                for e in extraction.events]
            figures += [[f.id, aid, f.category, f.value, f.qualifier, f.who, f.attributed_to, f.as_of, _dump(f)]
                        for f in extraction.figures]
            claims += [[c.id, aid, c.kind, c.attributed_to, c.text, _dump(c)] for c in extraction.claims]
        self._insert_many("annotations", anns)
        self._insert_many("mentions", mentions)
        self._insert_many("events", events, replace=True)
        self._insert_many("figures", figures, replace=True)
        self._insert_many("claims", claims, replace=True)

    def annotations(self, article_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT data FROM annotations WHERE article_id = ?", [article_id]).fetchone()
        return _load(row[0]) if row else None

    #: what analysis writes; `reset_analysis` empties them (articles and set-aside records stay)
    ANALYSIS_TABLES = ("annotations", "mentions", "copies", "events", "figures", "claims", "story_events",
                       "stories", "state")

    def reset_analysis(self) -> int:
        """Forget every analysis (annotations, extractions, copy links, stories, the linker's state) and mark
        every article pending again, in one transaction: the next `analyze` rebuilds all with the current code.
        Returns the number of articles now pending."""
        with self.transaction():
            for table in self.ANALYSIS_TABLES:
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("UPDATE articles SET analyzed = FALSE, story_id = NULL, duplicate_of = NULL")
        return self.count("articles")

    def mark_analyzed(self, article_id: str, story_id: str | None, duplicate_of: str | None) -> None:
        self.con.execute(
            "UPDATE articles SET analyzed = TRUE, story_id = ?, duplicate_of = ? WHERE id = ?",
            [story_id, duplicate_of, article_id],
        )

    def move_story(self, old: str, new: str) -> None:
        """Move every article of story `old` into story `new` (a merge)."""
        self.con.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [new, old])

    def extractions(self, article_ids: Iterable[str]) -> list[Extraction]:
        """Rebuild the stored Extraction of each article (in the order given)."""
        ids = list(article_ids)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        anns = dict(self.con.execute(f"SELECT article_id, data FROM annotations WHERE article_id IN ({marks})",
                                     ids).fetchall())
        by_table = {t: self.extraction_rows(t, ids) for t in ("events", "figures", "claims")}
        out = []
        for aid in ids:
            out.append(Extraction(
                article_id=aid,
                annotations=from_dict(Annotations, _load(anns.get(aid), {})),
                events=[from_dict(Event, d) for d in by_table["events"] if d["article_id"] == aid],
                figures=[from_dict(Figure, d) for d in by_table["figures"] if d["article_id"] == aid],
                claims=[from_dict(Claim, d) for d in by_table["claims"] if d["article_id"] == aid],
            ))
        return out

    def save_copies(self, article_id: str, links: list[CopyLink]) -> None:
        self.con.execute("DELETE FROM copies WHERE article_id = ?", [article_id])
        for link in links:
            self.con.execute(
                "INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?)",
                [link.article_id, link.source_id, link.shared_chars, link.share, link.kind,
                 json.dumps([list(p) for p in link.passages])],
            )

    def copies(self, article_ids: Iterable[str] | None = None) -> list[CopyLink]:
        sql = "SELECT article_id, source_id, shared_chars, share, kind, passages FROM copies"
        params: list[Any] = []
        if article_ids is not None:
            ids = list(article_ids)
            if not ids:
                return []
            sql += f" WHERE article_id IN ({', '.join('?' for _ in ids)})"
            params = ids
        sql += " ORDER BY article_id, share DESC"
        return [
            CopyLink(r[0], r[1], r[2], r[3], [tuple(p) for p in _load(r[5], [])], r[4])
            for r in self.con.execute(sql, params).fetchall()
        ]

    def extraction_rows(self, table: str, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Full JSON records of `events`, `figures` or `claims` for some articles, in article then offset order."""
        if table not in {"events", "figures", "claims"}:
            raise ValueError(table)
        ids = list(article_ids)
        if not ids:
            return []
        rows = self.con.execute(
            f"SELECT data FROM {table} WHERE article_id IN ({', '.join('?' for _ in ids)})", ids
        ).fetchall()
        records = [_load(r[0]) for r in rows]
        order = {aid: i for i, aid in enumerate(ids)}
        records.sort(key=lambda d: (order.get(d["article_id"], 0), d.get("start", 0), d["id"]))
        return records

    def story_members(self, story_id: str) -> list[str]:
        """The ids of one story's articles, in arrival order."""
        return [r[0] for r in self.con.execute(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY seq", [story_id]).fetchall()]

    def story_article_ids(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for sid, aid in self.con.execute(
            "SELECT story_id, id FROM articles WHERE story_id IS NOT NULL ORDER BY seq"
        ).fetchall():
            out.setdefault(sid, []).append(aid)
        return out

    def save_story(self, story: Story, n_outlets: int) -> None:
        self.con.execute("DELETE FROM story_events WHERE story_id = ?", [story.id])
        self.con.execute(
            "INSERT OR REPLACE INTO stories (id, title, summary, first_published, last_published, n_articles, "
            "n_outlets, has_disagreement, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
            [story.id, story.title, story.summary, story.first_published, story.last_published,
             len(story.article_ids), n_outlets, bool(story.disagreements), _dump(story)],
        )
        self._insert_many("story_events", [
            [e.id, story.id, e.event_type, e.sub_event_type, e.date, e.date_precision, e.actor1, e.actor2,
             e.place.name if e.place else None, e.place.admin1 if e.place else None,
             e.place.country if e.place else None, e.place.lat if e.place else None,
             e.place.lon if e.place else None, e.place.precision if e.place else None,
             e.fatalities, e.background, _dump(e)]
            for e in story.events], replace=True)

    def delete_story(self, story_id: str) -> None:
        self.con.execute("DELETE FROM story_events WHERE story_id = ?", [story_id])
        self.con.execute("DELETE FROM stories WHERE id = ?", [story_id])

    def story_rows(self) -> list[dict[str, Any]]:
        """Every story's stored row (reconciled data parsed), newest first."""
        cur = self.con.execute(
            "SELECT id, title, summary, first_published, last_published, n_articles, n_outlets, "
            "has_disagreement, data FROM stories ORDER BY last_published DESC NULLS LAST, id"
        )
        names = ["id", "title", "summary", "first_published", "last_published", "n_articles", "n_outlets",
                 "has_disagreement", "data"]
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            d["data"] = _load(d["data"], {})
            out.append(d)
        return out

    def story_rows_by_ids(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        cur = self.con.execute(
            "SELECT id, title, summary, first_published, last_published, n_articles, n_outlets, "
            f"has_disagreement, data FROM stories WHERE id IN ({', '.join('?' for _ in ids)})", ids
        )
        names = ["id", "title", "summary", "first_published", "last_published", "n_articles", "n_outlets",
                 "has_disagreement", "data"]
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            d["data"] = _load(d["data"], {})
            out.append(d)
        return out

    # ------------------------------------------------------------------ opaque state (e.g. the link index)
    def put_state(self, name: str, data: bytes) -> None:
        self.con.execute("INSERT OR REPLACE INTO state VALUES (?, ?, current_timestamp)", [name, data])

    def get_state(self, name: str) -> bytes | None:
        row = self.con.execute("SELECT data FROM state WHERE name = ?", [name]).fetchone()
        return bytes(row[0]) if row else None

class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN")
        return self.con

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
