"""`triangulate eval lineage`: copy lineage against two small gold signals.

1. PolNeAR `metadata.tsv` `wire` column (AP/AFP/UPI/Reuters = wire copy, None = not credited to a wire; NA and
   blanks are skipped): how many wire-credited articles we flag as wire-originated (a whole-text "credited-wire"
   CopyLink), and how many uncredited ones we flag wrongly. Reported on the text alone and with the byline (the
   `author` column, which a reader of the page would also have).
2. Hand-labelled GVA pairs (tests/fixtures/lineage/gva_pairs.tsv: doc_a, doc_b, label 1 = one copies/retells the
   other's text, 0 = independent reports): precision and recall of "copied from" (a non-wire CopyLink between the
   two, found while streaming the pair's incident documents in date order through the Linker).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option
from triangulate.model import Annotations, Article

WIRE_LABELS = {"ap": "AP", "afp": "AFP", "upi": "UPI", "reuters": "Reuters"}
DEFAULT_PAIRS = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "lineage" / "gva_pairs.tsv"


def polnear(base: Path, limit: int | None = None) -> dict[str, int]:
    from triangulate.link.copies import wire_links

    meta = base / "polnear" / "metadata.tsv" if (base / "polnear").exists() else base / "metadata.tsv"
    root = meta.parent
    stats = {"credited": 0, "uncredited": 0, "credited_flagged_text": 0, "uncredited_flagged_text": 0,
             "credited_flagged_byline": 0, "uncredited_flagged_byline": 0, "credited_right_wire": 0}
    n = 0
    with open(meta, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            wire = (row.get("wire") or "").strip()
            if wire.lower() not in WIRE_LABELS and wire != "None":
                continue
            path = root / row["compartment"] / "text" / (row["filename"] + ".txt")
            if not path.exists():
                continue
            n += 1
            if limit and n > limit:
                break
            text = path.read_text(encoding="utf-8")
            credited = wire != "None"
            key = "credited" if credited else "uncredited"
            stats[key] += 1
            plain = Article(row["filename"], text, str(path))
            byl = Article(row["filename"], text, str(path), authors=[row.get("author") or ""])
            for tag, art in (("text", plain), ("byline", byl)):
                whole = [c for c in wire_links(art) if c.share >= 0.999]
                if whole:
                    stats[f"{key}_flagged_{tag}"] += 1
                    if tag == "byline" and credited and any(c.source_id == "wire:" + WIRE_LABELS[wire.lower()]
                                                            for c in whole):
                        stats["credited_right_wire"] += 1
    return stats


def gva_pairs(base: Path, pairs_file: Path) -> dict[str, float]:
    from triangulate.link import Linker

    pairs = []
    with open(pairs_file, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            a, b, label = line.split("\t")[:3]
            pairs.append((a, b, int(label)))
    wanted = {x for p in pairs for x in p[:2]}
    folder = base / "gva_gun_violence_incidents" if (base / "gva_gun_violence_incidents").exists() else base
    docs = []
    with gzip.open(folder / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["doc_id"] in wanted:
                text = r.get("text") or ""
                docs.append(Article(r["doc_id"], text, "gva", title=r.get("title"), published=r.get("dct"),
                                    content_hash=hashlib.sha1(text.encode()).hexdigest()))
    docs.sort(key=lambda a: ((a.published or "")[:10], a.id))
    linker = Linker()
    linked: set[frozenset] = set()
    for art in docs:
        res = linker.add(art, Annotations())
        for c in res.copies:
            if c.kind != "credited-wire":
                linked.add(frozenset((c.article_id, c.source_id)))
    tp = sum(1 for a, b, y in pairs if y and frozenset((a, b)) in linked)
    fp = sum(1 for a, b, y in pairs if not y and frozenset((a, b)) in linked)
    fn = sum(1 for a, b, y in pairs if y and frozenset((a, b)) not in linked)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"pairs": len(pairs), "positives": sum(y for *_, y in pairs), "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r}


@click.command("lineage")
@data_option
@limit_option
@click.option("--pairs", "pairs_file", default=None, help="Hand-labelled GVA pairs (default: tests/fixtures/lineage/gva_pairs.tsv).")
def command(data: str | None, limit: int | None, pairs_file: str | None) -> None:
    """Wire-credit detection on PolNeAR and "copied from" precision/recall on hand-labelled GVA pairs."""
    base = data_dir(data)
    s = polnear(base, limit)
    click.echo(f"polnear: {s['credited']} wire-credited articles, {s['uncredited']} uncredited")
    click.echo(f"  text only : flagged wire-originated {s['credited_flagged_text']}/{s['credited']} credited, "
               f"{s['uncredited_flagged_text']}/{s['uncredited']} uncredited wrongly")
    click.echo(f"  + byline  : flagged wire-originated {s['credited_flagged_byline']}/{s['credited']} credited "
               f"({s['credited_right_wire']} with the right wire), "
               f"{s['uncredited_flagged_byline']}/{s['uncredited']} uncredited wrongly")
    pf = Path(pairs_file) if pairs_file else DEFAULT_PAIRS
    if pf.exists():
        g = gva_pairs(base, pf)
        click.echo(f"gva hand-labelled pairs: {g['pairs']} pairs ({g['positives']} copied): "
                   f"precision {g['precision']:.3f} recall {g['recall']:.3f} (tp {g['tp']} fp {g['fp']} fn {g['fn']})")
