"""`triangulate eval muc4`: events vs MUC-4 terrorism templates (processed GRIT/GTT JSON lines).

Our ACLED sub-types map to MUC incident types (`extract.participants.incident_type`: Explosions except air/drone
strikes and shelling -> bombing, Abduction -> kidnapping, Looting/property destruction -> arson or robbery by
trigger, strike/walkout protests -> forced work stoppage, other violence -> attack). Scores per document
(non-background events):
- relevance accuracy: (document has a gold template) == (we found a violent event);
- incident type accuracy: share of gold templates whose type is among the document's predicted types;
- PerpOrg / Victim / Target: P/R/F1 of slot fillers, pooled over the document's templates (an entity filling a
  slot in two templates counts once). Gold entities are lists of alternative strings; a predicted filler matches an
  entity when it matches any alternative (`--match`):
    exact   - equal after lower-casing, dropping punctuation and leading articles (GRIT/GTT-style exact match);
    head    - same head noun (`participants.head_key`: last word before "of"/a comma/a relative clause), the
              MUC relaxed head-noun match (default);
    overlap - one contains the other or they share their last word (the scorer of the first version).
  Precision: predicted fillers that match a gold entity / predicted; recall: gold entities matched / gold.
Predicted fillers are `extract.participants.select_participants` (a per-slot candidate model learned from the
train split; `python -m triangulate.eval.muc4 --fit` re-learns it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option
from triangulate.extract.participants import SLOTS, head_key, incident_type

muc_type = incident_type  # the old name


def _norm(s: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", s.lower()).split()
    while len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def matches(pred: str, entity: list[str], mode: str = "head") -> bool:
    """Does a predicted filler match a gold entity (its alternative strings)? See the module docstring."""
    p = _norm(pred)
    if not p:
        return False
    for alt in entity:
        a = _norm(alt)
        if not a:
            continue
        if mode == "exact":
            ok = a == p
        elif mode == "head":
            ok = head_key(a) == head_key(p)
        else:
            ok = a in p or p in a or a.split()[-1] == p.split()[-1]
        if ok:
            return True
    return False


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_entities(doc: dict, slot: str) -> list[list[str]]:
    """A document's distinct gold entities for a slot, each as its list of alternative strings."""
    uniq: list[list[str]] = []
    for t in doc.get("templates") or []:
        for e in t.get(slot) or []:
            alts = [m[0] for m in e]
            if alts and not any(set(alts) & set(u) for u in uniq):
                uniq.append(alts)
    return uniq


def load_docs(path: Path, limit: int | None = None) -> list[dict]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit is not None else docs


def analyse(docs: list[dict], cache: Path | None = None) -> list[tuple]:
    """(spaCy doc, text, actor mentions, events) per document from the annotate and extract stages. With `cache`
    (a folder) the spaCy parses are kept there (`eval.events.parse_cache`); annotation and extraction always run,
    so the results never go stale when that code changes."""
    from triangulate.annotate import annotate
    from triangulate.eval.events import parse_cache
    from triangulate.extract import extract
    from triangulate.model import Article

    texts = {str(i): d["doctext"] for i, d in enumerate(docs)}
    parses = parse_cache(texts, cache)
    out = []
    for i, text in texts.items():
        ann, sd = annotate(text, None, doc=parses[i])
        events = extract(Article(id="d", text=text, source="d"), ann, sd).events
        out.append((sd, text, ann.actors, events))
    return out


def predict(text: str) -> dict:
    """Incident types and slot fillers for one text."""
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.model import Article

    ann, doc = annotate(text, None)
    events = extract(Article(id="d", text=text, source="d"), ann, doc).events
    return predict_analysed(doc, text, ann.actors, events)


def predict_analysed(doc, text: str, actors, events, model: dict | None = None) -> dict:
    from triangulate.extract.participants import select_participants

    types = [incident_type(e) for e in events if not e.background and incident_type(e)]
    return {"types": types, "slots": select_participants(doc, text, actors, events, model)}


def score(docs: list[dict], preds: list[dict], mode: str = "head") -> dict:
    rel_ok = type_hits = type_total = 0
    counts = {k: Counter() for k in SLOTS}
    for d, pred in zip(docs, preds):
        gold = d.get("templates") or []
        rel_ok += bool(gold) == bool(pred["types"])
        ptypes = set(pred["types"])
        for t in gold:
            type_total += 1
            type_hits += t["incident_type"].split("/")[0].strip().lower() in ptypes
        for slot, c in counts.items():
            uniq = gold_entities(d, slot)
            ps = pred["slots"][slot]
            c["n_pred"] += len(ps)
            c["n_gold"] += len(uniq)
            c["tp_pred"] += sum(any(matches(p, u, mode) for u in uniq) for p in ps)
            c["tp_gold"] += sum(any(matches(p, u, mode) for p in ps) for u in uniq)
    out = {"documents": len(docs), "relevance": rel_ok / len(docs) if docs else 0.0,
           "type": type_hits / type_total if type_total else 0.0}
    for slot, c in counts.items():
        out[slot] = _prf(c["tp_pred"], c["n_pred"], c["tp_gold"], c["n_gold"])
    return out


def cache_dir_path(cache_dir: str | Path | None) -> Path | None:
    return Path(cache_dir) if cache_dir else None


cache_option = click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
                            help="keep the spaCy parses of the MUC-4 texts in this folder (a DocBin per text)")


def evaluate_muc4(path: Path, limit: int | None = None, mode: str = "head", cache: Path | None = None) -> dict:
    docs = load_docs(path, limit)
    analysed = analyse(docs, cache)
    return score(docs, [predict_analysed(*a) for a in analysed], mode)


@click.command("muc4")
@data_option
@limit_option
@click.option("--split", default="dev", type=click.Choice(["train", "dev"]), help="processed split (dev = TST1+TST2)")
@click.option("--match", "mode", default="head", show_default=True, type=click.Choice(["head", "exact", "overlap"]),
              help="filler matching: head noun (MUC relaxed), exact string, or containment/last word")
@cache_option
def command(data: str | None, limit: int | None, split: str, mode: str, cache_dir: str | None) -> None:
    """Events vs MUC-4 templates: incident type accuracy, P/R/F1 of PerpOrg, Victim, Target."""
    res = evaluate_muc4(data_dir(data) / "muc4" / "processed" / f"{split}.json", limit, mode,
                        cache_dir_path(cache_dir))
    click.echo(f"documents {res['documents']}")
    click.echo(f"relevance accuracy {res['relevance']:.3f}")
    click.echo(f"incident type accuracy {res['type']:.3f}")
    for slot in SLOTS:
        p, r, f = res[slot]
        click.echo(f"{slot:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}")


# ---------------------------------------------------------------------------------------------- learning the model


def _labelled(docs: list[dict], analysed: list[tuple]) -> list[dict]:
    """Per document: candidate phrases, their features, per-slot labels (head-noun match with a gold entity) and
    whether the document has an incident (`participants.has_incident`)."""
    from triangulate.extract.participants import clean_phrase, featurize, has_incident

    out = []
    for d, (sd, text, actors, events) in zip(docs, analysed):
        cands = featurize(sd, actors, events)
        phrases = [clean_phrase(text[sp.start_char:sp.end_char]) for sp, _ in cands]
        ents = {s: gold_entities(d, s) for s in SLOTS}
        labels = {s: [any(matches(p, e, "head") for e in ents[s]) for p in phrases] for s in SLOTS}
        out.append({"phrases": phrases, "features": [fs for _, fs in cands], "labels": labels,
                    "gate": has_incident(events)})
    return out


def _logistic(X: list[list[str]], y: list[bool], c: float, min_count: int = 2) -> dict:
    """An L1 logistic regression over binary string features, as {"weights", "intercept"}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fs in X for f in set(fs))
    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1.0 for f in fs if counts[f] >= min_count} for fs in X]).tocsr()
    M.indices, M.indptr = M.indices.astype("int32"), M.indptr.astype("int32")  # liblinear wants 32-bit indices
    clf = LogisticRegression(l1_ratio=1.0, solver="liblinear", C=c, max_iter=500)
    clf.fit(M, y)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) > 1e-4}
    return {"weights": weights, "intercept": round(float(clf.intercept_[0]), 4)}


def _out_of_fold(rows: list[dict], folds: int, train, predict) -> list:
    """Cross-validated predictions: documents split by index modulo `folds`."""
    out: list = [None] * len(rows)
    for k in range(folds):
        m = train([r for i, r in enumerate(rows) if i % folds != k])
        for i, r in enumerate(rows):
            if i % folds == k:
                out[i] = predict(m, r)
    return out


def fit(docs: list[dict], analysed: list[tuple], c: float = 0.5, folds: int = 5) -> dict:
    """Learn the participant model from (training) documents: per slot an L1 logistic regression over candidate
    features, its threshold chosen by `folds`-fold cross-validation for the best pooled head-match F1 (documents
    without an incident get no fillers). Returns the model (JSON-ready) with the cross-validated scores."""
    from triangulate.extract.participants import _score, rank

    rows = _labelled(docs, analysed)
    grid = [round(0.05 * i, 2) for i in range(1, 19)]
    model: dict = {"trained_on": f"MUC-4 processed train ({len(docs)} documents)", "C": c, "slots": {}}
    cv: dict[str, dict] = {}
    for slot in SLOTS:
        def train(rs, slot=slot):
            return _logistic([fs for r in rs for fs in r["features"]], [y for r in rs for y in r["labels"][slot]], c)

        probs = _out_of_fold(rows, folds, train,
                             lambda m, r: [_score(m["weights"], m["intercept"], fs) for fs in r["features"]])
        best = None
        for th in grid:
            preds = [{"types": [], "slots": {s: (rank(list(zip(r["phrases"], ps)), th) if r["gate"] and s == slot
                                                 else []) for s in SLOTS}} for r, ps in zip(rows, probs)]
            f = score(docs, preds)[slot]
            if best is None or f[2] > best[1][2]:
                best = (th, f)
        model["slots"][slot] = {**train(rows), "threshold": best[0]}
        cv[slot] = {"threshold": best[0], "p": round(best[1][0], 3), "r": round(best[1][1], 3),
                    "f1": round(best[1][2], 3)}
    model["cross_validation"] = cv
    return model


if __name__ == "__main__":  # python -m triangulate.eval.muc4 --fit [--cache FILE] [--out FILE]
    import argparse

    from triangulate.extract.participants import MODEL_PATH

    ap = argparse.ArgumentParser(description="Learn the participant (slot filler) model from the MUC-4 train split.")
    ap.add_argument("--fit", action="store_true", required=True)
    ap.add_argument("--data", default=None)
    ap.add_argument("--cache", default=None, help="spaCy parse cache folder (as `eval muc4 --cache`)")
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    train = load_docs(data_dir(a.data) / "muc4" / "processed" / "train.json")
    mdl = fit(train, analyse(train, cache_dir_path(a.cache)), c=a.C, folds=a.folds)
    Path(a.out).write_text(json.dumps(mdl, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps(mdl["cross_validation"]))
