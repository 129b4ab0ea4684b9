"""Cost of assigning one article as the linker's state grows: 1k, 10k, 100k synthetic articles.

Synthetic stream: stories of 1-8 articles over ~2 years, each story drawing words from its own small set of rare
"event" words plus a shared Zipf-distributed background vocabulary, published in date order (about 140 per day at
100k). Prints the mean/95th-percentile ms per `Linker.add` measured over the 500 articles that follow each size, the
number of stories, and the pickled state size. Run: nice -n 10 .venv/bin/python benchmarks/link_scale.py [--max 100000]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from triangulate.link import Linker
from triangulate.model import Annotations, Article

rng = random.Random(42)
from wordfreq import top_n_list

BACKGROUND = top_n_list("en", 20000)  # real English words, so the IDF prior behaves as on news
CUM = list(__import__("itertools").accumulate(1.0 / (i + 1) for i in range(len(BACKGROUND))))


def synthetic(n: int):
    start = date(2020, 1, 1)
    days = max(30, n // 140)
    story_words: list[list[str]] = []
    out = []
    for i in range(n):
        day = start + timedelta(days=int(i * days / n))
        if not story_words or rng.random() < 0.35:
            story_words.append(rng.sample(BACKGROUND[2000:], 12))  # rarer words name an event
        words = rng.choice(story_words[-200:])  # stories stay active for a while
        body = rng.choices(BACKGROUND, cum_weights=CUM, k=140) + rng.sample(words, 8) * 2
        rng.shuffle(body)
        text = " ".join(body)
        out.append(Article(f"a{i}", text, "synthetic", published=day.isoformat(), content_hash=str(i)))
    return out


def main(max_n: int = 100_000) -> None:
    sizes = [s for s in (1_000, 10_000, 100_000) if s <= max_n]
    arts = synthetic(sizes[-1] + 500)
    linker = Linker()
    done = 0
    for size in sizes:
        for a in arts[done:size]:
            linker.add(a, Annotations())
        done = size
        probe = arts[size:size + 500]
        costs = []
        snap = linker.dumps()
        probe_linker = Linker.load(snap)
        for a in probe:
            t = time.perf_counter()
            probe_linker.add(a, Annotations())
            costs.append((time.perf_counter() - t) * 1000)
        costs.sort()
        print(f"{size:>7} articles: {sum(costs) / len(costs):6.2f} ms/article mean, p95 {costs[int(0.95 * len(costs))]:6.2f} ms;"
              f" {len(linker.stories):>6} stories; state {len(snap) / 1e6:6.1f} MB", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else 100_000)
