"""Tests for the link stage: stories, duplicates, copy lineage, credited wires, state, eval commands."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from triangulate.link import Linker, LinkResult, independent_groups, story_id_for
from triangulate.link.copies import credited_wires
from triangulate.model import Annotations, Article, CopyLink

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
FIX = Path(__file__).resolve().parent / "fixtures"
# Publication dates are article metadata (the pipeline's ingest supplies them); 000-002: Feb 2020, 003-004: Nov 2024.
SEED_DATES = ["2020-02-01", "2020-02-01", "2020-02-02", "2024-11-29", "2024-11-30"]


def art(aid: str, text: str, published: str | None = None, **kw) -> Article:
    return Article(aid, text, "test", published=published, content_hash=hashlib.sha1(text.encode()).hexdigest(), **kw)


def run_seeds() -> tuple[Linker, dict[str, LinkResult]]:
    linker = Linker.load(None)
    out = {}
    for path, day in zip(SEEDS, SEED_DATES):
        aid = path.name[:3]
        out[aid] = linker.add(art(aid, path.read_text(encoding="utf-8"), day), Annotations())
    return linker, out


def test_seed_stories_and_copies():
    linker, res = run_seeds()
    stories = {a: linker.story_of(a) for a in res}
    assert stories["000"] == stories["001"] == stories["002"]
    assert stories["003"] == stories["004"]
    assert stories["000"] != stories["003"]
    assert stories["000"] == story_id_for("000")  # the story id derives from its first article
    for aid in ("001", "002"):
        srcs = {c.source_id for c in res[aid].copies if c.kind == "passage"}
        assert "000" in srcs
        c = next(c for c in res[aid].copies if c.source_id == "000" and c.kind == "passage")
        text = SEEDS[int(aid)].read_text(encoding="utf-8")
        src = SEEDS[0].read_text(encoding="utf-8")
        assert c.passages and 0 < c.share < 1 and c.shared_chars <= len(text)
        s, e, ss, se = c.passages[0]
        assert 0 <= s < e <= len(text) and 0 <= ss < se <= len(src)
    # 000 cites Reuters as its source -> a credited-wire link
    assert any(c.kind == "credited-wire" and c.source_id == "wire:Reuters" for c in res["000"].copies)


def test_state_roundtrip_is_deterministic():
    a, ra = run_seeds()
    b, rb = run_seeds()
    assert a.dumps() == b.dumps()
    restored = Linker.load(a.dumps())
    assert {x: restored.story_of(x) for x in ra} == {x: a.story_of(x) for x in ra}
    r = restored.add(art("005", SEEDS[0].read_text(encoding="utf-8") + " ", "2020-02-03"), Annotations())
    assert r.story_id == a.story_of("000")


def test_exact_and_near_duplicates():
    body = ("Firefighters battled a large blaze at the Norwood textile warehouse on Monday night, and two workers were "
            "taken to hospital with smoke inhalation, the county fire chief said. The cause of the fire at the warehouse on "
            "Mill Road is under investigation, and the road will stay closed until Wednesday, officials added. ") * 2
    linker = Linker()
    linker.add(art("a", body, "2021-03-01"), Annotations())
    r = linker.add(art("b", body, "2021-03-01"), Annotations())
    assert r.duplicate_of == "a" and r.copies[0].kind == "duplicate"
    r2 = linker.add(art("c", body.replace("Monday night", "Monday evening"), "2021-03-02"), Annotations())
    assert r2.duplicate_of == "a"
    assert any(c.kind == "near-duplicate" for c in r2.copies)
    other = ("The central bank left interest rates unchanged on Thursday, citing stable inflation and a cooling labour "
             "market, and signalled that it could cut rates later in the year if prices keep easing.")
    r3 = linker.add(art("d", other, "2021-03-02"), Annotations())
    assert r3.duplicate_of is None and not [c for c in r3.copies if c.kind != "credited-wire"]
    assert r3.story_id != r.story_id


def test_light_edits_keep_passage():
    src = ("Rebel fighters from Hayat Tahrir al-Sham attacked positions held by Syrian government forces near the town of "
           "Saraqeb on Sunday, a monitoring group said, adding that at least twelve soldiers were killed in the clashes "
           "that lasted until the early hours of Monday morning.")
    edited = ("Analysis. " + src.replace("al-Sham", "al Sham").replace("Syrian government", "regime") +
              " Residents fled north toward the Turkish border.")
    linker = Linker()
    linker.add(art("src", src, "2020-01-01"), Annotations())
    r = linker.add(art("copy", edited, "2020-01-02"), Annotations())
    c = next(c for c in r.copies if c.source_id == "src")
    assert c.shared_chars >= 0.7 * len(src)  # the edits did not cut the passage
    assert c.passages[0][2] < 40  # aligned to the start of the source


def test_credited_wire_detection():
    assert credited_wires(art("x", "LONDON (Reuters) - Prices rose."))[0][:2] == ("Reuters", "dateline")
    assert credited_wires(art("y", "The minister told AFP on Monday that talks would resume."))[0][0] == "AFP"
    assert credited_wires(art("z", "The apple harvest was good this year, farmers said.")) == []


def test_independent_groups():
    copies = [CopyLink("b", "a", 500, 0.5, [(0, 500, 0, 500)]), CopyLink("d", "c", 20, 0.01, [(0, 20, 0, 20)]),
              CopyLink("e", "wire:AP", 100, 1.0, [], "credited-wire"), CopyLink("f", "wire:AP", 100, 1.0, [], "credited-wire")]
    groups = independent_groups(["a", "b", "c", "d", "e", "f"], copies)
    assert groups == [["a", "b"], ["c"], ["d"], ["e", "f"]]


def test_entity_annotations_are_no_story_terms():
    """A resolved city and a canonical actor are shared by every report of that city's events: they must not make
    two look-alike reports one story (with the pipeline's annotations they cost GVA dev F1 .900 -> .857)."""
    from triangulate.model import ActorMention, Place, PlaceMention
    city = Place("Riverton", 40.0, -75.0, 1, "US", feature="city")
    ann = Annotations(places=[PlaceMention(0, 8, "Riverton", city)],
                      actors=[ActorMention(10, 16, "police", "police"), ActorMention(20, 26, "Varga", "Tomas Varga")])
    linker = Linker()
    r1 = linker.add(art("p", "Riverton police said a man was wounded on Elm Street.", "2018-01-01"), ann)
    r2 = linker.add(art("q", "Gunfire near the harbour left a teenager hurt, officers said.", "2018-01-01"), ann)
    assert r1.story_id != r2.story_id


def test_eval_stories_on_fixture(tmp_path):
    from triangulate.eval.stories import command
    out = CliRunner().invoke(command, ["giveme5w1h", "--data", str(FIX / "stories"), "--cache", str(tmp_path)])
    assert out.exit_code == 0, out.output
    line = next(x for x in out.output.splitlines() if x.startswith("linker"))
    f1 = float(line.split("F1=")[1].split()[0])
    assert f1 >= 0.9 and "clusters=3" in line
    assert "baseline" in out.output


def test_eval_lineage_on_fixture():
    from triangulate.eval.lineage import command
    out = CliRunner().invoke(command, ["--data", str(FIX / "lineage"), "--pairs", str(FIX / "lineage" / "none.tsv")])
    assert out.exit_code == 0, out.output
    assert "1 wire-credited articles, 1 uncredited" in out.output
    assert "flagged wire-originated 1/1 credited, 0/1 uncredited" in out.output


def test_site_boilerplate_does_not_join_stories():
    # Two unrelated reports from one site share a long subscription prompt; a third site's report of the first event
    # must still join the first one, and the two unrelated reports must stay apart.
    prompt = ("Get email notifications on this reporter daily! Your notification has been saved. There was a problem "
              "saving your notification. Whenever this reporter publishes a story you will get an alert in your inbox. ")
    first = ("A fire destroyed the Harwick grain elevator on Tuesday night and crews from three counties fought the "
             "flames until dawn, the fire marshal said. No one was hurt.")
    second = ("The Lenmoor school board approved a new four-year teachers' contract on Monday after months of "
              "negotiations, raising salaries by three percent a year.")
    third = ("Harwick grain elevator fire: crews from three counties battled the flames overnight, the fire marshal "
             "said, and the elevator was destroyed.")
    linker = Linker()
    urls = ["https://web.archive.org/web/2015/http://www.dailyexample.com/a", "http://dailyexample.com/b",
            "http://dailyexample.com/c"]
    r0 = linker.add(art("w0", prompt + "Weather: sunny skies expected for the weekend across the valley.", "2015-01-01",
                        url=urls[0]), Annotations())
    r1 = linker.add(art("w1", prompt + first, "2015-01-02", url=urls[1]), Annotations())
    r2 = linker.add(art("w2", prompt + second, "2015-01-02", url=urls[2]), Annotations())
    r3 = linker.add(art("w3", third, "2015-01-03", url="http://othersite.example/x"), Annotations())
    assert r2.story_id != r1.story_id and r1.story_id != r0.story_id
    assert r3.story_id == r1.story_id
    # the site's segment counts saw the prompt in every article of that site
    from triangulate.link.features import host_of, segments
    assert host_of(urls[0]) == host_of(urls[1]) == "dailyexample.com"
    h = segments(prompt)[0][0]
    assert linker.site_segments["dailyexample.com"][h] == 3


def test_names_weigh_more_than_common_words():
    from triangulate.link.features import term_counts, term_hash
    counts, _ = term_counts("Police said Oscar Garcia was shot in Vallejo. Police arrested a man.", name_weight=2.0)
    assert counts[term_hash("garcia")] == 2.0 and counts[term_hash("vallejo")] == 2.0
    assert counts[term_hash("police")] == 2.0  # sentence-initial twice: 1 + 1, not a name cue
    assert counts[term_hash("shot")] == 1.0


def _house_stream(cfg=None):
    """A site whose every report carries its house vocabulary (hospital, police district), then two of its reports of
    different incidents that share only that vocabulary."""
    from triangulate.link import LinkConfig
    linker = Linker(cfg or LinkConfig())
    house = ["Stroger", "Calloway", "Harrison", "Englewood", "Kedzie", "Pulaski"]  # the site's city, hospital, ...

    def house_sentence(i: int) -> str:  # the same words, never the same sentence (so not boilerplate)
        words = house[i % 6:] + house[: i % 6]
        return f"{' '.join(words)} reported {i} times."

    topics = ["orchard cider festival apples", "library budget council vote", "marathon runners bridge closure",
              "bakery opening croissants downtown", "snowstorm plows salt shortage", "zoo panda birth keepers",
              "election ballots recount clerk", "museum dinosaur exhibit fossils", "concert stadium tickets tour",
              "harbor ferry schedule winter", "bridge repaint contract steel", "farmers market vendors permits"]
    for i, t in enumerate(topics):
        linker.add(art(f"h{i}", f"{house_sentence(i)} Other news: {t} {t}.", "2016-01-0%d" % (1 + i % 9),
                       url=f"http://calloway-news.example/{i}"), Annotations())
    a = linker.add(art("ha", f"A man was shot near a laundromat. {house_sentence(20)} {house_sentence(21)}",
                       "2016-01-10", url="http://calloway-news.example/a"), Annotations())
    b = linker.add(art("hb", f"Two teens were wounded outside a gym. {house_sentence(22)} {house_sentence(23)}",
                       "2016-01-11", url="http://calloway-news.example/b"), Annotations())
    return linker, a, b


def test_site_house_vocabulary_is_no_evidence():
    from triangulate.link import LinkConfig
    _, a, b = _house_stream(LinkConfig(site_power=0.0))
    assert a.story_id == b.story_id  # without the site factor, the shared house sentence glues them
    linker, a, b = _house_stream()
    assert a.story_id != b.story_id
    assert linker.site_n["calloway-news.example"] == 14
    from triangulate.link.features import term_hash
    assert linker.site_df["calloway-news.example"][term_hash("stroger")] == 14


def test_site_factor_starts_after_site_min_articles():
    from triangulate.link import LinkConfig
    from triangulate.link.features import term_hash
    linker = Linker(LinkConfig(site_power=2.0, site_min=2))
    h = term_hash("stroger")
    a = art("x", "Stroger Hospital", url="http://s.example/1")
    assert linker._site_share(a, {h: 1.0, 7: 1.0}) == {}  # no history yet
    linker._site_share(a, {h: 1.0})
    out = linker._site_share(a, {h: 1.0, 7: 1.0})  # 2 earlier articles: the term in both, 7 in one
    assert out[h] == 0.0 and out[7] == (1 - 1 / 2) ** 2


def _topic_embedder(article):
    # a fake embedder: the topic is the first word of the text
    return {"quake": [1.0, 0.1, 0.0], "vote": [0.0, 1.0, 0.1]}[article.text.split()[0].lower().strip(":")]


def test_embeddings_blend_and_state_without_embedder():
    from triangulate.link import LinkConfig
    cfg = LinkConfig(embed_weight=0.6, embed_threshold=0.5, embed_merge=0.9)
    linker = Linker(cfg, _topic_embedder)
    r1 = linker.add(art("e1", "Quake shakes Ormsby valley, homes damaged near the dam.", "2019-05-01"), Annotations())
    r2 = linker.add(art("e2", "Quake: tremor rattled residents overnight, officials inspect bridges.", "2019-05-01"),
                    Annotations())
    r3 = linker.add(art("e3", "Vote count delayed in Ormsby valley council race near the dam.", "2019-05-01"),
                    Annotations())
    assert r1.story_id == r2.story_id != r3.story_id
    plain = Linker()
    p1 = plain.add(art("e1", "Quake shakes Ormsby valley, homes damaged near the dam.", "2019-05-01"), Annotations())
    p2 = plain.add(art("e2", "Quake: tremor rattled residents overnight, officials inspect bridges.", "2019-05-01"),
                   Annotations())
    assert p1.story_id != p2.story_id  # TF-IDF alone sees little in common
    restored = Linker.load(linker.dumps())  # the embedder is not persisted; without one the linker uses TF-IDF alone
    assert restored.embedder is None and not restored.embedding_on
    assert Linker.load(linker.dumps(), _topic_embedder).embedding_on


def test_embedding_lead_text():
    from triangulate.link.embed import lead
    assert lead(art("l", "Body text.", title="Headline")) == "Headline\nBody text."
    assert lead(art("l", "Headline. Body text.", title="Headline")) == "Headline. Body text."


def test_eval_stories_embeddings_are_cached(tmp_path, monkeypatch):
    from triangulate.eval.stories import command
    from triangulate.link import embed
    calls = []

    def fake_encode(self, texts):
        calls.append(len(texts))
        return [[1.0, float(len(t) % 7), 0.5] for t in texts]

    monkeypatch.setattr(embed.MiniLM, "encode", fake_encode)
    monkeypatch.setenv("TRIANGULATE_CACHE", str(tmp_path))
    args = ["giveme5w1h", "--data", str(FIX / "stories"), "--embeddings", "--no-baseline"]
    out = CliRunner().invoke(command, args)
    assert out.exit_code == 0, out.output
    assert "linker" in out.output and sum(calls) > 0
    n = len(list((tmp_path / "link-emb").iterdir()))
    assert n == sum(calls)
    calls.clear()
    assert CliRunner().invoke(command, args).exit_code == 0
    assert calls == []  # the second run reads every embedding from the cache


def test_long_inactive_story_takes_only_a_close_match():
    from triangulate.link import LinkConfig

    first = ("The Zambezi River dam at Kariba cracked on Monday, flooding the Siavonga valley; engineers from "
             "Zesco evacuated 4000 villagers from Sinazongwe and Mazabuka as the Kariba spillway failed.")
    close = ("Kariba dam crack: Zesco engineers say the Kariba spillway failure that flooded the Siavonga valley "
             "and forced 4000 villagers from Sinazongwe and Mazabuka out was caused by erosion.")
    loose = ("Farmers near Lusaka complain about sugar prices; a Zesco tariff rise adds to costs, the cooperative "
             "chairman told a meeting on Friday about the harvest and the Kariba dam power supply to the valley.")
    for far_days, joined in ((730, True), (0, False)):
        linker = Linker(LinkConfig(far_days=far_days))
        linker.add(art("a", first, "2020-01-01"), Annotations())
        linker.add(art("c", loose, "2020-08-31"), Annotations())  # 243 days later: beyond the 120-day window
        linker.add(art("b", close, "2020-09-01"), Annotations())
        assert (linker.story_of("b") == linker.story_of("a")) is joined
        assert linker.story_of("c") != linker.story_of("a")


def test_eval_stories_passes_the_pipelines_annotations(tmp_path):
    """The eval hands the linker what `analyze` does: places, resolved times and actors, cached for re-runs."""
    from triangulate.eval.stories import pipeline_annotations
    items = [(art("e1", "Two people were shot in Chicago on Saturday night, police said.", "2018-03-05"), "g")]
    ann = pipeline_annotations(items, tmp_path)["e1"]
    assert any(t.value == "2018-03-03" for t in ann.times)
    assert any(p.place and p.place.name == "Chicago" for p in ann.places)
    assert list((tmp_path / "ann").iterdir()) and list((tmp_path / "parses").iterdir())
    assert pipeline_annotations(items, tmp_path)["e1"] == ann


def test_eval_stories_annotation_cache_is_keyed_by_the_annotate_code(tmp_path, monkeypatch):
    import triangulate.eval.stories as stories

    items = [(art("e1", "Two people were shot in Chicago on Saturday night, police said.", "2018-03-05"), "g")]
    stories.pipeline_annotations(items, tmp_path)
    assert len(list((tmp_path / "ann").iterdir())) == 1
    stories.pipeline_annotations(items, tmp_path)  # same code: served from the cache
    assert len(list((tmp_path / "ann").iterdir())) == 1
    monkeypatch.setattr(stories, "_annotate_fingerprint", lambda: "changed annotate code")
    stories.pipeline_annotations(items, tmp_path)  # other code: annotated anew, not served the old result
    assert len(list((tmp_path / "ann").iterdir())) == 2


def _slot_ann(day: str, town: tuple[float, float], start: int = 20):
    from triangulate.model import Place, PlaceMention, TimeRef
    place = Place("Riverton", town[0], town[1], 7, "US", feature="city")
    return Annotations(places=[PlaceMention(3, 11, "Riverton", place)],
                       times=[TimeRef(start, start + 8, "Saturday", day, "DATE", "day")])


def test_event_slots_read_the_lead():
    from triangulate.link.features import parse_day
    from triangulate.link.slots import event_day, event_town
    ann = _slot_ann("2018-03-03", (40.0, -75.0))
    # "on Saturday" in reports published on Monday and on Sunday: one event day
    assert event_day(ann, parse_day("2018-03-05")) == event_day(ann, parse_day("2018-03-04")) == parse_day("2018-03-03")
    assert event_day(ann, parse_day("2018-03-02")) is None  # a day after publication is no event day
    assert event_day(ann, parse_day("2018-05-01")) is None  # weeks before publication: background
    assert event_day(_slot_ann("2018-03-03", (40.0, -75.0), start=2000), parse_day("2018-03-05")) is None
    assert event_town(ann) == (40.0, -75.0)
    from triangulate.model import Place, PlaceMention
    country = Annotations(places=[PlaceMention(0, 2, "US", Place("United States", 39.8, -98.5, 1, "US", feature="country"))])
    assert event_town(country) is None


def test_same_day_and_town_raise_the_score_only_together():
    linker = Linker()
    text = "A man was shot outside a bar in Riverton on Saturday night, police said."
    linker.add(art("s1", text, "2018-03-04"), _slot_ann("2018-03-03", (40.0, -75.0)))
    st = linker.stories[linker.story_of("s1")]
    probe = Linker()._vector(art("s2", "A teenager was wounded near the Riverton harbour.", "2018-03-05"))
    same = linker._score(probe, st, None, slots={"D": [736756], "T": [(40.01, -75.0)]})
    other_day = linker._score(probe, st, None, slots={"D": [736756 + 9], "T": [(40.01, -75.0)]})
    other_town = linker._score(probe, st, None, slots={"D": [736756], "T": [(41.5, -75.0)]})
    assert st["D"] == [736756] and st["T"] == [(40.0, -75.0)]
    assert abs(same - other_day - linker.cfg.slot_bonus) < 1e-9
    assert other_day == other_town


def _people_ann(*names: str):
    from triangulate.model import ActorMention
    out, pos = [], 0
    for name in names:
        out.append(ActorMention(pos, pos + len(name), name, name, label="PERSON"))
        pos += len(name) + 10
    return Annotations(actors=out)


def test_event_people_are_the_leads_surnames():
    from triangulate.link.slots import event_people
    from triangulate.model import ActorMention
    ann = _people_ann("Officer Jane Doe", "Smith", "John O'Brien", "Jane Doe", "Photo by")
    assert event_people(ann) == ["doe", "o'brien"]  # one-word and lower-case "names" are no evidence
    late = Annotations(actors=[ActorMention(5000, 5007, "Ann Lee", "Ann Lee", label="PERSON")])
    assert event_people(late) == []  # past the lead: background


def test_two_agreeing_slots_raise_the_score_a_shared_person_counting_as_one():
    linker = Linker()
    linker.add(art("p1", "Jane Doe was shot outside a bar in Riverton on Saturday night.", "2018-03-04"),
               Annotations(places=_slot_ann("2018-03-03", (40.0, -75.0)).places, actors=_people_ann("Jane Doe").actors))
    st = linker.stories[linker.story_of("p1")]
    assert st["P"] == ["doe"]
    linker.n_docs = 40  # one earlier lead of forty names Doe: a distinctive name
    probe = Linker()._vector(art("p2", "A woman was wounded near the Riverton harbour.", "2018-03-09"))
    town = [(40.01, -75.0)]
    town_only = linker._score(probe, st, None, slots={"T": town, "P": ["roe"]})
    town_and_person = linker._score(probe, st, None, slots={"T": town, "P": ["doe"]})
    assert abs(town_and_person - town_only - linker.cfg.slot_bonus) < 1e-9
    linker.people_df["doe"] = 30  # a name in most leads (a president's) is no evidence
    assert linker._score(probe, st, None, slots={"T": town, "P": ["doe"]}) == town_only


def test_undated_articles_have_no_person_slot():
    from triangulate.link.features import parse_day
    from triangulate.link.slots import event_slots
    ann = _people_ann("Jane Doe")
    assert event_slots(ann, None)["P"] == [] and event_slots(ann, parse_day("2018-03-04"))["P"] == ["doe"]
