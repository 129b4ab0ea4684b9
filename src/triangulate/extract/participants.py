"""Incident participants: which phrases of a report fill an incident's perpetrator-organisation, victim and
target slots (MUC-4 style template slots).

Candidates are the document's noun phrases (spaCy noun chunks) and actor mentions. Each candidate is described
by plain, parse-local features: its head lemma and words, its syntactic role and governing verb ("dobj|kill",
"agent|attack", "pobj:of|member", "nsubj|claim" ...), the verb's class (attack, kill, kidnap, bomb,
responsibility, blame ...), its actor-KB kind and ACLED inter code, its sentence position and whether the
extraction stage found a violent event in its sentence or document. One logistic-regression model per slot scores
the candidates; the weights (`data/participants_model.json`) are learned from the MUC-4 train split (DEV texts)
only, never from TST1/TST2, by `python -m triangulate.extract.participants --train` (see README).

`select_participants(doc, text, actors, events)` returns {"PerpOrg": [...], "Victim": [...], "Target": [...]}:
phrases whose score passes the slot's threshold, one per head word (the best scored), articles dropped.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

SLOTS = ("PerpOrg", "Victim", "Target")
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "participants_model.json"

# verb classes: the governing predicate of a candidate, generalised beyond the lemmas seen in training
_VERB_CLASS = {}
for _cls, _words in {
    "kill": "kill murder assassinate execute massacre slay shoot gun strangle behead stab die",
    "wound": "wound injure hurt maim",
    "kidnap": "kidnap abduct seize hold capture release free detain hostage",
    "attack": "attack assault raid ambush strike hit fire harass storm machinegun machine-gun shell overrun",
    "bomb": "bomb dynamite blow explode detonate plant hurl throw place set destroy damage demolish",
    "burn": "burn set torch",
    "rob": "rob steal loot",
    "claim": "claim assume admit acknowledge",
    "blame": "blame attribute accuse charge responsible",
    "victim": "victim target",
}.items():
    for _w in _words.split():
        _VERB_CLASS.setdefault(_w, _cls)

# common given names (Spanish, Portuguese, English): a person clue in lower-cased text, where NER misses names
_GIVEN_NAMES = set("""jose juan carlos luis maria jorge manuel antonio francisco miguel pedro rafael roberto ricardo
fernando hector oscar mario alfredo guillermo enrique eduardo alberto julio raul ramon jaime javier sergio rodrigo
andres alejandro pablo diego gustavo hugo ernesto arturo felipe gilberto armando rene rolando orlando humberto ignacio
joaquin amando federico bernardo danilo mauricio gerardo victor nelson edgar william john james david michael robert
thomas richard george joseph charles peter paul mark daniel ana rosa carmen elena gloria martha marta patricia lucia
teresa isabel silvia gilda febe elizabeth leonor cecilia julia laura sonia luz blanca alicia angela beatriz clara
diana irma norma susana alvaro cesar ivan fabio german hernan jesus marco marcos nicolas octavio ruben tomas vicente
wilfredo wilson efrain abel adolfo agustin alfonso aurelio benjamin camilo dario emilio esteban fidel gabriel gonzalo
ismael leonel lorenzo marcelo mateo napoleon pascual reinaldo rigoberto saul simon teodoro ulises alfonso augusto
baltazar cristobal domingo elias fausto heriberto horacio jacinto jeronimo lisandro mariano nestor osvaldo rodolfo
rogelio salomon valentin xavier""".split())
_PERSON_TITLES = set("""president minister father priest mayor judge candidate senator deputy governor councilman
colonel general captain lieutenant sergeant commander major ambassador bishop archbishop monsignor msgr mgr doctor dr
mr mrs journalist attorney prosecutor magistrate leader director chief businessman rector professor""".split())

_DETS = {"the", "a", "an", "this", "that", "these", "those", "some", "its", "their", "his", "her", "our", "my"}
_PRONOUNS = {"he", "she", "it", "they", "them", "we", "us", "i", "you", "him", "who", "which", "that", "what",
             "whom", "this", "those", "these", "one", "itself", "themselves", "himself", "herself"}


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


_QUANTIFIERS = set("""several some many other others much more most few various numerous all both each every any
least about nearly almost approximately over only same so-called self-styled alleged suspected""".split()) | {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "dozen", "dozens", "thousands", "at", "than"}


def clean_phrase(text: str, slot: str | None = None) -> str:
    """The phrase as a slot filler: quotes, parentheses, possessive 's, leading articles, possessives and
    quantifiers ("at least 10", "several", "so-called") dropped. For a victim, a name after a title or
    description starts the filler ("former defense minister enrique lopez" -> "enrique lopez")."""
    s = re.sub(r"[\"“”«»]", "", text)
    s = re.sub(r"\([^)]*\)", " ", s).strip(" ,.;:-'")
    s = re.sub(r"\s*'s$", "", s)
    words = s.split()
    while len(words) > 1 and (words[0].lower() in _DETS or words[0].lower() in _QUANTIFIERS or
                              re.fullmatch(r"[\d,.]+", words[0])):
        words = words[1:]
    if slot == "Victim" and len(words) > 1:
        low = [w.lower() for w in words]
        named = next((i for i, w in enumerate(low) if w in _GIVEN_NAMES), None)
        if named:
            words = words[named:]
        else:
            while len(words) > 1 and words[0].lower().strip(".") in _PERSON_TITLES:
                words = words[1:]
    return " ".join(words)


def _candidates(doc, actors) -> list:
    """Candidate spans (spaCy Spans): noun chunks, plus actor mentions the chunks do not cover exactly."""
    spans = {}
    for ch in doc.noun_chunks:
        root = ch.root
        if root.lower_ in _PRONOUNS or root.pos_ == "PRON" or root.like_num:
            continue
        if root.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
            continue
        spans[(ch.start, ch.end)] = ch
    roots = {ch.root.i for ch in spans.values()}
    for m in actors or []:
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is not None and len(sp) and sp.root.i not in roots:
            spans[(sp.start, sp.end)] = sp
            roots.add(sp.root.i)
    return [spans[k] for k in sorted(spans)]


def _governor(tok):
    """(relation, governing token) with prepositions folded in: "pobj:by" + verb, "pobj:of" + noun."""
    dep, head = tok.dep_, tok.head
    if dep in ("conj", "appos"):  # share the role of the first conjunct / the noun in apposition to
        first = tok
        while first.dep_ in ("conj", "appos") and first.head.i != first.i:
            first = first.head
        dep, head = first.dep_, first.head
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        return f"pobj:{head.lower_}", head.head
    if dep == "compound":
        return "compound", head
    return dep, head


def _lexical(t, lemma: bool = True) -> str:
    """A token as a lexical feature: its lemma (or lower-cased form), `<person>` for a word of a personal name."""
    if t.ent_type_ == "PERSON" or t.lower_ in _GIVEN_NAMES:
        return "<person>"
    return t.lemma_.lower() if lemma else t.lower_


def candidate_features(span, ctx: dict) -> list[str]:
    """String features of one candidate span (see the module docstring)."""
    h = span.root
    lem = h.lemma_.lower()
    # a person's own name is no lexical clue: the model must not learn who the victims of 1989 were
    f = ["bias", f"h={_lexical(h)}", f"ent={h.ent_type_}", f"tag={h.tag_}", f"dep={h.dep_}"]
    words = [t.lemma_.lower() for t in span if not t.is_punct and t.lower_ not in _DETS]
    f += sorted({f"w={_lexical(t)}" for t in span if not t.is_punct and t.lower_ not in _DETS and t.i != h.i})
    f.append(f"len={_bucket(len(words), (1, 2, 3, 5))}")
    low = [t.lower_ for t in span]
    if any(w in _GIVEN_NAMES for w in low):
        f.append("given_name")
    if any(w in _PERSON_TITLES for w in low) or span.start > 0 and span.doc[span.start - 1].lower_ in _PERSON_TITLES:
        f.append("person_title")
    rel, gov = _governor(h)
    glem = _lexical(gov)
    vcls = _VERB_CLASS.get(glem, "other")
    f += [f"rel={rel}", f"rg={rel}|{glem}", f"rc={rel}|{vcls}", f"gc={vcls}"]
    if gov.pos_ in ("NOUN", "PROPN"):  # "members of X", "death of X", "attack on X"
        _, ggov = _governor(gov)
        gg = _lexical(ggov)
        f += [f"ng={rel}|{glem}|{_VERB_CLASS.get(gg, 'other')}", f"nc={rel}|{_VERB_CLASS.get(glem, 'other')}"]
    if gov.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in gov.children):
        f.append(f"pass={rel}|{vcls}")
    # nearest verbal ancestors beyond the governor
    anc = [a for a in h.ancestors if a.pos_ in ("VERB", "AUX")][:3]
    f += [f"anc={_VERB_CLASS.get(a.lemma_.lower(), 'other')}" for a in anc]
    prev = _lexical(span.doc[span.start - 1], lemma=False) if span.start > 0 else "<s>"
    nxt = _lexical(span.doc[span.end], lemma=False) if span.end < len(span.doc) else "</s>"
    f += [f"prev={prev}", f"next={nxt}"]
    if h.i + 1 < len(span.doc) and span.doc[h.i + 1].lower_ == "(":
        f.append("acronym_follows")
    sent = span.sent
    st = sent.text.lower()
    if "responsib" in st:
        f.append("sent_responsibility")
    if re.search(r"\b(blame|attribut|accus)", st):
        f.append("sent_blame")
    si = ctx["sent_index"].get(sent.start, 0)
    f.append(f"sent={_bucket(si, (0, 1, 2, 4, 8))}")
    ev = ctx["event_sents"].get(sent.start)
    f.append(f"ev_sent={ev or 'none'}")
    f.append(f"doc_events={_bucket(ctx['n_events'], (0, 1, 2, 4))}")
    f.append(f"freq={_bucket(ctx['head_freq'].get(lem, 0), (1, 2, 3, 5))}")
    f.append("first" if ctx["first_head"].get(lem) == h.i else "later")
    if any(c.like_num for c in h.children):
        f.append("num_mod")
    for kind, inter in ctx["actor_at"].get(h.i, ()):
        f += [f"kb_kind={kind}", f"kb_type={inter}", f"kb|{rel}|{vcls}"]
    return f


def _context(doc, actors, events) -> dict:
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    event_sents: dict[int, str] = {}
    n_events = 0
    for e in events or []:
        mt = incident_type(e)
        if e.background or not mt:
            continue
        n_events += 1
        sp = doc.char_span(e.start, max(e.start + 1, e.end), alignment_mode="expand")
        if sp is not None and len(sp):
            event_sents.setdefault(sp[0].sent.start, mt)
    head_freq: dict[str, int] = {}
    first_head: dict[str, int] = {}
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            lem = t.lemma_.lower()
            head_freq[lem] = head_freq.get(lem, 0) + 1
            first_head.setdefault(lem, t.i)
    actor_at: dict[int, list[tuple[str, str]]] = {}
    if actors:
        from triangulate.annotate.actors import kb

        base = kb()
        for m in actors:
            a = base.get(m.actor) if m.in_kb and m.actor else None
            sp = doc.char_span(m.start, m.end, alignment_mode="expand")
            if sp is None or not len(sp):
                continue
            kind = (a.kind if a is not None else None) or f"ent:{m.label}"
            actor_at.setdefault(sp.root.i, []).append((kind, str(m.actor_type)))
    return {"sent_index": sent_index, "event_sents": event_sents, "n_events": n_events, "head_freq": head_freq,
            "first_head": first_head, "actor_at": actor_at}


def incident_type(event) -> str | None:
    """MUC-4 incident type of an ACLED-style event (None: not an incident)."""
    sub, trig = event.sub_event_type, (event.trigger or "").lower()
    if event.event_type == "Explosions/Remote violence":
        return "attack" if sub in ("Air/drone strike", "Shelling/artillery/missile attack") else "bombing"
    if sub == "Abduction/forced disappearance":
        return "kidnapping"
    if sub == "Looting/property destruction":
        return "robbery" if re.search(r"rob|stole|loot|plunder|ransack", trig) else "arson"
    if event.event_type == "Protests" and re.search(r"strike|walkout|stoppage", trig):
        return "forced work stoppage"
    if event.event_type in ("Violence against civilians", "Battles", "Explosions/Remote violence", "Riots") or \
            event.event_type == "Protests" and "force" in sub.lower():
        return "attack"
    return None


def featurize(doc, actors, events) -> list[tuple[object, list[str]]]:
    """(span, features) for every candidate of a parsed document."""
    ctx = _context(doc, actors, events)
    return [(sp, candidate_features(sp, ctx)) for sp in _candidates(doc, actors)]


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> dict:
    p = Path(path) if path else MODEL_PATH
    return json.loads(p.read_text(encoding="utf-8"))


def _score(weights: dict, intercept: float, feats: list[str]) -> float:
    z = intercept + sum(weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def head_key(phrase: str) -> str:
    """The head word of a filler phrase, used to merge duplicates: last word before "of"/","/"(" ."""
    s = re.split(r"\s(?:of|who|which|that|from|in|at|on)\s|[,(]", phrase.lower())[0]
    words = re.sub(r"[^a-z0-9 ]+", " ", s).split()
    return words[-1] if words else phrase.lower()


def rank(scored: list[tuple[str, float]], threshold: float) -> list[str]:
    """Phrases above the threshold, best first, one per head word."""
    out: dict[str, tuple[float, str]] = {}
    for phrase, p in scored:
        if p < threshold or not phrase:
            continue
        k = head_key(phrase)
        if k not in out or p > out[k][0]:
            out[k] = (p, phrase)
    return [ph for _, ph in sorted(out.values(), key=lambda x: -x[0])]


def has_incident(events) -> bool:
    """Does the report describe an incident (a violent, non-background event was extracted)?"""
    return any(not e.background and incident_type(e) for e in events or [])


def score_candidates(doc, text: str, actors=None, events=None, model: dict | None = None) -> dict[str, list]:
    """Every candidate with its probability per slot: {slot: [(span, phrase, p)]}; empty when the document has
    no incident (`has_incident`)."""
    model = model or load_model()
    if not has_incident(events):
        return {s: [] for s in SLOTS}
    cands = featurize(doc, actors, events)
    out = {}
    for slot in SLOTS:
        m = model["slots"][slot]
        out[slot] = [(sp, clean_phrase(text[sp.start_char:sp.end_char], slot),
                      _score(m["weights"], m["intercept"], fs)) for sp, fs in cands]
    return out


def select_participants(doc, text: str, actors=None, events=None, model: dict | None = None) -> dict[str, list[str]]:
    """Slot fillers of the document's incidents: {"PerpOrg", "Victim", "Target"} -> phrases above the slot's
    threshold, one per head word. No violent event found in the document -> no fillers."""
    model = model or load_model()
    scored = score_candidates(doc, text, actors, events, model)
    return {s: rank([(ph, p) for _, ph, p in scored[s]], model["slots"][s]["threshold"]) for s in SLOTS}


_PATIENT_RELS = {"dobj", "nsubjpass", "pobj:on", "pobj:against", "pobj:at"}


def _role(span) -> tuple[str, str]:
    """(relation, verb class of the governor) of a candidate: "nsubj", "claim"; "dobj", "attack" ..."""
    rel, gov = _governor(span.root)
    return rel, _VERB_CLASS.get(_lexical(gov), "other")


def event_participants(doc, text: str, actors=None, events=None, model: dict | None = None) -> list[dict]:
    """Per event, the participant model's candidates in its sentence for each slot, best first, as
    {slot: [(span, phrase, p)]}, plus "doc:PerpOrg": the document's best perpetrator organisation among the
    authors of a claim or blame ("X claimed responsibility", "blamed on X", "attributed to X"), or None; such a
    claim often sits in another sentence than the attack. A perpetrator candidate in a victim's or target's role
    (object, passive subject, "on"/"against"/"at" X) is none. Background events and documents without an incident
    get no candidates; whether p is confident enough is the caller's choice."""
    scored = score_candidates(doc, text, actors, events, model)
    roles = [(c, _role(c[0])) for c in scored["PerpOrg"]]
    perps = [c for c, (rel, _cls) in roles if rel not in _PATIENT_RELS]
    claims = [c for c, (rel, cls) in roles if rel not in _PATIENT_RELS and cls in ("claim", "blame")]
    doc_perp = max(claims, key=lambda x: x[2]) if claims else None
    out = []
    for e in events or []:
        pick: dict = {s: [] for s in SLOTS}
        pick["doc:PerpOrg"] = None
        if scored["PerpOrg"] and not e.background and incident_type(e):
            for s in SLOTS:
                pick[s] = sorted((c for c in (perps if s == "PerpOrg" else scored[s])
                                  if e.start <= c[0].start_char < e.end and c[1]), key=lambda x: -x[2])
            pick["doc:PerpOrg"] = doc_perp
        out.append(pick)
    return out
