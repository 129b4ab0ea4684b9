"""A cue classifier learnt on PolNeAR train: is a verb with a subject and a frame an attribution cue?

The rules of `claims` take the verbs of their lexicons and the (lemma, frame) pairs of `claims_lexicon`; the
classifier adds the long tail ("has insulted women", "slammed Kasich for ..."), weighing the verb with its
context: lemma and frame, the subject's kind (person, organisation, pronoun, speaking-role noun), tense and
modality, negation, the dependency of the verb, the kind of its object, a quotation in the frame. It is a
logistic regression over those indicator features (scikit-learn at training time only); the weights ship as
`data/claims_cue_model.json` (`benchmarks/attribution.py learn-cues`), scoring needs no scikit-learn.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from triangulate.extract.claims_bounds import head_of

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "claims_cue_model.json"


def _kind(t: Token, speaker_nouns: set[str]) -> str:
    low = t.lower_
    if low in ("i", "we", "you", "he", "she", "they", "it", "who", "which", "that"):
        return "pron:" + low
    if t.ent_type_:
        return "ent:" + t.ent_type_
    if low in speaker_nouns:
        return "speaker"
    return "pos:" + t.pos_


def cue_features(v: Token, subj: Token, frame: str, toks: list[Token], quotes: list[tuple[int, int]],
                 speaker_nouns: set[str], event_words: frozenset[str]) -> list[str]:
    """Indicator features of a candidate cue verb `v` with subject `subj` and its first frame."""
    lemma = v.lemma_.lower()
    sk = _kind(subj, speaker_nouns)
    obj = _kind(head_of(toks), speaker_nouns)
    s, e = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
    quoted = any(qs < e and s < qe for qs, qe in quotes)
    kids = {c.dep_ for c in v.children}
    modal = next((c.lower_ for c in v.children if c.dep_ == "aux" and c.tag_ == "MD"), "")
    f = [f"l:{lemma}", f"lf:{lemma}|{frame}", f"f:{frame}", f"t:{v.tag_}", f"d:{v.dep_}", f"s:{sk}",
         f"fs:{frame}|{sk}", f"ls:{lemma}|{sk.split(':')[0]}", f"o:{obj}",
         f"fo:{frame}|{obj}", f"q:{quoted}", f"fq:{frame}|{quoted}", f"m:{modal}",
         f"n:{'neg' in kids}", f"ev:{lemma in event_words}", f"len:{min(len(toks), 12) // 4}"]
    return f


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, float], float, float]:
    """(weights, bias, threshold) of the shipped model; empty weights when there is none."""
    if not MODEL_PATH.exists():
        return {}, 0.0, 1.0
    m = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return m["weights"], m["bias"], m["threshold"]


def cue_score(features: list[str], model: tuple[dict[str, float], float, float] | None = None) -> float:
    weights, bias, _t = load_model() if model is None else model
    z = bias + sum(weights.get(x, 0.0) for x in features)
    return 1.0 / (1.0 + math.exp(-z))


def fit_cue_model(rows: list[tuple[list[str], bool]], c: float = 0.5) -> tuple[dict[str, float], float]:
    """Logistic regression (L2, lbfgs) over indicator features; returns nonzero weights and the bias."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{k: 1 for k in f} for f, _y in rows])
    y = [int(lab) for _f, lab in rows]
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=500).fit(x, y)
    names = vec.get_feature_names_out()
    w = {str(n): round(float(v), 4) for n, v in zip(names, clf.coef_[0]) if abs(v) >= 1e-3}
    return w, round(float(clf.intercept_[0]), 4)
