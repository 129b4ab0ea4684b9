"""`triangulate eval pubdate`: publication dates inferred from article text, scored against metadata dates.

Corpora (each used when present under the data folder):
  * gva      gva_gun_violence_incidents/documents.jsonl.gz  gold `dct`, story = `incident_id`
  * cluster  giveme5w1h_news_cluster/news_cluster.jsonl      gold `date_publish`, story = newsCluster.EventId
  * india    india_police_events/docs.jsonl + metadata.jsonl gold metadata `date` (no story groups)

Protocol: the metadata date is hidden; `infer_published(text, title)` dates the article from its own text.
Reported: how many articles get a date (answered), exact-day accuracy and +-1 day accuracy of those answered, at all
confidences and at confidence >= 0.5 (what the reader stores in `Article.published`), and per method.
Story completion: articles whose own guess is below 0.5 get `infer_from_story` with the gold dates of the *other*
articles of their story (leave-one-out), as the pipeline does after linking.
Split: a fixed hash of the document id puts 1 in 5 documents in `test`, the rest in `dev` (develop on dev).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option
from triangulate.ingest.dates import MIN_CONFIDENCE, infer_from_story, infer_published


def _split(doc_id: str) -> str:
    return "test" if int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) % 5 == 0 else "dev"


def _lines(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_corpora(root: Path) -> dict[str, list[dict]]:
    """{corpus: [{id, text, title, gold, group}]} for the corpora found under root."""
    out: dict[str, list[dict]] = {}
    gva = root / "gva_gun_violence_incidents" / "documents.jsonl.gz"
    if gva.exists():
        out["gva"] = [{"id": r["doc_id"], "text": r.get("text") or "", "title": r.get("title"),
                       "gold": (r.get("dct") or "")[:10], "group": r.get("incident_id")} for r in _lines(gva)]
    cl = root / "giveme5w1h_news_cluster" / "news_cluster.jsonl"
    if cl.exists():
        out["cluster"] = [{"id": r.get("dId") or r.get("filename") or str(i), "text": r.get("text") or "",
                           "title": r.get("title"), "gold": (r.get("date_publish") or "")[:10],
                           "group": (r.get("newsCluster") or {}).get("EventId")} for i, r in enumerate(_lines(cl))]
    india_docs = root / "india_police_events" / "docs.jsonl"
    india_meta = root / "india_police_events" / "metadata.jsonl"
    if india_docs.exists() and india_meta.exists():
        gold = {str(r["doc_id"]): (r.get("date") or "")[:10] for r in _lines(india_meta)}
        out["india"] = [{"id": str(r["doc_id"]), "text": r.get("doc_text") or "", "title": None,
                         "gold": gold.get(str(r["doc_id"]), ""), "group": None} for r in _lines(india_docs)]
    for name in out:
        out[name] = [d for d in out[name] if d["text"].strip() and len(d["gold"]) == 10]
    return out


def _days(a: str, b: str) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


class _Tally:
    def __init__(self) -> None:
        self.n = self.answered = self.exact = self.near = 0

    def add(self, value: str | None, gold: str) -> None:
        self.n += 1
        if value:
            self.answered += 1
            d = _days(value, gold)
            self.exact += d == 0
            self.near += d is not None and d <= 1

    def row(self) -> dict:
        a = self.answered or 1
        return {"n": self.n, "answered": self.answered, "answered_pct": round(100 * self.answered / (self.n or 1), 1),
                "exact_pct": round(100 * self.exact / a, 1), "within1_pct": round(100 * self.near / a, 1)}


def evaluate(docs: list[dict]) -> dict:
    own_all, own_conf, story, combined = _Tally(), _Tally(), _Tally(), _Tally()
    methods: dict[str, _Tally] = defaultdict(_Tally)
    groups: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        if d["group"] is not None:
            groups[str(d["group"])].append(d)
    for d in docs:
        g = infer_published(d["text"], d["title"])
        own_all.add(g.value, d["gold"])
        confident = g.value if g.confidence >= MIN_CONFIDENCE else None
        own_conf.add(confident, d["gold"])
        if g.value:
            methods[g.method or "?"].add(g.value, d["gold"])
        final = confident
        if confident is None and d["group"] is not None:
            anchors = [o["gold"] for o in groups[str(d["group"])] if o is not d]
            if anchors:
                s = infer_from_story(d["text"], g, anchors)
                story.add(s.value, d["gold"])
                if s.value:
                    methods["story:" + (s.method or "?")].add(s.value, d["gold"])
                final = s.value
        combined.add(final, d["gold"])
    return {"own_text_all": own_all.row(), "own_text_conf>=0.5": own_conf.row(),
            "story_completion": story.row(), "final": combined.row(),
            "methods": {m: t.row() for m, t in sorted(methods.items(), key=lambda kv: -kv[1].n)}}


@click.command("pubdate")
@data_option
@limit_option
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True)
@click.option("--corpus", "corpora", multiple=True, help="gva, cluster, india (default: all found).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def command(data: str | None, limit: int | None, split: str, corpora: tuple[str, ...], as_json: bool) -> None:
    """Publication-date inference from text vs. metadata dates (GVA, Giveme5W1H news clusters, IndiaPoliceEvents)."""
    root = data_dir(data)
    loaded = load_corpora(root)
    if not loaded:
        raise click.ClickException(f"no corpus found under {root}")
    results = {}
    for name, docs in loaded.items():
        if corpora and name not in corpora:
            continue
        if split != "all":
            docs = [d for d in docs if _split(d["id"]) == split]
        if limit:
            docs = docs[:limit]
        t0 = time.perf_counter()
        res = evaluate(docs)
        res["seconds"] = round(time.perf_counter() - t0, 2)
        results[name] = res
    if as_json:
        click.echo(json.dumps(results, indent=1))
        return
    for name, res in results.items():
        click.echo(f"== {name} ({split})  {res['seconds']}s")
        for key in ("own_text_all", "own_text_conf>=0.5", "story_completion", "final"):
            r = res[key]
            click.echo(f"  {key:20s} n={r['n']:5d} answered={r['answered']:5d} ({r['answered_pct']:5.1f}%)  "
                       f"exact={r['exact_pct']:5.1f}%  +-1d={r['within1_pct']:5.1f}%")
        for m, r in res["methods"].items():
            click.echo(f"    {m:32s} n={r['answered']:5d}  exact={r['exact_pct']:5.1f}%  +-1d={r['within1_pct']:5.1f}%")
