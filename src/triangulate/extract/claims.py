"""Claims and their attribution: who said what, with source / cue / content spans.

Rules over the spaCy dependency parse:
- a cue verb (say, tell, report, indicate, add, claim, ...) with a subject (the source) and a clausal complement
  (the content): "SANA said army troops had destroyed four car bombs", "X told Reuters that ...";
- the reverse order, where the cue hangs off the content's verb: "The attacks targeted ..., the source said";
- "according to X" (content = the rest of the clause);
- conjoined / participial cues inherit the source: "the monitor said, adding that ...";
- a quotation around or inside the content widens it to the whole quote, across sentences;
- pronoun sources ("he said", "it said") are attributed to the last person / organisation speaker before them;
- sourceless attributions: passive raising ("is expected to"), "seem" / "appear" + complement, "reportedly";
  "In a ... poll, X" takes the poll as source.

`Claim.attributed_to` is the KB canonical actor of the source (`triangulate.annotate.actors.kb()`), else the
normalised source text. Ids are f"c-{article_id}-{n}" in text order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from triangulate.annotate.actors import is_description, kb, normalise_name
from triangulate.extract.claims_bounds import expand, head_of
from triangulate.extract.claims_cues import cue_features, cue_score
from triangulate.extract.claims_cues import load_model as load_cue_model
from triangulate.extract.claims_lexicon import LEARNED_FRAMES
from triangulate.model import Annotations, Claim, SpanRef

# speech and report verbs: always cues when they have a source and a content
SPEECH_VERBS = {
    "say", "tell", "report", "add", "state", "claim", "announce", "confirm", "deny", "insist", "argue", "warn",
    "note", "explain", "write", "indicate", "declare", "tweet", "reply", "respond", "recall", "contend", "maintain",
    "stress", "emphasize", "emphasise", "acknowledge", "admit", "allege", "assert", "predict", "promise", "vow",
    "suggest", "accuse", "charge", "complain", "concede", "estimate", "reveal", "disclose", "quote", "cite",
    "describe", "testify", "threaten", "pledge", "observe", "caution", "boast", "joke", "muse", "remark", "tout",
    "question", "ask", "urge", "demand", "mention", "post", "reiterate", "repeat", "retort", "scoff", "speculate",
    "signal", "show", "find", "conclude", "agree", "point", "comment", "continue", "brag", "lament", "proclaim",
    "counter", "acknowledge", "hint", "propose", "recommend", "swear", "forecast", "figure", "guarantee",
}
# cognition / attitude verbs: cues in PolNeAR-style attribution (beliefs, intentions)
COGNITION_VERBS = {
    "hope", "hop", "fear", "expect", "worry", "doubt", "suspect", "wonder", "assume", "reckon", "guess",
}
# broad belief / desire verbs: mostly inside quotations or generic in news (measured on PolNeAR train: precision
# under 0.25 as cues), so they are not used
WEAK_COGNITION_VERBS = {"believe", "think", "know", "want", "feel", "understand", "see", "like", "love", "hate",
                        "consider", "decide", "plan", "intend", "learn", "recognize", "realize", "imagine", "hear"}
# attitude verbs whose object is the content ("called for X", "praised X", "criticized X", "referring to X")
OBJECT_VERBS = {"call", "praise", "criticize", "criticise", "mock", "support", "back", "endorse", "thank",
                "describe", "mention", "discuss", "dismiss", "condemn",
                "applaud", "welcome", "reject", "oppose", "refer", "talk", "speak", "tout", "blame", "question",
                "deny", "announce", "propose", "promise", "demand", "urge", "predict", "tweet", "answer", "cite",
                "offer", "name", "congratulate", "express", "denounce", "encourage", "highlight", "decry", "disavow",
                "recite", "list", "read", "shout", "assure", "challenge", "refuse"}
_OBJ_PREPS = {"call": "for", "refer": "to", "talk": "about", "speak": "about", "blame": "for"}
# nouns of saying whose possessor is the source and whose clause is the content ("his statement that ...")
NOMINAL_CUES = {"claim", "statement", "assertion", "argument", "promise", "pledge", "vow", "warning", "suggestion",
                "insistence", "contention", "allegation", "charge", "accusation", "prediction", "declaration",
                "announcement", "admission", "belief", "view", "proposal", "call", "demand", "threat", "denial",
                "assurance", "boast", "comment", "remark", "report", "hope", "fear", "vision", "plan", "desire"}
# passive raising verbs with a sourceless attribution ("is expected to", "is said to", "are believed to")
PASSIVE_CUES = {"expect", "say", "believe", "think", "consider", "report", "know", "rumor", "rumour", "suppose",
                "allege", "see", "view", "predict", "project", "forecast", "estimate", "understand", "presume"}
NOUN_SOURCE_HEADS = {"statement", "report", "communique", "spokesman", "spokeswoman", "source", "sources"}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_GROUP = {"it", "they", "them"}
QUOTE_PAIRS = [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")]
_EDGE = " \t\n\xa0,;:-—–"
# headline / transcript style "Kasich: ‘We Are Going To Go All The Way’" on its own line
_HEADLINE_COLON = re.compile(r"(?m)^[\"“]?(?P<src>[A-Z][\w.’'\- ]{1,50}?)(?P<cue>:)[ \t]+(?P<content>\S[^\n]{3,})$")
_TRANSCRIPT_SPEAKER = re.compile(r"[A-Z][A-Z.’'\- ]{2,40}")
# pull-quote credit: '“Quotation.” ― Jorge Falcon'
_DASH_CREDIT = re.compile(r"(?<=[”\"])[ \t\xa0]*(?P<cue>[―—])[ \t\xa0]*"
                          r"(?P<src>[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,4})(?=[ \t\xa0]*(?:[.“\"”\n]|$))")
_QUOTE_AFTER = re.compile(r"[ \t]*[,:]?[ \t]*(?P<q>[“\"«]|'')")
ANAPHORIC_SOURCES = {"the source", "this source", "the same source", "that source", "the sources", "these sources",
                     "the same sources", "the statement", "the report", "the agency", "the group", "the spokesman",
                     "the spokeswoman", "the official"}


def _clause_label(doc: Doc, start: int, end: int) -> bool:
    """The text before a colon is a clause (it has a finite or imperative verb), so not a speaker's name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") or t.tag_ == "VB" and t.i == span.start
                                    for t in span)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages (including the quote marks), possibly spanning sentences."""
    spans = []
    for m in re.finditer(r"“[^“”\n]{2,}?”", text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"\n]{2,}?"', text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"“”\n]{2,}?”|“[^"“”\n]{2,}?"', text):  # mixed marks: '"Oz has a huge pulpit,”'
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"''(?:(?!'')[^\n]){2,}?''", text):  # Penn Treebank style ''...'' (NYT)
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"«[^«»\n]{2,}?»", text):
        spans.append((m.start(), m.end()))
    return sorted(spans)


def _credited_quote(text: str, quotes: list[tuple[int, int]], end: int) -> tuple[int, int] | None:
    """The quoted passage a dash credit at `end` follows: the quote closing just before it, else (an opening mark
    typed as a closing one: ”...” ― Name) the line up to the closing mark."""
    q = next(((qs, qe) for qs, qe in quotes if qe <= end and not text[qe:end].strip()), None)
    if q is not None:
        return q
    close = len(text[:end].rstrip())
    start = text.rfind("\n", 0, close) + 1
    return (start, close) if text[start] in "”\"" and close - start > 2 else None


def _trim(text: str, s: int, e: int, keep_quotes: bool = True) -> tuple[int, int]:
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _quote_between(a: Token, b: Token) -> bool:
    """A closing quote mark lies between the two tokens."""
    lo, hi = sorted((a.i, b.i))
    return any(t.tag_ == "''" or t.text == "”" for t in a.doc[lo + 1:hi])


def _nearest_subject(v: Token, deps: tuple[str, ...], before: bool = False) -> Token | None:
    """The subject child closest to the verb on its left (else the first one, unless `before`). A verb with two
    subjects is a misparse whose nearer one is the speaker: the last sentence of a quotation ('"... the entire
    Congress," Rep. Cummings said') or a headline, dateline or fronted phrase ("The Latest: Trump urges")."""
    subjects = [c for c in v.children if c.dep_ in deps]
    subjects = [c for c in subjects if not _quote_between(c, v)] or subjects
    left = [c for c in subjects if c.i < v.i]
    if left:
        return left[-1]
    return None if before or not subjects else subjects[0]


def _subject(v: Token) -> tuple[Token | None, bool]:
    """The source token of a cue verb (following conj/xcomp/advcl chains); second value: passive without agent."""
    cur = v
    if v.tag_ == "VBG" and v.dep_ in ("advcl", "conj", "xcomp") and not any(c.dep_ == "nsubj" for c in v.children):
        # "X reported that ... , adding that ...": the participle belongs to the nearest speech verb above it
        for anc in v.ancestors:
            if anc.lemma_.lower() in SPEECH_VERBS and anc.pos_ in ("VERB", "AUX"):
                cur = anc
                break
    for _ in range(4):
        subj = _nearest_subject(cur, ("nsubj", "csubj"))
        if subj is not None:
            return subj, False
        for c in cur.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g, False
        if any(c.dep_ == "nsubjpass" for c in cur.children):
            return None, True
        for c in cur.children:  # "About 4 in 10 say ..." parsed without nsubj
            if c.dep_ in ("nummod", "npadvmod", "dep") and c.i < cur.i and c.pos_ in ("NUM", "NOUN", "PROPN"):
                return c, False
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "by saying", "after saying"
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head, False  # "voters saying they want ..."
        break
    return None, False


def _cue_tokens(v: Token) -> list[Token]:
    toks = [v]
    for c in v.children:
        if c.dep_ in ("prt",) or (c.dep_ in ("aux", "auxpass", "neg") and c.i < v.i and v.i - c.i <= 3):
            toks.append(c)
    return sorted(toks, key=lambda t: t.i)


# verbs of telling whose addressee and infinitive are the content ("told his advisers to figure out ...", "warned
# state officials to boost ..."; PolNeAR train: the content starts at the addressee 45 times, at "to" 13)
ADDRESSEE_XCOMP_VERBS = {"tell", "warn", "caution", "remind", "encourage", "advise", "order", "instruct", "implore",
                         "beg", "challenge"}


def _content_child(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "ccomp":
            return c
    for c in v.children:
        if c.dep_ == "xcomp" and v.lemma_ in ("want", "hope", "plan", "intend", "promise", "vow", "threaten",
                                              "urge", "ask", "decide", "expect", "pledge", "continue", "seem"):
            return c
        if c.dep_ == "xcomp" and v.lemma_.lower() in ADDRESSEE_XCOMP_VERBS and any(
                g.dep_ in ("dobj", "dative") and g.i < c.i for g in v.children):
            return c  # "told his advisers to figure out how ...": the addressee joins the content (`_object_start`)
    for c in v.children:  # "told reporters that" parsed with the clause as dobj / advcl
        if c.dep_ in ("dobj", "advcl") and c.pos_ in ("VERB", "AUX") and c.i > v.i and not (
                c.dep_ == "advcl" and c.tag_ == "VBG"):  # ", even suggesting ...": a cue of its own, not content
            return c
    return None


_SPEAKER_PRONOUNS = {"i", "we", "he", "she", "they", "you"}
_NOT_CUES = {"be", "have", "do", "make", "get", "go", "take", "mean", "seem", "look", "become", "remain", "let",
             "help", "need", "try", "use", "ensure", "prove", "win", "lose"} | WEAK_COGNITION_VERBS


def _generic_cue(v: Token) -> bool:
    """A verb outside the cue lexicon that still reports a speaker's statement: a person/organisation subject and
    a finite clausal complement ("Sanders charged that ...", "Trump insisted the wall ...")."""
    if v.lemma_.lower() in _NOT_CUES or v.tag_ in ("VBG",):
        return False
    comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i), None)
    if comp is None or not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in comp.children):
        return False
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    return subj.lower_ in _SPEAKER_PRONOUNS or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _that_clause(v: Token) -> Token | None:
    """A "that"-clause after the cue attached lower in the parse (misattached complement)."""
    for t in v.subtree:
        if t.i > v.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.i > v.i and t.head.dep_ in (
                "ccomp", "advcl", "pcomp", "relcl") and t.head.head.i >= v.i and t.head.head.lemma_ not in SPEECH_VERBS | {"that"}:
            if t.head.head.i == v.i or t.head.head.pos_ in ("NOUN", "ADP", "PROPN", "ADV"):
                return t.head
    return None


def _governed_cue(cue_toks: list[Token], src: tuple[int, int] | None, content: tuple[int, int],
                  used: set[int]) -> list[Token]:
    """Cue tokens with the verbs governing an infinitive cue ("went on to discuss", "needs to tell", "might stop to
    consider"): PolNeAR cues take them (train: an xcomp cue verb's governor is in the gold cue 469 times, outside
    98), unless the governor lies in the source or content or is a cue of its own."""
    toks = list(cue_toks)
    head = head_of(toks)
    cs, ce = content
    for _ in range(3):
        gov = head.head
        if head.dep_ != "xcomp" or gov.pos_ not in ("VERB", "AUX") or gov.i >= head.i or gov.i in used or \
                (src and gov.idx < src[1]) or cs <= gov.idx < ce:
            break
        toks += [t for t in _cue_tokens(gov) if t not in toks and not (src and t.idx < src[1])]
        head = gov
    return sorted(toks, key=lambda t: t.i)


def _quoted_cue(text: str, quotes: list[tuple[int, int]], cue_s: int) -> bool:
    """The cue lies inside a quotation ('"I still think she's going to win"'): the speaker's own words, which
    PolNeAR leaves unannotated (dev: 35 of 37 such cues were not gold). A 'quotation' that opens with a mark and
    a space is a closing mark paired with the next opening one, not a quotation."""
    return any(qs < cue_s < qe and not text[qs + 1:qs + 2].isspace() and not text[qe - 2:qe - 1].isspace()
               for qs, qe in quotes)


def _own_complement(v: Token) -> bool:
    """An adverbial cue with its own object or infinitive ("..., citing a threat to public health", "offered some
    pointed advice"): its content is that complement, not the clause it hangs from."""
    return v.dep_ == "advcl" and any(c.dep_ in ("dobj", "xcomp") and c.i > v.i for c in v.children)


def _quote_before(text: str, quotes: list[tuple[int, int]], v: Token, sent: Span) -> tuple[int, int] | None:
    """A quotation that ends right before the cue's clause (only a subject between them)."""
    if v.lemma_.lower() not in SPEECH_VERBS:
        return None
    subj = _nearest_subject(v, ("nsubj",), before=True)
    left = min(t.idx for t in subj.subtree) if subj is not None else v.idx
    for qs, qe in quotes:
        if qe <= left and re.fullmatch(r"[ \t\xa0,]*", text[qe:left]):  # not across a paragraph break
            return qs, qe
    return None


def _source_span(text: str, subj: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    """The source noun phrase: the subject's subtree without comma-introduced participial modifiers or ages
    ("Bernie Sanders, celebrating a victory", "Sarandon, 69"), cut at a paragraph break or a closing quote."""
    drop: set[int] = set(exclude or ())
    for c in subj.children:
        if c.i > subj.i and c.i > 0 and c.doc[c.i - 1].text == "," or (c.i > subj.i and c.dep_ == "punct"):
            if (c.dep_ in ("acl", "advcl") and c.tag_ in ("VBG", "VBN")) or c.dep_ == "relcl" or \
                    (c.dep_ in ("appos", "npadvmod", "amod") and c.like_num):
                drop |= {t.i for t in c.subtree}
    for c in subj.children:
        if c.i > subj.i and _time_phrase(c):
            drop |= {t.i for t in c.subtree}  # "The Sanders campaign on Monday said": the time is the cue's
    toks = [t for t in subj.subtree if t.i not in drop] or [subj]
    while len(toks) > 1 and toks[0].i < subj.i and (toks[0].dep_ in ("cc", "preconj") or (
            toks[0].dep_ == "advmod" and toks[0].head.i == subj.i)):
        toks = toks[1:]  # "But Clinton", "Even Republicans", "Both candidates"
    s, e = _trim(text, *_span_of(toks))
    cut = max(text.rfind("\n", s, e), text.rfind("”", s, e), text.rfind("’ ", s, e) if text[s] == "‘" else -1)
    if cut >= 0 and cut < subj.idx:
        s, e = _trim(text, cut + 1, e)
    return s, e


def _time_phrase(t: Token) -> bool:
    """A date or time phrase hanging off a source noun ("on Monday", "Tuesday", "late Friday"): PolNeAR sources
    leave it out (train folds 1-4: 5 gold sources end with a weekday phrase, 24 predicted ones did)."""
    if t.dep_ == "prep" and t.lower_ in ("on", "in", "at", "during", "late", "early", "last", "this"):
        objs = [g for g in t.children if g.dep_ == "pobj"]
        return bool(objs) and all(x.ent_type_ in ("DATE", "TIME") for x in objs[0].subtree if not x.is_punct)
    return t.dep_ == "npadvmod" and all(x.ent_type_ in ("DATE", "TIME") for x in t.subtree if not x.is_punct)


# prepositions completing an object content ("accused Clinton of lying", "likened it to ..."); on PolNeAR train, where
# the object is in a gold content, the preposition after it is too ("accuse ... of" 51 times, in the cue 3)
OBJECT_TAIL_PREPS = {"as", "for", "of", "to", "with"}


def _object_tail(v: Token, obj: Token) -> list[Token]:
    """What completes an object content after the object: "called X a liar", "mocked X as a fraud",
    "criticized X for not paying taxes"."""
    return [t for g in v.children if g.i > obj.i and (g.dep_ in ("oprd", "xcomp") or (
        g.dep_ == "prep" and g.lower_ in OBJECT_TAIL_PREPS)) for t in g.subtree]


def _object_content(v: Token) -> tuple[tuple[int, int], list[Token]] | None:
    """Content of an object-taking attitude verb: the direct object ("praised X"), or the object of its
    preposition ("called for X", "referring to X"); second value: extra cue tokens (the preposition)."""
    want = _OBJ_PREPS.get(v.lemma_.lower())
    for c in v.children:
        if want and c.dep_ == "prep" and c.lower_ == want:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return _span_of(list(objs[0].subtree)), [c]
    for c in v.children:
        if c.dep_ == "dobj" and c.i > v.i:
            toks = list(c.subtree)
            # "called X a liar": keep the object complement too
            return _span_of(toks + _object_tail(v, c)), []
    return None


_FRAME_PREPS = {"for", "on", "about", "against", "to", "with", "of", "over", "as", "into", "at"}


def cue_frames(v: Token) -> list[tuple[str, list[Token], list[Token]]]:
    """Candidate attribution frames of a verb with a subject, most clausal first: (frame, content tokens, extra cue
    tokens). Frames: "ccomp" (clausal complement), "xcomp" ("wants to ..."), "dobj" ("defended his record"),
    "prep:<p>" ("would vote for Clinton", the preposition joins the cue)."""
    out: list[tuple[str, list[Token], list[Token]]] = []
    for c in v.children:
        if c.dep_ == "ccomp" and c.i > v.i:
            out.append(("ccomp", list(c.subtree), []))
        elif c.dep_ == "xcomp" and c.i > v.i:
            out.append(("xcomp", list(c.subtree), []))
        elif c.dep_ == "dobj" and c.i > v.i:
            out.append(("dobj", list(c.subtree) + _object_tail(v, c), []))
    for c in v.children:
        if c.dep_ == "prep" and c.i > v.i and c.lower_ in _FRAME_PREPS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                out.append((f"prep:{c.lower_}", list(objs[0].subtree), [c]))
                break
    return out


def _learned_frame(v: Token, quotes: list[tuple[int, int]]) -> tuple[list[Token], list[Token]] | None:
    """Content and extra cue tokens of a verb whose (lemma, frame) was learnt as a cue on PolNeAR train, in a
    speech / cognition frame (`_speech_frame`)."""
    lemma = v.lemma_.lower()
    if lemma in _NOT_CUES - WEAK_COGNITION_VERBS or lemma not in _learned_lemmas(LEARNED_MIN_RATE):
        return None
    for frame, toks, extra in cue_frames(v):
        rate = LEARNED_FRAMES.get(f"{lemma}|{frame}")
        if rate is not None and rate[0] >= LEARNED_MIN_RATE:
            if not _speech_frame(v, frame, toks, quotes):
                return None
            return toks, extra
    return None


@lru_cache(maxsize=2)
def _learned_lemmas(min_rate: float) -> frozenset[str]:
    """Lemmas with at least one learnt cue frame (a quick filter before building a verb's frames)."""
    return frozenset(k.split("|", 1)[0] for k, (rate, _n) in LEARNED_FRAMES.items() if rate >= min_rate)


# subjects that can be speakers of a non-clausal learned frame ("Clinton defended her record")
SPEAKER_NOUNS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "president", "candidate", "candidates",
    "campaign", "senator", "senators", "governor", "leader", "leaders", "minister", "critics", "critic", "supporters",
    "voters", "republicans", "democrats", "democrat", "republican", "nominee", "party", "administration", "aides",
    "aide", "advisers", "adviser", "advisor", "advisors", "lawmakers", "lawmaker", "congressman", "congresswoman",
    "chairman", "chairwoman", "director", "secretary", "mayor", "activists", "activist", "analysts", "analyst",
    "experts", "expert", "observers", "commentators", "pundits", "reporter", "reporters", "journalist", "journalists",
    "newspaper", "paper", "network", "agency", "ministry", "government", "committee", "court", "judge", "poll",
    "survey", "report", "statement", "group", "organization", "organisation", "monitor", "observatory", "source",
    "sources", "surrogates", "donors", "delegates", "members", "people", "americans", "residents", "host", "anchor",
    "author", "writer", "columnist", "editor", "white", "house", "speaker", "spokesmen", "staff", "team", "allies",
    "opponents", "rivals", "rival", "opponent", "friends", "family", "wife", "husband", "daughter", "son", "mother",
    "father", "man", "woman", "fans", "audience", "crowd", "press", "media", "correspondent", "correspondents",
}
_ADDRESSEE_VERBS = {"say", "tell", "ask", "write", "explain", "reply", "respond", "add", "note", "state", "report",
                    "inform", "remind", "assure", "warn", "quote", "cite"}
_SPEAKER_PRONOUNS_ALL = {"i", "we", "you", "he", "she", "they", "who"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Physical-event triggers (attacked, seized, fired, shelled...) from the event lexicon, as words and lemmas."""
    from triangulate.extract.lexicon import load_lexicon

    return frozenset().union(*(r.words for r in load_lexicon().rules))


def _speaker_subject(v: Token) -> tuple[Token | None, bool]:
    """The subject of a verb (a relative pronoun stands for its antecedent) and whether it can be a speaker: a
    person, organisation, personal pronoun or speaking-role noun."""
    subj, _passive = _subject(v)
    if subj is None:
        return None, False
    if subj.lower_ in ("that", "which", "who") and v.dep_ == "relcl":
        subj = v.head  # "Turkey, which fears ..."
    low = subj.lower_
    return subj, low in _SPEAKER_PRONOUNS_ALL or low in SPEAKER_NOUNS or subj.pos_ == "PROPN" or any(
        t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in subj.subtree)  # "An AFP correspondent"


def _after_cue(v: Token) -> int:
    """End of the cue verb with its addressee or circumstances ("tells the crowd", "said on Sunday"), where a
    quotation it introduces starts."""
    end = v.idx + len(v.text)
    for c in v.children:
        if c.i > v.i and c.dep_ in ("dobj", "prep", "npadvmod", "prt", "advmod", "dative") and \
                not any(t.text in "“\"«" or t.text == "''" for t in c.subtree):
            last = max(c.subtree, key=lambda t: t.i)
            end = max(end, last.idx + len(last.text))
    return end


def _quote_cue(text: str, v: Token, quotes: list[tuple[int, int]]) -> bool:
    """A verb outside the lexicon that introduces a quotation: 'he demurred: “Whichever one I’m in.”'."""
    if v.lemma_.lower() in _NOT_CUES or not any(v.idx < qs < v.idx + 200 for qs, _ in quotes):
        return False
    return _quote_after(text, v, quotes) is not None and _speaker_subject(v)[1]


def _quote_after(text: str, v: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation that directly follows the cue verb with its addressee or circumstances, or None."""
    qm = _QUOTE_AFTER.match(text, _after_cue(v))
    return None if qm is None else next(((a, b) for a, b in quotes if a == qm.start("q")), None)


def _speech_frame(v: Token, frame: str, toks: list[Token], quotes: list[tuple[int, int]]) -> bool:
    """A learnt frame is a cue only in a speech / cognition frame: a clausal complement, a quotation in the
    content, or a speaker subject (a person, organisation, personal pronoun or speaking-role noun). Physical
    events ("rebels attacked the town", "car bombs attack forces", "they fired rockets at Aleppo") are not:
    an event-lexicon verb needs a named person or a personal pronoun as subject and no place or combatant
    object."""
    if frame == "ccomp":
        return True
    if v.lemma_.lower() in _ADDRESSEE_VERBS:  # "told AFP", "said a source": an addressee or speaker, not a content
        head = head_of(toks)
        if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or head.pos_ in ("PRON", "PROPN") or \
                head.lower_ in SPEAKER_NOUNS:
            return False
    if v.lemma_.lower() in SPEECH_VERBS | COGNITION_VERBS:
        return True
    s, e = _span_of(toks)
    if any(qs < e and s < qe for qs, qe in quotes):
        return True
    subj, speaker = _speaker_subject(v)
    if subj is None:
        return False
    if _event_verb(v):
        return not _physical_event(subj, speaker, toks)
    return speaker


def _event_verb(v: Token) -> bool:
    """The verb is a physical-event trigger of the event lexicon (attacked, seized, fired ...)."""
    return v.lemma_.lower() in _event_words() or v.lower_ in _event_words()


def _physical_event(subj: Token, speaker: bool, toks: list[Token]) -> bool:
    """An event-lexicon verb with this subject and frame reports a physical event, not an attitude: its object is
    a place, a person noun or an event ("attacked the town"), or its subject is no named person or personal
    pronoun ("rebels attacked", "they fired") while its object is no person ("Trump attacked Clinton" is not)."""
    from triangulate.extract.lexicon import load_lexicon

    head = head_of(toks)
    if head.ent_type_ in _PLACE_ENTS or head.lower_ in load_lexicon().person_nouns | _event_words():
        return True
    return not (subj.ent_type_ == "PERSON" or subj.lower_ in _SPEAKER_PRONOUNS_ALL - {"they", "who"} or (
        speaker and head.ent_type_ == "PERSON"))


def _cue_candidate(v: Token, quotes: list[tuple[int, int]]) -> tuple[list[str], str, list[Token], list[Token]] | None:
    """Classifier features, frame, content and extra cue tokens of a verb with a subject and a frame outside
    quotations (`claims_cues`), or None when it is no candidate."""
    if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() in _NOT_CUES - WEAK_COGNITION_VERBS or \
            any(qs < v.idx < qe for qs, qe in quotes):
        return None
    subj, _passive = _subject(v)
    if subj is None:
        return None
    frames = cue_frames(v)
    if not frames:
        return None
    frame, toks, extra = frames[0]
    return cue_features(v, subj, frame, toks, quotes, SPEAKER_NOUNS, _event_words()), frame, toks, extra


def _classified_frame(v: Token, quotes: list[tuple[int, int]]) -> tuple[list[Token], list[Token]] | None:
    """Content and extra cue tokens of a verb the learnt cue classifier takes as a cue, unless it reports a
    physical event (`_physical_event`: "rebels attacked the town" is no attribution)."""
    model = load_cue_model()
    if not model[0]:
        return None
    cand = _cue_candidate(v, quotes)
    if cand is None or cue_score(cand[0], model) < model[2]:
        return None
    features, frame, toks, extra = cand
    if _event_verb(v):
        subj, speaker = _speaker_subject(v)
        if subj is None or _physical_event(subj, speaker, toks):
            return None
    return toks, extra


CLASSIFIER = True  # the learnt cue classifier (`_classified_frame`) takes verbs outside the lexicons


def cue_training_rows(pairs) -> list[tuple[list[str], bool]]:
    """(features, is a gold cue) of every cue candidate in annotated texts: `pairs` yields (Doc, gold cue spans)."""
    rows = []
    for doc, cues in pairs:
        quotes = _quote_spans(doc.text)
        for v in doc:
            cand = _cue_candidate(v, quotes)
            if cand is not None:
                rows.append((cand[0], any(s <= v.idx < e for s, e in cues)))
    return rows


# learned (lemma, frame) pairs are cues when at least this share of their train occurrences were gold cues
LEARNED_MIN_RATE = 0.28


def learn_cue_frames(pairs, min_count: int = 3) -> dict[str, tuple[float, int]]:
    """Attribution rate of every (lemma, frame) on annotated texts: `pairs` yields (spaCy Doc, gold cue char spans).
    A verb with a subject and a frame counts as a positive when it lies inside a gold cue span. Returns
    {"lemma|frame": (rate, occurrences)} for pairs seen at least `min_count` times."""
    pos: dict[str, int] = {}
    occ: dict[str, int] = {}
    for doc, cues in pairs:
        starts = sorted(cues)
        quotes = _quote_spans(doc.text)
        for v in doc:
            if v.pos_ not in ("VERB", "AUX"):
                continue
            if any(qs < v.idx < qe for qs, qe in quotes):
                continue  # "I think" inside a quotation: nested, never an outer attribution
            subj, _passive = _subject(v)
            if subj is None:
                continue
            frames = cue_frames(v)
            if not frames:
                continue
            key = f"{v.lemma_.lower()}|{frames[0][0]}"
            occ[key] = occ.get(key, 0) + 1
            if any(s <= v.idx < e for s, e in starts):
                pos[key] = pos.get(key, 0) + 1
    return {k: (round(pos.get(k, 0) / n, 3), n) for k, n in sorted(occ.items()) if n >= min_count}


_POSSESSIVE_ROLE = re.compile(r"^(his|her|its|their)\s+[a-z-]+$")


def _resolve_speaker(src_text: str, src_start: int, history: list[tuple[int, str, str]],
                     annotations: Annotations | None, head: int | None = None) -> str | None:
    """Canonical speaker for a source span; pronouns go to the last person / organisation speaker."""
    low = src_text.lower().strip()
    if low in ANAPHORIC_SOURCES and history:
        return history[-1][1]
    owner = _POSSESSIVE_ROLE.match(low)  # "his spokesman", "its fighters": speaks for the pronoun's antecedent
    if owner:
        low = {"his": "he", "her": "she", "its": "it", "their": "they"}[owner.group(1)]
    if low in PRONOUNS_PERSON or low in PRONOUNS_GROUP:
        want_person = low in PRONOUNS_PERSON
        for start, name, label in reversed(history):
            if start < src_start and ((label == "PERSON") == want_person):
                return name
        if annotations is not None:
            for m in sorted(annotations.actors, key=lambda m: m.start, reverse=True):
                if m.end <= src_start and ((m.label == "PERSON") == want_person) and m.actor:
                    return m.actor
        return None
    whole = kb().resolve(src_text)
    if whole is not None:
        return whole.name
    paren = re.search(r"\(([^()]{2,12})\)", src_text)  # "The UN Office ... (OCHA)"
    if paren and kb().resolve(paren.group(1)):
        return kb().resolve(paren.group(1)).name
    if annotations is not None:  # an actor mention inside the source span
        inside = [m for m in annotations.actors if m.start >= src_start and m.end <= src_start + len(src_text)
                  and m.actor]
        if head is not None:
            for m in inside:
                if m.start <= head < m.end:
                    return m.actor
        inside = [m for m in inside if m.label in ("PERSON", "ORG", "NORP")] or inside
        known = [m for m in inside if m.in_kb]
        if known or inside:
            return (known or inside)[0].actor
    a = kb().resolve(src_text)
    if a:
        return a.name
    return _unnamed_source(src_text)


# a source whose head is one of these reports nothing by itself: "reports said", "estimates put the toll at"
NON_AGENT_HEADS = {"report", "reports", "estimate", "estimates", "figure", "figures", "statistics", "data",
                    "photo", "photos", "picture", "pictures", "image", "images", "footage", "video", "videos",
                    "story", "stories", "attack", "attacks", "self"}
_DESCRIPTION_END = re.compile(r"\s*(?:,|\(|\b(?:that|who|which|whose|whom)\b)")
_LEADING_DET = re.compile(r"^(?:the|a|an|this|that|one|some|another)\s+", re.I)


def _unnamed_source(src_text: str) -> str | None:
    """The attribution of a source that is neither a KB actor nor contains a named one.

    A name ("Rami Abdel Rahmane") keeps its normalised form; a description ("a source within the extremist group
    that claimed the attacks", "Witnesses", "an army source") becomes a short lower-case description cut before
    its relative clause or apposition ("source within the extremist group", "witnesses"), which
    `reconcile.common.Provenance` counts per article group, not as one named source across outlets; a source that
    is not an agent ("reports", "estimates", "FILE PHOTO") gives None."""
    s = " ".join(src_text.replace("’", "'").split())
    first = _DESCRIPTION_END.search(s, 1)
    if first:
        s = s[:first.start()]
    s = _LEADING_DET.sub("", s).strip(" ,.;:-\"“”'")
    words = s.split()
    if not words:
        return None
    if words[-1].lower() in NON_AGENT_HEADS or words[0].lower() in NON_AGENT_HEADS:
        return None
    if is_description(s):
        return " ".join(words[:6]).lower()
    return normalise_name(src_text) or None


def _cue_bounds(doc: Doc, cue_toks: list[Token], src: tuple[int, int] | None,
                content: tuple[int, int]) -> tuple[int, int]:
    """The cue span with the dependents of its head that PolNeAR cues take ("also said in a statement on Sunday"),
    learnt on train (`claims_bounds`), never reaching into the source or the content."""
    span = _span_of(cue_toks)
    ids = {t.i for t in cue_toks}
    head = head_of(cue_toks)
    ss, se = src or (-1, -1)
    cs, ce = content
    excl = set()
    for t in doc[max(0, head.i - 12):head.i + 12]:
        te = t.idx + len(t.text)
        if (ss < te and t.idx < se) or (cs < te and t.idx < ce):
            excl.add(t.i)
    toks = expand("Cue", head, excl - ids, keep=ids)
    return min(span[0], toks[0].idx), max(span[1], toks[-1].idx + len(toks[-1].text))


_PAREN_AFTER = re.compile(r"[ \t]*,[ \t]*(?:that[ \t]+)?")


def _parenthetical_start(text: str, sent: Span, left: int, after: int, cs: int) -> int:
    """Start of a content around a parenthetical source and cue ("It's an investment, they say, that would be
    recouped ...", "and Ms. Warren, she said, ''exposes him ..."): PolNeAR's content runs from the start of the
    sentence (its discontinuous parts' outer bounds). `left`/`after`: the bounds of source and cue; `cs` the
    content start after them."""
    if not _PAREN_AFTER.fullmatch(text[after:cs]):
        return cs
    if text[cs:cs + 2] in ("''", "``") or text[cs:cs + 1] in "“\"‘«":
        return cs  # 'Instead of ..., Mr. Trump said, "I'm a guy ...': the quotation alone
    before = text[sent.start_char:left]
    if not before.rstrip().endswith(",") or "\n" in before:
        return cs
    s0 = sent.start_char + len(before) - len(before.lstrip(" \t\"“'‘"))
    return s0 if left - s0 > 3 else cs


def _clause_part(rest: list[Token], v: Token) -> list[Token]:
    """The longer side of a clause around a source phrase ("according to X", "in a poll")."""
    before = [t for t in rest if t.i < v.i]
    after = [t for t in rest if t.i > v.i]
    return after if len(after) > len(before) else before


# raising verbs: a sourceless attribution of their subject and complement ("The race seemed to be Sanders's to lose")
RAISING_CUES = {"seem": ("xcomp", "oprd", "prep"), "appear": ("xcomp",)}
# sources of "in X" attributions ("In a Des Moines Register poll, ...")
SURVEY_NOUNS = {"poll", "survey", "average"}
_WH_LEADS = {"which", "who", "whom", "what", "that", "where", "when", "whose"}
# hearsay adverbs: sourceless attributions ("reportedly": 19 of 29 inside a gold cue on PolNeAR train;
# apparently 5 / 35, seemingly 6 / 21, allegedly 2 / 12 are not used)
HEARSAY_ADVERBS = {"reportedly"}


def _raising_content(v: Token) -> list[Token] | None:
    """Content tokens of a raising verb with its subject ("Investors seem to agree"; the complement alone after an
    expletive: "It seemed like ..."), or None."""
    deps = RAISING_CUES.get(v.lemma_.lower())
    if not deps or v.pos_ not in ("VERB", "AUX"):
        return None
    comp = next((c for c in v.children if c.i > v.i and c.dep_ in deps and (c.dep_ != "prep" or c.lower_ in
                                                                            ("like", "as"))), None)
    subj = next((c for c in v.children if c.i < v.i and c.dep_ in ("nsubj", "expl")), None)
    if comp is None or subj is None:
        return None
    expletive = subj.dep_ == "expl" or subj.lower_ == "it"
    return list(comp.subtree) if expletive else list(subj.subtree) + list(comp.subtree)


# prepositions of a learnt frame that PolNeAR mostly puts in the content, not the cue ("seen as a threat"; on
# train, where the preposition's object lies in the content: "as" 109 in the content / 61 in the cue, "to" 104 / 175)
CONTENT_PREPS = {"as"}


def _frame_parts(frame: tuple[list[Token], list[Token]], cue_toks: list[Token]) -> tuple[tuple[int, int], list[Token]]:
    """Content span and cue tokens of a learnt frame (content tokens, extra cue tokens such as its preposition)."""
    toks, extra = frame
    if len(extra) == 1 and extra[0].lower_ in CONTENT_PREPS:
        toks, extra = extra + toks, []
    return _span_of(toks), sorted(cue_toks + extra, key=lambda t: t.i)


def _object_start(text: str, cue_toks: list[Token], cs: int, ce: int) -> int:
    """Start of a content whose complement follows the cue verb's object: PolNeAR's content takes the object
    ("urged Congress to pass a measure", "called it “an incredibly significant development”"). `cs`, `ce`: the
    content, starting with the complement."""
    head = head_of(cue_toks)
    if not any(c.dep_ in ("xcomp", "oprd") and cs <= c.idx < ce for c in head.children):
        return cs
    cue_e = _span_of(cue_toks)[1]
    for c in head.children:
        if c.dep_ in ("dobj", "dative") and c.i > head.i:
            s0, e0 = _span_of(list(c.subtree))
            if s0 >= cue_e and e0 <= cs and text[e0:cs].strip(" \t\xa0“\"'") == "":
                return s0
    return cs


def _split_quote_start(text: str, quotes: list[tuple[int, int]], left: int, cs: int) -> int:
    """Start of a quotation split by its source and cue ('“A,” Blackwell added, “B.”'): PolNeAR's content runs from
    the first part (the outer bounds of its discontinuous parts) when it ends with a comma. `left`: where source
    and cue start, `cs`: the content start after them (a quotation)."""
    if not (text[cs:cs + 1] in "“\"«" or text[cs:cs + 2] == "''"):
        return cs
    end = len(text[:left].rstrip(" \t\xa0"))
    return next((qs for qs, qe in quotes if qe == end and "," in text[qe - 3:qe - 1]), cs)


def find_claims(doc: Doc, text: str, annotations: Annotations | None, article_id: str,
                cognition: bool = True, generic: bool = True, learn: bool = True,
                outer: bool = True) -> list[Claim]:
    """Direct quotes and reported speech in a parsed text. `cognition` also takes belief/intention verbs
    ("believes", "wants") as cues (PolNeAR annotates them as attributions). `learn` also takes the verb frames
    learnt as cues on PolNeAR train (`claims_lexicon.LEARNED_FRAMES`: "would vote for X", "defended X", "wants
    to ..."); they rank below speech cues when claims overlap, and only count in a speech / cognition frame
    (`_speech_frame`), so that physical events in conflict news ("rebels attacked the town") are not read as
    PolNeAR's political attitudes ("Trump attacked Clinton"). `outer` gives a
    parenthetical cue one content around it ("But to prevent problems, he said, the city will ...", the outer
    bounds of PolNeAR's discontinuous contents) instead of the part before it."""
    cues = SPEECH_VERBS | OBJECT_VERBS | (COGNITION_VERBS if cognition else set())
    quotes = _quote_spans(text)
    raw: list[dict] = []
    used: set[int] = set()  # cue token indices

    def add(cue_toks: list[Token], src: tuple[int, int] | None, content: tuple[int, int], sent: Span,
            head_idx: int | None = None, nominal: bool = False, ante: tuple[int, int] | None = None) -> None:
        cs, ce = _trim(text, *content)
        cue_s, cue_e = _span_of(cue_toks)
        if _quoted_cue(text, quotes, cue_s):
            return
        if cs >= cue_s and cs < cue_e + 1:  # the cue at the head of its own content ("Asked if ...")
            cs, ce = _trim(text, cue_e, ce)
        m = re.match(r"(?:for|that)\s+(?=\S)", text[cs:ce]) if text[cs:cs + 3] == "for" else None
        if m:
            cs += m.end()
        if ce - cs < 2:
            return
        for qs, qe in quotes:  # widen to the whole quotation when the content is (mostly) quoted
            inter = min(ce, qe) - max(cs, qs)
            if inter > 0 and (inter >= 0.5 * (ce - cs) or inter >= 0.5 * (qe - qs)):
                if src and qs <= src[0] < qe or any(qs <= t.idx < qe for t in cue_toks):
                    continue
                cs, ce = min(cs, qs), max(ce, qe)
        after = max(cue_e, src[1] if src else 0)
        if src and cs >= after:
            cs = _parenthetical_start(text, sent, min(cue_s, src[0]), after, cs)
            cs = _split_quote_start(text, quotes, min(cue_s, src[0]), cs)
        if ce <= cue_s and text[:ce].rstrip().endswith(("”", '"', "”.", ",”", ".”", "''")):
            # '“A,” Boyle asked Trump. “B”': the quotation continues after the cue
            nxt = re.match(r"[^“”\"\n]{0,200}?[,.:;][ \t\xa0]*(?P<q>[“\"]|'')", text[after:after + 220])
            if nxt:
                q0 = after + nxt.start("q")
                for qs, qe in quotes:
                    if qs == q0:
                        ce = qe
                        break
        if "\n" in text[cs:ce]:  # a content does not cross a paragraph break: keep the part next to the cue
            if ce <= cue_s:
                cs = text.rindex("\n", cs, ce) + 1
            elif cs >= cue_e:
                ce = text.index("\n", cs, ce)
            else:  # around the cue ('“A,” X said in Y, “B”'): the parts on each side stop at a paragraph break
                left = min(cue_s, src[0]) if src else cue_s
                if "\n" in text[cs:left]:
                    cs = text.rindex("\n", cs, left) + 1
                if "\n" in text[after:ce]:
                    ce = text.index("\n", after, ce)
            cs, ce = _trim(text, cs, ce)
            if ce - cs < 2:
                return
        # include a closing quote mark / final period right after the content inside a quotation
        direct = any(qs <= cs and ce <= qe + 1 or (cs <= qs and qe <= ce) for qs, qe in quotes)
        if learn:
            cs = _object_start(text, cue_toks, cs, ce)
        cue = _cue_bounds(doc, _governed_cue(cue_toks, src, (cs, ce), used), src, (cs, ce)) if learn else \
            _span_of(cue_toks)
        raw.append({"cue": cue, "src": src, "content": (cs, ce), "sent": sent, "direct": direct,
                    "head": head_idx, "speech": not nominal and cue_toks[0].lemma_.lower() in SPEECH_VERBS or cue_toks[0].lower_ ==
                    "according", "nominal": nominal, "ante": ante})
        used.update(t.i for t in cue_toks)

    for sent in doc.sents:
        for v in sent:
            if v.i in used:
                continue
            # "according to X"
            if v.lower_ == "according" and v.i + 1 < len(doc) and doc[v.i + 1].lower_ == "to":
                to = doc[v.i + 1]
                pobj = [c for c in to.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                src = _trim(text, *_span_of(list(pobj[0].subtree)))
                acc = set(t.i for t in v.subtree) | {v.i, to.i} | set(t.i for t in to.subtree)
                part = _clause_part([t for t in sent if t.i not in acc and not t.is_space], v)
                if part:
                    add([v, to], src, _span_of(part), sent, pobj[0].idx)
                continue
            if v.lower_ == "in" and v.dep_ == "prep" and v.head.pos_ in ("VERB", "AUX") and \
                    v.i < v.head.i and \
                    v.head.lemma_.lower() not in cues and (pobj := next((c for c in v.children if c.dep_ == "pobj"),
                                                                       None)) is not None and \
                    pobj.lemma_.lower() in SURVEY_NOUNS:
                # "In a Des Moines Register poll, Mr. Cruz had a 10 percentage-point lead": the survey is the
                # source, the clause after it the content
                acc = {t.i for t in v.subtree}
                part = _clause_part([t for t in v.head.subtree if t.i not in acc and not t.is_space], v)
                if part:
                    add([v], _trim(text, *_span_of(list(pobj.subtree))), _span_of(part), sent, pobj.idx)
                continue
            if v.lower_ in HEARSAY_ADVERBS and v.dep_ == "advmod" and v.head.pos_ in ("VERB", "AUX") and \
                    v.head.lemma_.lower() not in cues:
                # "Khoga was reportedly on that trip": no source, the clause around the adverb is the content
                ctoks = [t for t in v.head.subtree if t.i != v.i and not t.is_space]
                if len(ctoks) > 2:
                    add([v], None, _span_of(ctoks), sent)
                continue
            if v.pos_ == "NOUN" and v.lemma_.lower() in NOMINAL_CUES:
                poss = next((c for c in v.children if c.dep_ == "poss" and c.i < v.i), None)
                clause = next((c for c in v.children if c.i > v.i and c.dep_ in ("acl", "ccomp", "xcomp") and c.pos_ in
                               ("VERB", "AUX") and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") and
                                                       g.i < c.i for g in c.children)), None)
                if poss is not None and clause is not None:  # "Trump's claim that there have been ..."
                    add([v], _trim(text, *_span_of(list(poss.subtree))), _span_of(list(clause.subtree)), sent, poss.idx,
                        nominal=True)
                continue
            if v.pos_ not in ("VERB", "AUX"):
                continue
            if v.tag_ == "VBN" and v.lemma_.lower() in PASSIVE_CUES and \
                    (xc := next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i), None)) is not None and \
                    (sp := next((c for c in v.children if c.dep_ == "nsubjpass" and c.i < v.i), None)) is not None:
                # "Trump is expected to deliver a speech": no source, the content is the subject and the infinitive
                add(_cue_tokens(v), None, _span_of(list(sp.subtree) + list(xc.subtree)), sent)
                continue
            if (rc := _raising_content(v)) is not None:
                add(_cue_tokens(v), None, _span_of(rc), sent)  # "Investors seem to agree": no source
                continue
            learned = None
            wrapped = False
            if v.lemma_.lower() not in cues and not (generic and _generic_cue(v)):
                if not (learn and (learned := _learned_frame(v, quotes)) is not None) and \
                        not _quote_cue(text, v, quotes) and \
                        not (learn and CLASSIFIER and (learned := _classified_frame(v, quotes)) is not None):
                    continue
            subj, passive = _subject(v)
            comp = _content_child(v)
            cue_toks = _cue_tokens(v)
            if learned is not None:
                content, cue_toks = _frame_parts(learned, cue_toks)
            elif comp is not None:
                ctoks = [t for t in comp.subtree]
                part = next((t for t in ctoks if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj") and t.i > comp.i
                             and t.lemma_.lower() in SPEECH_VERBS and not any(c.dep_ == "nsubj" for c in t.children)),
                            None)
                if part is not None:  # "..., adding that ...": a claim of its own
                    ctoks = [t for t in ctoks if t.i < part.i]
                # keep a leading complementizer ("that") which is part of the ccomp subtree already
                content = _span_of(ctoks)
            elif (that := _that_clause(v)) is not None:
                content = _span_of(list(that.subtree))  # "said earlier on Friday during a news conference that ..."
            elif v.dep_ in ("ccomp", "parataxis", "advcl") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX") \
                    and v.head.i < v.i and not (v.head.lemma_.lower() in cues and v.dep_ == "ccomp") and \
                    not _own_complement(v):
                # reverse order: "..., the source said" -> content is the head clause before the cue
                excl = set(t.i for t in v.subtree)
                ctoks = [t for t in v.head.subtree if t.i not in excl and t.i < v.i and not t.is_space]
                if not ctoks:
                    continue
                content = _span_of(ctoks)
                rest = [t for t in v.head.subtree if t.i not in excl and t.i > v.i and not t.is_space]
                if outer and any(not t.is_punct for t in rest) and "\n" not in text[content[0]:_span_of(rest)[1]]:
                    # "But to prevent problems, he said, the city ...": one content around the cue
                    content = (content[0], _span_of(rest)[1])
                    wrapped = True
            elif (quoted := _quote_after(text, v, quotes)) is not None:
                # 'Brafman said, “The zeal ...”', 'He tells the crowd: “I don’t want ...”' -> the quotation that follows
                content = quoted
            elif v.lemma_.lower() in OBJECT_VERBS and (obj := _object_content(v)) is not None:
                content, extra = obj
                cue_toks = sorted(cue_toks + extra, key=lambda t: t.i)
            elif v.dep_ == "parataxis" and v.head.pos_ in ("VERB", "AUX") and v.head.i > v.i and \
                    (ctoks := [t for t in v.head.subtree if t.i > v.i and t.i not in {x.i for x in v.subtree}]):
                content = _span_of(ctoks)  # "Rubio says, win or lose, he's staying in"
            elif (qb := _quote_before(text, quotes, v, sent)) is not None:
                content = qb  # '“Who do they think they are?” Trump said of Apple'
            elif v.dep_ == "ROOT" and v.i > sent.start and any(
                    c.dep_ in ("ccomp", "parataxis") and c.i < v.i for c in v.children):
                c = next(c for c in v.children if c.dep_ in ("ccomp", "parataxis") and c.i < v.i)
                content = _span_of(list(c.subtree))
            elif learn and (lf := _learned_frame(v, quotes)) is not None:
                # "reported her presence on Twitter": a frame learnt for a speech verb
                content, cue_toks = _frame_parts(lf, cue_toks)
            else:
                continue
            if subj is None and not passive:
                continue
            if subj is not None and subj.lower_ in ("that", "which", "who") and subj.dep_ == "nsubj":
                # relative clause: "a source who said ..." -> the noun the clause modifies
                rel = v
                while rel.dep_ == "conj" and rel.head.i < rel.i:  # "Guessford, who answered ... and said ..."
                    rel = rel.head
                head = rel.head if rel.dep_ == "relcl" else None
                if head is None:
                    continue
                ante = _trim(text, *_span_of([t for t in head.subtree if t.i < rel.i and t.i not in
                                              set(x.i for x in rel.subtree)]))
                # PolNeAR's source is the relative pronoun; the speaker is the noun it stands for
                add(cue_toks, (subj.idx, subj.idx + len(subj.text)), content, sent, head.idx, ante=ante)
                continue
            elif subj is not None:
                src = _source_span(text, subj, {t.i for t in v.subtree} - {t.i for t in subj.subtree})
                cs, ce = content
                if src[0] < ce and cs < src[1] and not wrapped:  # the subject inside the content: drop it from the content
                    if src[0] > cs and text[cs:src[0]].strip().lower() in _WH_LEADS:
                        pass  # "which critics said was discriminatory": the outer bounds around source and cue
                    elif src[0] > cs:
                        content = (cs, src[0])
                    else:
                        content = (src[1], ce)
            else:
                src = None
                if v.lemma_.lower() not in SPEECH_VERBS:
                    continue  # "was known", "is believed": not a claim without a source
            add(cue_toks, src, content, sent, subj.idx if subj is not None else None)

    for m in _HEADLINE_COLON.finditer(text):
        src = (m.start("src"), m.end("src"))
        transcript = _TRANSCRIPT_SPEAKER.fullmatch(m.group("src")) is not None  # '"PENCE: Well, look, ...'
        headline = not text[:m.start()].strip() and len(m.group("src").split()) <= 3  # 'Poll: Wealthy Voters ...'
        if not transcript and not headline and not kb().resolve(m.group("src")) and not any(e.label_ in ("PERSON", "ORG") and e.start_char < src[1] and
                                                       src[0] < e.end_char for e in doc.ents):
            continue
        if not transcript and _clause_label(doc, *src):
            continue  # 'Donald Trump has something to prove: ...', 'Follow X on Twitter: ...': a heading, not a speaker
        if not transcript and any(r["cue"][0] >= m.start() and r["cue"][1] <= m.end() for r in raw):
            continue  # a transcript speaker's turn is the outer claim around the cues inside it
        sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        sent = sent.sent if sent is not None else doc[:]
        cs, ce = _trim(text, m.start("content"), m.end("content"))
        raw.append({"cue": (m.start("cue"), m.end("cue")), "src": src, "content": (cs, ce), "sent": sent,
                    "direct": any(qs <= cs < qe for qs, qe in quotes), "head": src[0], "speech": True})
    for m in _DASH_CREDIT.finditer(text):
        q = _credited_quote(text, quotes, m.start())
        if q is None or any(r["cue"][0] <= m.start("cue") < r["cue"][1] for r in raw):
            continue
        sent = doc.char_span(q[0], q[1], alignment_mode="expand")
        sent = sent.sent if sent is not None else doc[:]
        raw.append({"cue": (m.start("cue"), m.end("cue")), "src": (m.start("src"), m.end("src")), "content": q,
                    "sent": sent, "direct": True, "head": m.start("src"), "speech": True})
    raw = _univocal(raw, quotes)
    raw.sort(key=lambda r: r["cue"][0])
    claims: list[Claim] = []
    history: list[tuple[int, str, str]] = []
    for n, r in enumerate(raw):
        cs, ce = r["content"]
        src = r["src"]
        speaker = None
        source_ref = None
        if src:
            stext = text[src[0]:src[1]]
            ante = r.get("ante") or src  # a relative pronoun source speaks for its antecedent
            speaker = _resolve_speaker(text[ante[0]:ante[1]], ante[0], history, annotations, r.get("head"))
            source_ref = SpanRef(src[0], src[1], stext, speaker)
            low = text[ante[0]:ante[1]].lower()
            label = "PERSON" if low in PRONOUNS_PERSON else "ORG"
            if annotations is not None and low not in PRONOUNS_PERSON | PRONOUNS_GROUP:
                for m in annotations.actors:
                    if m.start >= ante[0] and m.end <= ante[1]:
                        label = m.label or label
                        break
            elif low not in PRONOUNS_PERSON | PRONOUNS_GROUP:
                ents = [e for e in doc.ents if e.start_char >= ante[0] and e.end_char <= ante[1]]
                if ents:
                    label = ents[0].label_
            if speaker:
                history.append((src[0], speaker, label))
        kind = "direct" if r["direct"] else "reported"  # no source (passive "it was reported") -> source None
        cue = r["cue"]
        starts = [cs, cue[0]] + ([src[0]] if src else [])
        ends = [ce, cue[1]] + ([src[1]] if src else [])
        claims.append(Claim(
            id=f"c-{article_id}-{n}", article_id=article_id, kind=kind, text=text[cs:ce], attributed_to=speaker,
            source=source_ref, cue=SpanRef(cue[0], cue[1], text[cue[0]:cue[1]]),
            content=SpanRef(cs, ce, text[cs:ce]), sentence=r["sent"].text, start=min(starts), end=max(ends)))
    return claims


_NESTED_OUT = True


def _univocal(raw: list[dict], quotes: list[tuple[int, int]] = ()) -> list[dict]:
    """Keep outer attributions: drop a claim whose cue or source lies inside another claim's content (nested
    "I think" inside a quotation), and duplicates of the same cue. Speech cues and longer contents win. A speech
    cue outside quotations stays nested in another claim's content ("Trump said Clinton claimed that ...": PolNeAR
    annotates both)."""
    order = sorted(raw, key=lambda r: (not r["speech"], -(r["content"][1] - r["content"][0])))
    kept: list[dict] = []
    for r in order:
        cs, ce = r["cue"]
        inside = False
        if r.get("nominal"):  # "seized on Trump's claim that ...": a nominal claim stands inside another content
            inside = any(k["cue"] == r["cue"] for k in kept)
            if not inside:
                kept.append(r)
            continue
        # a speech cue outside quotations stays nested (chosen on PolNeAR train)
        reported = r["speech"] and not any(qs <= cs < qe for qs, qe in quotes)
        for k in kept:
            ks, ke = k["content"]
            if reported and k["cue"] != r["cue"] and not (k["cue"][0] <= cs < k["cue"][1]):
                continue  # PolNeAR nests attributions in reported speech, not in quotations
            if k["cue"] == r["cue"] or (_NESTED_OUT and ((ks <= cs and ce <= ke) or (r["src"] and ks <= r["src"][0] and r["src"][1] <= ke))):
                inside = True
                break
            # its content would swallow a kept cue: keep the earlier decision
            if not k.get("nominal") and _NESTED_OUT and r["content"][0] <= k["cue"][0] and k["cue"][1] <= r["content"][1]:
                inside = True
                break
        if not inside:
            kept.append(r)
    return kept


def attribution_for_span(claims: list[Claim], start: int, end: int) -> str | None:
    """The attributed source of the claim whose content covers [start, end) (the innermost one when nested)."""
    best = None
    for c in claims:
        if c.content is None or c.attributed_to is None:
            continue
        if c.content.start <= start and end <= c.content.end:
            if best is None or (c.content.end - c.content.start) < (best.content.end - best.content.start):
                best = c
    return best.attributed_to if best else None
