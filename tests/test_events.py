"""ACLED-style events: types from the lexicon, actors, dates, background, fatalities; GVA and MUC-4 evals on fixtures."""

from pathlib import Path

from click.testing import CliRunner

from triangulate.annotate import annotate
from triangulate.extract.events import find_events
from triangulate.extract.figures import find_figures
from triangulate.extract.lexicon import load_lexicon

FIX = Path(__file__).parent / "fixtures" / "events"


def events(text, published="2020-02-01"):
    ann, doc = annotate(text, published)
    f = find_figures(doc, text, ann, [], "t", published)
    return find_events(doc, text, ann, f, [], "t", published), f


def test_lexicon_covers_acled_subtypes():
    subs = {r.sub_event_type for r in load_lexicon().rules}
    assert len(subs) == 25
    assert {r.event_type for r in load_lexicon().rules} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}


def test_types():
    cases = {
        "Warplanes carried out airstrikes on the town on Friday.": "Air/drone strike",
        "A suicide bomber blew himself up at a checkpoint on Friday.": "Suicide bomb",
        "Gunmen kidnapped four workers on Friday.": "Abduction/forced disappearance",
        "Police fired tear gas to disperse protesters on Friday.": "Protest with intervention",
        "Thousands of people marched peacefully through the capital on Friday.": "Peaceful protest",
        "The two sides signed a ceasefire agreement on Friday.": "Agreement",
    }
    for text, sub in cases.items():
        ev, _ = events(text)
        assert ev and ev[0].sub_event_type == sub, (text, ev and ev[0].sub_event_type)


def test_shooting_event_date_place_fatalities():
    text = "One man was killed and two other people were wounded in a shooting in Springfield on Saturday night."
    ev, f = events(text, "2015-06-07")
    e = ev[0]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.date == "2015-06-06" and e.date_precision == 1
    assert e.fatalities == 1
    assert e.id == "e-t-1" and text[e.start:e.end] == e.sentence
    assert set(e.figure_ids) == {x.id for x in f}


def test_exchange_of_fire_is_armed_clash():
    ev, _ = events("Police exchanged fire with a gunman outside the bank on Friday.")
    assert (ev[0].event_type, ev[0].sub_event_type) == ("Battles", "Armed clash")


def test_background_and_hypothetical():
    ev, _ = events("Since April last year, the regime has led a campaign of aerial bombardment of the province. "
                   "Turkey said it would act militarily if needed.")
    assert ev and ev[0].background is True
    assert all("act" != (e.trigger or "") for e in ev)


def test_eval_events_on_fixture():
    from triangulate.eval.events import command
    res = CliRunner().invoke(command, ["--data", str(FIX)])
    assert res.exit_code == 0, res.output
    assert "incidents 2" in res.output
    assert "killed   accuracy 1.000" in res.output


def test_eval_muc4_on_fixture():
    from triangulate.eval.muc4 import command
    res = CliRunner().invoke(command, ["--data", str(FIX)])
    assert res.exit_code == 0, res.output
    assert "documents 3" in res.output
    assert "incident type accuracy 1.000" in res.output


def test_coordinated_counts_and_named_victim():
    ev, _ = events("Three children and two adults were found dead in Culpeper on Sunday night. "
                   "Darin Booker, 13, died from a gunshot wound on Sunday.", "2014-08-04")
    assert ev[0].fatalities == 5
    assert ev[1].fatalities == 1


def test_speaker_is_not_actor_and_report_date_is_not_event_date():
    ev, _ = events("A man was shot and killed in Chicago, police said Saturday.", "2014-08-04")
    assert ev[0].actor1 != "police" and (ev[0].actor1 or "").lower() != "police"
    assert ev[0].date != "2014-08-02" or ev[0].date_precision != 1


def test_context_date_from_the_report():
    text = "Police were called to the home on Saturday night. A man was found shot dead inside."
    ev, _ = events(text, "2014-08-04")
    shot = [e for e in ev if e.sentence.startswith("A man")][0]
    assert shot.date == "2014-08-02" and shot.date_precision == 1


def test_disrupted_weapons_needs_the_weapon_as_object():
    ev, _ = events("Army troops destroyed two car bombs before they reached their targets on Friday. "
                   "A car bomb destroyed a police station on Friday.")
    assert ev[0].sub_event_type == "Disrupted weapons use"
    assert ev[1].sub_event_type == "Remote explosive/landmine/IED"
