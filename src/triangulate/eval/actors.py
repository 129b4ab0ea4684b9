"""`triangulate eval actors`: actor mentions and resolution against MUC-4 templates and PLOVER gold coding.

MUC-4 (processed/{train,dev}.json, lower-cased texts): for every document,
- perpetrator organisations: predicted = distinct armed/state/criminal actors found by `find_actors` (KB actors of
  those kinds, plus unresolved ORG entities); a predicted actor matches a gold PerpOrg entity when one of its mentions
  overlaps one of the entity's gold mentions, or it resolves to the same canonical actor as a gold alternative.
  Precision over predicted actors, recall over gold entities. Scored on all documents and on documents with
  incident templates only ("relevant": our finder is not event-aware, so actors in irrelevant texts count as errors).
- victims: predicted = PERSON mentions and civilian/victim role actors; a gold Victim entity is found when a
  predicted mention overlaps one of its mentions.
- incident actors ("incident perp org", "incident victim"): only the actors the participant model
  (`extract.participants`) selects as the incidents' perpetrator organisations / victims, one per canonical actor
  (`ActorKB.canonical`: KB name, else the normalised name); a predicted actor matches a gold entity when it resolves
  to the same canonical actor as one of its alternatives or has the same head noun (`eval.muc4.matches`).
- event actors ("event actor1", "event actor2"): the pipeline's events themselves: the distinct actor1 of the
  document's incident events (non-background, with a MUC incident type: `participants.incident_type`) against the
  gold PerpOrg entities, the distinct actor2 against the gold Victim entities, matched as the incident actors.
PLOVER GSR: per gold source/target actor, whether a predicted mention overlaps its text (found) and whether the
resolved actor's country (ISO alpha-3, or IGO) equals the gold code (coded). Events: per gold source (target) of a
sentence in which the pipeline finds an event, whether the first event's actor1 (actor2) names it: an actor mention
resolved to that actor (or to the country whose military it is) overlaps the gold text, or the actor's name is
part of it ("event source/target agreement", with the share of sentences that have an event).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from triangulate.eval.common import data_dir, data_option, limit_option
from triangulate.eval.muc4 import cache_dir_path, cache_option

PERP_KINDS = {"armed group", "state force", "criminal group"}


def _load_muc(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
            if limit and len(docs) >= limit:
                break
    return docs


def _entities(doc: dict, role: str) -> list[list[tuple[str, int]]]:
    out = []
    for t in doc.get("templates") or []:
        for ent in t.get(role) or []:
            alts = [(m[0], int(m[1])) for m in ent if isinstance(m, (list, tuple)) and len(m) == 2]
            if alts and alts not in out:
                out.append(alts)
    return out


def _overlaps(ms: int, me: int, alts: list[tuple[str, int]]) -> bool:
    return any(ms < s + len(t) and s < me for t, s in alts)


def _incident_actors(base, fillers: list[str], gold: list[list[tuple[str, int]]]) -> tuple[int, int, int]:
    """(predicted actors, predicted that match, gold entities matched) for one document and slot."""
    from triangulate.eval.muc4 import matches

    actors: dict[str, list[str]] = {}
    for f in fillers:
        actors.setdefault(base.canonical(f), []).append(f)
    canon = [{base.canonical(t) for t, _ in alts} for alts in gold]
    hits = [{i for i, alts in enumerate(gold)
             if name in canon[i] or any(matches(f, [t for t, _ in alts]) for f in fs)} for name, fs in actors.items()]
    return len(actors), sum(bool(h) for h in hits), len(set().union(*hits)) if hits else 0


def score_muc(docs: list[dict], cache: Path | None = None) -> dict:
    from triangulate.annotate.actors import kb
    from triangulate.eval.muc4 import analyse
    from triangulate.extract.participants import incident_type, select_participants

    base = kb()
    c = {k: 0 for k in ("perp_pred", "perp_pred_ok", "perp_gold", "perp_gold_ok", "rel_pred", "rel_pred_ok",
                        "vic_gold", "vic_gold_ok", "vic_pred", "vic_pred_ok", "iperp_pred", "iperp_pred_ok",
                        "iperp_gold_ok", "ivic_pred", "ivic_pred_ok", "ivic_gold_ok", "ea1_pred", "ea1_pred_ok",
                        "ea1_gold_ok", "ea2_pred", "ea2_pred_ok", "ea2_gold_ok")}
    for d, (doc, text, mentions, events) in zip(docs, analyse(docs, cache)):
        slots = select_participants(doc, text, mentions, events)
        perps = _entities(d, "PerpOrg")
        victims = _entities(d, "Victim")
        relevant = bool(d.get("templates"))
        gold_canon = [{base.canonical(t) for t, _ in alts} for alts in perps]
        by_actor: dict[str, list] = {}
        for m in mentions:
            a = base.get(m.actor) if m.in_kb and m.actor else None
            if (a is not None and a.kind in PERP_KINDS and not a.is_group and a.type in (1, 2, 3, 4, 8)) or \
                    (not m.in_kb and m.label == "ORG"):
                by_actor.setdefault(m.actor or m.text, []).append(m)
        matched_gold = set()
        for actor, ms in by_actor.items():
            hits = {i for i, alts in enumerate(perps)
                    if any(_overlaps(m.start, m.end, alts) for m in ms) or actor in gold_canon[i]}
            c["perp_pred"] += 1
            c["perp_pred_ok"] += bool(hits)
            if relevant:
                c["rel_pred"] += 1
                c["rel_pred_ok"] += bool(hits)
            matched_gold |= hits
        c["perp_gold"] += len(perps)
        c["perp_gold_ok"] += len(matched_gold)
        vic_ms = [m for m in mentions if m.label == "PERSON" or (m.actor_type == 7)]
        c["vic_pred"] += len(vic_ms)
        c["vic_pred_ok"] += sum(1 for m in vic_ms if any(_overlaps(m.start, m.end, alts) for alts in victims))
        c["vic_gold"] += len(victims)
        c["vic_gold_ok"] += sum(1 for alts in victims if any(_overlaps(m.start, m.end, alts) for m in vic_ms))
        incidents = [e for e in events if not e.background and incident_type(e)]
        for key, fillers, gold in (("iperp", slots["PerpOrg"], perps), ("ivic", slots["Victim"], victims),
                                   ("ea1", [e.actor1 for e in incidents if e.actor1], perps),
                                   ("ea2", [e.actor2 for e in incidents if e.actor2], victims)):
            n, ok, gold_ok = _incident_actors(base, fillers, gold)
            c[f"{key}_pred"] += n
            c[f"{key}_pred_ok"] += ok
            c[f"{key}_gold_ok"] += gold_ok

    def prf(p_ok, p, g_ok, g):
        pr = p_ok / p if p else 0.0
        rc = g_ok / g if g else 0.0
        return {"p": round(pr, 3), "r": round(rc, 3), "f1": round(2 * pr * rc / (pr + rc), 3) if pr + rc else 0.0}

    return {"documents": len(docs),
            "perp_org": {**prf(c["perp_pred_ok"], c["perp_pred"], c["perp_gold_ok"], c["perp_gold"]),
                         "gold": c["perp_gold"], "pred": c["perp_pred"]},
            "perp_org_relevant_docs": prf(c["rel_pred_ok"], c["rel_pred"], c["perp_gold_ok"], c["perp_gold"]),
            "victim": {**prf(c["vic_pred_ok"], c["vic_pred"], c["vic_gold_ok"], c["vic_gold"]),
                       "gold": c["vic_gold"], "pred": c["vic_pred"]},
            "incident_perp_org": {**prf(c["iperp_pred_ok"], c["iperp_pred"], c["iperp_gold_ok"], c["perp_gold"]),
                                  "pred": c["iperp_pred"]},
            "incident_victim": {**prf(c["ivic_pred_ok"], c["ivic_pred"], c["ivic_gold_ok"], c["vic_gold"]),
                                "pred": c["ivic_pred"]},
            "event_actor1": {**prf(c["ea1_pred_ok"], c["ea1_pred"], c["ea1_gold_ok"], c["perp_gold"]),
                             "pred": c["ea1_pred"]},
            "event_actor2": {**prf(c["ea2_pred_ok"], c["ea2_pred"], c["ea2_gold_ok"], c["vic_gold"]),
                             "pred": c["ea2_pred"]}}


def score_plover(records: list[dict]) -> dict:
    from triangulate.annotate import annotate
    from triangulate.annotate.actors import kb
    from triangulate.annotate.nlp import get_nlp
    from triangulate.extract import extract
    from triangulate.model import Article

    nlp = get_nlp("en")
    base = kb()
    gold = found = coded = pred = pred_ok = 0
    ev = {"sentences": 0, "source": 0, "source_ok": 0, "target": 0, "target_ok": 0}
    texts = [r["text"] for r in records]
    for r, doc in zip(records, nlp.pipe(texts, batch_size=32)):
        text = r["text"]
        ann, doc = annotate(text, None, doc=doc)
        mentions = ann.actors
        events = extract(Article(id="p", text=text, source="p"), ann, doc).events
        spans = []
        roles: dict[str, list] = {"source": [], "target": []}
        for role in ("source", "target"):
            actors = r.get(role)
            if not isinstance(actors, list):
                continue
            for a in actors:
                at = (a.get("actorText") or "").strip()
                pos = text.find(at) if at else -1
                if pos < 0:
                    continue
                spans.append((pos, pos + len(at), (a.get("code") or "").upper()))
                roles[role].append(spans[-1])
        for s, e, code in spans:
            gold += 1
            hit = [m for m in mentions if m.start < e and s < m.end]
            if not hit:
                continue
            found += 1
            for m in hit:
                cc = m.country or base.country_of(m.text)
                if cc and cc != "IGO":
                    cc = base.iso2.get(cc, (cc, ""))[0]
                if cc and cc.upper() == code:
                    coded += 1
                    break
        if events:
            ev["sentences"] += 1
            for role, name in (("source", events[0].actor1), ("target", events[0].actor2)):
                for s, e, _ in roles[role]:
                    ev[role] += 1
                    ev[f"{role}_ok"] += bool(name) and (
                        name.lower() in text[s:e].lower() or
                        any(name in (m.actor or m.text, f"Military Forces of {m.actor}") and m.start < e and s < m.end
                            for m in mentions))
        pred += len(mentions)
        pred_ok += sum(1 for m in mentions if any(m.start < e and s < m.end for s, e, _ in spans))
    return {"records": len(records), "gold_actors": gold, "found": round(found / gold, 3) if gold else 0.0,
            "coded": round(coded / gold, 3) if gold else 0.0, "coded_when_found": round(coded / found, 3) if found else 0.0,
            "mention_precision": round(pred_ok / pred, 3) if pred else 0.0,
            "event_sentences": round(ev["sentences"] / len(records), 3) if records else 0.0,
            "event_source_agreement": round(ev["source_ok"] / ev["source"], 3) if ev["source"] else 0.0,
            "event_target_agreement": round(ev["target_ok"] / ev["target"], 3) if ev["target"] else 0.0}


def load_plover(path: Path, limit: int | None) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    recs = [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event")]
    return recs[:limit] if limit else recs


@click.command("actors")
@data_option
@limit_option
@click.option("--split", "splits", multiple=True, default=("dev",), show_default=True,
              help="MUC-4 processed split(s): train, dev.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@cache_option
def command(data: str | None, limit: int | None, splits: tuple[str, ...], as_json: bool, cache_dir: str | None) -> None:
    """Perpetrator-organisation and victim P/R on MUC-4; source/target actor matching on PLOVER."""
    root = data_dir(data)
    results: dict = {}
    t0 = time.time()
    for split in splits:
        path = root / "muc4" / "processed" / f"{split}.json"
        if path.exists():
            results[f"muc4_{split}"] = score_muc(_load_muc(path, limit), cache_dir_path(cache_dir))
    plover = root / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
    if plover.exists():
        results["plover"] = score_plover(load_plover(plover, limit))
    results["seconds"] = round(time.time() - t0, 1)
    if as_json:
        click.echo(json.dumps(results, indent=1))
        return
    for k, v in results.items():
        if k == "seconds":
            continue
        if k.startswith("muc4"):
            po, rel, vi = v["perp_org"], v["perp_org_relevant_docs"], v["victim"]
            click.echo(f"{k}: {v['documents']} docs")
            click.echo(f"  perp org   P {po['p']:.3f} R {po['r']:.3f} F1 {po['f1']:.3f} (gold {po['gold']}, pred {po['pred']})")
            click.echo(f"  perp org (relevant docs) P {rel['p']:.3f} R {rel['r']:.3f} F1 {rel['f1']:.3f}")
            click.echo(f"  victim     P {vi['p']:.3f} R {vi['r']:.3f} F1 {vi['f1']:.3f} (gold {vi['gold']}, pred {vi['pred']})")
            for label, key in (("incident perp org", "incident_perp_org"), ("incident victim", "incident_victim"),
                               ("event actor1", "event_actor1"), ("event actor2", "event_actor2")):
                x = v[key]
                click.echo(f"  {label:17s} P {x['p']:.3f} R {x['r']:.3f} F1 {x['f1']:.3f} (pred {x['pred']})")
        else:
            click.echo(f"plover: {v['records']} sentences, {v['gold_actors']} gold actors: found {v['found']:.3f}, "
                       f"coded {v['coded']:.3f} (when found {v['coded_when_found']:.3f}), "
                       f"mention precision {v['mention_precision']:.3f}")
            click.echo(f"  events in {v['event_sentences']:.3f} of sentences: event source agreement "
                       f"{v['event_source_agreement']:.3f}, target agreement {v['event_target_agreement']:.3f}")
    click.echo(f"({results['seconds']} s)")
