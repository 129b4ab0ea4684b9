"""`triangulate eval attribution`: source / cue / content span P/R/F1 on PolNeAR (BRAT standoff).

Every predicted span of a type is matched against the gold spans of the same type in the document:
- exact: same boundaries once whitespace and edge punctuation (.,;:!? quotes dashes) are trimmed from both;
- overlap: the spans share at least one non-space character.
Precision = matched predictions / predictions, recall = matched gold / gold (each counted once).
Documents with several annotators are scored against the first annotation file (sorted by name).
The default is the pipeline's own setting of `find_claims` (learnt cue frames on); `--no-learned` turns them off.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option

TYPES = ("Source", "Cue", "Content")
_PUNCT = " \t\n.,;:!?\"“”‘’'()[]—–-"


def read_ann(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Gold spans by type from a BRAT .ann file (discontinuous spans become their outer bounds)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        head = parts[1].split(" ", 1)
        if head[0] not in TYPES or len(head) < 2:
            continue
        nums = [int(x) for x in head[1].replace(";", " ").split()]
        spans[head[0]].append((min(nums), max(nums)))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without edge whitespace and punctuation; a span of punctuation only (a ':' or '―' cue) keeps the
    mark, so that it can overlap a span with the same mark."""
    s0, e0 = s, e
    while s < e and text[s] in _PUNCT:
        s += 1
    while e > s and text[e - 1] in _PUNCT:
        e -= 1
    if s == e:
        while s0 < e0 and text[s0].isspace():
            s0 += 1
        while e0 > s0 and text[e0 - 1].isspace():
            e0 -= 1
        return s0, e0
    return s, e


def documents(split_dir: Path, limit: int | None = None) -> list[tuple[str, str, Path]]:
    """(name, text, .ann path) for a PolNeAR split folder."""
    out = []
    ann_dir = split_dir / "attributions"
    for txt in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted(ann_dir.glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        out.append((txt.stem, txt.read_text(encoding="utf-8"), anns[0]))
        if limit and len(out) >= limit:
            break
    return out


def predict_spans(doc, text: str, cognition: bool = True, learn: bool = True) -> dict[str, list[tuple[int, int]]]:
    from triangulate.annotate.actors import find_actors
    from triangulate.extract.claims import find_claims
    from triangulate.model import Annotations

    claims = find_claims(doc, text, Annotations(actors=find_actors(doc, text)), "eval", cognition=cognition,
                         learn=learn, outer=learn)
    pred: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in claims:
        if c.source:
            pred["Source"].append((c.source.start, c.source.end))
        if c.cue:
            pred["Cue"].append((c.cue.start, c.cue.end))
        if c.content:
            pred["Content"].append((c.content.start, c.content.end))
    return pred


def score_doc(text: str, gold: dict, pred: dict, counts: dict) -> None:
    for t in TYPES:
        g = [_trim(text, *s) for s in gold.get(t, [])]
        p = [_trim(text, *s) for s in pred.get(t, [])]
        gs = set(g)
        c = counts[t]
        c["gold"] += len(g)
        c["pred"] += len(p)
        c["p_exact"] += sum(1 for s in p if s in gs)
        c["g_exact"] += sum(1 for s in g if s in set(p))
        c["p_overlap"] += sum(1 for s in p if any(s[0] < ge and gs_ < s[1] for gs_, ge in g))
        c["g_overlap"] += sum(1 for s in g if any(s[0] < pe and ps < s[1] for ps, pe in p))


def summarise(counts: dict) -> dict:
    out = {}
    for t in TYPES:
        c = counts[t]
        row = {"gold": c["gold"], "pred": c["pred"]}
        for mode in ("exact", "overlap"):
            p = c[f"p_{mode}"] / c["pred"] if c["pred"] else 0.0
            r = c[f"g_{mode}"] / c["gold"] if c["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            row[mode] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
        out[t.lower()] = row
    return out


def evaluate(split_dir: Path, limit: int | None = None, cognition: bool = True, learn: bool = True) -> dict:
    from triangulate.annotate.nlp import get_nlp

    nlp = get_nlp("en")
    docs = documents(split_dir, limit)
    counts: dict = {t: defaultdict(int) for t in TYPES}
    t0 = time.time()
    for (name, text, ann), doc in zip(docs, nlp.pipe((d[1] for d in docs), batch_size=16)):
        score_doc(text, read_ann(ann), predict_spans(doc, text, cognition, learn), counts)
    res = summarise(counts)
    res["documents"] = len(docs)
    res["seconds"] = round(time.time() - t0, 1)
    return res


def format_table(name: str, res: dict) -> str:
    lines = [f"{name}: {res['documents']} documents ({res['seconds']} s)",
             f"{'span':8} {'gold':>6} {'pred':>6}   exact P/R/F1          overlap P/R/F1"]
    for t in TYPES:
        r = res[t.lower()]
        e, o = r["exact"], r["overlap"]
        lines.append(f"{t:8} {r['gold']:6} {r['pred']:6}   {e['p']:.3f} {e['r']:.3f} {e['f1']:.3f}   "
                     f"{o['p']:.3f} {o['r']:.3f} {o['f1']:.3f}")
    return "\n".join(lines)


@click.command("attribution")
@data_option
@limit_option
@click.option("--split", "splits", multiple=True, default=("dev",), show_default=True,
              help="PolNeAR split(s) to score (train, dev).")
@click.option("--no-cognition", is_flag=True, help="Only speech verbs as cues (not believe/think/want...).")
@click.option("--no-learned", is_flag=True, help="Without the verb frames, cue classifier and cue boundaries learnt on PolNeAR train.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(data: str | None, limit: int | None, splits: tuple[str, ...], no_cognition: bool, no_learned: bool,
            as_json: bool) -> None:
    """Source / cue / content span P/R/F1 (exact and overlapping) of find_claims on PolNeAR."""
    root = data_dir(data) / "polnear"
    if not root.is_dir() and (data_dir(data) / "dev").is_dir():
        root = data_dir(data)
    results = {}
    for split in splits:
        results[split] = evaluate(root / split, limit, cognition=not no_cognition, learn=not no_learned)
    if as_json:
        click.echo(json.dumps(results, indent=1))
    else:
        for split, res in results.items():
            click.echo(format_table(split, res))
