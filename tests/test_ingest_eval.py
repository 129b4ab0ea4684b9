"""`triangulate eval pubdate` on a small synthetic fixture in the GVA / Giveme5W1H formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from triangulate.eval.pubdate import command, evaluate, load_corpora

FIX = Path(__file__).parent / "fixtures" / "ingest" / "pubdate"


def test_pubdate_eval_on_fixture():
    result = CliRunner().invoke(command, ["--data", str(FIX), "--split", "all", "--json"])
    assert result.exit_code == 0, result.output
    res = json.loads(result.output)
    gva = res["gva"]
    assert gva["own_text_conf>=0.5"]["n"] == 4
    # g1: Posted line (exact); g3: "Friday, July 8" + 2015 as the past -> 2016-07-08, one day before its dct
    assert gva["own_text_conf>=0.5"]["answered"] == 2
    assert gva["own_text_conf>=0.5"]["exact_pct"] == 50.0 and gva["own_text_conf>=0.5"]["within1_pct"] == 100.0
    assert gva["methods"]["dateline"]["exact_pct"] == 100.0
    # g2 (Monday/Wednesday, story anchor 2015-03-03 Tuesday) -> Monday 2015-03-02; g4 -> story median
    assert gva["story_completion"]["n"] == 2 and gva["final"]["answered"] == 4
    assert res["cluster"]["story_completion"]["n"] == 2


def test_load_corpora_reads_both_formats():
    c = load_corpora(FIX)
    assert {d["id"] for d in c["gva"]} == {"g1", "g2", "g3", "g4"}
    assert [d["gold"] for d in c["cluster"]] == ["2017-12-27", "2017-12-27"]
    assert evaluate(c["cluster"])["final"]["answered"] == 2
