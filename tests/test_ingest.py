"""Ingest readers, cleaning, outlets and ids, on small synthetic fixtures (tests/fixtures/ingest)."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from pathlib import Path

import pytest

from triangulate.ingest import clean_text, content_hash, read_inputs
from triangulate.ingest.outlets import outlet_from_domain, url_domain
from triangulate.model import Article, Rejected

FIX = Path(__file__).parent / "fixtures" / "ingest"


def _read(*inputs, **kw):
    items = list(read_inputs([str(i) for i in inputs], **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


# --------------------------------------------------------------------------- formats


def test_latin1_text_decoded_with_source_outlet_and_title():
    arts, rej = _read(FIX / "latin1_report.txt")
    assert not rej and len(arts) == 1
    a = arts[0]
    assert a.id == "latin1_report"
    assert "São Paulo" in a.text and "café" in a.text
    assert a.outlet == "Folha Diária"
    assert "Source:" not in a.text and "Source: Folha" in a.raw_text
    assert a.title == "Flooding hits Sao Paulo suburbs"
    assert a.language == "en"
    assert a.content_hash == content_hash(a.text)


def test_html_metadata_via_trafilatura():
    arts, rej = _read(FIX / "report.html")
    assert not rej and len(arts) == 1
    a = arts[0]
    assert a.title == "Storm closes port of Riverton"
    assert a.outlet == "Example Times"
    assert a.published == "2021-03-04" and a.published_method == "metadata" and not a.published_inferred
    assert a.url == "https://www.exampletimes.com/news/storm-port"
    assert a.text.startswith("A powerful storm")
    assert "Home" not in a.text and "Share this article" not in a.text


def test_html_in_txt_is_sniffed():
    arts, _ = _read(FIX / "page_saved_as.txt")
    assert len(arts) == 1
    assert "<p>" not in arts[0].text and arts[0].text.startswith("The Old Mill bridge")


def test_json_list_forms_and_meta():
    arts, rej = _read(FIX / "records.json")
    assert not rej
    by_id = {a.id: a for a in arts}
    plain = by_id["plain-1"]
    assert plain.outlet == "Reuters" and plain.published == "2022-05-01"
    np_id = "https%3A%2F%2Fwww.bbc.co.uk%2Fnews%2Fx"  # news-please: filename minus .json
    npl = by_id[np_id]
    assert npl.text.startswith("Police arrested") and npl.outlet == "BBC"
    assert npl.published == "2019-07-08T10:11:12" and npl.authors == ["Jane Doe"]
    gva = by_id["gva-77"]
    assert gva.published == "2015-02-03" and gva.meta["incident_id"] == "555"
    assert gva.meta["domain"] == "wxyz.com"  # archive.org URL read through
    assert gva.outlet == "WXYZ News 7"  # title suffix matching the domain


def test_single_json_object_uses_file_stem():
    arts, _ = _read(FIX / "single.json")
    assert [a.id for a in arts] == ["single"] and arts[0].title == "Single"


def test_jsonl_broken_line_set_aside_others_go_on():
    arts, rej = _read(FIX / "mixed.jsonl")
    assert [a.id for a in arts] == ["l1", "mixed-4"]
    assert arts[0].meta["newsCluster"] == {"EventId": 3}
    assert arts[1].published == "2018-09-30"
    reasons = {(r.reason, r.record_no) for r in rej}
    assert ("malformed JSON", 2) in reasons and ("no text", 3) in reasons


def test_jsonl_gz_streamed():
    arts, rej = _read(FIX / "batch.jsonl.gz")
    assert not rej and [a.id for a in arts] == ["gz-0", "gz-1", "gz-2"]
    assert arts[2].published == "2016-01-03" and arts[0].outlet == "example-news.com"


def test_rss_and_atom_feeds():
    arts, rej = _read(FIX / "feed.rss", FIX / "feed_atom.xml")
    assert not rej and len(arts) == 3
    rss = [a for a in arts if a.source.endswith(".rss")]
    assert {a.title for a in rss} == {"Clashes in the north", "Aid convoy arrives"}
    assert all(a.outlet == "Example Wire" for a in rss)
    assert rss[0].published.startswith("2020-02-01") and "<p>" not in rss[0].text
    atom = [a for a in arts if a.source.endswith(".xml")][0]
    assert atom.published.startswith("2023-06-01") and atom.url == "https://atom.example.net/dam"
    assert atom.outlet == "Atom Daily"


def test_bad_inputs_rejected_not_raised(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    bad_gz = tmp_path / "bad.jsonl.gz"
    bad_gz.write_bytes(b"\x1f\x8b not really gzip")
    arts, rej = _read(FIX / "binary.txt", FIX / "empty.txt", tmp_path / "missing.txt", "nothing/*.zzz", bad_gz)
    assert not arts
    reasons = [r.reason for r in rej]
    assert reasons[:4] == ["binary file", "empty file", "no such file", "no such file"]
    assert reasons[4] == "corrupt gzip"
    _, rej = _read(big, max_bytes=100)
    assert rej[0].reason == "file too large"


def test_folder_recursive_glob_and_deterministic_ids(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "one.txt").write_text("Police said a man was arrested on Friday after a robbery in the town centre.")
    (tmp_path / "two.txt").write_text("Firefighters put out a blaze at a warehouse on Sunday, officials said.")
    first, _ = _read(tmp_path)
    again, _ = _read(tmp_path)
    assert sorted(a.id for a in first) == ["one", "two"]
    assert [(a.id, a.content_hash) for a in first] == [(a.id, a.content_hash) for a in again]
    globbed, _ = _read(str(tmp_path / "**" / "*.txt"))
    assert sorted(a.id for a in globbed) == ["one", "two"]


def test_stdin_text_and_jsonl():
    text = "Protesters gathered outside parliament on Monday to demand new elections, organisers said."
    arts, _ = _read("-", stdin=io.StringIO(text))
    assert len(arts) == 1 and arts[0].source == "-" and arts[0].id.startswith("stdin-")
    again, _ = _read("-", stdin=io.StringIO(text))
    assert again[0].id == arts[0].id
    lines = json.dumps({"id": "x1", "text": text}) + "\nnot json\n"
    arts, rej = _read("-", stdin=io.StringIO(lines))
    assert [a.id for a in arts] == ["x1"] and rej[0].record_no == 2



class _BinaryStdin:
    """stdin as a pipe of bytes (what `cat x.jsonl.gz | triangulate ingest -` gives)."""

    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_bytes_gzip_corrupt_and_empty():
    line = json.dumps({"id": "gz1", "text": "Flooding closed the main road north of the city on Tuesday, police said."})
    arts, rej = _read("-", stdin=_BinaryStdin(gzip.compress(line.encode() + b"\n")))
    assert [a.id for a in arts] == ["gz1"] and not rej
    for data, reason in [(b"\x1f\x8bnot gzip", "corrupt gzip"), (b"", "empty file"), (gzip.compress(b""), "empty file")]:
        arts, rej = _read("-", stdin=_BinaryStdin(data))
        assert not arts and [r.reason for r in rej] == [reason]
    arts, rej = _read("-", stdin=_BinaryStdin(b"x" * 100), max_bytes=50)
    assert not arts and rej[0].reason == "file too large"

# --------------------------------------------------------------------------- URLs (real loopback server)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        routes = {
            "/story.html": ("text/html; charset=utf-8", (FIX / "report.html").read_bytes()),
            "/feed": ("application/rss+xml", (FIX / "feed.rss").read_bytes()),
            "/plain": ("text/plain; charset=utf-8",
                       "Officials said the bridge would reopen on Tuesday after repairs to its deck.".encode()),
        }
        if self.path not in routes:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_url_reader_html_feed_text_and_errors(server):
    arts, rej = _read(f"{server}/story.html", f"{server}/feed", f"{server}/plain", f"{server}/missing")
    assert [r.reason for r in rej] == ["HTTP error"]
    titles = [a.title for a in arts]
    assert "Storm closes port of Riverton" in titles and "Clashes in the north" in titles
    plain = [a for a in arts if a.source.endswith("/plain")][0]
    assert plain.url == f"{server}/plain" and plain.text.startswith("Officials said")
    again, _ = _read(f"{server}/plain")
    assert again[0].id == plain.id


def test_unreachable_url_rejected():
    # a port nobody listens on (bind, then close)
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    _, rej = _read(f"http://127.0.0.1:{port}/x")
    assert rej[0].reason == "unreachable URL"


# --------------------------------------------------------------------------- cleaning


def test_clean_drops_furniture():
    raw = "\n".join([
        "Headline about the floods",
        "3 min read",
        "Rivers burst their banks across the region on Sunday, officials said.",
        "|",
        "FILE PHOTO: A flooded street in the city centre, March 3, 2021.",
        "Reuters Archive",
        "Photo: John Smith/AFP",
        "REUTERS/Jane Doe",
        "Read more: Why the rivers keep flooding",
        "Opinion: The climate crisis is here",
        "Share this article",
        "Subscribe to our newsletter for daily updates",
        "More than 2,000 people were moved to shelters.",
        "Mayor: We Will Rebuild Every Home Lost To The Floods",
        "World News",
    ])
    c = clean_text(raw)
    assert c.text == ("Headline about the floods\nRivers burst their banks across the region on Sunday, officials "
                      "said.\nMore than 2,000 people were moved to shelters.")
    assert "3 min read" in c.removed_lines and "World News" in c.removed_lines


def test_clean_keeps_real_sentences():
    real = [
        "Share prices fell 3% on Monday after the central bank raised rates.",
        "Photographers were barred from the courtroom, the judge said.",
        "Read the full report, the minister urged lawmakers on Tuesday.",
        "The opinion of the court was delivered by Justice Smith.",
        "Subscribers to the service will pay more from January, the company said.",
        "Source: a senior official told Reuters the talks had stalled.",
        "He said the archive had been destroyed in the fire.",
        "Three people were killed.",
    ]
    real.append("One of the victims remains hospitalized with a gunshot wound to the upper body")
    c = clean_text("\n".join(real))
    assert c.text.split("\n") == real
    assert c.outlet is None and c.removed_lines == []


def test_clean_source_line_becomes_outlet_and_hash_folds_case_space():
    c = clean_text("Fighting resumed near the border on Friday.\n\n\n\nSource: BFM TV")
    assert c.outlet == "BFM TV" and c.text == "Fighting resumed near the border on Friday."
    assert content_hash("Hello   World\n") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello, world")


def test_outlets():
    assert url_domain("http://web.archive.org/web/20141108120159/http://www.wkrn.com:80/story/1/x") == "wkrn.com"
    assert outlet_from_domain("www.reuters.com") == "Reuters"
    assert outlet_from_domain("https://uk.reuters.com/article/x") == "Reuters"
    assert outlet_from_domain("edition.cnn.com") == "CNN"
    assert outlet_from_domain("www.some-local-paper.com") == "some-local-paper.com"


def test_json_gz_feed_in_txt_and_progress(tmp_path):
    gz = tmp_path / "pack.json.gz"
    with gzip.open(gz, "wt") as fh:
        json.dump([{"doc_id": "p1", "text": "Troops withdrew from the town on Sunday, the ministry said."},
                   {"doc_id": "p2", "text": ""}], fh)
    feed_txt = tmp_path / "feed_saved.txt"
    feed_txt.write_bytes((FIX / "feed.rss").read_bytes())
    seen = []
    arts, rej = _read(gz, feed_txt, on_progress=lambda src, n: seen.append(n))
    assert [a.id for a in arts][0] == "p1" and len(arts) == 3
    assert [(r.reason, r.record_no) for r in rej] == [("no text", 2)]
    assert seen == [1, 2, 3, 4]
    assert {a.title for a in arts[1:]} == {"Clashes in the north", "Aid convoy arrives"}


def test_utf16_with_bom_and_undecodable_control_bytes(tmp_path):
    u16 = tmp_path / "u16.txt"
    u16.write_bytes("Voters queued for hours in Kraków on Sunday, officials said.".encode("utf-16"))
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50 + b"some text")
    arts, rej = _read(u16, junk)
    assert arts[0].text.startswith("Voters queued") and "Kraków" in arts[0].text
    assert rej[0].reason == "binary file"


def test_clean_drops_invisible_characters_that_split_words():
    from triangulate.ingest.clean import clean_text
    out = clean_text("WWLTV (Photo: WWLTV)\n\u200bNEW ORLEANS -- Police are investigating a quad\u00adruple shooting "
                     "Tuesday evening in Gert Town, police said on Wednesday.").text
    assert "\u200b" not in out and "\u00ad" not in out and "NEW ORLEANS -- Police" in out and "quadruple" in out
    assert clean_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 said the minister on Monday.").text.count(
        "\u200c") == 1  # a Persian zero-width non-joiner stays
