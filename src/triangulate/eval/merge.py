"""`triangulate eval merge`: does reconcile merge reports of one real event, and only those?

Gun Violence Archive incidents of one city (same state and city_or_county) are pooled, a few at a time in date
order (`--pool`, default 4: neighbouring incidents of one city are the hard case; pools are taken in a stable
hash order, so `--limit N` is a spread of cities), into one synthetic story; all
their articles are annotated, extracted and reconciled together (no copy links). Each article is assigned the
merged event that holds its main report (its first non-background violent report, else its first
non-background report, else its first report); an article without any report is a cluster of its own.

Metrics, against the gold incident of each article:
- BCubed P/R/F1 and pairwise P/R/F1 of the article -> event assignment;
- events per incident: distinct assigned events / incidents (1.0 is ideal; GDELT-style over-counting is > 1),
  and foreground violent events / incidents (everything the story lists, not just the articles' main events);
- killed accuracy: the fatalities of each incident's event (the event most of its articles are assigned to)
  equal GVA's num_killed;
- two reference assignments on the same reports: one event per article (no merging) and one event per date
  (articles grouped by their main report's date).
Split: `gva_split` of the incident id (1 in 4 held out); pools are built within a split.
Parsing is the expensive part: `--cache DIR` keeps the spaCy parses (`eval.events.parse_cache`, a DocBin per text),
so a re-run parses nothing and still annotates and extracts with the current code.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import click

from triangulate.eval.common import bcubed, data_dir, data_option
from triangulate.eval.events import VIOLENT, _read_jsonl, gva_split, parse_cache
from triangulate.model import Article, Extraction


def pools(incidents: list[dict], docs: dict[str, dict], size: int, split: str = "all") -> list[list[dict]]:
    """Incidents (with at least one non-empty article) grouped by city, cut in date order into pools of `size`;
    only pools of two incidents or more are kept."""
    by_city: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for inc in incidents:
        if split != "all" and gva_split(inc["incident_id"]) != split:
            continue
        if not any((docs.get(d) or {}).get("text", "").strip() for d in inc.get("doc_ids_in_corpus", [])):
            continue
        by_city[(inc.get("state") or "", inc.get("city_or_county") or "")].append(inc)
    out = []
    for key in sorted(by_city):
        incs = sorted(by_city[key], key=lambda i: (i.get("date") or "", str(i["incident_id"])))
        for k in range(0, len(incs), size):
            chunk = incs[k:k + size]
            if len(chunk) >= 2:
                out.append(chunk)
    # a stable pseudo-random order, so `--limit` takes a spread of cities rather than the first states
    out.sort(key=lambda c: hashlib.sha1(str(c[0]["incident_id"]).encode()).hexdigest())
    return out


def _extraction(doc: dict, parsed) -> tuple[Article, Extraction]:
    from triangulate.annotate import annotate
    from triangulate.extract import extract

    text = doc["text"].strip()
    art = Article(doc["doc_id"], text, "gva", title=doc.get("title"), url=doc.get("url"), published=doc.get("dct"),
                  content_hash=hashlib.sha1(text.encode()).hexdigest())
    ann, parsed = annotate(text, art.published, doc=parsed)
    return art, extract(art, ann, parsed)


def main_report(ex: Extraction):
    """The report an article is mainly about (see the module docstring), or None."""
    evs = sorted(ex.events, key=lambda e: e.start)
    for pick in (lambda e: not e.background and e.event_type in VIOLENT, lambda e: not e.background, lambda e: True):
        got = next((e for e in evs if pick(e)), None)
        if got is not None:
            return got
    return None


def pair_counts(pred: dict[str, str], gold: dict[str, str]) -> Counter:
    """Counts of article pairs: tp (same event, same incident), fp (same event only), fn (same incident only)."""
    c: Counter = Counter()
    for a, b in combinations(sorted(gold), 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        if same_p and same_g:
            c["tp"] += 1
        elif same_p:
            c["fp"] += 1
        elif same_g:
            c["fn"] += 1
    return c


def _prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def assign(story, exs: list[Extraction]) -> dict[str, str]:
    """Article id -> id of the merged event holding its main report (its own id if it has no report)."""
    report_event = {rid: se.id for se in story.events for rid in se.report_ids}
    out = {}
    for ex in exs:
        r = main_report(ex)
        out[ex.article_id] = report_event.get(r.id, "none:" + ex.article_id) if r is not None \
            else "none:" + ex.article_id
    return out


def evaluate(folder: Path, split: str = "all", size: int = 4, limit: int | None = None,
             cache: Path | None = None, progress: bool = False) -> dict:
    from triangulate.reconcile import reconcile

    incidents = _read_jsonl(folder / "incidents.jsonl.gz")
    docs = {d["doc_id"]: d for d in _read_jsonl(folder / "documents.jsonl.gz")}
    chosen = pools(incidents, docs, size, split)
    if limit is not None:
        chosen = chosen[:limit]
    parses = parse_cache({did: docs[did]["text"].strip() for pool in chosen for inc in pool
                          for did in inc.get("doc_ids_in_corpus", [])
                          if did in docs and (docs[did].get("text") or "").strip()}, cache)
    scores = {name: [] for name in ("reconcile", "per_article", "per_date")}
    pairs = {name: Counter() for name in scores}
    n_art = n_inc = n_events = n_violent = n_killed_ok = n_no_event = 0
    weights = []
    for k, pool in enumerate(chosen):
        gold: dict[str, str] = {}
        arts, exs = [], []
        for inc in pool:
            for did in inc.get("doc_ids_in_corpus", []):
                d = docs.get(did)
                if d is None or not (d.get("text") or "").strip() or did in gold:
                    continue
                a, ex = _extraction(d, parses[did])
                arts.append(a)
                exs.append(ex)
                gold[did] = str(inc["incident_id"])
        order = sorted(range(len(arts)), key=lambda i: (arts[i].published or "", arts[i].id))
        arts, exs = [arts[i] for i in order], [exs[i] for i in order]
        story = reconcile(f"pool-{k}", arts, exs, [])
        pred = assign(story, exs)
        mains = {ex.article_id: main_report(ex) for ex in exs}
        refs = {
            "reconcile": pred,
            "per_article": {a: a for a in gold},
            "per_date": {a: ("d:" + (m.date or "")[:10]) if m is not None else "none:" + a for a, m in mains.items()},
        }
        for name, assignment in refs.items():
            scores[name].append(bcubed(assignment, gold))
            pairs[name] += pair_counts(assignment, gold)
        weights.append(len(gold))
        n_art += len(gold)
        n_no_event += sum(1 for m in mains.values() if m is None)
        n_inc += len(pool)
        n_events += len({v for v in pred.values()})
        n_violent += sum(1 for se in story.events if not se.background and se.event_type in VIOLENT)
        by_id = {se.id: se for se in story.events}
        for inc in pool:
            mine = [pred[a] for a, g in gold.items() if g == str(inc["incident_id"])]
            if not mine:
                continue
            top = Counter(mine).most_common(1)[0][0]
            se = by_id.get(top)
            n_killed_ok += (se.fatalities or 0 if se is not None else 0) == int(inc.get("num_killed") or 0)
        if progress and (k + 1) % 10 == 0:
            click.echo(f"  {k + 1}/{len(chosen)} pools ...", err=True)
    total = sum(weights) or 1
    res: dict = {"pools": len(chosen), "incidents": n_inc, "articles": n_art, "articles_without_event": n_no_event,
                 "events_per_incident": n_events / n_inc if n_inc else 0.0,
                 "violent_events_per_incident": n_violent / n_inc if n_inc else 0.0,
                 "killed_accuracy": n_killed_ok / n_inc if n_inc else 0.0}
    for name in scores:
        # BCubed averaged over all articles (pools weighted by their size)
        p = sum(s[0] * w for s, w in zip(scores[name], weights)) / total
        r = sum(s[1] * w for s, w in zip(scores[name], weights)) / total
        res[name] = {"bcubed": (p, r, 2 * p * r / (p + r) if p + r else 0.0), "pairwise": _prf(pairs[name])}
    return res


@click.command("merge")
@data_option
@click.option("--split", type=click.Choice(["all", "dev", "heldout"]), default="all",
              help="Hash split of incident ids (as in `eval events`): dev (3 in 4) or heldout (1 in 4).")
@click.option("--pool", "size", type=int, default=4, show_default=True, help="Incidents of one city per story.")
@click.option("--limit", type=int, default=None, help="Only the first N pools (quick runs).")
@click.option("--cache", type=click.Path(file_okay=False), default=None,
              help="Folder to keep the spaCy parses in (a DocBin per text), reused by later runs.")
def command(data: str | None, split: str, size: int, limit: int | None, cache: str | None) -> None:
    """Event merging vs GVA incidents pooled by city: BCubed and pairwise P/R/F1, events per incident."""
    folder = data_dir(data) / "gva_gun_violence_incidents"
    res = evaluate(folder, split, size, limit, Path(cache) if cache else None, progress=True)
    click.echo(f"split {split} pools {res['pools']} incidents {res['incidents']} articles {res['articles']} "
               f"(without any event {res['articles_without_event']})")
    click.echo(f"events per incident {res['events_per_incident']:.3f}  "
               f"violent events per incident {res['violent_events_per_incident']:.3f}  "
               f"killed accuracy {res['killed_accuracy']:.3f}")
    for name in ("reconcile", "per_article", "per_date"):
        b, pw = res[name]["bcubed"], res[name]["pairwise"]
        click.echo(f"{name:12s} BCubed P {b[0]:.3f} R {b[1]:.3f} F1 {b[2]:.3f}   "
                   f"pairwise P {pw[0]:.3f} R {pw[1]:.3f} F1 {pw[2]:.3f}")
