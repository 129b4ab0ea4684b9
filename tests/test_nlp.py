"""The shared spaCy pipeline's own component: sentences start after a line break."""

from triangulate.annotate.nlp import get_nlp


def sents(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp("en")(text).sents]


def test_headline_line_is_its_own_sentence():
    out = sents("Rebels launch offensive on Aleppo\nA source within Hayat Tahrir al-Sham said the attack began.")
    assert out[0] == "Rebels launch offensive on Aleppo"
    assert out[1].startswith("A source within")


def test_paragraph_break_after_a_quote_starts_a_sentence():
    out = sents('"This was a terrible accident."\n\n\n\nRobinson is scheduled for a hearing Friday.')
    assert out[-1] == "Robinson is scheduled for a hearing Friday."


def test_hard_wrapped_line_stays_one_sentence():
    assert len(sents("The army said on Saturday\nthat the attack had failed.")) == 1
