"""`triangulate eval geo`: toponym recognition and resolution on the Gritta et al. news corpora (LGL, GeoVirus).

How it counts:
- Recognition: predicted spans vs gold toponym spans, exact character match (strict P/R/F1), and also with any overlap
  (lenient). Every gold toponym counts, with or without coordinates.
- Resolution: over gold toponyms that have coordinates. A gold toponym is "found" when a predicted mention overlaps it;
  it is correct when the predicted place lies within 161 km (100 miles) of the gold point. Reported over found gold
  (the usual geocoding accuracy, as Mordecai/Gritta report it on recognised toponyms) and over all gold with
  coordinates (end to end). "exact" = within 5 km (same place, allowing for representative-point differences).
- GeoVirus gold offsets are 1-based in the source file; they are aligned to the gold name (nearest occurrence within
  3 characters) so exact-span P/R/F1 mean the same on both corpora.
- --split dev = first half of a corpus (used for development), test = second half (held out).
- Outlet prior (`--outlet-prior`, default `pipeline`): as in the pipeline, each article is resolved with its outlet's
  context (`annotate.geo.outlets.OutletPrior`), learnt from the places the system itself resolved in the outlet's
  EARLIER articles of the evaluated set (download-time order; no gold is used) plus the ccTLD; then its own places
  are added. `off` = no context; `leave-one-out` = context from all the outlet's other articles (earlier and later),
  each first resolved without context (an upper bound the pipeline cannot reach).
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import click

from triangulate.annotate.geo.distance import km
from triangulate.eval.common import data_dir, data_option, limit_option

CORPORA = {"lgl": "LGL.xml", "geovirus": "GeoVirus.xml"}


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass
class GeoDoc:
    id: str
    text: str
    gold: list[Gold] = field(default_factory=list)
    domain: str = ""
    time: str = ""


def _f(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """GeoVirus offsets are 1-based (text[start-1:end-1] is the name). Keep a span that already matches its name,
    else take the occurrence of the name nearest to the given offsets (within a few characters)."""
    if not name or text[start:end] == name:
        return start, end
    best = None
    for delta in range(-3, 4):
        s = start + delta
        if 0 <= s and text[s:s + len(name)] == name and (best is None or abs(delta) < abs(best - start)):
            best = s
    return (best, best + len(name)) if best is not None else (start, end)


def split_docs(docs: list, split: str) -> list:
    """'dev' = first half (for development), 'test' = second half (held out), 'all' = everything."""
    half = len(docs) // 2
    return docs[:half] if split == "dev" else docs[half:] if split == "test" else docs


def load(path: Path) -> list[GeoDoc]:
    root = ET.parse(path).getroot()
    docs = []
    for i, a in enumerate(root.findall("article")):
        text = a.findtext("text") or ""
        d = GeoDoc(a.get("docid") or a.findtext("source") or str(i), text, domain=(a.findtext("domain") or "").strip(),
                   time=(a.findtext("dltime") or "").strip())
        tops = a.find("toponyms")
        if tops is not None:  # LGL / TR-News schema
            for t in tops.findall("toponym"):
                g = t.find("gaztag")
                lat = _f(g.findtext("lat")) if g is not None else None
                lon = _f(g.findtext("lon")) if g is not None else None
                d.gold.append(Gold(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", lat, lon))
        locs = a.find("locations")
        if locs is not None:  # GeoVirus schema
            for t in locs.findall("location"):
                name = t.findtext("name") or ""
                s, e = _align(text, int(t.findtext("start")), int(t.findtext("end")), name)
                d.gold.append(Gold(s, e, name, _f(t.findtext("lat")), _f(t.findtext("lon"))))
        docs.append(d)
    return docs


OUTLET_MODES = ("pipeline", "off", "leave-one-out")


def evaluate(docs: list[GeoDoc], errors: list | None = None, outlet: str = "pipeline",
             parsed: list | None = None) -> dict:
    """Scores (see the module docstring). `outlet`: how an article's outlet context is learnt ("pipeline" = from
    the outlet's earlier articles, as the pipeline does; "off"; "leave-one-out"). `parsed`: the docs already parsed."""
    from triangulate.annotate.geo.outlets import OutletPrior, outlet_context
    from triangulate.annotate.nlp import get_nlp
    from triangulate.annotate.places import find_places

    nlp = get_nlp("en")
    tp = fp = fn = 0
    ov_tp = 0
    n_gold = n_pred = 0
    coord_gold = found = correct = exact = 0
    errs = []
    t_places = 0.0
    t0 = time.time()
    if outlet not in OUTLET_MODES:
        raise ValueError(f"outlet must be one of {OUTLET_MODES}")
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16) if parsed is None else parsed)
    first: list = []
    if outlet == "leave-one-out":
        first = [find_places(doc, d.text) for d, doc in zip(docs, parsed)]
    prior = OutletPrior()
    # the pipeline sees an outlet's articles in publication order; the corpora give download times
    order = sorted(range(len(docs)), key=lambda i: (docs[i].time, i)) if outlet == "pipeline" else range(len(docs))
    for i in order:
        d, doc = docs[i], parsed[i]
        t1 = time.perf_counter()
        ctx = None
        if outlet == "leave-one-out" and d.domain:
            ctx = outlet_context([first[j] for j, o in enumerate(docs) if o.domain == d.domain and j != i], d.domain)
        elif outlet == "pipeline" and d.domain:
            ctx = prior.context(d.domain, d.domain)
        preds = find_places(doc, d.text, ctx)
        if outlet == "pipeline" and d.domain:
            prior.add(d.domain, preds)
        t_places += time.perf_counter() - t1
        pspans = {(m.start, m.end) for m in preds}
        gspans = {(g.start, g.end) for g in d.gold}
        n_gold += len(gspans)
        n_pred += len(pspans)
        tp += len(pspans & gspans)
        fp += len(pspans - gspans)
        fn += len(gspans - pspans)
        ov_tp += sum(1 for g in gspans if any(p[0] < g[1] and g[0] < p[1] for p in pspans))
        for g in d.gold:
            if g.lat is None or g.lon is None:
                continue
            coord_gold += 1
            hit = [m for m in preds if m.start < g.end and g.start < m.end and m.place is not None]
            if not hit:
                continue
            found += 1
            m = min(hit, key=lambda m: abs(m.start - g.start) + abs(m.end - g.end))
            dist = km((m.place.lat, m.place.lon), (g.lat, g.lon))
            if dist <= 161:
                correct += 1
            elif errors is not None:
                errs.append({"doc": d.id, "text": g.name, "pred": m.place.name, "cc": m.place.country,
                             "feature": m.place.feature, "km": round(dist)})
            if dist <= 5:
                exact += 1
    if errors is not None:
        errors.extend(errs)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    lr = ov_tp / n_gold if n_gold else 0.0
    return {
        "docs": len(docs), "gold_toponyms": n_gold, "predicted": n_pred,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "recall_overlap": round(lr, 4),
        "gold_with_coords": coord_gold, "found_with_coords": found,
        "acc161_found": round(correct / found, 4) if found else 0.0,
        "acc161_all": round(correct / coord_gold, 4) if coord_gold else 0.0,
        "exact5km_found": round(exact / found, 4) if found else 0.0,
        "exact5km_all": round(exact / coord_gold, 4) if coord_gold else 0.0,
        "ms_per_doc_places": round(1000 * t_places / max(1, len(docs)), 2),
        "seconds_total": round(time.time() - t0, 1),
    }


@click.command("geo")
@data_option
@limit_option
@click.option("--corpus", "corpora", multiple=True, type=click.Choice(sorted(CORPORA)), default=("lgl", "geovirus"),
              help="Which corpus (repeatable).")
@click.option("--file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Evaluate this XML file (LGL or GeoVirus schema) instead of the corpora.")
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all",
              help="dev = first half of each corpus (develop on it), test = second half (held out), all = both.")
@click.option("--outlet-prior", "outlet", type=click.Choice(OUTLET_MODES), default="pipeline", show_default=True,
              help="Outlet context: learnt from the outlet's earlier articles as the pipeline does, off, or "
                   "leave-one-out (from all its other articles).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False), default=None,
              help="Write resolution errors (>161 km) as JSON lines here.")
def command(data, limit, corpora, files, split, outlet, errors_path):
    """Toponym P/R/F1 and accuracy@161km on LGL and GeoVirus."""
    targets = [(Path(f).stem, Path(f)) for f in files] or [
        (c, data_dir(data) / "geoparsing_gritta" / CORPORA[c]) for c in corpora]
    out = {}
    errs: list = []
    for name, path in targets:
        docs = split_docs(load(path), split)
        docs = docs[:limit] if limit else docs
        out[name] = evaluate(docs, errs if errors_path else None, outlet=outlet)
    if errors_path:
        with open(errors_path, "w") as f:
            for e in errs:
                f.write(json.dumps(e) + "\n")
    click.echo(json.dumps(out, indent=2))
