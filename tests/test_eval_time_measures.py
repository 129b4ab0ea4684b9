"""eval.time measurement helpers: the dev halves (cross-validation inside dev) and the bootstrap interval."""

from triangulate.eval.time import Counts, TimeDoc, dev_halves, split_docs, value_f1_interval


def test_dev_halves_split_dev_only_and_alternately():
    docs = [TimeDoc(str(i), "", None) for i in range(12)]
    a, b = dev_halves(docs)
    dev_ids = [d.doc_id for d in split_docs(docs, "dev")]
    assert [d.doc_id for d in a] == dev_ids[0::2] and [d.doc_id for d in b] == dev_ids[1::2]
    assert not {d.doc_id for d in a + b} & {d.doc_id for d in split_docs(docs, "test")}


def test_value_f1_interval_brackets_the_pooled_figure():
    per_doc = [Counts(gold=10, pred=10, value=v) for v in (9, 8, 5, 7, 10, 6, 8, 9)]
    lo, hi = value_f1_interval(per_doc, samples=500, seed=1)
    pooled = sum(c.value for c in per_doc) / sum(c.gold for c in per_doc)
    assert lo <= pooled <= hi and lo < hi
    assert value_f1_interval([Counts(gold=4, pred=4, value=3)] * 5, samples=50) == (0.75, 0.75)
    assert value_f1_interval([]) == (0.0, 0.0)
