"""Exports: the JSON bundle (shared/spec/bundle.md), ACLED-style CSV of events, GeoJSON of events."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from importlib import resources
from typing import Any

from triangulate.store import Store

FIGURE_KEYS = ("id", "category", "who", "value", "low", "high", "qualifier", "unit", "scope", "as_of", "attributed_to",
               "part_of", "article_id", "sentence", "start", "end", "in_title", "claim_id")
CLAIM_KEYS = ("id", "text", "attributed_to", "kind", "article_id", "sentence", "start", "end")

ACLED_COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
                 "actor2", "inter2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
                 "source", "notes", "fatalities", "story_id", "article_ids", "background"]


def article_record(article, copies_by_article: dict[str, list]) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "language": article.language,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "published_method": article.published_method,
        "published_confidence": article.published_confidence,
        "story_id": article.meta.get("story_id"),
        "duplicate_of": article.meta.get("duplicate_of"),
        "copied_from": [
            {"article_id": c.source_id, "shared_chars": c.shared_chars, "share": round(c.share, 4), "kind": c.kind}
            for c in copies_by_article.get(article.id, []) if c.kind != "credited-wire"
        ],
        # wires the text credits ("Reuters reported"): an origin even when the wire's own text is not in the corpus
        "credited_wires": sorted({c.source_id.split(":", 1)[-1] for c in copies_by_article.get(article.id, [])
                                  if c.kind == "credited-wire"}),
    }


def _event_record(e: dict[str, Any]) -> dict[str, Any]:
    out = dict(e)
    place = e.get("place")
    if place:
        out["place"] = {k: place.get(k) for k in ("name", "lat", "lon", "country", "admin1", "geonameid", "precision")}
    return out


def story_record(store: Store, row: dict[str, Any]) -> dict[str, Any]:
    data = row["data"] or {}
    ids = data.get("article_ids") or []
    figures = [{k: f.get(k) for k in FIGURE_KEYS} for f in store.extraction_rows("figures", ids)]
    claims = [{k: c.get(k) for k in CLAIM_KEYS} for c in store.extraction_rows("claims", ids)]
    disagreements = []
    for d in data.get("disagreements", []):
        disagreements.append({
            "topic": d.get("topic"), "kind": d.get("kind"), "event_id": d.get("event_id"),
            "sides": [{"attributed_to": s.get("attributed_to"), "value": s.get("value"),
                       "claim_ids": s.get("claim_ids", []), "figure_ids": s.get("figure_ids", []),
                       "article_ids": s.get("article_ids", [])} for s in d.get("sides", [])],
        })
    return {
        "id": row["id"],
        "title": data.get("title"),
        "summary": data.get("summary"),
        "summary_sentences": data.get("summary_sentences", []),
        "article_ids": ids,
        "first_published": data.get("first_published"),
        "last_published": data.get("last_published"),
        "first_reporter": data.get("first_reporter"),
        "independent_groups": data.get("independent_groups", []),
        "events": [_event_record(e) for e in data.get("events", [])],
        "figure_series": data.get("series", []),
        "figures": figures,
        "claims": claims,
        "disagreements": disagreements,
    }


def bundle(store: Store, story_ids: list[str] | None = None) -> dict[str, Any]:
    """The JSON bundle for every story (or the ones named) and their articles."""
    rows = store.story_rows() if story_ids is None else store.story_rows_by_ids(story_ids)
    stories = [story_record(store, r) for r in rows]
    if story_ids is None:
        articles = store.articles()
    else:
        articles = store.articles([aid for s in stories for aid in s["article_ids"]])
    copies: dict[str, list] = {}
    for c in store.copies([a.id for a in articles]):
        copies.setdefault(c.article_id, []).append(c)
    return {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "articles": [article_record(a, copies) for a in articles],
        "stories": stories,
    }


def event_rows(store: Store, story_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """One flat row per story event, ACLED column names where they apply."""
    rows = store.story_rows() if story_ids is None else store.story_rows_by_ids(story_ids)
    outlets = {a.id: a.outlet for a in store.articles([aid for r in rows for aid in r["data"].get("article_ids", [])])}
    out = []
    for row in rows:
        for e in row["data"].get("events", []):
            place = e.get("place") or {}
            sources = sorted({outlets.get(aid) or aid for aid in e.get("article_ids", [])})
            out.append({
                "event_id_cnty": e["id"],
                "event_date": e.get("date"),
                "time_precision": e.get("date_precision"),
                "event_type": e.get("event_type"),
                "sub_event_type": e.get("sub_event_type"),
                "actor1": e.get("actor1"),
                "inter1": e.get("inter1"),
                "actor2": e.get("actor2"),
                "inter2": e.get("inter2"),
                "country": place.get("country"),
                "admin1": place.get("admin1"),
                "location": place.get("name"),
                "latitude": place.get("lat"),
                "longitude": place.get("lon"),
                "geo_precision": place.get("precision"),
                "source": "; ".join(sources),
                "notes": e.get("notes") or e.get("sentence") or "",
                "fatalities": e.get("fatalities"),
                "story_id": row["id"],
                "article_ids": ";".join(e.get("article_ids", [])),
                "background": bool(e.get("background")),
            })
    return out


def events_csv(store: Store, story_ids: list[str] | None = None) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    for r in event_rows(store, story_ids):
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()


def events_geojson(store: Store, story_ids: list[str] | None = None) -> dict[str, Any]:
    features = []
    for r in event_rows(store, story_ids):
        if r["latitude"] is None or r["longitude"] is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def bundle_schema() -> dict[str, Any]:
    """The JSON Schema of the bundle contract (shipped in triangulate/data)."""
    text = resources.files("triangulate.data").joinpath("bundle.schema.json").read_text()
    return json.loads(text)


def export(store: Store, fmt: str, story_ids: list[str] | None = None) -> str:
    if fmt == "json":
        return json.dumps(bundle(store, story_ids), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return events_csv(store, story_ids)
    if fmt == "geojson":
        return json.dumps(events_geojson(store, story_ids), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}: use json, csv or geojson")
