"""`triangulate eval events`: event records vs Gun Violence Archive incidents.

Each incident's articles are one story, and the story record scored is the pipeline's own (`--record
reconciled`, the default): every article of the split goes through `pipeline.analyze_article` (annotate + extract;
spaCy parses optionally cached with `--cache DIR`) in publication order with its outlet's place context learnt from
the outlet's earlier articles (`OutletPrior`, as `triangulate ingest` annotates a corpus), the pipeline's `Linker`
finds copies between an incident's articles, and `reconcile.reconcile` builds the story exactly as `triangulate
analyze` does. The record is the story's main event (`main_event`: the violent event the most articles report, then
one with a death toll, then foreground before background, then the one the earliest article reports, then most
reports): its date, place, ACLED-conservative
fatalities and conservative injured count (`reconcile.events.conservative_injured`; 0 when untold).

`--record article` scores the earlier rounds' per-article rule instead (kept for comparison):
- an article's main events are its non-background violent events (Violence against civilians, Battles,
  Explosions/Remote violence, Riots), else all its non-background events;
- article date = date of its first main event dated to the day from the text (else its first main event); article place = place of its first main event that has one;
- article killed = the largest non-breakdown, unscoped "killed" total / main-event fatalities in the article;
  article injured = the largest "injured" figure, else ("shot" figure - killed) when only "N shot" is stated,
  else 1 for "... and another (was) injured", else 1 for a single unkilled victim;
- story date = the most frequent article date read from the text (else any article date), ties: the earliest;
- story place = the most frequent article place (ties: earliest article); story killed / injured = the
  most frequent non-zero article value, ties to the lowest (chosen on a 1-in-15 sample
  of incidents against max / min / median / first article).
Split: GVA has none, so incidents are split by a hash of incident_id (`gva_split`): 1 in 4 is "heldout",
the rest "dev"; develop on dev, report both.
Scores: date exact match; place = same city name (city_or_county, or the locality it names in parentheses:
"Pittsburgh (Wilkinsburg)") or within 25 km of the incident coordinates;
killed / injured exact match.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import click

from triangulate.annotate.geo.distance import km
from triangulate.eval.common import data_dir, data_option, limit_option
from triangulate.extract.events import _SINGULAR_VICTIM, coordinated_totals

_HURT = re.compile(r"\b(shot|wounded|injured|hurt|struck|grazed|hospitali[sz]ed|hospital|gunshot wounds?|"
                   r"shoot(?:s|ing)? (?:himself|herself)|was hit)\b", re.I)
_DEAD = re.compile(r"\b(killed|dead|died|dies|fatal\w*|death|murder\w*|slain)\b", re.I)
_DEAD_ARTICLE = _DEAD
_ANOTHER_HURT = re.compile(r"\b(?:and|while|with) another (?:[\w-]+ ){0,3}?(?:(?:was|were) )?(?:injured|wounded|hurt)\b"
                           r"|\bAnother (?:[\w-]+ ){0,3}?(?:was|is) (?:injured|wounded|hurt)\b")
VIOLENT = {"Violence against civilians", "Battles", "Explosions/Remote violence", "Riots"}


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parse_cache(texts: dict[str, str], cache: Path | None) -> dict:
    """spaCy parses of `texts` (id -> text), batched; with `cache` (a folder) each parse is kept there as a
    DocBin named by a hash of the pipeline version and the text, so a re-run skips spaCy."""
    from spacy.tokens import DocBin

    from triangulate.annotate.nlp import PIPELINE_VERSION, get_nlp

    nlp = get_nlp("en")

    def path(i: str) -> Path:  # keyed by the pipeline's version too: a changed pipeline never reads old parses
        key = (PIPELINE_VERSION + "\x1f" + texts[i]).encode("utf-8")
        return Path(cache) / (hashlib.sha1(key).hexdigest()[:20] + ".spacy")

    docs = {}
    if cache is not None:
        Path(cache).mkdir(parents=True, exist_ok=True)
        for i in texts:
            if path(i).exists():
                docs[i] = next(DocBin().from_disk(path(i)).get_docs(nlp.vocab))
    todo = [i for i in texts if i not in docs]
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=32)):
        docs[i] = doc
        if cache is not None:
            DocBin(docs=[doc]).to_disk(path(i))
    return docs


def article_record(text: str, published: str | None, article_id: str = "a", doc=None) -> dict:
    """Date, place, killed, injured for one article, by the rule in the module docstring."""
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.model import Article

    ann, doc = annotate(text, published, doc=doc)
    ex = extract(Article(id=article_id, text=text, source=article_id, published=published), ann, doc)
    return record_from_extraction(text, published, ex)


def record_from_extraction(text: str, published: str | None, ex) -> dict:
    """The article record of one article's extraction."""
    main = [e for e in ex.events if not e.background and e.event_type in VIOLENT] or \
        [e for e in ex.events if not e.background]
    dated = [e for e in main if e.date_precision == 1]  # a date read from the text (publication fallback is 2)
    date = dated[0].date if dated else (main[0].date if main else (published[:10] if published else None))
    place = next((e.place for e in main if e.place is not None), None)
    if place is None:
        place = next((e.place for e in ex.events if e.place is not None), None)
    bg_ids = {fid for e in ex.events if e.background for fid in e.figure_ids}
    figs = [f for f in ex.figures if f.part_of is None and f.id not in bg_ids and not f.scope and not f.in_title]

    def top(cat: str) -> int | None:
        vals = [v for v in coordinated_totals(figs, text, cat) if v < 1000]
        return int(max(vals)) if vals else None

    killed = top("killed")
    fat = [e.fatalities for e in main if e.fatalities is not None]
    if fat:
        killed = max(killed or 0, max(fat))
    injured = top("injured")
    shot = top("shot")
    if injured is None and shot is not None:
        injured = max(0, shot - (killed or 0))
    if injured is None and _ANOTHER_HURT.search(text):
        injured = 1  # "three people were killed and another injured"
    if injured is None and not killed and not _DEAD_ARTICLE.search(text) and any(_HURT.search(e.sentence) and _SINGULAR_VICTIM.search(e.sentence)
                               and not _DEAD.search(e.sentence) for e in main):
        injured = 1  # "A toddler was shot Saturday ...": one victim, not killed
    return {"date": date, "dated": bool(dated), "place": place, "killed": killed or 0, "injured": injured or 0}


def story_record(records: list[dict]) -> dict:
    def most_common(vals):
        vals = [v for v in vals if v]
        if not vals:
            return None
        counts = Counter(vals)
        best = max(counts.values())
        return next(v for v in vals if counts[v] == best)

    places = [r["place"] for r in records if r["place"] is not None]
    pname = most_common([p.name for p in places])
    place = next((p for p in places if p.name == pname), None)
    dates = [r["date"] for r in records if r.get("dated")] or [r["date"] for r in records]
    dates = [d for d in dates if d]
    counts = Counter(dates)
    date = min(dates, key=lambda d: (-counts[d], d)) if dates else None
    return {"date": date, "place": place,
            "killed": _mode_nonzero([r["killed"] for r in records]),
            "injured": _mode_nonzero([r["injured"] for r in records])}


def _mode_nonzero(vals: list[int]) -> int:
    """The most frequent non-zero article count, ties to the lowest (ACLED's conservative choice); 0 if none."""
    vals = [v for v in vals if v] or [0]
    c = Counter(vals)
    best = max(c.values())
    return min(v for v in vals if c[v] == best)


def _norm_city(s: str | None) -> str:
    s = (s or "").lower()
    s = re.sub(r"\(.*?\)|\bcounty\b|\bcity of\b|\bcity\b|\btownship\b", " ", s)
    return re.sub(r"[^a-z]+", " ", s).strip()


def score_record(rec: dict, inc: dict) -> dict[str, bool]:
    """Whether a story record gets the incident's date, place (same city or <= 25 km), killed and injured."""
    p = rec["place"]
    ok = False
    if p is not None:
        # GVA writes a locality inside a city's name as "Pittsburgh (Wilkinsburg)": either name is the place
        names = [inc.get("city_or_county")] + re.findall(r"\((.*?)\)", inc.get("city_or_county") or "")
        if _norm_city(p.name) and any(_norm_city(p.name) == _norm_city(n) for n in names):
            ok = True
        elif p.lat is not None and inc.get("lat_long"):
            lat, lon = inc["lat_long"]
            ok = km((p.lat, p.lon), (lat, lon)) <= 25
    return {"date": rec["date"] == inc["date"], "place": ok, "killed": rec["killed"] == int(inc["num_killed"]),
            "injured": rec["injured"] == int(inc["num_injured"])}


def _article(d: dict):
    from triangulate.ingest.outlets import original_url, outlet_from_domain, url_domain
    from triangulate.model import Article

    url = d.get("url") or None
    return Article(id=d["doc_id"], text=d["text"], source=d["doc_id"], title=d.get("title"), url=url,
                   outlet=outlet_from_domain(url_domain(original_url(url))) if url else None, published=d.get("dct"))


def _by_publication(docs: list[dict]) -> list[dict]:
    return sorted(docs, key=lambda d: (d.get("dct") or "9999", d["doc_id"]))


def story_extractions(docs: list[dict], parses: dict | None = None, prior=None) -> tuple[list, list]:
    """Articles and their extractions for one incident's documents, through the pipeline's own
    `analyze_article` (annotate + extract), publication order. `prior` (an OutletPrior, updated in place) gives
    each article its outlet's place context learnt from the outlet's earlier articles, as the pipeline does."""
    from triangulate.pipeline import analyze_article

    articles, extractions = [], []
    for d in _by_publication(docs):
        art = _article(d)
        ex, _ = analyze_article(art, (parses or {}).get(d["doc_id"]), prior)
        if prior is not None:
            prior.add(art.outlet, ex.annotations.places)
        articles.append(art)
        extractions.append(ex)
    return articles, extractions


def main_event(events: list, articles: list | None = None):
    """The story's main event: the violent event (else any event) the most articles report; then one with a death
    toll; then a foreground one before background (a follow-up's incident lies weeks back); then the one the
    story's earliest article reports (`articles`, in publication order: the news that began the story, which
    follow-ups retell, dated by their own day when they do not say it: GVA dev date .822 -> .830); then the most
    reports; then the first."""
    cands = [e for e in events if e.event_type in VIOLENT] or list(events)
    order = {a.id: i for i, a in enumerate(articles or [])}

    def first(e) -> int:
        return min((order.get(a, len(order)) for a in e.article_ids), default=len(order))

    return max(cands, key=lambda e: (len(e.article_ids), bool(e.fatalities), not e.background, -first(e),
                                     len(e.report_ids)), default=None)


def reconciled_record(articles: list, extractions: list) -> dict:
    """The story record as the pipeline makes it: copies found by the pipeline's linker, the story reconciled by
    `triangulate.reconcile.reconcile`; its main event gives date, place, killed (ACLED-conservative fatalities)
    and injured (its conservative injured count)."""
    from triangulate.link import Linker
    from triangulate.reconcile import reconcile

    linker = Linker()
    copies = [c for a, ex in zip(articles, extractions) for c in linker.add(a, ex.annotations).copies]
    story = reconcile("story", articles, extractions, copies)
    main = main_event(story.events, articles)
    if main is None:
        return {"date": None, "place": None, "killed": 0, "injured": 0}
    return {"date": main.date, "place": main.place, "killed": main.fatalities or 0, "injured": main.injured or 0,
            "date_precision": main.date_precision}


def gva_split(incident_id: str) -> str:
    """"heldout" for 1 in 4 incidents (by a stable hash of the id), else "dev"."""
    h = int(hashlib.sha1(str(incident_id).encode("utf-8")).hexdigest(), 16)
    return "heldout" if h % 4 == 0 else "dev"


def evaluate_gva(folder: Path, limit: int | None = None, progress: bool = False, split: str = "all",
                 cache: Path | None = None, record: str = "reconciled", errors: Path | None = None) -> dict:
    """Accuracy of the story records of `record` kind: "reconciled" (the pipeline's reconciled main event,
    `reconciled_record`) or "article" (the per-article rule and `story_record`, the first rounds' measure).
    With `errors` (a file path) every incident with a wrong field is written there as one JSON line."""
    incidents = _read_jsonl(folder / "incidents.jsonl.gz")
    if split != "all":
        incidents = [i for i in incidents if gva_split(i["incident_id"]) == split]
    docs = {d["doc_id"]: d for d in _read_jsonl(folder / "documents.jsonl.gz")}
    chosen = []
    for inc in incidents:
        ids = [i for i in inc.get("doc_ids_in_corpus", []) if i in docs and (docs[i].get("text") or "").strip()]
        if ids and (limit is None or len(chosen) < limit):
            chosen.append((inc, ids))
    parses = parse_cache({i: docs[i]["text"] for _, ids in chosen for i in ids}, cache)
    # every article in publication order, each with its outlet's place context learnt from the outlet's earlier
    # articles (`OutletPrior`), as `triangulate ingest` annotates a corpus
    from triangulate.annotate.geo.outlets import OutletPrior

    arts, exs = story_extractions(list({i: docs[i] for _, ids in chosen for i in ids}.values()), parses,
                                   OutletPrior())
    analysed = {a.id: (a, ex) for a, ex in zip(arts, exs)}
    hits: Counter = Counter()
    wrong = []
    for n, (inc, ids) in enumerate(chosen, 1):
        pairs = [analysed[d["doc_id"]] for d in _by_publication([docs[i] for i in ids])]
        articles, extractions = [a for a, _ in pairs], [ex for _, ex in pairs]
        if record == "article":
            rec = story_record([record_from_extraction(a.text, a.published, ex) for a, ex in zip(articles, extractions)])
        else:
            rec = reconciled_record(articles, extractions)
        scores = score_record(rec, inc)
        for k, ok in scores.items():
            hits[k] += ok
        if errors is not None and not all(scores.values()):
            wrong.append(_error_line(inc, ids, rec, scores))
        if progress and n % 50 == 0:
            click.echo(f"  {n} incidents ...", err=True)
    if errors is not None:
        Path(errors).write_text("".join(json.dumps(w) + "\n" for w in wrong), encoding="utf-8")
    n = len(chosen)
    return {"incidents": n, **{k: (hits[k] / n if n else 0.0) for k in ("date", "place", "killed", "injured")}}


def _error_line(inc: dict, ids: list[str], rec: dict, scores: dict[str, bool]) -> dict:
    """One incident's wrong fields, the record's values beside the incident's (for `--errors`)."""
    p = rec["place"]
    return {"incident_id": inc["incident_id"], "doc_ids": ids, "wrong": [k for k, ok in scores.items() if not ok],
            "date": rec["date"], "date_precision": rec.get("date_precision"), "gold_date": inc["date"],
            "place": None if p is None else {"name": p.name, "admin1": p.admin1, "country": p.country, "lat": p.lat, "lon": p.lon},
            "gold_place": [inc.get("city_or_county"), inc.get("state"), inc.get("lat_long")],
            "killed": rec["killed"], "gold_killed": int(inc["num_killed"]),
            "injured": rec["injured"], "gold_injured": int(inc["num_injured"])}


@click.command("events")
@data_option
@limit_option
@click.option("--split", type=click.Choice(["all", "dev", "heldout"]), default="all",
              help="Hash split of incident ids: dev (3 in 4) or heldout (1 in 4).")
@click.option("--cache", type=click.Path(file_okay=False), default=None,
              help="Folder to keep the spaCy parses in (a DocBin per text), so a re-run skips spaCy.")
@click.option("--record", type=click.Choice(["reconciled", "article"]), default="reconciled",
              help="Story record scored: the pipeline's reconciled main event (default) or the per-article rule.")
@click.option("--errors", type=click.Path(dir_okay=False), default=None,
              help="File to write each incident with a wrong field to (JSON lines: record vs incident).")
def command(data: str | None, limit: int | None, split: str, cache: str | None, record: str,
            errors: str | None) -> None:
    """Event records vs GVA incidents: accuracy of date, place (city or <= 25 km), killed, injured."""
    folder = data_dir(data) / "gva_gun_violence_incidents"
    res = evaluate_gva(folder, limit, progress=True, split=split, cache=Path(cache) if cache else None,
                      record=record, errors=Path(errors) if errors else None)
    click.echo(f"split {split} record {record} incidents {res['incidents']}")
    for k in ("date", "place", "killed", "injured"):
        click.echo(f"{k:8s} accuracy {res[k]:.3f}")
