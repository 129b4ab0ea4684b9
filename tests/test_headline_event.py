"""Headline figures go to the article's foreground event that the most articles report (issue 5)."""

from triangulate.model import Event, Figure
from triangulate.reconcile.events import _Cluster, _headline_figures


def _cluster(*article_ids, background=False):
    c = _Cluster(background=background)
    for n, a in enumerate(article_ids):
        c.add(Event(f"e-{a}-{n}", a, "Violence against civilians", "Attack"))
    return c


def test_headline_figures_go_to_the_most_reported_foreground_event():
    small, big, past = _cluster("a"), _cluster("a", "b"), _cluster("a", "b", "c", background=True)
    fig = Figure("f-a-t1", "a", "killed", 2, in_title=True)
    out = _headline_figures([small, big, past], [fig, Figure("f-z-t1", "z", "killed", 1, in_title=True)])
    assert out == [{}, {"a": [fig]}, {}]
