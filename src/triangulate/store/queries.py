"""Read queries for the web layer (the store is the only module that speaks SQL).

Every function takes a DuckDB connection or cursor (`store.con`, or `store.con.cursor()` per thread) and returns
plain JSON-ready dicts. Nothing here writes, except `ensure_indexes`, which the writer may call (idempotent).

List functions return `(total, items)` so callers can paginate; filters are optional keyword arguments.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import duckdb

Con = duckdb.DuckDBPyConnection

#: Indexes that speed up the web's filters on large databases. `ensure_indexes` creates them (writers only).
INDEXES = (
    "CREATE INDEX IF NOT EXISTS story_events_type ON story_events(event_type)",
    "CREATE INDEX IF NOT EXISTS story_events_place ON story_events(place_name)",
    "CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet)",
    "CREATE INDEX IF NOT EXISTS figures_category ON figures(category)",
    "CREATE INDEX IF NOT EXISTS claims_attr ON claims(attributed_to)",
    "CREATE INDEX IF NOT EXISTS copies_source ON copies(source_id)",
)

MAX_LIMIT = 500


def ensure_indexes(con: Con) -> None:
    """Create the web's helper indexes if missing (needs a read-write connection; safe to call repeatedly)."""
    for sql in INDEXES:
        con.execute(sql)


def _load(value: str | None, default: Any = None) -> Any:
    if value is None:
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def _rows(cur: Con, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    res = cur.execute(sql, params or [])
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


def _page(limit: int | None, offset: int | None) -> tuple[int, int]:
    lim = 50 if limit is None else max(0, min(int(limit), MAX_LIMIT))
    off = max(0, int(offset or 0))
    return lim, off


def _like(value: str) -> str:
    """An ILIKE pattern matching `value` anywhere, with LIKE wildcards in it taken literally."""
    esc = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def _terms(q: str | None) -> list[str]:
    """The words of a search (lower-cased, split like the search index: on anything not a letter or digit)."""
    return [t for t in re.split(r"[\W_]+", (q or "").lower()) if t][:8]


# --------------------------------------------------------------------------- full-text search index

SEARCH_INDEX_SQL = (
    """CREATE OR REPLACE TABLE article_terms AS
       SELECT DISTINCT term, article_id FROM (
         SELECT id AS article_id,
                unnest(string_split_regex(lower(coalesce(title, '') || ' ' || text), '[^\\pL\\pN]+')) AS term
         FROM articles) WHERE length(term) > 0 ORDER BY term""",
    "CREATE OR REPLACE TABLE article_terms_state AS SELECT coalesce(max(seq), 0) AS max_seq FROM articles",
)


def build_search_index(con: Con) -> int:
    """(Re)build the word index used by full-text search (needs a read-write connection; idempotent).
    Articles added later (higher `seq`) are still found, by a scan of just those, until the next rebuild.
    Returns the number of (term, article) rows."""
    for sql in SEARCH_INDEX_SQL:
        con.execute(sql)
    return int(con.execute("SELECT count(*) FROM article_terms").fetchone()[0])


def _has_search_index(cur: Con) -> int | None:
    """The highest article `seq` covered by the word index, or None without an index."""
    try:
        row = cur.execute("SELECT max_seq FROM article_terms_state").fetchone()
    except duckdb.CatalogException:
        return None
    return int(row[0]) if row else None


def _text_match(cur: Con, terms: list[str], id_col: str = "id") -> tuple[str, list[Any]]:
    """SQL condition (on an articles row) true when every term occurs as a word in title or text."""
    max_seq = _has_search_index(cur)
    scan = " AND ".join("(coalesce(title, '') || ' ' || text) ILIKE ? ESCAPE '\\'" for _ in terms)
    scan_params = [_like(t) for t in terms]
    if max_seq is None:
        return f"{id_col} IN (SELECT id FROM articles WHERE {scan})", scan_params
    inter = " INTERSECT ".join("SELECT article_id FROM article_terms WHERE term = ?" for _ in terms)
    return (f"{id_col} IN (SELECT * FROM ({inter}) UNION SELECT id FROM articles WHERE seq > ? AND {scan})",
            list(terms) + [max_seq] + scan_params)


# --------------------------------------------------------------------------- stories


def _story_filters(cur: Con | None = None, *, date_from: str | None = None, date_to: str | None = None, place: str | None = None,
                   actor: str | None = None, outlet: str | None = None, event_type: str | None = None,
                   q: str | None = None, disagreement: bool | None = None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if date_from:
        where.append("coalesce(s.last_published, s.first_published) >= ?")
        params.append(date_from)
    if date_to:
        # dates are ISO strings: anything starting with date_to is still within the day
        where.append("coalesce(s.first_published, s.last_published) <= ?")
        params.append(date_to + "\uffff" if len(date_to) <= 10 else date_to)
    if place:
        pat = _like(place)
        where.append(
            "(s.id IN (SELECT story_id FROM story_events WHERE place_name ILIKE ? ESCAPE '\\' "
            "OR admin1 ILIKE ? ESCAPE '\\' OR country ILIKE ? ESCAPE '\\') "
            "OR s.id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.kind = 'place' AND m.value ILIKE ? ESCAPE '\\'))")
        params += [pat, pat, pat, pat]
    if actor:
        pat = _like(actor)
        where.append(
            "(s.id IN (SELECT story_id FROM story_events WHERE actor1 ILIKE ? ESCAPE '\\' "
            "OR actor2 ILIKE ? ESCAPE '\\') "
            "OR s.id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.kind = 'actor' AND (m.value ILIKE ? ESCAPE '\\' OR m.text ILIKE ? ESCAPE '\\')))")
        params += [pat, pat, pat, pat]
    if outlet:
        where.append("s.id IN (SELECT story_id FROM articles WHERE outlet ILIKE ? ESCAPE '\\')")
        params.append(_like(outlet))
    if event_type:
        where.append("s.id IN (SELECT story_id FROM story_events WHERE event_type = ? OR sub_event_type = ?)")
        params += [event_type, event_type]
    if disagreement is not None:
        where.append("coalesce(s.has_disagreement, FALSE) = ?")
        params.append(bool(disagreement))
    terms = _terms(q)
    if terms and cur is not None:
        cond, cparams = _text_match(cur, terms)
        where.append(f"s.id IN (SELECT story_id FROM articles WHERE {cond})")
        params += cparams
    return where, params


def list_stories(cur: Con, *, limit: int | None = 25, offset: int | None = 0, **filters: Any
                 ) -> tuple[int, list[dict[str, Any]]]:
    """Stories newest first, each with counts, places, main figures and a disagreement flag.

    Filters: date_from, date_to (ISO dates), place, actor, outlet (substring, case-insensitive), event_type
    (ACLED type or sub-type), q (words that must all occur in one of the story's articles), disagreement."""
    lim, off = _page(limit, offset)
    where, params = _story_filters(cur, **filters)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    if where:  # one pass over the filter: the total rides along as a window count
        rows = _rows(cur, "SELECT * FROM (SELECT s.id, s.title, s.summary, s.first_published, s.last_published, "
                          "s.n_articles, s.n_outlets, s.has_disagreement, s.data, count(*) OVER () AS _total "
                          f"FROM stories s{clause}) "
                          "ORDER BY last_published DESC NULLS LAST, first_published DESC NULLS LAST, id "
                          "LIMIT ? OFFSET ?", params + [lim, off])
        total = rows[0]["_total"] if rows else (
            cur.execute(f"SELECT count(*) FROM stories s{clause}", params).fetchone()[0] if off else 0)
        for r in rows:
            r.pop("_total", None)
    else:
        total = cur.execute("SELECT count(*) FROM stories").fetchone()[0]
        rows = _rows(cur, "SELECT s.id, s.title, s.summary, s.first_published, s.last_published, s.n_articles, "
                          "s.n_outlets, s.has_disagreement, s.data FROM stories s "
                          "ORDER BY s.last_published DESC NULLS LAST, s.first_published DESC NULLS LAST, s.id "
                          "LIMIT ? OFFSET ?", [lim, off])
    ids = [r["id"] for r in rows]
    places = _story_places(cur, ids)
    outlets = _story_outlets(cur, ids)
    items = []
    for r in rows:
        data = _load(r.pop("data"), {}) or {}
        items.append(_story_summary(r, data, places.get(r["id"], []), outlets.get(r["id"], [])))
    return int(total), items


def story_ids(cur: Con, *, cap: int = 5000, **filters: Any) -> list[str]:
    """Ids of the stories matching the same filters as `list_stories` (for exports), newest first."""
    where, params = _story_filters(cur, **filters)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    res = cur.execute(f"SELECT s.id FROM stories s{clause} ORDER BY s.last_published DESC NULLS LAST, s.id "
                      "LIMIT ?", params + [cap]).fetchall()
    return [r[0] for r in res]


def _story_summary(r: dict[str, Any], data: dict[str, Any], places: list[str], outlets: list[str]
                   ) -> dict[str, Any]:
    figures = [{"category": s.get("category"), "who": s.get("who"), "value": s.get("latest_value"),
                "points": _series_values(s), "corroborated_by": s.get("corroborated_by", 0)}
               for s in _headline_series(data.get("series") or [], r.get("first_published"))[:3]]
    return {
        "id": r["id"],
        "title": r.get("title") or data.get("title") or r["id"],
        "summary": r.get("summary") or data.get("summary"),
        "first_published": r.get("first_published"),
        "last_published": r.get("last_published"),
        "n_articles": r.get("n_articles") or len(data.get("article_ids") or []),
        "n_outlets": r.get("n_outlets") or 0,
        "outlets": outlets,
        "has_disagreement": bool(r.get("has_disagreement")),
        "n_disagreements": len(data.get("disagreements") or []),
        "n_events": len(data.get("events") or []),
        "places": places,
        "figures": figures,
        "event_types": sorted({e.get("event_type") for e in data.get("events") or [] if e.get("event_type")}),
    }


# the figures a reader looks for first on a story card
_CATEGORY_RANK = {"killed": 0, "injured": 1, "missing": 2, "detained": 3, "displaced": 4, "refugees": 5}


def _series_values(s: dict[str, Any]) -> list[Any]:
    """A series' values in report order, without missing values and without repeats of the previous value."""
    out: list[Any] = []
    for p in s.get("points") or []:
        v = p.get("value")
        if v is not None and (not out or out[-1] != v):
            out.append(v)
    return out


def _is_background_series(s: dict[str, Any], first_published: str | None) -> bool:
    """Every dated point is more than a month older than the story's first report (a war's overall toll)."""
    if not first_published:
        return False
    try:
        start = date.fromisoformat(str(first_published)[:10])
    except ValueError:
        return False
    days = []
    for p in s.get("points") or []:
        try:
            days.append(date.fromisoformat(str(p.get("as_of"))[:10]))
        except ValueError:
            continue
    return bool(days) and max(days) < start - timedelta(days=31)


def _headline_series(series: list[dict[str, Any]], first_published: str | None = None) -> list[dict[str, Any]]:
    """Series worth showing on a card: with a value; the news of the story before background totals, casualty
    categories first, then the most reported and corroborated (not the largest number, which is often a background
    total such as a war's overall toll)."""
    ok = [s for s in series if s.get("latest_value") is not None]
    return sorted(ok, key=lambda s: (_is_background_series(s, first_published),
                                     _CATEGORY_RANK.get(str(s.get("category") or ""), 9), s.get("who") is not None,
                                     -len(_series_values(s)), -(s.get("corroborated_by") or 0)))


def _in(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def _story_places(cur: Con, ids: list[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    out: dict[str, list[str]] = {}
    for sid, name, n in cur.execute(
            "SELECT story_id, place_name, count(*) n FROM story_events "
            f"WHERE story_id IN ({_in(ids)}) AND place_name IS NOT NULL GROUP BY 1, 2 ORDER BY 1, n DESC, 2",
            ids).fetchall():
        if len(out.setdefault(sid, [])) < 5:
            out[sid].append(name)
    return out


def _story_outlets(cur: Con, ids: list[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    out: dict[str, list[str]] = {}
    for sid, outlet, _ in cur.execute(
            f"SELECT story_id, outlet, min(seq) s FROM articles WHERE story_id IN ({_in(ids)}) "
            "AND outlet IS NOT NULL GROUP BY 1, 2 ORDER BY 1, s", ids).fetchall():
        out.setdefault(sid, []).append(outlet)
    return out


def get_story(cur: Con, story_id: str) -> dict[str, Any] | None:
    """One story: its stored row plus the reconciled record (`data`), its articles, figures, claims and copies."""
    rows = _rows(cur, "SELECT id, title, summary, first_published, last_published, n_articles, n_outlets, "
                      "has_disagreement, data FROM stories WHERE id = ?", [story_id])
    if not rows:
        return None
    row = rows[0]
    data = _load(row.pop("data"), {}) or {}
    articles = _rows(cur, "SELECT id, title, outlet, url, source, language, published, published_inferred, seq, "
                          "duplicate_of, length(text) AS n_chars FROM articles WHERE story_id = ? "
                          "ORDER BY published NULLS LAST, seq", [story_id])
    ids = list(dict.fromkeys((data.get("article_ids") or []) + [a["id"] for a in articles]))
    known = {a["id"] for a in articles}
    missing = [i for i in ids if i not in known]
    if missing:
        articles += _rows(cur, "SELECT id, title, outlet, url, source, language, published, published_inferred, "
                               "seq, duplicate_of, length(text) AS n_chars FROM articles "
                               f"WHERE id IN ({_in(missing)}) ORDER BY published NULLS LAST, seq", missing)
    return {
        **row,
        "title": row.get("title") or data.get("title") or row["id"],
        "data": data,
        "articles": articles,
        "figures": _records(cur, "figures", ids),
        "claims": _records(cur, "claims", ids),
        "copies": copies_among(cur, ids),
        "actor_names": actor_naming(cur, ids),
    }


def _records(cur: Con, table: str, article_ids: list[str]) -> list[dict[str, Any]]:
    if table not in {"figures", "claims", "events"} or not article_ids:
        return []
    recs = [_load(r[0], {}) for r in cur.execute(
        f"SELECT data FROM {table} WHERE article_id IN ({_in(article_ids)})", article_ids).fetchall()]
    order = {a: i for i, a in enumerate(article_ids)}
    recs.sort(key=lambda d: (order.get(d.get("article_id"), 0), d.get("start", 0), d.get("id", "")))
    return recs


def copies_among(cur: Con, article_ids: list[str]) -> list[dict[str, Any]]:
    """Copy links whose copying article is one of `article_ids` (passages parsed)."""
    if not article_ids:
        return []
    rows = _rows(cur, "SELECT article_id, source_id, shared_chars, share, kind, passages FROM copies "
                      f"WHERE article_id IN ({_in(article_ids)}) ORDER BY article_id, share DESC", article_ids)
    for r in rows:
        r["passages"] = _load(r["passages"], []) or []
    return rows


def actor_naming(cur: Con, article_ids: list[str]) -> list[dict[str, Any]]:
    """How each outlet names each actor: [{actor, names: [{outlet, text, n}]}], most mentioned actors first."""
    if not article_ids:
        return []
    res = cur.execute(
        "SELECT m.value, coalesce(a.outlet, a.id) AS outlet, lower(m.text) AS text, count(*) n "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.kind = 'actor' AND m.value IS NOT NULL AND m.article_id IN ({_in(article_ids)}) "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, n DESC", article_ids).fetchall()
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for actor, outlet, text, n in res:
        by_actor.setdefault(actor, []).append({"outlet": outlet, "text": text, "n": int(n)})
    out = [{"actor": a, "names": names, "total": sum(x["n"] for x in names),
            "variants": sorted({x["text"] for x in names})} for a, names in by_actor.items()]
    out.sort(key=lambda d: (-d["total"], d["actor"]))
    return out


# --------------------------------------------------------------------------- articles


ARTICLE_META = ("id, seq, title, outlet, url, source, language, published, published_inferred, published_method, "
                "story_id, duplicate_of, analyzed")


def get_article(cur: Con, article_id: str) -> dict[str, Any] | None:
    """An article with its text, annotations, figures, claims, events and copy links both ways."""
    rows = _rows(cur, f"SELECT {ARTICLE_META}, authors, text FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    art = rows[0]
    art["authors"] = _load(art.get("authors"), []) or []
    ann = cur.execute("SELECT data FROM annotations WHERE article_id = ?", [article_id]).fetchone()
    art["annotations"] = _load(ann[0], {}) if ann else {}
    art["figures"] = _records(cur, "figures", [article_id])
    art["claims"] = _records(cur, "claims", [article_id])
    art["events"] = _records(cur, "events", [article_id])
    copied_from = _rows(cur, "SELECT c.source_id AS other_id, c.shared_chars, c.share, c.kind, c.passages, "
                             "a.outlet, a.title FROM copies c LEFT JOIN articles a ON a.id = c.source_id "
                             "WHERE c.article_id = ? ORDER BY c.share DESC", [article_id])
    copied_by = _rows(cur, "SELECT c.article_id AS other_id, c.shared_chars, c.share, c.kind, c.passages, "
                           "a.outlet, a.title FROM copies c LEFT JOIN articles a ON a.id = c.article_id "
                           "WHERE c.source_id = ? ORDER BY c.share DESC", [article_id])
    for r in copied_from + copied_by:
        r["passages"] = _load(r["passages"], []) or []
    art["copied_from"] = copied_from
    art["copied_by"] = copied_by
    return art


def list_articles(cur: Con, *, limit: int | None = 50, offset: int | None = 0, q: str | None = None,
                  story_id: str | None = None, outlet: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, language: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Articles newest first (metadata and, with `q`, a snippet around the first matching word)."""
    lim, off = _page(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    if outlet:
        where.append("outlet ILIKE ? ESCAPE '\\'")
        params.append(_like(outlet))
    if language:
        where.append("language = ?")
        params.append(language)
    if date_from:
        where.append("published >= ?")
        params.append(date_from)
    if date_to:
        where.append("published <= ?")
        params.append(date_to + "\uffff" if len(date_to) <= 10 else date_to)
    terms = _terms(q)
    if terms:
        cond, cparams = _text_match(cur, terms)
        where.append(cond)
        params += cparams
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = cur.execute(f"SELECT count(*) FROM articles{clause}", params).fetchone()[0]
    snippet = ""
    sparams: list[Any] = []
    if terms:
        snippet = (", substr(text, greatest(1, strpos(lower(text), lower(?)) - 80), 240) AS snippet, "
                   "strpos(lower(text), lower(?)) AS hit")
        sparams = [terms[0], terms[0]]
    items = _rows(cur, f"SELECT {ARTICLE_META}{snippet} FROM articles{clause} "
                       "ORDER BY published DESC NULLS LAST, seq DESC LIMIT ? OFFSET ?",
                  sparams + params + [lim, off])
    return int(total), items


def search(cur: Con, q: str, *, limit: int | None = 20, offset: int | None = 0) -> dict[str, Any]:
    """Full-text search (every word, case-insensitive, title or text) over articles, with matching stories."""
    total, items = list_articles(cur, q=q, limit=limit, offset=offset)
    n_stories, stories = list_stories(cur, q=q, limit=10, offset=0) if _terms(q) else (0, [])
    return {"q": q, "total": total, "items": items, "stories_total": n_stories, "stories": stories}


# --------------------------------------------------------------------------- events, figures, claims


def list_events(cur: Con, *, limit: int | None = 100, offset: int | None = 0, story_id: str | None = None,
                story_ids: list[str] | None = None, event_type: str | None = None, actor: str | None = None,
                place: str | None = None, country: str | None = None, date_from: str | None = None,
                date_to: str | None = None, with_coords: bool = False, include_background: bool = True
                ) -> tuple[int, list[dict[str, Any]]]:
    """Reconciled (story) events, newest first."""
    lim, off = _page(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if story_id:
        where.append("e.story_id = ?")
        params.append(story_id)
    if story_ids is not None:
        if not story_ids:
            return 0, []
        where.append(f"e.story_id IN ({_in(story_ids)})")
        params += list(story_ids)
    if event_type:
        where.append("(e.event_type = ? OR e.sub_event_type = ?)")
        params += [event_type, event_type]
    if actor:
        where.append("(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')")
        params += [_like(actor)] * 2
    if place:
        where.append("(e.place_name ILIKE ? ESCAPE '\\' OR e.admin1 ILIKE ? ESCAPE '\\')")
        params += [_like(place)] * 2
    if country:
        where.append("e.country = ?")
        params.append(country)
    if date_from:
        where.append("e.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("e.date <= ?")
        params.append(date_to + "\uffff" if len(date_to) <= 10 else date_to)
    if with_coords:
        where.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if not include_background:
        where.append("NOT coalesce(e.background, FALSE)")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = cur.execute(f"SELECT count(*) FROM story_events e{clause}", params).fetchone()[0]
    rows = _rows(cur, "SELECT e.id, e.story_id, e.event_type, e.sub_event_type, e.date, e.date_precision, e.actor1, "
                      "e.actor2, e.place_name, e.admin1, e.country, e.lat, e.lon, e.geo_precision, e.fatalities, "
                      f"e.background, e.data, s.title AS story_title FROM story_events e "
                      f"LEFT JOIN stories s ON s.id = e.story_id{clause} "
                      "ORDER BY e.date DESC NULLS LAST, e.id LIMIT ? OFFSET ?", params + [lim, off])
    for r in rows:
        data = _load(r.pop("data"), {}) or {}
        r["article_ids"] = data.get("article_ids", [])
        r["figure_ids"] = data.get("figure_ids", [])
        r["claim_ids"] = data.get("claim_ids", [])
        r["outcome"] = data.get("outcome")
        r["sources"] = data.get("sources", [])
    return int(total), rows


def _simple_list(cur: Con, table: str, cols: dict[str, str], *, limit: int | None, offset: int | None,
                 story_id: str | None, article_id: str | None, text_col: str | None = None, q: str | None = None,
                 **eq: Any) -> tuple[int, list[dict[str, Any]]]:
    lim, off = _page(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if story_id:
        where.append("t.article_id IN (SELECT id FROM articles WHERE story_id = ?)")
        params.append(story_id)
    if article_id:
        where.append("t.article_id = ?")
        params.append(article_id)
    for col, value in eq.items():
        if value is None or value == "":
            continue
        if col not in cols:
            raise ValueError(col)
        where.append(f"t.{cols[col]} ILIKE ? ESCAPE '\\'")
        params.append(_like(str(value)))
    if q and text_col:
        for t in _terms(q):
            where.append(f"t.{text_col} ILIKE ? ESCAPE '\\'")
            params.append(_like(t))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = cur.execute(f"SELECT count(*) FROM {table} t{clause}", params).fetchone()[0]
    res = cur.execute(f"SELECT t.data, a.story_id, a.outlet, a.published FROM {table} t "
                      f"LEFT JOIN articles a ON a.id = t.article_id{clause} "
                      "ORDER BY a.published DESC NULLS LAST, t.article_id, t.id LIMIT ? OFFSET ?",
                      params + [lim, off]).fetchall()
    items = []
    for data, sid, outlet, published in res:
        d = _load(data, {}) or {}
        d.update(story_id=sid, outlet=outlet, published=published)
        items.append(d)
    return int(total), items


def list_figures(cur: Con, *, limit: int | None = 100, offset: int | None = 0, story_id: str | None = None,
                 article_id: str | None = None, category: str | None = None, attributed_to: str | None = None,
                 who: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Figures (counts) as extracted per article, with the article's story, outlet and date."""
    return _simple_list(cur, "figures", {"category": "category", "attributed_to": "attributed_to", "who": "who"},
                        limit=limit, offset=offset, story_id=story_id, article_id=article_id,
                        category=category, attributed_to=attributed_to, who=who)


def list_claims(cur: Con, *, limit: int | None = 100, offset: int | None = 0, story_id: str | None = None,
                article_id: str | None = None, kind: str | None = None, attributed_to: str | None = None,
                q: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Claims with attribution, with the article's story, outlet and date."""
    return _simple_list(cur, "claims", {"kind": "kind", "attributed_to": "attributed_to"}, limit=limit,
                        offset=offset, story_id=story_id, article_id=article_id, text_col="text", q=q,
                        kind=kind, attributed_to=attributed_to)


# --------------------------------------------------------------------------- actors and places


def _mention_values(cur: Con, kind: str, columns: str, *, limit: int | None, offset: int | None,
                    q: str | None) -> tuple[int, list[dict[str, Any]]]:
    """Distinct mention values of one kind (actor, place) by number of articles, with `columns` aggregated."""
    lim, off = _page(limit, offset)
    where, params = "m.kind = ? AND m.value IS NOT NULL", [kind]
    if q:
        where += " AND m.value ILIKE ? ESCAPE '\\'"
        params.append(_like(q))
    total = cur.execute(f"SELECT count(DISTINCT m.value) FROM mentions m WHERE {where}", params).fetchone()[0]
    rows = _rows(cur, f"SELECT m.value AS name, {columns}, count(*) AS n_mentions, "
                      "count(DISTINCT m.article_id) AS n_articles, count(DISTINCT a.story_id) AS n_stories "
                      f"FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE {where} "
                      "GROUP BY 1 ORDER BY n_articles DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
                 params + [lim, off])
    return int(total), rows


def list_actors(cur: Con, *, limit: int | None = 100, offset: int | None = 0, q: str | None = None
                ) -> tuple[int, list[dict[str, Any]]]:
    """Canonical actors by number of articles mentioning them."""
    return _mention_values(cur, "actor", "max(m.actor_type) AS actor_type", limit=limit, offset=offset, q=q)


def list_places(cur: Con, *, limit: int | None = 100, offset: int | None = 0, q: str | None = None
                ) -> tuple[int, list[dict[str, Any]]]:
    """Resolved places by number of articles mentioning them, with coordinates."""
    return _mention_values(cur, "place", "any_value(m.country) AS country, avg(m.lat) AS lat, avg(m.lon) AS lon",
                           limit=limit, offset=offset, q=q)


def _stories_mentioning(cur: Con, kind: str, name: str, limit: int = 100) -> list[dict[str, Any]]:
    ids = [r[0] for r in cur.execute(
        "SELECT a.story_id, count(*) n FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.kind = ? AND m.value = ? AND a.story_id IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT ?",
        [kind, name, limit]).fetchall()]
    return _stories_by_ids(cur, ids)


def _stories_by_ids(cur: Con, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = _rows(cur, "SELECT id, title, summary, first_published, last_published, n_articles, n_outlets, "
                      f"has_disagreement, data FROM stories WHERE id IN ({_in(ids)}) "
                      "ORDER BY last_published DESC NULLS LAST, id", ids)
    places = _story_places(cur, ids)
    outlets = _story_outlets(cur, ids)
    out = []
    for r in rows:
        data = _load(r.pop("data"), {}) or {}
        out.append(_story_summary(r, data, places.get(r["id"], []), outlets.get(r["id"], [])))
    return out


def get_actor(cur: Con, name: str) -> dict[str, Any] | None:
    """An actor: events it took part in, stories mentioning it, and how outlets name it."""
    names = _rows(cur, "SELECT coalesce(a.outlet, a.id) AS outlet, lower(m.text) AS text, count(*) AS n, "
                       "max(m.actor_type) AS actor_type FROM mentions m JOIN articles a ON a.id = m.article_id "
                       "WHERE m.kind = 'actor' AND m.value = ? GROUP BY 1, 2 ORDER BY n DESC, 1, 2", [name])
    ev = _rows(cur, "SELECT id, story_id, event_type, sub_event_type, date, actor1, actor2, place_name, admin1, "
                    "country, lat, lon, geo_precision, fatalities, background FROM story_events WHERE actor1 = ? OR actor2 = ? "
                    "ORDER BY date DESC NULLS LAST, id LIMIT 500", [name, name])
    stories = _stories_mentioning(cur, "actor", name)
    known = {s["id"] for s in stories}
    extra = sorted({e["story_id"] for e in ev} - known)
    stories += _stories_by_ids(cur, extra)
    if not names and not ev:
        return None
    return {"name": name, "actor_type": max([n["actor_type"] or 0 for n in names], default=None) or None,
            "names": names, "events": ev, "stories": stories}


def get_place(cur: Con, name: str) -> dict[str, Any] | None:
    """A place: events located there (or in it, as admin1/country name), and stories mentioning it."""
    info = _rows(cur, "SELECT any_value(country) AS country, avg(lat) AS lat, avg(lon) AS lon, count(*) AS n "
                      "FROM mentions WHERE kind = 'place' AND value = ?", [name])[0]
    ev = _rows(cur, "SELECT id, story_id, event_type, sub_event_type, date, actor1, actor2, place_name, admin1, "
                    "country, lat, lon, geo_precision, fatalities, background FROM story_events "
                    "WHERE place_name = ? OR admin1 = ? ORDER BY date DESC NULLS LAST, id LIMIT 500", [name, name])
    stories = _stories_mentioning(cur, "place", name)
    known = {s["id"] for s in stories}
    stories += _stories_by_ids(cur, sorted({e["story_id"] for e in ev} - known))
    if not info["n"] and not ev:
        return None
    lat, lon = info["lat"], info["lon"]
    if lat is None and ev:
        pts = [e for e in ev if e["lat"] is not None]
        if pts:
            lat, lon = pts[0]["lat"], pts[0]["lon"]
    return {"name": name, "country": info["country"] or (ev[0]["country"] if ev else None), "lat": lat,
            "lon": lon, "n_mentions": int(info["n"]), "events": ev, "stories": stories}


# --------------------------------------------------------------------------- facets for the filter form


def facets(cur: Con) -> dict[str, list[str]]:
    """Values offered in the stories filter form (event types, top outlets)."""
    types = [r[0] for r in cur.execute(
        "SELECT event_type, count(*) n FROM story_events WHERE event_type IS NOT NULL GROUP BY 1 ORDER BY n DESC "
        "LIMIT 30").fetchall()]
    outlets = [r[0] for r in cur.execute(
        "SELECT outlet, count(*) n FROM articles WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 "
        "LIMIT 50").fetchall()]
    return {"event_types": types, "outlets": outlets}


def counts(cur: Con) -> dict[str, int]:
    out = {}
    for t in ("articles", "stories", "story_events", "figures", "claims"):
        out[t] = int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
    return out
