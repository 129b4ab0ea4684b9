"""A small hand-made database for the web layer's tests and demos (no NLP involved).

Two stories shaped like examples/seeds: car bombs west of Aleppo (Feb 2020; one wire report copied by two
outlets) and the Nov 2024 offensive on Aleppo (a death-toll series 57 -> 132 -> 242, and a disagreement).
Written through the store's public write API only. Offsets are computed from the texts, never typed in.
"""

from __future__ import annotations

from triangulate.model import (
    ActorMention,
    Annotations,
    Article,
    Claim,
    CopyLink,
    Disagreement,
    DisagreementSide,
    Event,
    EventPlace,
    Extraction,
    Figure,
    FigureSeries,
    Place,
    PlaceMention,
    Sentence,
    SpanRef,
    Story,
    StoryEvent,
    TimeRef,
)
from triangulate.store import Store

ALEPPO = Place("Aleppo", 36.2021, 37.1343, 170063, "SY", "Aleppo", "city", 1602264)
IDLIB = Place("Idlib", 35.9306, 36.6339, 169389, "SY", "Idlib", "city", 128840)
RASHIDIN = Place("Al-Rashidin", 36.1833, 37.05, None, "SY", "Aleppo", "district", None)

WIRE = ("Rebel groups attacked government forces west of Aleppo with three car bombs on Saturday, "
        "rebel and military sources said. "
        "Two of the attacks were carried out by suicide bombers of Hayat Tahrir al-Sham, a source in the group said. "
        "The Syrian army said it had destroyed one of the vehicles before it reached its target.")
COPY_A = ("Fighting escalated near Aleppo this weekend. "
          + WIRE
          + " The regime has retaken dozens of villages this week.")
COPY_B = ("Rebels launched a wave of attacks west of Aleppo with three car bombs on Saturday. "
          "Two of the attacks were carried out by suicide bombers of Hayat Tahrir al-Sham, a source in the group said. "
          "State media said the army repelled the assault and killed 20 jihadists.")

OSDH = "Syrian Observatory for Human Rights"
T1 = ("The jihadists and their allies launched a major offensive against the regime in northwest Syria on Wednesday. "
      "The fighting has left 57 dead, according to the Syrian Observatory for Human Rights.")
T2 = ("Hayat Tahrir al-Sham and allied factions advanced toward Aleppo on Thursday. "
      "The Syrian Observatory for Human Rights said the fighting had killed 132 people since Wednesday. "
      "The government said its forces had repelled the attack.")
T3 = ("The jihadists approached the city of Aleppo on Friday, which they bombed, according to the Observatory. "
      "The fighting has left at least 242 dead since Wednesday, the Syrian Observatory for Human Rights said. "
      "The Syrian army said the attackers \u201cdid not reach the city limits\u201d. "
      "Rebels said they had entered the western districts of Aleppo.")
HOSTILE = ("<script>alert('x')</script> An article whose text contains markup: <b>bold</b> & \"quotes\". "
           "Fighting was reported near Idlib by the rebels.")


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append(Sentence(start, i + 1, text[start:i + 1]))
            start = i + 2
    if start < len(text):
        out.append(Sentence(start, len(text), text[start:]))
    return out


def _sentence_of(text: str, start: int) -> str:
    for s in _sentences(text):
        if s.start <= start < s.end:
            return s.text
    return text


def _ann(text: str, places: list[tuple[str, Place | None]], actors: list[tuple[str, str, int]],
         times: list[tuple[str, str]]) -> Annotations:
    ann = Annotations(sentences=_sentences(text))
    for surface, place in places:
        s, e = _span(text, surface)
        ann.places.append(PlaceMention(s, e, surface, place, score=0.9 if place else None))
    for surface, actor, inter in actors:
        pos = 0
        while True:
            i = text.find(surface, pos)
            if i < 0:
                break
            ann.actors.append(ActorMention(i, i + len(surface), surface, actor, inter, "ORG", True))
            pos = i + len(surface)
    for surface, value in times:
        s, e = _span(text, surface)
        ann.times.append(TimeRef(s, e, surface, value, "DATE", "day"))
    ann.actors.sort(key=lambda a: a.start)
    return ann


def _figure(fid: str, aid: str, text: str, surface: str, value: float, qualifier: str, as_of: str,
            attributed_to: str | None, category: str = "killed") -> Figure:
    s, e = _span(text, surface)
    return Figure(fid, aid, category, value, low=value, qualifier=qualifier, unit="people", scope="since Wednesday",
                  as_of=as_of, attributed_to=attributed_to, start=s, end=e, sentence=_sentence_of(text, s))


def _claim(cid: str, aid: str, text: str, content: str, source: str, actor: str, kind: str = "reported") -> Claim:
    cs, ce = _span(text, content)
    ss, se = _span(text, source)
    return Claim(cid, aid, kind, content, actor, SpanRef(ss, se, source, actor), None, SpanRef(cs, ce, content),
                 _sentence_of(text, cs), min(cs, ss), max(ce, se))


def build_sample_db(path: str) -> dict[str, list[str]]:
    """Write the sample database at `path` (a new file); returns {story_id: [article ids]}."""
    store = Store(path)
    try:
        return _fill(store)
    finally:
        store.close()


def _fill(store: Store) -> dict[str, list[str]]:
    s1, s2, s3 = "s-2020-aleppo-car-bombs", "s-2024-aleppo-offensive", "s-markup"
    arts = [
        Article("a-wire", WIRE, "examples/wire.txt", "Rebels hit government forces west of Aleppo with car bombs",
                None, "Reuters", "en", "2020-02-01"),
        Article("a-copy-a", COPY_A, "examples/copy-a.txt", "Car bombs west of Aleppo", None, "Daily Levant", "en",
                "2020-02-01"),
        Article("a-copy-b", COPY_B, "examples/copy-b.txt", "Jihadists attack with car bombs near Aleppo",
                "https://example.org/b", "State News", "en", "2020-02-02"),
        Article("a-t1", T1, "examples/t1.txt", "Jihadists launch offensive in northwest Syria", None, "AFP", "en",
                "2024-11-27"),
        Article("a-t2", T2, "examples/t2.txt", "HTS advances toward Aleppo", None, "Levant Times", "en",
                "2024-11-28"),
        Article("a-t3", T3, "examples/t3.txt", "Jihadists at the gates of Aleppo, 242 dead", None, "France 24", "en",
                "2024-11-29"),
        Article("a-markup", HOSTILE, "examples/markup.txt", "<script>alert('title')</script> & markup", None,
                "<i>Outlet</i>", "en", "2023-05-05"),
    ]
    for a in arts:
        a.content_hash = a.id
        store.add_article(a)

    hts = ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", 2)
    ann = {
        "a-wire": _ann(WIRE, [("Aleppo", ALEPPO)],
                       [("Rebel groups", "Syrian rebels", 2), ("government forces", "Syrian government", 1), hts,
                        ("Syrian army", "Syrian government", 1)], [("Saturday", "2020-02-01")]),
        "a-copy-a": _ann(COPY_A, [("Aleppo", ALEPPO)],
                         [("Rebel groups", "Syrian rebels", 2), ("government forces", "Syrian government", 1), hts,
                          ("regime", "Syrian government", 1)], [("Saturday", "2020-02-01")]),
        "a-copy-b": _ann(COPY_B, [("Aleppo", ALEPPO)],
                         [("Rebels", "Syrian rebels", 2), ("jihadists", "Syrian rebels", 2), hts,
                          ("the army", "Syrian government", 1)], [("Saturday", "2020-02-01")]),
        "a-t1": _ann(T1, [("northwest Syria", None)],
                     [("jihadists", "Hayat Tahrir al-Sham", 2), ("regime", "Syrian government", 1),
                      (OSDH, OSDH, 7)], [("Wednesday", "2024-11-27")]),
        "a-t2": _ann(T2, [("Aleppo", ALEPPO)],
                     [hts, ("government", "Syrian government", 1), (OSDH, OSDH, 7)], [("Thursday", "2024-11-28")]),
        "a-t3": _ann(T3, [("Aleppo", ALEPPO)],
                     [("jihadists", "Hayat Tahrir al-Sham", 2), ("Syrian army", "Syrian government", 1),
                      (OSDH, OSDH, 7), ("Rebels", "Hayat Tahrir al-Sham", 2)], [("Friday", "2024-11-29")]),
        "a-markup": _ann(HOSTILE, [("Idlib", IDLIB)], [("rebels", "Syrian rebels", 2)], []),
    }
    aleppo_ev = EventPlace("Al-Rashidin", 36.1833, 37.05, "SY", "Aleppo", None, 2)
    figures = {
        "a-copy-b": [_figure("f-b20", "a-copy-b", COPY_B, "20", 20, "exact", "2020-02-01", "State media")],
        "a-t1": [_figure("f-57", "a-t1", T1, "57", 57, "exact", "2024-11-27", OSDH)],
        "a-t2": [_figure("f-132", "a-t2", T2, "132", 132, "exact", "2024-11-28", OSDH)],
        "a-t3": [_figure("f-242", "a-t3", T3, "242", 242, "at least", "2024-11-29", OSDH)],
    }
    claims = {
        "a-wire": [_claim("c-wire-hts", "a-wire", WIRE, "Two of the attacks were carried out by suicide bombers",
                          "a source in the group", "Hayat Tahrir al-Sham")],
        "a-copy-b": [_claim("c-b-army", "a-copy-b", COPY_B, "the army repelled the assault", "State media",
                            "Syrian government")],
        "a-t2": [_claim("c-t2-gov", "a-t2", T2, "its forces had repelled the attack", "The government",
                        "Syrian government")],
        "a-t3": [_claim("c-t3-army", "a-t3", T3, "\u201cdid not reach the city limits\u201d", "The Syrian army",
                        "Syrian government", "direct"),
                 _claim("c-t3-rebels", "a-t3", T3, "they had entered the western districts of Aleppo", "Rebels",
                        "Hayat Tahrir al-Sham")],
    }
    events = {
        "a-wire": [Event("ev-wire", "a-wire", "Explosions/Remote violence", "Suicide bomb", "2020-02-01", 1,
                         "Hayat Tahrir al-Sham", "Military Forces of Syria", 2, 1, aleppo_ev, 0,
                         trigger="car bombs")],
        "a-t3": [Event("ev-t3", "a-t3", "Battles", "Armed clash", "2024-11-29", 1, "Hayat Tahrir al-Sham",
                       "Military Forces of Syria", 2, 1, EventPlace("Aleppo", ALEPPO.lat, ALEPPO.lon, "SY", "Aleppo",
                                                                   170063, 1), 242, figure_ids=["f-242"])],
    }
    for a in arts:
        store.save_extraction(Extraction(a.id, ann[a.id], events.get(a.id, []), figures.get(a.id, []),
                                         claims.get(a.id, [])))

    # copies: a-copy-a reprints the wire; a-copy-b shares one sentence
    ws = len("Fighting escalated near Aleppo this weekend. ")
    store.save_copies("a-copy-a", [CopyLink("a-copy-a", "a-wire", len(WIRE), len(WIRE) / len(COPY_A),
                                            [(ws, ws + len(WIRE), 0, len(WIRE))], "passage")])
    shared = "Two of the attacks were carried out by suicide bombers of Hayat Tahrir al-Sham, a source in the group said."
    bs, be = _span(COPY_B, shared)
    wsb, web = _span(WIRE, shared)
    store.save_copies("a-copy-b", [CopyLink("a-copy-b", "a-wire", len(shared), len(shared) / len(COPY_B),
                                            [(bs, be, wsb, web)], "passage")])

    story1 = Story(
        s1, ["a-wire", "a-copy-a", "a-copy-b"], "Rebels attack government forces west of Aleppo with three car bombs",
        None, [{"text": WIRE.split(". ")[0] + ".", "article_id": "a-wire", "start": 0,
                "end": len(WIRE.split(". ")[0]) + 1}], "2020-02-01", "2020-02-02",
        events=[StoryEvent("se-2020-1", "Explosions/Remote violence", "Suicide bomb", "2020-02-01", 1,
                           "Hayat Tahrir al-Sham", "Military Forces of Syria", aleppo_ev, 0,
                           ["a-wire", "a-copy-a", "a-copy-b"], [], ["c-wire-hts"], ["ev-wire"], 2, 1,
                           sources=["Reuters", "Daily Levant", "State News"])],
        series=[], disagreements=[Disagreement("Outcome of the car bomb attacks", "outcome", [
            DisagreementSide("succeeded (attacks carried out)", "Hayat Tahrir al-Sham", ["c-wire-hts"], [],
                             ["a-wire"]),
            DisagreementSide("repelled", "Syrian government", ["c-b-army"], ["f-b20"], ["a-copy-b"])],
            "se-2020-1")],
        independent_groups=[["a-wire", "a-copy-a"], ["a-copy-b"]], first_reporter="a-wire")
    story1.summary = " ".join(s["text"] for s in story1.summary_sentences)

    t3_first = _sentences(T3)[1]
    story2 = Story(
        s2, ["a-t1", "a-t2", "a-t3"], "Jihadist-led offensive reaches Aleppo; at least 242 dead", None,
        [{"text": _sentences(T1)[0].text, "article_id": "a-t1", "start": 0, "end": _sentences(T1)[0].end},
         {"text": t3_first.text, "article_id": "a-t3", "start": t3_first.start, "end": t3_first.end}],
        "2024-11-27", "2024-11-29",
        events=[StoryEvent("se-2024-1", "Battles", "Armed clash", "2024-11-29", 1, "Hayat Tahrir al-Sham",
                           "Military Forces of Syria", EventPlace("Aleppo", ALEPPO.lat, ALEPPO.lon, "SY", "Aleppo",
                                                                  170063, 1),
                           242, ["a-t1", "a-t2", "a-t3"], ["f-57", "f-132", "f-242"], ["c-t3-army", "c-t3-rebels"],
                           ["ev-t3"], 2, 1, sources=["AFP", "Levant Times", "France 24"]),
                StoryEvent("se-2024-2", "Battles", "Armed clash", "2024-11-28", 1, "Hayat Tahrir al-Sham",
                           "Military Forces of Syria", EventPlace("Idlib", IDLIB.lat, IDLIB.lon, "SY", "Idlib",
                                                                  169389, 2),
                           None, ["a-t2"], [], ["c-t2-gov"], [], 2, 1, sources=["Levant Times"])],
        series=[FigureSeries("fs-killed", "killed", None, [
            {"figure_id": "f-57", "value": 57, "qualifier": "exact", "as_of": "2024-11-27", "attributed_to": OSDH,
             "article_id": "a-t1"},
            {"figure_id": "f-132", "value": 132, "qualifier": "exact", "as_of": "2024-11-28", "attributed_to": OSDH,
             "article_id": "a-t2"},
            {"figure_id": "f-242", "value": 242, "qualifier": "at least", "as_of": "2024-11-29",
             "attributed_to": OSDH, "article_id": "a-t3"}], 242, 1)],
        disagreements=[Disagreement("Did the attackers enter Aleppo?", "outcome", [
            DisagreementSide("did not reach the city limits", "Syrian government", ["c-t3-army"], [], ["a-t3"]),
            DisagreementSide("entered the western districts", "Hayat Tahrir al-Sham", ["c-t3-rebels"], [], ["a-t3"])],
            "se-2024-1")],
        independent_groups=[["a-t1"], ["a-t2"], ["a-t3"]], first_reporter="a-t1")
    story2.summary = " ".join(s["text"] for s in story2.summary_sentences)

    story3 = Story(s3, ["a-markup"], "<script>alert('story')</script> Markup story", "<b>not bold</b>",
                   [{"text": "<b>not bold</b>", "article_id": "a-markup", "start": 0, "end": 10}],
                   "2023-05-05", "2023-05-05")

    for story, outlets in ((story1, 3), (story2, 3), (story3, 1)):
        for aid in story.article_ids:
            store.mark_analyzed(aid, story.id, None)
        store.save_story(story, n_outlets=outlets)
    return {s.id: list(s.article_ids) for s in (story1, story2, story3)}
