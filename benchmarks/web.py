"""Web latency on a synthetic 100k-article database.

    nice -n 10 .venv/bin/python benchmarks/web.py [--articles 100000] [--requests 40] [--db /tmp/web-bench.duckdb]

Builds (once, reused if present with the same size) a database through the store's schema with bulk SQL:
N articles (~1.2 kB text each), N/5 stories, 2 story events per story, 8 mentions, 1 figure and 1 claim per
article, a copy link for every 5th article. Then serves it with uvicorn on 127.0.0.1 and prints p50/p95 (ms) of
real HTTP requests for the stories page (plain, filtered, full-text search), a story page, an article page and the
stories API, and the bytes a story page's map fetches (HTML, countries basemap, admin-1 layers).

    nice -n 10 .venv/bin/python benchmarks/web.py --demo /tmp/webdemo.duckdb

measures the page weight of every story of an existing database (e.g. the seeds demo built with
`triangulate ingest --db /tmp/webdemo.duckdb examples/seeds`)."""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import httpx

from triangulate.store import Store
from triangulate.store import queries as Q
from triangulate.web.testing import running_server

PLACES = [("Aleppo", "Aleppo", 36.2, 37.13), ("Idlib", "Idlib", 35.93, 36.63), ("Homs", "Homs", 34.73, 36.72),
          ("Hama", "Hama", 35.13, 36.75), ("Daraa", "Daraa", 32.62, 36.1), ("Raqqa", "Raqqa", 35.95, 39.01),
          ("Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14), ("Latakia", "Latakia", 35.52, 35.79)]
ACTORS = ["Hayat Tahrir al-Sham", "Syrian government", "Syrian rebels", "Islamic State", "SDF", "Turkey",
          "Russia", "Syrian Observatory for Human Rights"]
OUTLETS = ["Reuters", "AFP", "AP", "France 24", "Al Jazeera", "BBC", "SANA", "Anadolu", "Levant Times", "Enab Baladi"]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Suicide bomb"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Strategic developments", "Non-violent transfer of territory")]


def build(path: str, n: int) -> None:
    if Path(path).exists():
        with Store(path) as s:
            if s.count("articles") == n:
                if Q._has_search_index(s.con) is None:
                    Q.ensure_indexes(s.con)
                    Q.build_search_index(s.con)
                return
        Path(path).unlink()
    t0 = time.perf_counter()
    store = Store(path)
    con = store.con
    ns = n // 5
    lit = lambda xs: "[" + ", ".join("'" + x.replace("'", "''") + "'" for x in xs) + "]"  # noqa: E731
    con.execute(f"CREATE TEMP TABLE p AS SELECT * FROM (VALUES "
                + ", ".join(f"({i}, '{a}', '{b}', {c}, {d})" for i, (a, b, c, d) in enumerate(PLACES))
                + ") t(pi, name, admin1, lat, lon)")
    # articles: story = i // 5, published spread over ~4 years
    con.execute(f"""
        INSERT INTO articles (id, seq, source, url, title, outlet, language, published, published_inferred, authors,
                              text, content_hash, meta, analyzed, story_id)
        SELECT 'a' || i, i, 'synthetic/' || i, NULL,
               'Report ' || i || ' on fighting near ' || ({lit([p[0] for p in PLACES])})[1 + (i // 5) % 8],
               ({lit(OUTLETS)})[1 + (i * 7) % 10], 'en',
               strftime(DATE '2021-01-01' + CAST((i // 5) * 1461 / {ns} AS INTEGER), '%Y-%m-%d'), FALSE, '[]',
               'Fighting was reported near ' || ({lit([p[0] for p in PLACES])})[1 + (i // 5) % 8] || ' on day '
               || (i // 5) || ' as ' || ({lit(ACTORS)})[1 + i % 8] || ' forces clashed with '
               || ({lit(ACTORS)})[1 + (i + 3) % 8] || '. At least ' || (i % 97) || ' people were killed, '
               || 'the observatory said. ' || repeat('Residents described heavy shelling and displacement. ', 20)
               || ' Token ' || md5(CAST(i AS VARCHAR)) || '.',
               md5(CAST(i AS VARCHAR)), '{{}}', TRUE, 's' || (i // 5)
        FROM range({n}) t(i)""")
    con.execute(f"""
        INSERT INTO annotations SELECT 'a' || i,
          '{{"sentences": [{{"start": 0, "end": 60, "text": "x"}}], "places": [], "times": [], "actors": []}}'
        FROM range({n}) t(i)""")
    con.execute(f"""
        INSERT INTO mentions
        SELECT 'a' || i, CASE WHEN k < 3 THEN 'place' WHEN k < 7 THEN 'actor' ELSE 'time' END, k * 20, k * 20 + 6,
               CASE WHEN k < 3 THEN p.name WHEN k < 7 THEN lower(({lit(ACTORS)})[1 + (i + k) % 8]) ELSE 'Saturday' END,
               CASE WHEN k < 3 THEN p.name WHEN k < 7 THEN ({lit(ACTORS)})[1 + (i + k) % 8] ELSE '2021-01-01' END,
               CASE WHEN k < 3 THEN p.lat END, CASE WHEN k < 3 THEN p.lon END, CASE WHEN k < 3 THEN 'SY' END,
               NULL, CASE WHEN k BETWEEN 3 AND 6 THEN 1 + (i + k) % 8 END
        FROM range({n}) t(i), range(8) u(k), p WHERE p.pi = (i // 5 + k) % 8""")
    con.execute(f"""
        INSERT INTO figures SELECT 'f' || i, 'a' || i, 'killed', i % 97, 'at least', NULL,
          'Syrian Observatory for Human Rights', NULL,
          '{{"id": "f' || i || '", "article_id": "a' || i || '", "category": "killed", "value": ' || (i % 97)
          || ', "qualifier": "at least", "attributed_to": "Syrian Observatory for Human Rights", "start": 80, '
          || '"end": 82, "sentence": "At least people were killed."}}'
        FROM range({n}) t(i)""")
    con.execute(f"""
        INSERT INTO claims SELECT 'c' || i, 'a' || i, 'reported', 'Syrian Observatory for Human Rights',
          'people were killed',
          '{{"id": "c' || i || '", "article_id": "a' || i || '", "kind": "reported", "text": "people were killed", '
          || '"attributed_to": "Syrian Observatory for Human Rights", "start": 60, "end": 120}}'
        FROM range({n}) t(i)""")
    con.execute(f"""
        INSERT INTO copies SELECT 'a' || (i + 1), 'a' || i, 300, 0.25, 'passage', '[[0, 300, 0, 300]]'
        FROM range(0, {n} - 1, 5) t(i)""")
    con.execute(f"""
        INSERT INTO story_events
        SELECT 's' || j || '-e' || k, 's' || j, ({lit([t[0] for t in TYPES])})[1 + (j + k) % 6],
               ({lit([t[1] for t in TYPES])})[1 + (j + k) % 6],
               strftime(DATE '2021-01-01' + CAST(j * 1461 / {ns} AS INTEGER), '%Y-%m-%d'), 1,
               ({lit(ACTORS)})[1 + j % 8], ({lit(ACTORS)})[1 + (j + 1) % 8], p.name, p.admin1, 'SY',
               p.lat + (k * 0.05), p.lon, 1, (j % 50), FALSE,
               '{{"id": "s' || j || '-e' || k || '", "article_ids": ["a' || (j * 5) || '", "a' || (j * 5 + 1)
               || '"], "figure_ids": [], "claim_ids": []}}'
        FROM range({ns}) t(j), range(2) u(k), p WHERE p.pi = (j + k) % 8""")
    con.execute(f"""
        INSERT INTO stories
        SELECT 's' || j, 'Story ' || j || ': fighting near ' || ({lit([p[0] for p in PLACES])})[1 + j % 8],
               'Fighting was reported near the city.',
               strftime(DATE '2021-01-01' + CAST(j * 1461 / {ns} AS INTEGER), '%Y-%m-%d'),
               strftime(DATE '2021-01-01' + CAST(j * 1461 / {ns} AS INTEGER) + 1, '%Y-%m-%d'), 5, 5, j % 3 = 0,
               '{{"id": "s' || j || '", "article_ids": ["a' || (j*5) || '", "a' || (j*5+1) || '", "a' || (j*5+2)
               || '", "a' || (j*5+3) || '", "a' || (j*5+4) || '"], "title": "Story", '
               || '"summary_sentences": [{{"text": "Fighting was reported.", "article_id": "a' || (j*5)
               || '", "start": 0, "end": 20}}], "events": [{{"id": "s' || j || '-e0", "event_type": "Battles", '
               || '"sub_event_type": "Armed clash", "date": null, "place": {{"name": "Aleppo", "lat": 36.2, '
               || '"lon": 37.1}}, "article_ids": ["a' || (j*5) || '"]}}], '
               || '"series": [{{"id": "fs", "category": "killed", "who": null, "latest_value": 42, "points": ['
               || '{{"value": 12, "as_of": "2021-01-01", "article_id": "a' || (j*5) || '"}}, '
               || '{{"value": 42, "as_of": "2021-01-02", "article_id": "a' || (j*5+1) || '"}}]}}], '
               || '"disagreements": [], "independent_groups": [], "first_reporter": "a' || (j*5) || '"}}',
               current_timestamp
        FROM range({ns}) t(j)""")
    Q.ensure_indexes(con)
    t1 = time.perf_counter()
    rows = Q.build_search_index(con)
    print(f"search index: {rows} (term, article) rows in {time.perf_counter() - t1:.1f}s")
    con.execute("CHECKPOINT")
    store.close()
    print(f"built {path}: {n} articles, {ns} stories in {time.perf_counter() - t0:.1f}s")


def timed(client: httpx.Client, urls: list[str]) -> tuple[float, float]:
    times = []
    for u in urls:
        t0 = time.perf_counter()
        r = client.get(u)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (u, r.status_code)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--db", default="/tmp/triangulate-web-bench.duckdb")
    ap.add_argument("--demo", help="only measure story page weight on this existing database")
    args = ap.parse_args()
    if args.demo:
        with running_server(args.demo) as base, httpx.Client(base_url=base, timeout=60) as client:
            ids = [s["id"] for s in client.get("/api/stories", params={"limit": 200}).json()["items"]]
            page_weight(client, [f"/stories/{i}" for i in ids])
        return
    build(args.db, args.articles)
    ns = args.articles // 5
    rnd = random.Random(7)
    k = args.requests
    with running_server(args.db) as base, httpx.Client(base_url=base, timeout=60) as client:
        client.get("/")  # warm up
        cases = {
            "stories page (newest, page 1..20)": [f"/?page={1 + i % 20}" for i in range(k)],
            "stories page filtered (place+event type)": [f"/?place={PLACES[i % 8][0]}&event_type=Battles"
                                                         for i in range(k)],
            "stories page filtered (actor)": [f"/?actor={ACTORS[i % 8].split()[0]}" for i in range(k)],
            "stories page full-text (q=two words)": [f"/?q=shelling+{rnd.randrange(1000)}" for _ in range(k)],
            "story page": [f"/stories/s{rnd.randrange(ns)}" for _ in range(k)],
            "article page": [f"/articles/a{rnd.randrange(args.articles)}" for _ in range(k)],
            "api stories": [f"/api/stories?offset={rnd.randrange(ns)}" for _ in range(k)],
        }
        print(f"{args.articles} articles, {ns} stories, {k} requests per case (ms)")
        print(f"{'case':45s} {'p50':>8s} {'p95':>8s}")
        for name, urls in cases.items():
            p50, p95 = timed(client, urls)
            print(f"{name:45s} {p50:8.1f} {p95:8.1f}")
        page_weight(client, [f"/stories/s{rnd.randrange(ns)}" for _ in range(min(k, 20))])


def page_weight(client: httpx.Client, urls: list[str]) -> None:
    """Bytes a story page makes the browser fetch for its map: the HTML, the countries basemap and the admin-1
    files of the events' countries (only those are loaded)."""
    import html
    import re

    sizes: dict[str, int] = {}

    def size(u: str) -> int:
        if u not in sizes:
            r = client.get(u)
            sizes[u] = len(r.content) if r.status_code == 200 else 0
        return sizes[u]

    rows = []
    for u in urls:
        page = client.get(u).text
        m = re.search(r'data-basemap="([^"]+)"', page)
        a = re.search(r'data-admin1="([^"]*)"', page)
        layers = re.findall(r'"([^"]+)"', html.unescape(a.group(1))) if a else []
        rows.append((len(page.encode()), size(m.group(1)) if m else 0, sum(size(x) for x in layers), len(layers)))
    if rows:
        n = len(rows)
        print(f"story page weight over {n} pages (kB, mean): html {sum(r[0] for r in rows) / n / 1e3:.1f}, "
              f"countries basemap {sum(r[1] for r in rows) / n / 1e3:.1f}, admin-1 layers "
              f"{sum(r[2] for r in rows) / n / 1e3:.1f} ({sum(r[3] for r in rows) / n:.1f} countries)")


if __name__ == "__main__":
    main()
