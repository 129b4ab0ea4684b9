"""`triangulate eval stories DATASET`: streaming story clustering vs gold event clusters (BCubed P/R/F1).

DATASET is one of giveme5w1h, ecbplus, gva, newswcl50 (read from the data folder in their own formats) or a path to
a folder/file in one of those formats. Articles are fed to `Linker.add` in publication order (undated corpora:
a fixed pseudo-random arrival order from a hash of the doc id, so topics are interleaved as in a real stream), each
with the annotations the pipeline would pass it (`pipeline_annotations`, cached).
The same run prints the baseline: TF-IDF cosine average-link clustering with its threshold tuned on the set itself.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from pathlib import Path

import click

from triangulate.eval.common import bcubed, data_dir, data_option, limit_option
from triangulate.ingest.outlets import original_url, outlet_from_domain, url_domain
from triangulate.model import Annotations, Article

DATASETS = ("giveme5w1h", "ecbplus", "gva", "newswcl50")


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def _hash_order(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode()).hexdigest()


def load_giveme(path: Path) -> list[tuple[Article, str]]:
    f = path / "news_cluster.jsonl" if path.is_dir() else path
    out = []
    with _open(f) as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            aid = r.get("filename") or r.get("url") or str(i)
            text = r.get("text") or ""
            if r.get("description") and not text.startswith(r["description"][:40]):
                text = r["description"] + "\n" + text
            a = Article(aid, text, str(f), title=r.get("title"), url=r.get("url"), outlet=r.get("source_domain"),
                        published=r.get("date_publish"), authors=r.get("authors") or [],
                        content_hash=hashlib.sha1(text.encode()).hexdigest())
            out.append((a, str(r["newsCluster"]["EventId"])))
    return out


def load_ecbplus(path: Path) -> list[tuple[Article, str]]:
    f = path / "ecbplus_docs.jsonl.gz" if path.is_dir() else path
    out = []
    with _open(f) as fh:
        for line in fh:
            r = json.loads(line)
            text = r["text"]
            out.append((Article(r["doc_id"], text, str(f), content_hash=hashlib.sha1(text.encode()).hexdigest()),
                        r["subtopic"]))
    return out


def load_gva(path: Path) -> list[tuple[Article, str]]:
    f = path / "documents.jsonl.gz" if path.is_dir() else path
    out = []
    with _open(f) as fh:
        for line in fh:
            r = json.loads(line)
            text = (r.get("text") or "").strip()
            if not text:
                continue
            url = r.get("url") or None
            outlet = outlet_from_domain(url_domain(original_url(url))) if url else None  # as `ingest` sets it
            out.append((Article(r["doc_id"], text, str(f), title=r.get("title"), url=url, outlet=outlet,
                                published=r.get("dct"), content_hash=hashlib.sha1(text.encode()).hexdigest()),
                        str(r["incident_id"])))
    return out


def load_newswcl50(path: Path) -> list[tuple[Article, str]]:
    f = path / "NewsWCL50.conll" if path.is_dir() else path
    docs: dict[str, list[list[str]]] = {}
    with _open(f) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            doc, sent = cols[0], cols[1]
            sents = docs.setdefault(doc, [])
            if not sents or sents[-1][0] != sent:
                sents.append([sent])
            sents[-1].append(cols[3])
    out = []
    for doc, sents in docs.items():
        text = "\n".join(" ".join(s[1:]) for s in sents)
        out.append((Article(doc, text, str(f), content_hash=hashlib.sha1(text.encode()).hexdigest()),
                    doc.split("/")[0]))
    return out


LOADERS = {"giveme5w1h": ("giveme5w1h_news_cluster", load_giveme), "ecbplus": ("ecbplus", load_ecbplus),
           "gva": ("gva_gun_violence_incidents", load_gva), "newswcl50": ("newswcl50", load_newswcl50)}


def load(dataset: str, data: str | None = None) -> list[tuple[Article, str]]:
    """(article, gold cluster) pairs of a dataset name or path, in stream order."""
    if dataset in LOADERS:
        folder, fn = LOADERS[dataset]
        base = data_dir(data)
        path = base / folder if (base / folder).exists() else base
        items = fn(path)
    else:
        p = Path(dataset)
        name = p.name.lower()
        fn = (load_gva if "documents" in name or "gva" in name else load_ecbplus if "ecb" in name
              else load_newswcl50 if "conll" in name or "wcl" in name else load_giveme)
        items = fn(p)
    return stream_order(items)


def stream_order(items: list[tuple[Article, str]]) -> list[tuple[Article, str]]:
    """Publication order; undated articles keep a fixed pseudo-random arrival order (hash of the id)."""
    return sorted(items, key=lambda x: ((x[0].published or "")[:10], _hash_order(x[0].id)))


def run_linker(items: list[tuple[Article, str]], annotate: bool = True, config=None,
               embeddings: bool = False, cache: Path | None = None) -> tuple[dict[str, str], float]:
    """Stream `items` through one linker; `embeddings`: blend in MiniLM lead embeddings (the `embeddings` extra,
    with its dev-chosen setting `link.embed.EMBED_CONFIG`; cached per lead, so reruns cost no model time)."""
    from triangulate.link import LinkConfig, Linker

    embedder = None
    if embeddings:
        from triangulate.link.embed import EMBED_CONFIG

        config = config or LinkConfig(**EMBED_CONFIG)
        embedder = _cached_embedder(items)
    anns = pipeline_annotations(items, cache) if annotate else {}
    linker = Linker(config, embedder)
    pred: dict[str, str] = {}
    t0 = time.perf_counter()
    for art, _ in items:
        linker.add(art, anns.get(art.id) or Annotations())
    dt = time.perf_counter() - t0
    pred = {art.id: linker.story_of(art.id) for art, _ in items}  # merges applied
    return pred, dt


def _cache_dir(name: str) -> Path:
    import os

    cache = Path(os.environ.get("TRIANGULATE_CACHE") or Path.home() / ".cache" / "triangulate") / name
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _cached_embedder(items: list[tuple[Article, str]]):
    """An embedder for the linker that reads lead embeddings from the cache, computing the missing ones in batches
    first (one file per lead, keyed by its hash)."""
    import pickle

    from triangulate.link.embed import MiniLM, lead

    cache = _cache_dir("link-emb")
    leads = {a.id: lead(a) for a, _ in items}
    key = {i: cache / (hashlib.sha1(t.encode()).hexdigest() + ".pkl") for i, t in leads.items()}
    todo = list(dict.fromkeys(k for k in key.values() if not k.exists()))
    texts = {key[i]: t for i, t in leads.items()}
    model = MiniLM()
    for i in range(0, len(todo), 64):
        batch = todo[i:i + 64]
        for k, v in zip(batch, model.encode([texts[k] for k in batch])):
            k.write_bytes(pickle.dumps(v))
    return lambda a: pickle.loads(key[a.id].read_bytes()) if a.id in key else model(a)


def _annotate_fingerprint() -> str:
    """Hash of the annotate stage's code and shipped data (gazetteer supplement, actor KB)."""
    import triangulate

    root = Path(triangulate.__file__).parent
    h = hashlib.sha1()
    for f in sorted([*(root / "annotate").rglob("*.py"), *(root / "data").glob("*.yaml"), *(root / "data").glob("*.csv")]):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def pipeline_annotations(items: list[tuple[Article, str]], cache: Path | None = None) -> dict[str, Annotations]:
    """Article id -> the Annotations the pipeline hands `Linker.add`: `annotate` (places, times, actors) with the
    outlet's place context learnt from its earlier articles of the stream (`OutletPrior`, as `analyze` does),
    in stream order. spaCy parses are kept in `cache`/parses (`eval.events.parse_cache`), the annotations in
    `cache`/ann keyed by text, publication date, outlet context and the annotate code, so a re-run costs
    neither and a code change is never served stale annotations."""
    import pickle

    from triangulate.annotate import annotate
    from triangulate.annotate.geo.outlets import OutletPrior
    from triangulate.eval.events import parse_cache

    cache = Path(cache) if cache else _cache_dir("stories")
    ann_dir = cache / "ann"
    ann_dir.mkdir(parents=True, exist_ok=True)
    prior = OutletPrior()
    code = _annotate_fingerprint()  # a change to the annotate code or its data makes new annotations, not stale ones
    out: dict[str, Annotations] = {}
    for start in range(0, len(items), 200):  # parses in batches (they do not depend on the stream), then in order
        chunk = [art for art, _ in items[start:start + 200]]
        parses = None
        for art in chunk:
            context = prior.context(art.outlet, url_domain(art.url))
            sig = "\x1f".join((art.text, art.published or "", json.dumps(context, sort_keys=True, default=str),
                                code))
            key = ann_dir / (hashlib.sha1(sig.encode()).hexdigest() + ".pkl")
            if key.exists():
                out[art.id] = pickle.loads(key.read_bytes())
            else:
                if parses is None:
                    parses = parse_cache({a.id: a.text for a in chunk}, cache / "parses")
                ann, _ = annotate(art.text, art.published, art.language or "en", doc=parses[art.id], context=context)
                out[art.id] = Annotations(places=ann.places, times=ann.times, actors=ann.actors)
                key.write_bytes(pickle.dumps(out[art.id]))
            prior.add(art.outlet, out[art.id].places)
    return out


def baseline(items: list[tuple[Article, str]]) -> tuple[float, float, float, float, int]:
    """TF-IDF cosine, average-link agglomerative clustering, threshold tuned on this very set (an upper bound
    for the baseline). Returns (threshold, P, R, F1, clusters)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [((a.title or "") + "\n" + a.text) for a, _ in items]
    gold = {a.id: g for a, g in items}
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    sim = (X @ X.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    Z = linkage(squareform(dist, checks=False), method="average")
    best = (0.0, 0.0, 0.0, -1.0, 0)
    for t in np.arange(0.30, 0.99, 0.02):
        labels = fcluster(Z, t=t, criterion="distance")
        pred = {a.id: str(l) for (a, _), l in zip(items, labels)}
        p, r, f = bcubed(pred, gold)
        if f > best[3]:
            best = (float(t), p, r, f, len(set(labels)))
    return best


@click.command("stories")
@click.argument("dataset")
@data_option
@limit_option
@click.option("--annotate/--no-annotate", default=True, help="Pass each article's annotations as the pipeline does "
              "(`pipeline_annotations`; --no-annotate: none).")
@click.option("--cache", type=click.Path(file_okay=False), default=None,
              help="Folder for spaCy parses and annotations (default $TRIANGULATE_CACHE/stories).")
@click.option("--baseline/--no-baseline", "with_baseline", default=True, help="Also run the tuned TF-IDF baseline.")
@click.option("--embeddings", is_flag=True, help="Blend MiniLM lead embeddings into the score (needs the `embeddings` "
              "extra; embeddings cached under $TRIANGULATE_CACHE/link-emb).")
def command(dataset: str, data: str | None, limit: int | None, annotate: bool, cache: str | None,
            with_baseline: bool, embeddings: bool) -> None:
    """Streaming story clustering on DATASET (giveme5w1h, ecbplus, gva, newswcl50 or a path): BCubed P/R/F1."""
    items = load(dataset, data)
    if limit:
        items = items[:limit]
    gold = {a.id: g for a, g in items}
    pred, dt = run_linker(items, annotate=annotate, embeddings=embeddings, cache=cache)
    p, r, f = bcubed(pred, gold)
    click.echo(f"dataset {dataset}: {len(items)} articles, {len(set(gold.values()))} gold clusters")
    click.echo(f"linker   : P={p:.3f} R={r:.3f} F1={f:.3f} clusters={len(set(pred.values()))} "
               f"({1000 * dt / max(1, len(items)):.2f} ms/article)")
    if with_baseline and len(items) > 1:
        t, bp, br, bf, bn = baseline(items)
        click.echo(f"baseline : P={bp:.3f} R={br:.3f} F1={bf:.3f} clusters={bn} "
                   f"(TF-IDF average-link, distance threshold {t:.2f} tuned on this set)")
