"""`triangulate eval events`: event records vs Gun Violence Archive incidents.

Each incident's articles are one story. Every article is annotated and extracted; the story record is then
aggregated with this simple, documented rule (independent of triangulate.reconcile):
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
Scores: date exact match; place = same city name (city_or_county) or within 25 km of the incident coordinates;
killed / injured exact match.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path

import click

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


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(a)))


def article_record(text: str, published: str | None, article_id: str = "a") -> dict:
    """Date, place, killed, injured for one article, by the rule in the module docstring."""
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.model import Article

    ann, doc = annotate(text, published)
    ex = extract(Article(id=article_id, text=text, source=article_id, published=published), ann, doc)
    main = [e for e in ex.events if not e.background and e.event_type in VIOLENT] or \
        [e for e in ex.events if not e.background]
    dated = [e for e in main if e.date_precision == 1]  # a date read from the text (publication fallback is 2)
    date = dated[0].date if dated else (main[0].date if main else (published[:10] if published else None))
    place = next((e.place for e in main if e.place is not None), None)
    if place is None:
        place = next((e.place for e in ex.events if e.place is not None), None)
    bg_ids = {fid for e in ex.events if e.background for fid in e.figure_ids}
    figs = [f for f in ex.figures if f.part_of is None and f.id not in bg_ids and not f.scope]

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


def gva_split(incident_id: str) -> str:
    """"heldout" for 1 in 4 incidents (by a stable hash of the id), else "dev"."""
    h = int(hashlib.sha1(str(incident_id).encode("utf-8")).hexdigest(), 16)
    return "heldout" if h % 4 == 0 else "dev"


def evaluate_gva(folder: Path, limit: int | None = None, progress: bool = False, split: str = "all") -> dict:
    incidents = _read_jsonl(folder / "incidents.jsonl.gz")
    if split != "all":
        incidents = [i for i in incidents if gva_split(i["incident_id"]) == split]
    docs = {d["doc_id"]: d for d in _read_jsonl(folder / "documents.jsonl.gz")}
    n = 0
    hits = Counter()
    for inc in incidents:
        ids = [i for i in inc.get("doc_ids_in_corpus", []) if i in docs and (docs[i].get("text") or "").strip()]
        if not ids:
            continue
        if limit is not None and n >= limit:
            break
        n += 1
        recs = [article_record(docs[i]["text"], docs[i].get("dct"), i) for i in ids]
        rec = story_record(recs)
        hits["date"] += rec["date"] == inc["date"]
        p = rec["place"]
        ok = False
        if p is not None:
            if _norm_city(p.name) and _norm_city(p.name) == _norm_city(inc.get("city_or_county")):
                ok = True
            elif p.lat is not None and inc.get("lat_long"):
                lat, lon = inc["lat_long"]
                ok = _km(p.lat, p.lon, lat, lon) <= 25
        hits["place"] += ok
        hits["killed"] += rec["killed"] == int(inc["num_killed"])
        hits["injured"] += rec["injured"] == int(inc["num_injured"])
        if progress and n % 50 == 0:
            click.echo(f"  {n} incidents ...", err=True)
    return {"incidents": n, **{k: (hits[k] / n if n else 0.0) for k in ("date", "place", "killed", "injured")}}


@click.command("events")
@data_option
@limit_option
@click.option("--split", type=click.Choice(["all", "dev", "heldout"]), default="all",
              help="Hash split of incident ids: dev (3 in 4) or heldout (1 in 4).")
def command(data: str | None, limit: int | None, split: str) -> None:
    """Event records vs GVA incidents: accuracy of date, place (city or <= 25 km), killed, injured."""
    folder = data_dir(data) / "gva_gun_violence_incidents"
    res = evaluate_gva(folder, limit, progress=True, split=split)
    click.echo(f"split {split} incidents {res['incidents']}")
    for k in ("date", "place", "killed", "injured"):
        click.echo(f"{k:8s} accuracy {res[k]:.3f}")
