"""`triangulate eval muc4`: events vs MUC-4 terrorism templates (processed GRIT/GTT JSON lines).

Our ACLED sub-types map to MUC incident types (Explosions except air/drone strikes and shelling -> bombing,
Abduction -> kidnapping, Looting/property destruction -> arson or robbery by trigger, strike/walkout protests ->
forced work stoppage, other violence -> attack). Scores per document (non-background events):
- relevance accuracy: (document has a gold template) == (we found a violent event);
- incident type accuracy: share of gold templates whose type is among the document's predicted types;
- PerpOrg / Victim / Target: P/R/F1 of slot fillers. Gold entities are lists of alternative mentions; a predicted
  phrase matches an entity when one contains the other (case-insensitive) or they share their last word.
Predicted PerpOrg = event actor1 names with inter code 2/3 (rebels, militias) that are named organisations
(in the actor KB or an ORG entity), plus parse perpetrators naming an
organisation; Victim / Target = `events.event_arguments` victims / targets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option

VIOLENT = {"Violence against civilians", "Battles", "Explosions/Remote violence", "Riots"}


def muc_type(event) -> str | None:
    sub, trig = event.sub_event_type, (event.trigger or "").lower()
    if event.event_type == "Explosions/Remote violence":
        return "attack" if sub in ("Air/drone strike", "Shelling/artillery/missile attack") else "bombing"
    if sub == "Abduction/forced disappearance":
        return "kidnapping"
    if sub == "Looting/property destruction":
        return "robbery" if re.search(r"rob|stole|loot|plunder|ransack", trig) else "arson"
    if event.event_type == "Protests" and re.search(r"strike|walkout|stoppage", trig):
        return "forced work stoppage"
    if event.event_type in VIOLENT or event.event_type == "Protests" and "force" in sub.lower():
        return "attack"
    return None


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", s.lower()).split() and " ".join(re.sub(r"[^a-z0-9 ]+", " ", s.lower()).split())


def _matches(pred: str, entity: list[str]) -> bool:
    p = _norm(pred)
    if not p:
        return False
    for alt in entity:
        a = _norm(alt)
        if not a:
            continue
        if a in p or p in a or a.split()[-1] == p.split()[-1]:
            return True
    return False


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict(text: str) -> dict:
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.extract.events import event_arguments
    from triangulate.model import Article

    ann, doc = annotate(text, None)
    ex = extract(Article(id="d", text=text, source="d"), ann, doc)
    evs = [e for e in ex.events if not e.background and muc_type(e)]
    slots = {"PerpOrg": [], "Victim": [], "Target": []}
    for e in evs:
        args = event_arguments(doc, text, e)
        named = any((a.actor or a.text) == e.actor1 and (a.in_kb or a.label == "ORG") for a in ann.actors)
        if e.actor1 and e.inter1 in (2, 3) and named and len(e.actor1) < 80:
            slots["PerpOrg"].append(e.actor1)
        for ph in args["perpetrator"]:
            if any(a.label in ("ORG", "NORP") for a in ann.actors if ph.lower() in a.text.lower() or
                   a.text.lower() in ph.lower()):
                slots["PerpOrg"].append(ph)
        slots["Victim"] += args["victim"]
        slots["Target"] += args["target"]
    return {"types": [muc_type(e) for e in evs], "slots": {k: list(dict.fromkeys(v)) for k, v in slots.items()}}


def evaluate_muc4(path: Path, limit: int | None = None) -> dict:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is not None:
        docs = docs[:limit]
    rel_ok = type_hits = type_total = 0
    counts = {k: Counter() for k in ("PerpOrg", "Victim", "Target")}
    for d in docs:
        pred = predict(d["doctext"])
        gold = d.get("templates", [])
        rel_ok += bool(gold) == bool(pred["types"])
        ptypes = set(pred["types"])
        for t in gold:
            type_total += 1
            type_hits += t["incident_type"].split("/")[0].strip().lower() in ptypes
        for slot, c in counts.items():
            ents = [e for t in gold for e in t.get(slot, [])]
            uniq: list[list[str]] = []
            for e in ents:
                alts = [m[0] for m in e]
                if not any(set(alts) & set(u) for u in uniq):
                    uniq.append(alts)
            preds = pred["slots"][slot]
            c["n_pred"] += len(preds)
            c["n_gold"] += len(uniq)
            c["tp_pred"] += sum(any(_matches(p, u) for u in uniq) for p in preds)
            c["tp_gold"] += sum(any(_matches(p, u) for p in preds) for u in uniq)
    out = {"documents": len(docs), "relevance": rel_ok / len(docs) if docs else 0.0,
           "type": type_hits / type_total if type_total else 0.0}
    for slot, c in counts.items():
        out[slot] = _prf(c["tp_pred"], c["n_pred"], c["tp_gold"], c["n_gold"])
    return out


@click.command("muc4")
@data_option
@limit_option
@click.option("--split", default="dev", type=click.Choice(["train", "dev"]), help="processed split (dev = TST1+TST2)")
def command(data: str | None, limit: int | None, split: str) -> None:
    """Events vs MUC-4 templates: incident type accuracy, P/R/F1 of PerpOrg, Victim, Target."""
    res = evaluate_muc4(data_dir(data) / "muc4" / "processed" / f"{split}.json", limit)
    click.echo(f"documents {res['documents']}")
    click.echo(f"relevance accuracy {res['relevance']:.3f}")
    click.echo(f"incident type accuracy {res['type']:.3f}")
    for slot in ("PerpOrg", "Victim", "Target"):
        p, r, f = res[slot]
        click.echo(f"{slot:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
