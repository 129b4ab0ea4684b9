"""`triangulate extract`: per-text JSON output (shared/spec/extract.md), storing nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from triangulate.model import Article, to_dict


def iter_texts(inputs: list[str], published: str | None, stdin: TextIO) -> Iterator[dict[str, Any]]:
    """Yield {id, text, published} from plain text files or JSON lines (one object per line)."""
    for name in inputs:
        if name == "-":
            content, stem = stdin.read(), "stdin"
        else:
            path = Path(name)
            content, stem = path.read_text(encoding="utf-8", errors="replace"), path.stem
        lines = [ln for ln in content.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            for n, line in enumerate(lines, 1):
                rec = json.loads(line)
                yield {"id": str(rec.get("id") or f"{stem}-{n}"), "text": rec.get("text") or "",
                       "published": rec.get("published") or published}
        else:
            yield {"id": stem, "text": content, "published": published}


def _place(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    return {k: p.get(k) for k in ("name", "lat", "lon", "country", "admin1", "geonameid", "precision")}


def extract_record(rec: dict[str, Any]) -> dict[str, Any]:
    """Annotate and extract one text; offsets point into `rec["text"]` exactly as given."""
    from triangulate.pipeline import analyze_article

    text = rec["text"]
    article = Article(id=rec["id"], text=text, source=rec["id"], published=rec.get("published"))
    extraction, _ = analyze_article(article)
    ann = to_dict(extraction.annotations)
    events = []
    for e in to_dict(extraction.events):
        events.append({**{k: e.get(k) for k in ("event_type", "sub_event_type", "date", "date_precision", "actor1",
                                                 "actor2", "fatalities", "start", "end", "background",
                                                 "attributed_to")},
                       "place": _place(e.get("place"))})
    figures = [{k: f.get(k) for k in ("category", "who", "value", "low", "high", "qualifier", "unit", "scope",
                                      "as_of", "attributed_to", "start", "end")} for f in to_dict(extraction.figures)]
    claims = [{"kind": c["kind"], "source": c.get("source"), "cue": c.get("cue"), "content": c.get("content"),
               "attributed_to": c.get("attributed_to")} for c in to_dict(extraction.claims)]
    places = []
    for m in ann["places"]:
        p = m.get("place") or {}
        places.append({"start": m["start"], "end": m["end"], "text": m["text"], "name": p.get("name"),
                       "lat": p.get("lat"), "lon": p.get("lon"), "geonameid": p.get("geonameid"),
                       "country": p.get("country"), "relation": m.get("relation"),
                       "anchor": (m.get("anchor") or {}).get("name")})
    from triangulate.annotate.times import time_precision

    times = [{"start": t["start"], "end": t["end"], "text": t["text"], "value": t["value"],
              "precision": t.get("precision"), "type": t.get("type"), "time_precision": time_precision(t)}
             for t in ann["times"]]
    actors = [{"start": a["start"], "end": a["end"], "text": a["text"], "actor": a.get("actor"),
               "actor_type": a.get("actor_type")} for a in ann["actors"]]
    return {"id": rec["id"], "events": events, "figures": figures, "claims": claims, "places": places,
            "times": times, "actors": actors}
