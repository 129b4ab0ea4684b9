"""`triangulate eval time`: TIMEX3 recognition + normalisation against TempEval-3 (TBAQ-cleaned) and MEANTIME.

Protocol (TempEval-3): a predicted timex matches a gold one *strictly* when the spans are identical and *relaxed* when
they overlap (one-to-one, greedy). Value accuracy = correct values / relaxed matches; value P/R/F1 = correct values /
predictions, / gold. The DCT timex (document header / functionInDocument=CREATION_TIME) is excluded from gold, and
predictions overlapping it are dropped. A document without a DCT (two MEANTIME files) is dated from its own text by
`infer_published`, as ingest dates an article without metadata.
"""

from __future__ import annotations

import re
import time as _time
from collections import Counter
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import click

from triangulate.annotate.times import find_times
from triangulate.eval.common import data_dir, data_option, limit_option


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass
class TimeDoc:
    doc_id: str
    text: str
    dct: str | None
    gold: list[GoldTimex] = field(default_factory=list)
    exclude: list[tuple[int, int]] = field(default_factory=list)  # spans of the DCT timex inside the text


# ----------------------------------------------------------------------------------------------------------- loading


def load_timeml(path: Path) -> TimeDoc:
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    if m:
        dct = m.group(1)[:10]
    tm = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = tm.group(1) if tm else ""
    out: list[str] = []
    pos = 0
    gold: list[GoldTimex] = []
    open_tx: list[tuple[int, dict]] = []
    for tag in re.finditer(r"<(/?)([A-Z0-9_]+)([^>]*?)(/?)>", body):
        out.append(_unescape(body[pos : tag.start()]))
        pos = tag.end()
        cur = sum(len(s) for s in out)
        closing, name, attrs, selfclose = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
        if name != "TIMEX3" or selfclose:
            continue
        if not closing:
            open_tx.append((cur, dict(re.findall(r'(\w+)="([^"]*)"', attrs))))
        elif open_tx:
            s, a = open_tx.pop()
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(GoldTimex(s, cur, "", a.get("value", ""), a.get("type", "DATE")))
    out.append(_unescape(body[pos:]))
    text = "".join(out)
    for g in gold:
        g.text = text[g.start : g.end]
    return TimeDoc(path.stem, text, dct, gold)


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "$"}


MEANTIME_ANNOTATED_SENTENCES = 6  # MEANTIME annotates TIMEX3 in the title, the date line and the first 4 sentences


def load_meantime(path: Path) -> TimeDoc:
    """A MEANTIME CAT file, text rebuilt from its tokens; only the TIMEX3-annotated head of the article is kept."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offs: dict[str, tuple[int, int]] = {}
    cur = 0
    prev_tok = None
    prev_sent = None
    for tok in root.findall("token"):
        t = tok.text or ""
        sent = tok.get("sentence")
        if int(sent or 0) >= MEANTIME_ANNOTATED_SENTENCES:
            break
        if prev_tok is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif t in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        pieces.append(sep)
        cur += len(sep)
        offs[tok.get("t_id")] = (cur, cur + len(t))
        pieces.append(t)
        cur += len(t)
        prev_tok, prev_sent = t, sent
    text = "".join(pieces)
    gold: list[GoldTimex] = []
    exclude: list[tuple[int, int]] = []
    dct = None
    markables = root.find("Markables")
    for tx in markables.findall("TIMEX3") if markables is not None else []:
        anchors = [a.get("t_id") for a in tx.findall("token_anchor")]
        anchors = [a for a in anchors if a in offs]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = (tx.get("value") or "")[:10] or None
            if anchors:
                exclude.append((min(offs[a][0] for a in anchors), max(offs[a][1] for a in anchors)))
            continue
        if not anchors:
            continue
        s = min(offs[a][0] for a in anchors)
        e = max(offs[a][1] for a in anchors)
        gold.append(GoldTimex(s, e, text[s:e], tx.get("value") or "", tx.get("type") or "DATE"))
    gold.sort(key=lambda g: g.start)
    return TimeDoc(path.stem, text, dct, gold, exclude)


def load_corpus(name: str, root: Path) -> list[TimeDoc]:
    if name in ("timebank", "aquaint"):
        folder = root / "tempeval3" / "TBAQ-cleaned" / ("TimeBank" if name == "timebank" else "AQUAINT")
        return [load_timeml(p) for p in sorted(folder.glob("*.tml"))]
    if name == "meantime":
        folder = root / "meantime_en" / "intra_cross-doc_annotation"
        return [load_meantime(p) for p in sorted(folder.glob("corpus_*/*.xml"))]
    raise ValueError(name)


CORPORA = ("timebank", "aquaint", "meantime")


def split_docs(docs: list[TimeDoc], split: str) -> list[TimeDoc]:
    """Deterministic dev/test split by position: every 4th document is test (held out), the rest dev."""
    if split == "all":
        return docs
    if split == "test":
        return [d for i, d in enumerate(docs) if i % 4 == 3]
    return [d for i, d in enumerate(docs) if i % 4 != 3]


# ----------------------------------------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    seconds: float = 0.0

    def add(self, o: "Counts") -> None:
        for k in ("gold", "pred", "strict", "relaxed", "value", "type"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.seconds += o.seconds

    def metrics(self) -> dict[str, float]:
        def prf(n: int) -> tuple[float, float, float]:
            p = n / self.pred if self.pred else 0.0
            r = n / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vp, vr, vf = prf(self.value)
        _, _, tf = prf(self.type)
        return {
            "gold": self.gold,
            "pred": self.pred,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "value_acc": self.value / self.relaxed if self.relaxed else 0.0,
            "value_p": vp,
            "value_r": vr,
            "value_f1": vf,
            "type_f1": tf,
        }


def score_doc(doc: TimeDoc, errors: list | None = None, nlp=None) -> Counts:
    parsed = nlp(doc.text) if nlp is not None else None
    t0 = _time.perf_counter()
    preds = find_times(doc.text, doc.dct or _inferred_dct(doc.text), parsed)
    c = Counts(seconds=_time.perf_counter() - t0)
    preds = [p for p in preds if not any(p.start < e and s < p.end for s, e in doc.exclude)]
    c.gold, c.pred = len(doc.gold), len(preds)
    used: set[int] = set()
    matched_gold: set[int] = set()
    # exact matches first, then overlaps
    pairs = []
    for gi, g in enumerate(doc.gold):
        for pi, p in enumerate(preds):
            if p.start < g.end and g.start < p.end:
                exact = p.start == g.start and p.end == g.end
                overlap = min(p.end, g.end) - max(p.start, g.start)
                pairs.append((not exact, -overlap, gi, pi))
    pairs.sort()
    for notexact, _, gi, pi in pairs:
        if gi in matched_gold or pi in used:
            continue
        matched_gold.add(gi)
        used.add(pi)
        g, p = doc.gold[gi], preds[pi]
        c.relaxed += 1
        c.strict += not notexact
        ok = (p.value or "") == g.value
        c.value += ok
        c.type += p.type == g.type
        if errors is not None and not ok:
            errors.append(("VALUE", doc.doc_id, doc.dct, g.text, g.value, p.text, p.value, _ctx(doc.text, g.start, g.end)))
        if errors is not None and notexact and ok:
            errors.append(("SPAN", doc.doc_id, doc.dct, g.text, g.value, p.text, p.value, ""))
    if errors is not None:
        for gi, g in enumerate(doc.gold):
            if gi not in matched_gold:
                errors.append(("FN", doc.doc_id, doc.dct, g.text, g.value, "", "", _ctx(doc.text, g.start, g.end)))
        for pi, p in enumerate(preds):
            if pi not in used:
                errors.append(("FP", doc.doc_id, doc.dct, "", "", p.text, p.value, _ctx(doc.text, p.start, p.end)))
    return c


def _inferred_dct(text: str) -> str | None:
    """A document without a creation time is dated from its own text, as ingest dates an article without metadata."""
    from triangulate.ingest.dates import MIN_CONFIDENCE, infer_published

    guess = infer_published(text)
    return guess.value if guess.value and guess.confidence >= MIN_CONFIDENCE else None


def _ctx(text: str, s: int, e: int, w: int = 50) -> str:
    return (text[max(0, s - w) : s] + "[" + text[s:e] + "]" + text[e : e + w]).replace("\n", " ")


def evaluate(docs: list[TimeDoc], errors: list | None = None, nlp=None) -> Counts:
    """Scores over `docs`; with `nlp` (a spaCy pipeline) each text is parsed and the parse is passed to find_times."""
    total = Counts()
    for d in docs:
        total.add(score_doc(d, errors, nlp))
    return total


def dev_halves(docs: list[TimeDoc]) -> tuple[list[TimeDoc], list[TimeDoc]]:
    """The dev split cut in two by alternate position (cross-validation inside dev: a rule is worth keeping when it
    helps both halves, not one document of one half)."""
    dev = split_docs(docs, "dev")
    return dev[0::2], dev[1::2]


def value_f1_interval(per_doc: list[Counts], samples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of the pooled value F1 when the documents are resampled with replacement (bootstrap): how far a
    figure on a few dozen documents moves with the choice of documents alone."""
    import random

    if not per_doc:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(per_doc)
    f1s = []
    for _ in range(samples):
        value = pred = gold = 0
        for _ in range(n):
            c = per_doc[rng.randrange(n)]
            value, pred, gold = value + c.value, pred + c.pred, gold + c.gold
        f1s.append(2 * value / (pred + gold) if pred + gold else 0.0)
    f1s.sort()
    return f1s[int(0.025 * samples)], f1s[min(samples - 1, int(0.975 * samples))]


def cached_parser(docs: list[TimeDoc], cache: Path | None):
    """text -> spaCy doc for `docs`, parsed in batches; with `cache` (a folder) the parses are kept there for re-runs
    (eval.events.parse_cache, keyed by a hash of the text)."""
    from triangulate.eval.events import parse_cache

    parses = parse_cache({str(i): d.text for i, d in enumerate(docs)}, cache)
    by_text = {d.text: parses[str(i)] for i, d in enumerate(docs)}
    return lambda text: by_text[text]


def value_kind(value: str | None) -> str:
    """The TIMEX3 type a value's form implies: DATE, TIME, DURATION, SET, REF (PAST_/PRESENT_/FUTURE_REF) or NONE."""
    if not value:
        return "NONE"
    if value.endswith("_REF"):
        return "REF"
    if value.startswith("P"):
        return "DURATION"
    if value.startswith("R") or re.fullmatch(r"XXXX-WXX-\d", value):
        return "SET"
    return "TIME" if re.search(r"T(?:\d|MO|AF|EV|NI|DT)", value) else "DATE"


_DIGIT = re.compile(r"\d")


def error_category(err: tuple) -> str:
    """The category of one error tuple of `score_doc`: missed span, spurious span, boundary (right value, other
    span), or a wrong value by the gold value's kind: another kind, another granularity (the shape of the value
    differs: 1988 vs 1988-Q3) or another anchor (same shape, other date)."""
    kind, gold_value, pred_value = err[0], err[4], err[6]
    if kind != "VALUE":
        return {"FN": "missed span", "FP": "spurious span", "SPAN": "boundary"}[kind]
    gold_kind, pred_kind = value_kind(gold_value), value_kind(pred_value)
    if gold_kind != pred_kind:
        return f"value {gold_kind} as {pred_kind}"
    if gold_kind not in ("DATE", "TIME"):
        return f"value {gold_kind}"
    same_shape = _DIGIT.sub("9", gold_value) == _DIGIT.sub("9", pred_value or "")
    return f"value {gold_kind} {'anchor' if same_shape else 'granularity'}"


def format_metrics(name: str, m: dict, n_docs: int, seconds: float) -> str:
    return (
        f"{name:10s} docs={n_docs:4d} gold={m['gold']:5d} pred={m['pred']:5d} | "
        f"strict P/R/F1 {m['strict_p']:.3f}/{m['strict_r']:.3f}/{m['strict_f1']:.3f} | "
        f"relaxed P/R/F1 {m['relaxed_p']:.3f}/{m['relaxed_r']:.3f}/{m['relaxed_f1']:.3f} | "
        f"value acc {m['value_acc']:.3f} P/R/F1 {m['value_p']:.3f}/{m['value_r']:.3f}/{m['value_f1']:.3f} | "
        f"type F1 {m['type_f1']:.3f} | {1000 * seconds / max(n_docs, 1):.2f} ms/doc"
    )


@click.command("time")
@data_option
@limit_option
@click.option("--corpus", "corpora", multiple=True, type=click.Choice(CORPORA), help="Corpora to run (default: all).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", help="dev = 3 of every 4 docs.")
@click.option("--errors", "show_errors", type=int, default=0, help="Print up to N errors per corpus.")
@click.option("--categories", is_flag=True, help="Also print the count of each error category (error_category).")
@click.option("--tml-dir", default=None, help="Score a folder of TimeML .tml files instead (e.g. a fixture).")
@click.option("--spacy/--no-spacy", "use_spacy", default=False, help="Parse with spaCy and pass the doc (as the pipeline does).")
@click.option("--cache", "cache", default=None, help="With --spacy: keep the parses in this folder for re-runs.")
def command(data, limit, corpora, split, show_errors, categories, tml_dir, use_spacy, cache):
    """TIMEX3 span P/R/F1 (strict, relaxed) and value accuracy / F1, TempEval-3 protocol."""
    root = data_dir(data)
    jobs: list[tuple[str, list[TimeDoc]]] = []
    if tml_dir:
        folder = Path(tml_dir)
        docs = [load_timeml(p) for p in sorted(folder.glob("*.tml"))]
        docs += [load_meantime(p) for p in sorted(folder.glob("*.xml"))]
        jobs.append((folder.name, docs))
    else:
        for name in corpora or CORPORA:
            jobs.append((name, split_docs(load_corpus(name, root), split)))
    for name, docs in jobs:
        if limit:
            docs = docs[:limit]
        errs: list | None = [] if show_errors or categories else None
        nlp = cached_parser(docs, Path(cache) if cache else None) if use_spacy else None
        c = evaluate(docs, errs, nlp)
        click.echo(format_metrics(name, c.metrics(), len(docs), c.seconds))
        for e in (errs or [])[:show_errors]:
            click.echo("  " + " | ".join(str(x) for x in e))
        if categories:
            for cat, n in Counter(error_category(e) for e in errs).most_common():
                click.echo(f"  {n:5d} {cat}")
