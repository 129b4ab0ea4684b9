"""Incident participants (MUC-4 template slots): candidate features, selection, and the MUC-4 scorer's matching."""

import pytest

from triangulate.eval.muc4 import gold_entities, matches, score
from triangulate.extract.participants import (SLOTS, candidate_features, clean_phrase, featurize, head_key, rank,
                                              select_participants)
from triangulate.model import Event


@pytest.fixture(scope="module")
def nlp():
    from triangulate.annotate.nlp import get_nlp

    return get_nlp("en")


def _event(text, trigger, etype="Violence against civilians", sub="Attack"):
    i = text.index(trigger)
    return Event(id="e", article_id="d", event_type=etype, sub_event_type=sub, trigger=trigger, start=i,
                 end=i + len(trigger))


def test_clean_phrase_and_head_key():
    assert clean_phrase('the "santo tomas" farm') == "santo tomas farm"
    assert clean_phrase("the army's") == "army"
    assert clean_phrase("at least 10 power transmission towers") == "power transmission towers"
    assert clean_phrase("(retired) general gustavo alvarez", "Victim") == "gustavo alvarez"
    assert clean_phrase("former defense minister enrique lopez", "Victim") == "enrique lopez"
    assert clean_phrase("former defense minister enrique lopez", "Target") == "former defense minister enrique lopez"
    assert clean_phrase("msgr romero", "Victim") == "romero"
    assert head_key("members of the fmln") == "members"
    assert head_key("jose perez, the driver") == "perez"
    assert head_key("electric power substation") == "substation"


def test_matching_modes():
    ent = ["farabundo marti national liberation front", "fmln"]
    assert matches("FMLN", ent, "exact") and matches("the fmln", ent, "exact")
    assert not matches("liberation front of x", ent, "exact")
    assert matches("popular liberation front", ent, "head") and not matches("popular liberation front", ent, "exact")
    assert matches("marti", ent, "overlap") and not matches("marti", ent, "head")


def test_rank_keeps_one_phrase_per_head_above_threshold():
    out = rank([("the bus", 0.4), ("bus", 0.9), ("driver", 0.2), ("police post", 0.6)], 0.3)
    assert out == ["bus", "police post"]


def test_features_read_roles_from_the_parse(nlp):
    text = "guerrillas killed a peasant and the shining path claimed responsibility for the bombing."
    doc = nlp(text)
    feats = {doc[sp.start:sp.end].text: fs for sp, fs in featurize(doc, [], [_event(text, "killed")])}
    assert "rc=dobj|kill" in feats["a peasant"]
    assert "rc=nsubj|kill" in feats["guerrillas"]
    assert "sent_responsibility" in feats["the shining path"] and "ev_sent=attack" in feats["guerrillas"]


def test_select_participants_uses_the_model_and_needs_an_incident(nlp):
    text = "guerrillas killed a peasant near the bridge."
    doc = nlp(text)
    model = {"slots": {s: {"weights": {}, "intercept": -5.0, "threshold": 0.5} for s in SLOTS}}
    model["slots"]["Victim"]["weights"] = {"rc=dobj|kill": 10.0}
    ev = [_event(text, "killed")]
    out = select_participants(doc, text, [], ev, model)
    assert out["Victim"] == ["peasant"] and out["PerpOrg"] == [] and out["Target"] == []
    assert select_participants(doc, text, [], [], model)["Victim"] == []  # no incident in the document


def test_shipped_model_fills_slots(nlp):
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.model import Article

    # MUC-4 (processed) victims are named people: "two policemen" is no filler, "judge carlos perez" is
    text = ("lima, 5 feb 90 -- [text] a car bomb exploded today in front of the united states embassy, killing two "
            "policemen. the shining path claimed responsibility for the attack. judge carlos perez was killed in the "
            "explosion.")
    ann, doc = annotate(text, None)
    events = extract(Article(id="d", text=text, source="d"), ann, doc).events
    out = select_participants(doc, text, ann.actors, events)
    assert [head_key(p) for p in out["PerpOrg"]] == ["path"]
    assert out["Victim"] == ["carlos perez"]
    assert any(head_key(p) == "embassy" for p in out["Target"])
    assert not any(head_key(p) in ("today", "front", "policemen", "lima") for s in SLOTS for p in out[s])


def test_score_pools_entities_over_templates():
    doc = {"templates": [{"incident_type": "attack", "Victim": [[["jose perez", 10]]], "PerpOrg": [], "Target": []},
                         {"incident_type": "arson", "Victim": [[["jose perez", 10]]], "PerpOrg": [], "Target": []}]}
    assert gold_entities(doc, "Victim") == [["jose perez"]]
    res = score([doc], [{"types": ["attack"], "slots": {"PerpOrg": [], "Victim": ["perez", "maria"], "Target": []}}])
    assert res["Victim"][:2] == (0.5, 1.0) and res["type"] == 0.5 and res["relevance"] == 1.0


def test_personal_names_are_no_lexical_features(nlp):
    text = "Guerrillas murdered Juan Alberto Gomez, a judge, in San Salvador."
    doc = nlp(text)
    feats = {f for _, fs in featurize(doc, [], [_event(text, "murdered")]) for f in fs}
    assert not any(w in f for f in feats for w in ("gomez", "juan", "alberto"))
    assert "h=<person>" in feats and "h=judge" in feats


def test_muc4_cache_keeps_parses_only(tmp_path, monkeypatch):
    """`eval muc4 --cache` stores spaCy parses (one DocBin per text), never extraction results: a second run
    reads the parses and runs the extract stage again, so a change to extraction shows at once."""
    import triangulate.extract as ex
    from triangulate.eval import muc4

    docs = [{"doctext": "guerrillas killed a peasant near the bridge.", "templates": []}]
    first = muc4.analyse(docs, tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".spacy"]
    calls = []
    real = ex.extract
    monkeypatch.setattr(ex, "extract", lambda *a: calls.append(1) or real(*a))
    second = muc4.analyse(docs, tmp_path)
    assert calls == [1]
    assert [t.text for t in second[0][0]] == [t.text for t in first[0][0]]
    assert [e.trigger for e in second[0][3]] == [e.trigger for e in first[0][3]]


_BOMBING = ("lima, 5 feb 90 -- [text] a car bomb exploded today in front of the united states embassy, killing two "
            "policemen. the shining path claimed responsibility for the attack.")


def _events(text):
    from triangulate.annotate import annotate
    from triangulate.extract import extract
    from triangulate.model import Article

    ann, doc = annotate(text, None)
    return extract(Article(id="d", text=text, source="d"), ann, doc).events


def test_event_actor1_comes_from_the_model_when_confident():
    # the bombing sentence names no perpetrator; the rules' guess there ("lima" / the embassy) is one the model
    # rules out, so the group claiming responsibility in the next sentence becomes actor1, with its KB inter code
    bomb = next(e for e in _events(_BOMBING) if e.trigger == "exploded")
    assert (bomb.actor1, bomb.inter1) == ("Shining Path", 2)
    text = ("san salvador, 12 jan 90 -- [text] urban guerrillas of the farabundo marti national liberation front "
            "(fmln) murdered a businessman last night.")
    ev = next(e for e in _events(text) if e.trigger == "murdered")
    assert (ev.actor1, ev.inter1) == ("Farabundo Marti National Liberation Front", 2)


def test_event_actors_fall_back_to_the_rules_when_the_model_is_unsure(monkeypatch):
    import triangulate.extract.participants as participants

    unsure = {"slots": {s: {"weights": {}, "intercept": -30.0, "threshold": 0.3} for s in SLOTS}}
    monkeypatch.setattr(participants, "load_model", lambda *a: unsure)
    bomb = next(e for e in _events(_BOMBING) if e.trigger == "exploded")
    assert bomb.actor1 != "Shining Path"
    # a confident victim becomes actor2 (the rules read only the trigger's object, the bus), coded as civilians
    sure = {"slots": {s: {"weights": {}, "intercept": -30.0, "threshold": 0.3} for s in SLOTS}}
    sure["slots"]["Victim"] = {"weights": {"rc=dobj|kill": 40.0}, "intercept": -30.0, "threshold": 0.3}
    monkeypatch.setattr(participants, "load_model", lambda *a: sure)
    ev = _events("Gunmen attacked the bus on Monday, killing a peasant.")[0]
    assert ev.actor2 == "a peasant" and ev.inter2 == 7 and ev.actor1 != ev.actor2


def test_a_country_as_a_side_of_violence_is_its_military():
    ev = _events("Turkey shelled the town of Saraqib in northern Syria on Monday.")[0]
    assert (ev.actor1, ev.inter1) == ("Military Forces of Turkey", 8)
    ev = _events("Russia and Iran carried out airstrikes on Idlib on Monday.")[0]
    assert (ev.actor1, ev.inter1) == ("Military Forces of Russia", 8)
    # a country outside violence stays itself
    talks = [e for e in _events("Turkey and Russia agreed on a ceasefire in Idlib on Monday.") if e.actor1]
    assert all(not e.actor1.startswith("Military Forces") for e in talks)
