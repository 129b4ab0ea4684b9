"""Figures: counts of people and things (killed, injured, displaced, captured villages, car bombs, ...).

`find_figures(doc, text, annotations, claims, article_id, published) -> list[Figure]`

How it works, per sentence:
1. `numbers.find_numbers` finds number expressions (digits, spelled-out, vague amounts, ranges) with qualifiers.
2. Ages, years, percentages, money, distances, durations, clock times and dates are set aside.
3. The counted noun is read from the parse (nummod head / "dozens of X"); the category comes from, in order: the noun
   itself (deaths, refugees), cue words right after the number ("... were killed"), the governing verb
   ("killing 12 people"), a death-toll construction ("the toll rose to 132"), the counted unit (car bombs, villages).
4. "132, including 65 fighters from HTS, 18 from ..." makes the later numbers parts (`part_of`) of the total.
5. scope ("since Wednesday", "in the past 24 hours"), as_of (the sentence's resolved date, else publication date)
   and attributed_to (the claim covering the number) are attached.
6. Victims counted without a number are figures too: one per victim phrase ("a man was shot and later died",
   "Smith was wounded"), a shooter's suicide ("before turning the gun on himself"), a death told as a noun ("the
   shooting death of Javon Reilly").
Figure ids are deterministic: f"f-{article_id}-{n}" in text order.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from triangulate.extract.claims import NON_AGENT_HEADS, attribution_for_span
from triangulate.extract.lexicon import load_lexicon
from triangulate.extract.numbers import UNITS, NumberSpan, find_numbers, parse_number_words
from triangulate.model import Annotations, Claim, Figure, Sentence

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_AFTER_SKIP = re.compile(
    r"^(?:\s*-?\s*(?:year|month|week|day)s?[\s-]*olds?\b|-year|-month|-day|-week|-hour|-minute|-mile|-km|-foot|-inch|-member|-page|-point|"
    r"\s*(?:%|percent\b|per cent\b|pc\b)|"
    r"\s*(?:dollars?|euros?|pounds?|usd|rupees?|yuan|yen|lira|lire|pesos?|cents?|francs?|shekels?|dinars?|rubles?|roubles?)\b|"
    r"\s*(?:km|kms|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m\b|feet|foot|ft|inches|yards?|cm|mm|kg|kilograms?|tons?|tonnes?|lbs?|pounds)\b(?!\s*(?:2|²|square))|"
    r"\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|times|a\.?m\b|p\.?m\b|o'clock|gmt|utc|est|edt|pst|cst|bst)\b|"
    r"\s*(?:st|nd|rd|th)\b|:\d|\.\d|/\d|\s*(?:block|caliber|calibre|mm)\b|"
    rf"\s*(?:{MONTHS})\b)",
    re.IGNORECASE,
)
_BEFORE_SKIP = re.compile(
    rf"(?:[$£€¥₹]|\b(?:us|rs|age|aged|ages|call|dial|no|nos|number|route|highway|interstate|i|channel|page|section|article|resolution|room|apt|"
    rf"suite|unit|flight|bus|line|station|district|ward|precinct|zone|grade|level|phase|chapter|version|"
    rf"{MONTHS})\.?|\d[:/.]|#|-)\s*$",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"^\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w.']*\s+){0,3}(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|"
    r"Ln|Way|Court|Ct|Place|Pl|Base|Highway|Hwy|Parkway|Pkwy|Circle|Terrace|Line|Trail|Pike|Square)\b\.?|^\s+[NSEW]\.\s")
_BREAKDOWN = re.compile(r"^[\s,:(—–-]*(?:including|among them|among whom|of whom|of them|of which|among those)\b",
                        re.IGNORECASE)
_SCOPE = re.compile(
    r"\b(since (?:early |late |mid-)?(?:last |the start of |the beginning of )?[A-Za-z]+(?: \d{1,2}| \d{4}| last year| this year)?"
    r"|in the (?:past|last) (?:[\w-]+ ){0,2}(?:hours?|days?|weeks?|months?|years?)"
    r"|over the (?:past|last) (?:[\w-]+ ){0,2}(?:hours?|days?|weeks?|months?|years?|weekend)"
    r"|during the (?:past|last) (?:[\w-]+ ){0,2}(?:hours?|days?|weeks?|months?|years?)"
    r"|so far(?: this (?:year|month|week))?|to date|this year|this month|this week|(?:last|this) weekend"
    r"|since the (?:start|beginning|outbreak) of [\w ]{1,30}?(?=[,.;]|$))",
    re.IGNORECASE,
)
_INJURY_CUE = re.compile(r"\b(?:injur\w*|wounded|hurt|hospitali[sz]ed|critical|(?:gunshot|bullet) wounds?)\b",
                         re.IGNORECASE)
_AGE_LIST = re.compile(r"\b(?:ages|aged)\s+(?:of\s+|between\s+)?(?:[\w-]+\s*(?:,\s*and|,|and)\s*){0,5}$", re.IGNORECASE)
_GENERIC_WHO = {"people", "persons", "person", "others", "individuals", "ones"}
_TERRITORY = {"villages", "towns", "towns and villages", "km2"}  # units that can be "captured"
_TRANSITIVE = {"kill", "shoot", "wound", "injure", "capture", "arrest", "kidnap", "abduct", "displace", "murder",
               "execute", "detain", "seize"}
_TOLL_VERBS = {"rise", "reach", "climb", "stand", "jump", "increase", "hit", "be", "top", "surpass", "exceed", "mount"}
_NOUN_ONLY_CUES = {"lives", "life"}  # cue words that count the dead only as nouns ("lost their lives")
_STOP_WORDS = {";", "but", "while", "whereas", "although", "after", "before", "when"}


def _iso(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _attribution(claims: list[Claim], start: int, end: int) -> tuple[str | None, str | None]:
    """(attributed_to, claim_id) for a span: the innermost claim with a resolved source whose content covers it
    (`claims.attribution_for_span`'s choice), else the innermost claim covering it at all (its source's text when
    the source is unresolved)."""
    who = attribution_for_span(claims, start, end)
    if who is not None:
        inner = [c for c in claims if c.attributed_to == who and c.content is not None
                 and c.content.start <= start and end <= c.content.end]
        return who, min(inner, key=lambda c: c.content.end - c.content.start).id
    best = None
    for c in claims:
        cs, ce = (c.content.start, c.content.end) if c.content else (c.start, c.end)
        if cs <= start and end <= ce and (best is None or (ce - cs) < (best[1] - best[0])):
            best = (cs, ce, c)
    if best:
        c = best[2]
        src = c.source.actor or c.source.text if c.source else None
        if src and not c.source.actor and src.split()[-1].lower().strip(".,") in NON_AGENT_HEADS:
            src = None  # "reports suggested that 40 soldiers were killed", "estimates say": nobody's figure
        return c.attributed_to or src, c.id
    return None, None


def _sentences(doc: Doc, annotations: Annotations) -> list[Sentence]:
    if annotations.sentences:
        return annotations.sentences
    return [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _clause_head(doc: Doc, start: int, end: int) -> Token | None:
    """The verb (or the root) that governs the char span [start, end): the span's own root, then up its heads."""
    toks = _tokens_in(doc, start, end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:  # spaCy makes a new Token per access: no `is`
        tok = tok.head
    return tok


def _same_clause(doc: Doc, fig: tuple[int, int], scope: tuple[int, int]) -> bool:
    """Whether a scope phrase ("this week", "since Wednesday") bounds a figure: both hang from the same verb.
    "...attacked with three car bombs ... following government gains this week": the week bounds the gains, not
    the car bombs. Without a parse to tell, every scope of the sentence may."""
    a, b = _clause_head(doc, *fig), _clause_head(doc, *scope)
    return a is None or b is None or a.i == b.i


def _noun_phrase(noun: Token) -> tuple[int, int]:
    """Char extent of the counted noun with its modifiers and a following from/of/with phrase."""
    left = noun.i
    for t in reversed(list(noun.lefts)):
        if t.dep_ in ("amod", "compound", "nmod") and t.i == left - 1:
            left = t.i
    s, e = noun.doc[left].idx, noun.idx + len(noun)
    for t in noun.rights:
        if t.dep_ == "prep" and t.lower_ in ("from", "of", "with", "loyal") and t.i == noun.i + 1:
            j = t.i
            sub = {x.i for x in t.subtree}
            while j + 1 < len(noun.doc) and (j + 1) in sub and not noun.doc[j + 1].is_punct \
                    and not noun.doc[j + 1].like_num and noun.doc[j + 1].lower_ not in ("and", "or", "who", "which"):
                j += 1
            e = max(e, noun.doc[j].idx + len(noun.doc[j]))
            break
    return s, e


def _category_of_word(tok: Token, lex) -> str | None:
    if tok.lower_ in _NOUN_ONLY_CUES and tok.pos_ in ("VERB", "AUX"):
        return None  # "a woman who lives nearby" is no death
    if tok.lower_ == "life" and (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in (
            "-", "threatening", "support", "sentence", "sentences", "in", "without", "imprisonment")
            or tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("-", "non", "a", "for")):
        return None  # "non-life threatening injuries", "on life support", "a life sentence": no death
        # ("lost his life" / "took her own life" are read as phrases, not by this word)
    for form in (tok.lower_, tok.lemma_.lower()):
        if form in lex.figure_words:
            return lex.figure_words[form]
    return None


def find_figures(doc: Doc, text: str, annotations: Annotations, claims: list[Claim], article_id: str,
                 published: str | None) -> list[Figure]:
    lex = load_lexicon()
    figures: list[Figure] = []
    time_spans = [(t.start, t.end) for t in annotations.times]
    pub = _iso(published) or (published[:10] if published and re.match(r"^\d{4}-\d{2}", published) else None)
    place_spans = [(m.start, m.end) for m in annotations.places]
    for sent in _sentences(doc, annotations):
        nums = find_numbers(text, sent.start, sent.end)
        total: Figure | None = None
        sent_figs: list[Figure] = []
        for k, num in enumerate(nums):
            nxt = nums[k + 1].start if k + 1 < len(nums) else sent.end
            fig = _figure_for(doc, text, sent, num, nxt, lex, time_spans, in_breakdown=total is not None)
            if fig is None:
                fig = _revised_count(text, sent, num, sent_figs or figures[-1:])
            if fig is None:
                continue
            if total is not None and num.start > total.end:
                between = text[total.end:num.start]
                if ")" in between and "(" not in between or ";" in between:
                    total = None
            if total is not None:
                if total.category == "people" and fig.category not in ("", "people"):
                    total.category = fig.category  # "Five members of a family, including three children, ... dead"
                if fig.category in ("people", total.category) or fig.category == "":
                    fig.category = total.category
                    fig.part_of = total.id
                    fig.unit = fig.unit or total.unit
            fig.id = f"f-{article_id}-{len(figures) + 1}"
            fig.article_id = article_id
            if _BREAKDOWN.match(text[num.end:num.end + 40]) or _BREAKDOWN.match(text[fig.end:fig.end + 40]):
                total = fig
            figures.append(fig)
            sent_figs.append(fig)
        for fig in _singular_victims(doc, text, sent, lex, sent_figs, place_spans) + \
                _self_killing(text, sent, sent_figs):
            fig.id = f"f-{article_id}-{len(figures) + 1}"
            fig.article_id = article_id
            figures.append(fig)
            sent_figs.append(fig)
        for fig in _deaths_of(doc, text, sent, lex, sent_figs):
            fig.id = f"f-{article_id}-{len(figures) + 1}"
            fig.article_id = article_id
            figures.append(fig)
            sent_figs.append(fig)
        if not sent_figs:
            continue
        # coordinated counts share their predicate: "three children and two adults were found dead"
        for a, b in zip(sent_figs, sent_figs[1:]):
            if re.fullmatch(r"\s*(?:,\s*)?(?:and|,)\s*", text[a.end:b.start]) and a.part_of == b.part_of:
                if a.category == "people" and b.category not in ("people", ""):
                    a.category = b.category
                elif b.category == "people" and a.category not in ("people", ""):
                    b.category = a.category
        scopes = [(m.start(), m.group(0)) for m in _SCOPE.finditer(text, sent.start, sent.end)]
        dates = [(t.start, _iso(t.value) or _iso(t.begin)) for t in annotations.times
                 if sent.start <= t.start < sent.end and t.type in ("DATE", "TIME")]
        dates = [d for d in dates if d[1]]
        for fig in sent_figs:
            own = [sc for sc in scopes if _same_clause(doc, (fig.start, fig.end), (sc[0], sc[0] + len(sc[1])))]
            if own:
                fig.scope = min(own, key=lambda s: abs(s[0] - fig.start))[1]
            if dates:
                fig.as_of = min(dates, key=lambda d: abs(d[0] - fig.start))[1]
            else:
                fig.as_of = pub
            fig.attributed_to, fig.claim_id = _attribution(claims, fig.start, fig.end)
    return [f for f in figures if f.category or f.part_of]


_HEADLINE_CUE = {"dead": "killed", "killed": "killed", "die": "killed", "dies": "killed", "died": "killed",
                 "slain": "killed", "shot": "shot", "wounded": "injured", "injured": "injured", "hurt": "injured"}
_CUES = "|".join(_HEADLINE_CUE)
_VICTIM_NOUNS = ("man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|person|student|officer|deputy|"
                 r"trooper|driver|father|mother|son|daughter|\d{1,3}-year-old")
# a headline's telegraphic counts: "2 dead, 3 hurt", "Five people shot", "Teen dies", "Man, 22, shot", "Officer hurt";
# the shot who died: "shot dead", "shot, killed", "Teen shot in Wichita has died"
_HEADLINE_COUNT = re.compile(
    rf"\b(?:(?P<n>\d{{1,3}}|{'|'.join(UNITS)})\s+(?:[A-Za-z-]+\s+)?|(?P<one>(?:{_VICTIM_NOUNS})(?:,\s*\d{{1,3}},)?)\s+)"
    rf"(?:(?:was|were|is|are|fatally)\s+)?(?P<cue>{_CUES})\b(?P<dead>\s+(?:dead|to death)\b|,?\s+(?:and\s+)?killed\b|\b[^,;:]{{0,40}}\b(?:has|have) died\b)?",
    re.I)


def find_title_figures(title: str | None, article_id: str, published: str | None) -> list[Figure]:
    """Counts a headline states ("2 dead, 3 hurt in Elm Street shooting"): the figures its parse gives as a
    one-sentence text, and its telegraphic counts (`_HEADLINE_COUNT`) where the parse reads none. Figures with
    `in_title` set, their offsets into the title, ids "f-{article_id}-t{n}" apart from the body's."""
    if not title or not title.strip():
        return []
    from triangulate.annotate.nlp import parse_title

    figs = find_figures(parse_title(title), title, Annotations(), [], article_id, published)
    read = {f.start for f in figs}
    for m in _HEADLINE_COUNT.finditer(title):
        start = m.start("n") if m.group("n") else m.start("one")
        if start in read:
            continue
        value = 1 if m.group("one") else parse_number_words(m.group("n"))
        fatal = m.group("dead") or "fatally" in m.group(0).lower()
        figs.append(Figure("", article_id, "killed" if fatal else _HEADLINE_CUE[m.group("cue").lower()], value,
                           start=start, end=m.end("n") if m.group("n") else m.end("one"), sentence=title,
                           as_of=_iso(published)))
    figs.sort(key=lambda f: f.start)
    # the telegraphic counts have no id yet: number every figure by its place, and map the parse's ids for part_of
    ids = {f.id: f"f-{article_id}-t{n}" for n, f in enumerate(figs, 1) if f.id}
    for n, f in enumerate(figs, 1):
        f.in_title = True
        f.id, f.part_of = f"f-{article_id}-t{n}", f.part_of and ids.get(f.part_of)
    return figs


_VICTIM_VERBS = {"kill": "killed", "murder": "killed", "slay": "killed", "wound": "injured", "injure": "injured",
                 "hurt": "injured", "shoot": "shot", "graze": "injured", "die": "killed"}
# a count revised in so many words: "that number was later raised to five", "the number of injured rose to six"
_REVISED_TO = re.compile(r"\b(?:number|count|total|tally)\b(?P<of>[^.;]{0,30}?)\b(?:was|has|had|were)?\s*(?:later |since |"
                         r"now |then |been |subsequently )*(?:raised|rose|risen|increased|climbed|grew|grown|revised|"
                         r"jumped|updated)(?: upward)? to\s*$", re.I)
_REVISABLE = {"killed", "injured", "shot", "missing", "arrested", "displaced"}


def _revised_count(text: str, sent: Sentence, num: NumberSpan, before: list[Figure]) -> Figure | None:
    """A revised count of the measure just told: its category from the phrase ("the number of injured") or from
    the figure before it in the sentence or the one before (None when neither names a casualty measure)."""
    m = _REVISED_TO.search(text, max(sent.start, num.start - 90), num.start)
    if m is None or num.value is None:
        return None
    of = m.group("of").lower()
    cat = "injured" if re.search(r"injur|wound|hurt", of) else "killed" if re.search(r"dead|death|kill", of) else None
    prev = next((f for f in reversed(before) if f.category in _REVISABLE), None)
    if cat is None and prev is None:
        return None
    return Figure("", "", cat or prev.category, num.value, num.low, num.high, num.qualifier or "exact",
                  who=prev.who if prev is not None and (cat is None or cat == prev.category) else None,
                  unit="people", start=num.start, end=num.end, sentence=sent.text)


_FATALLY = {"fatally", "mortally"}


def _fatally_shot(tok: Token) -> bool:
    """Whether the verb that governs a counted phrase is "fatally shot" (through conjoined objects)."""
    h = tok
    for _ in range(4):
        if h.head.i == h.i:
            return False
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            return h.lemma_.lower() == "shoot" and any(x.lower_ in _FATALLY for x in h.children)
    return False


_NEW_CLAUSE = re.compile(r",\s*and\s+(?:the|a|an|his|her)\b", re.I)


def _fatal_next(after: str) -> bool:
    """Whether the words after a victim tell the death ("found dead", "shot, and killed", "fatally"), not past a
    clause with a subject of its own (", and the gunman fatally shot himself")."""
    cut = _NEW_CLAUSE.search(after)
    return bool(_FATAL.search(after[:cut.start()] if cut else after))


_FATAL = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:dead|to death|and killed|fatally|mortally)\b|^\W*(?:\w+\W+){0,3}?(?:killing|dies|died)\b",
                    re.IGNORECASE)
# a victim shot who died later in the same sentence ("was found with a gunshot wound ... where he later died")
_LATER_DIED = re.compile(r"\b(?:later|subsequently|eventually|then|soon|shortly after)\s+died\b"
                         r"|\bdied (?:from|of) (?:his|her|the|their) (?:injuries|wounds?)\b|\bsuccumbed\b",
                         re.IGNORECASE)
_KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "girlfriend", "boyfriend",
        "friend", "cousin", "nephew", "niece", "grandson", "granddaughter", "grandmother", "grandfather", "uncle", "aunt",
        "stepfather", "stepson", "stepdaughter", "roommate", "neighbor", "neighbour", "fiance", "fiancee", "partner",
        "toddler", "baby", "infant", "driver", "passenger", "bystander", "clerk", "customer", "deputy", "trooper",
        "male", "female"}


_STRUCK_BY_FIRE = re.compile(
    r"\s+(?:(?:twice|once|several times|multiple times)\s+)?(?:in|to) the (?:\w+ ){0,2}?(?:head|face|chest|back|leg|legs|arm|"
    r"arms|hand|foot|feet|neck|shoulder|stomach|abdomen|thigh|knee|hip|buttocks?|side|torso|groin|ankle|wrist|jaw|eye)\b"
    r"|\s+by (?:a |an |the )?(?:stray |errant |ricocheting )?(?:bullets?|gunfire|gunshots?|rounds?|shotgun pellets|pellets)\b",
    re.IGNORECASE)
_FOUND_DEAD = {"pronounce", "find", "declare"}
_NOT_PEOPLE = {"wound", "injury", "gunshot", "shot", "bullet", "round"}  # counted nouns that are not victims
_NO_ONE = {"no", "nobody", "none", "neither"}
_PERSONAL = ("he", "she", "him", "her")  # one person ("He later died at the hospital") unless counted before
_ONE_PRONOUNS = ("himself", "herself") + _PERSONAL


def _singular_person(tok: Token, lex) -> bool:
    """One person: a singular person noun ("a man", "his 6-year-old brother", "another"), a name, "-year-old"."""
    if tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" and c.lower_ != "one" for c in tok.children):
        return False
    low, lem = tok.lower_, tok.lemma_.lower()
    if low in _NO_ONE or low in ("noone", "nobody"):
        return False  # "None of them appeared to have been injured"
    if low in ("another", "one") and (tok.dep_ in ("nsubjpass", "dobj", "nsubj") or
                                      tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() in ("injure", "wound", "hurt")):
        return True
    if low in ("second", "third", "fourth", "fifth") and tok.dep_ in ("nsubjpass", "nsubj") and \
            any(c.lower_ == "a" for c in tok.children):
        return True  # "two men were killed and a third was wounded"
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON")):
        return True
    if tok.tag_ == "NN" and tok.text[:1].isupper() and tok.is_alpha and not any(c.dep_ == "det" for c in tok.children) \
            and low not in lex.person_nouns:
        return True  # a name the tagger does not know ("Shellsea was killed")
    if low == "old" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and \
            tok.doc[tok.i - 2].lower_ in ("year", "month", "week", "day"):
        return True  # "Another 5-year-old was hurt" (the tokenizer splits "5-year-old")
    return tok.pos_ == "NOUN" and (low in lex.person_nouns or lem in lex.person_nouns or lem in _KIN or
                                   low.endswith("-old"))


def _beside_others(v: Token) -> bool:
    """A pronoun coordinated with a count of others is one more victim: "killed her and three other people"."""
    return any(c.pos_ in ("NOUN", "PROPN") and any(x.lower_ == "other" for x in c.children) for c in v.conjuncts)


_ROUNDS = {"bullet", "round", "gunfire", "gunshot", "shot", "pellet", "gun", "handgun", "rifle", "shotgun", "pistol",
           "slug", "bullet fragment"}


def _fired_round(verb: Token) -> bool:
    """Whether an active "struck / hit / grazed" has a fired round (or the gun) for its subject: "the bullet
    striking the victim", "a gun which struck a juvenile", "gunfire hit a woman"."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None and verb.dep_ in ("acl", "relcl"):
        subj = verb.head  # "with the bullet striking the victim"
    return subj is not None and subj.lemma_.lower() in _ROUNDS and \
        any(c.dep_ == "dobj" for c in verb.children)


def _singular_victims(doc: Doc, text: str, sent: Sentence, lex, sent_figs: list[Figure],
                      place_spans: list[tuple[int, int]] = ()) -> list[Figure]:
    """Counts of one said in words: "a man was killed", "Smith was shot and wounded", "wounded his older brother",
    "killed himself", "another was injured", "a woman died", "a girl who was shot", "... killed and another injured",
    "a third was wounded", "was struck in the chest", "suffered a gunshot wound" -> value-1 figures (killed / injured /
    shot), one per victim phrase not already counted by a number."""
    out: list[Figure] = []
    taken = [(f.start, f.end) for f in sent_figs]
    for t in _tokens_in(doc, sent.start, sent.end):
        cat = _VICTIM_VERBS.get(t.lemma_.lower())
        if cat is None and t.lemma_.lower() in ("hit", "strike", "graze") and (
                _STRUCK_BY_FIRE.match(text, t.idx + len(t)) or _fired_round(t)):
            cat = "shot"  # "the boy was hit in the back", "was struck by a stray bullet", "the bullet striking the
            # victim in the back", "a gun which struck a juvenile in the neck"
        if cat is None and t.lemma_.lower() in _FOUND_DEAD and any(c.lower_ == "dead" for c in t.children):
            cat = "killed"  # "he was pronounced dead", "a woman was found dead"
        wound = None
        if cat is None and t.lemma_.lower() in ("suffer", "sustain"):
            wound = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in ("wound", "injury")
                          and any(x.lower_ in ("gunshot", "bullet") for x in c.children)), None)
            if wound is not None:  # "a man suffered a gunshot wound to the leg"
                cat = "shot"
        if t.pos_ == "NOUN" and t.lemma_.lower() in ("wound", "injury") and t.dep_ == "pobj" and \
                t.head.lower_ in ("with", "for", "from") and \
                any(x.lower_ in ("gunshot", "bullet") for x in t.children):
            # "a man with a gunshot wound", "treated for a gunshot wound", "found the boy bleeding from a gunshot wound"
            h = t.head.head
            while h.pos_ == "NOUN" and h.dep_ == "pobj" and h.lemma_.lower() in ("treatment", "surgery", "care"):
                h = h.head.head  # "transported to the hospital for treatment for a gunshot wound"
            vs = [h] if h.pos_ in ("NOUN", "PROPN") else \
                [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] if h.pos_ in ("VERB", "AUX") else []
            if h.pos_ == "VERB" and h.dep_ in ("acl", "xcomp", "advcl") and not vs and h.head.pos_ in ("NOUN", "PROPN"):
                vs = [h.head]
            fatal = _fatal_next(text[t.idx + len(t):t.idx + len(t) + 40]) or \
                bool(_LATER_DIED.search(text, t.idx + len(t), sent.end)) or \
                any(x.lower_ in ("fatal", "mortal", "deadly") for x in t.children) or \
                (h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in ("die", "succumb"))
            group = []
            for v in vs:
                if v.lower_ in _ONE_PRONOUNS and (taken or group):
                    continue
                if v.lower_ not in _ONE_PRONOUNS and not _singular_person(v, lex):
                    continue
                s, e = (v.idx, v.idx + len(v)) if v.lower_ in _ONE_PRONOUNS else _noun_phrase(v)
                if any(a < e and s < b for a, b in taken):
                    continue
                taken.append((s, e))
                group.append((s, e, v))
            for s, e, v in group[:1]:
                out.append(Figure(id="", article_id="", category="killed" if fatal else "shot", value=1.0, low=1.0,
                                  high=1.0, qualifier="exact", who=text[s:e] if v.pos_ != "PRON" else None,
                                  unit="people", start=s, end=e, sentence=sent.text))
            continue
        if cat is None or t.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" for c in t.children) or \
                any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NO_ONE or any(
                    x.dep_ == "det" and x.lower_ in _NO_ONE for x in c.children)) for c in t.children):
            continue  # "the officer was not hurt", "no one else was injured"
        passive = any(c.dep_ == "auxpass" for c in t.children) or t.dep_ in ("acl",) or t.tag_ == "VBN"
        victims: list[Token] = []
        for c in t.children:
            if wound is not None:
                if c.dep_ == "nsubj":
                    victims.append(c)
            elif cat == "killed" and t.lemma_.lower() == "die" and c.dep_ == "nsubj":
                victims.append(c)
            elif cat == "killed" and c.lower_ == "dead" and t.lemma_.lower() in _FOUND_DEAD:
                victims.extend(x for x in c.children if x.dep_ == "nsubj")  # "they found the girl dead"
            elif passive and c.dep_ == "nsubjpass":
                victims.append(c)
            elif not passive and c.dep_ == "dobj":
                if c.lower_ in ("himself", "herself"):
                    subj = next((x for x in t.children if x.dep_ == "nsubj"), None)
                    named = subj is not None and subj.pos_ != "PRON" and _singular_person(subj, lex)
                    victims.append(subj if named else c)  # "the gunman killed himself": the reflexive
                else:
                    victims.append(c)
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN") and \
                any(v.lower_ in ("who", "that") for v in victims):
            victims = [t.head]  # "a 4-year-old girl who was shot in the face": the relative pronoun's antecedent
        if not victims and cat == "injured" and t.i > 0 and t.doc[t.i - 1].lower_ == "another":
            victims.append(t.doc[t.i - 1])  # "three people were killed and another injured"
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") and not victims:
            victims.append(t.head)  # "a man shot in the leg"
        if passive and not victims and t.dep_ in ("pcomp", "advcl", "xcomp"):
            h = t.head.head if t.dep_ == "pcomp" else t.head  # "a boy is recovering after being shot"
            victims.extend(c for c in h.children if c.dep_ in ("nsubj", "nsubjpass"))
        heads = []
        for v in victims:
            heads.append(v)
            heads.extend(x for x in v.conjuncts if x.i > v.i)
        c2 = cat
        if cat == "shot" and (_fatal_next(text[t.idx + len(t):t.idx + len(t) + 40]) or
                              _LATER_DIED.search(text, t.idx + len(t), sent.end)):
            c2 = "killed"
        if wound is not None and (any(x.lower_ in ("fatal", "mortal", "deadly") for x in wound.children) or
                                  _fatal_next(text[wound.idx + len(wound):wound.idx + len(wound) + 40])):
            c2 = "killed"  # "suffered a fatal gunshot wound", "suffered a gunshot wound and died"
        if wound is not None and _LATER_DIED.search(text, wound.idx + len(wound), sent.end):
            c2 = "killed"
        if any(c.lower_ in _FATALLY for c in t.children):
            c2 = "killed"  # "fatally shot", "fatally injured", "mortally wounding"
        group: list[tuple[int, int, Token]] = []
        # a place is no victim: a dateline the parser made the subject ("MYRTLE BEACH, SC (WMBF) - Three people
        # were killed")
        heads = [v for v in heads if not any(a <= v.idx < b for a, b in place_spans)]
        for v in heads:
            # a name the tagger mis-typed beside a person it knows: "killed Veondus Dennis [ORG] and Antwan Wheeler"
            conj_name = v.pos_ == "PROPN" and (any(x.ent_type_ == "PERSON" for x in v.conjuncts) or
                                               bool(group) and any(x.i == group[-1][2].i for x in v.conjuncts))
            if v.lower_ not in _ONE_PRONOUNS and not _singular_person(v, lex) and not conj_name:
                continue
            if v.lower_ in _PERSONAL and (taken or group) and not _beside_others(v):
                continue  # "A woman died after she was shot": the pronoun is a victim the sentence counted
            s, e = (v.idx, v.idx + len(v)) if v.lower_ in _ONE_PRONOUNS + ("another", "one") else _noun_phrase(v)
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            group.append((s, e, v))
        if group:  # "killing Jacinta Walker, 18, and Aveion Bolden, 20": the victims of one verb add up
            s, e, v = group[0][0], group[-1][1], group[0][2]
            n = float(len(group))
            out.append(Figure(id="", article_id="", category=c2, value=n, low=n, high=n, qualifier="exact",
                              who=text[s:e] if len(group) == 1 and v.pos_ != "PRON" else None, unit="people",
                              start=s, end=e, sentence=sent.text))
    return out


# a shooter's suicide told without a killing verb: "before turning the gun on himself", "took his own life"
_SELF_KILLING = re.compile(
    r"\bturn(?:ed|ing|s)? (?:the|his|her) (?:gun|weapon|rifle|handgun|pistol|shotgun) on (?P<self>himself|herself)\b"
    r"|\b(?:took|taking|takes|take) (?P<life>(?:his|her) own life)\b|\bcommit(?:ted|ting|s)? (?P<suicide>suicide)\b",
    re.IGNORECASE)
_ATTEMPT = re.compile(r"\b(?:tried|try|trying|attempt(?:ed|ing|s)?|threat(?:en(?:ed|ing|s)?)?|wanted|planned|going)"
                      r" to\s+$|\b(?:attempted|threatened to)\s+$", re.IGNORECASE)
_SURVIVED = re.compile(r"^[^.;]{0,60}?\b(?:survived|critical|hospitali[sz]ed|hospital|recover\w*|injur\w*|wound\w*)\b",
                       re.IGNORECASE)


def _self_killing(text: str, sent: Sentence, sent_figs: list[Figure]) -> list[Figure]:
    """The shooter killed by his own hand where no killing verb says it ("killing four before turning the gun on
    himself", "then took his own life", "committed suicide"): one killed (one shot when the clause says he
    survived); an attempt ("tried to take her own life") is none."""
    out: list[Figure] = []
    for m in _SELF_KILLING.finditer(text, sent.start, sent.end):
        if _ATTEMPT.search(text[max(sent.start, m.start() - 30):m.start()]):
            continue
        grp = next(g for g in ("self", "life", "suicide") if m.group(g))
        s, e = m.start(grp), m.end(grp)
        if any(f.start < e and s < f.end for f in sent_figs):
            continue
        cat = "shot" if _SURVIVED.search(text[m.end():sent.end]) else "killed"
        out.append(Figure(id="", article_id="", category=cat, value=1.0, low=1.0, high=1.0, qualifier="exact",
                          who=None, unit="people", start=s, end=e, sentence=sent.text))
    return out


_DEATH_NOUNS = {"death", "killing", "murder", "slaying", "homicide"}


def _attempted(noun: Token) -> bool:
    """An attempt, not a death: "the attempted murders of five teenagers", "attempted homicide of"."""
    return any(c.lower_ in ("attempted", "attempt", "attempts") for c in noun.children) or \
        (noun.i > 0 and noun.doc[noun.i - 1].lower_ == "attempted")


def _death_noun(t: Token) -> str | None:
    """What a noun of violence tells of its victims: "killed" for a death ("the killing", "the deaths", "the
    fatal shooting"), "shot" for a plain "shooting"; None for an attempt ("the attempted murder") or another noun."""
    if t.pos_ != "NOUN" or _attempted(t):
        return None
    low = t.lemma_.lower()
    if low in _DEATH_NOUNS:
        return "killed"
    if low == "shooting":
        return "killed" if any(c.lower_ in ("fatal", "deadly") for c in t.children) else "shot"
    return None


def _deaths_of(doc: Doc, text: str, sent: Sentence, lex, sent_figs: list[Figure]) -> list[Figure]:
    """A death told as a noun with its victim: "charged in the shooting death of 16-year-old Javon Reilly", "the
    killing of a teenager", "the fatal shooting of a 7-year-old" -> one killed per victim named (victims joined
    by "and" add up)."""
    out: list[Figure] = []
    for t in _tokens_in(doc, sent.start, sent.end):
        if _death_noun(t) != "killed":
            continue
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            continue
        victims = [v for v in [obj] + [x for x in obj.conjuncts if x.i > obj.i] if _singular_person(v, lex)]
        spans = [_noun_phrase(v) for v in victims]
        if not spans or any(f.start < spans[-1][1] and spans[0][0] < f.end for f in sent_figs + out):
            continue
        n = float(len(victims))
        out.append(Figure(id="", article_id="", category="killed", value=n, low=n, high=n, qualifier="exact",
                          who=text[spans[0][0]:spans[0][1]] if len(victims) == 1 else None, unit="people",
                          start=spans[0][0], end=spans[-1][1], sentence=sent.text))
    return out


def _figure_for(doc: Doc, text: str, sent: Sentence, num: NumberSpan, nxt: int, lex, time_spans,
                in_breakdown: bool = False) -> Figure | None:
    after = text[num.end:num.end + 30]
    before = text[max(sent.start, num.num_start - 14):num.num_start]
    if _AFTER_SKIP.match(after) or _BEFORE_SKIP.search(before) or _ADDRESS.match(after) or num.text.strip() == "911":
        return None
    if re.search(r"[A-Z][a-z]+\s+[A-Za-z][a-z][\w.'-]*,\s*$|[A-Z][a-z]+\s*\(\s*$",
                 text[max(sent.start, num.num_start - 30):num.num_start]) \
            and re.match(r"\s*(?:,|\)|of\b|and\b|was\b|is\b)", after) \
            and num.value is not None and num.value < 120 and not num.vague:
        return None  # "Kieara Green, 18, of Nicholasville" / "Smith (33)": an age
    if re.search(r"[A-Z][\w.'-]*,\s*$", before) and re.match(r"\s*(?:[,;]|\.(?:\s|$))", after) \
            and num.value is not None and num.value < 120 and not num.vague and num.qualifier == "exact":
        return None  # "Robinson, 16, told them", "Ware, Jr., 26, of Toledo", "Perry, 14; Sanders, 17; ...": an age
    if _AGE_LIST.search(text[max(sent.start, num.num_start - 40):num.num_start]) and not num.vague:
        return None  # "three daughters, ages four, six and 13"
    if re.search(r"\b(?:man|woman|boy|girl|male|female|teen|teenager|victim|person|driver|suspect)\s*,\s*$", before, re.I) \
            and re.match(r"\s*,", after) and num.value is not None and num.value < 120 and not num.vague:
        return None  # "a man, 22, suffering from gunshot wounds": an age
    if any(s <= num.num_start < e for s, e in time_spans) and not num.vague:
        # a number inside a time expression ("three days ago", "2016") is not a count
        return None
    toks = _tokens_in(doc, num.num_start, num.end)
    if not toks:
        return None
    last = toks[-1]
    v = num.value if num.value is not None else num.low
    raw_digits = re.fullmatch(r"\d{4}", num.text.strip())
    # the counted noun
    noun: Token | None = None
    if last.dep_ in ("nummod", "quantmod", "amod", "compound") and last.head.pos_ in ("NOUN", "PROPN") \
            and last.head.i > last.i:
        noun = last.head
    else:
        j = last.i + 1
        while j < len(doc) and j <= last.i + 4 and doc[j].idx < sent.end:
            t = doc[j]
            if t.lower_ in ("of", "the", "their", "its", "his", "her", "our") or t.pos_ in ("ADJ",) or t.dep_ == "compound":
                j += 1
                continue
            if t.pos_ in ("NOUN", "PROPN") and not (t.ent_type_ in ("GPE", "LOC", "ORG") and t.pos_ == "PROPN"):
                noun = t
            break
    if noun is not None and (noun.lower_ in ("year", "years", "time", "times", "percent", "%") or
                             noun.lemma_.lower() in _NOT_PEOPLE):  # "at least one gunshot wound", "two rounds"
        return None
    lower_after = text[num.end:min(nxt, num.end + 60)].lower()
    unit = None
    unit_end = None
    for phrase, u in lex.unit_phrases:
        um = re.match(rf"\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(phrase)}\b", lower_after)
        if um:
            unit, unit_end = u, num.end + um.end()
            break
    person = noun is not None and (noun.lower_ in lex.person_nouns or noun.lemma_.lower() in lex.person_nouns
                                   or noun.ent_type_ == "NORP")
    category = None
    anchor = noun if noun is not None else last
    # a cue right after the counted phrase: "three others injured", "12 people were killed", "one fatally"
    j = (noun.i if noun is not None and noun.i > last.i else last.i) + 1
    steps = 0
    while j < len(doc) and doc[j].idx < min(nxt, sent.end) and steps < 4:
        t = doc[j]
        if t.lower_ in ("and", "or", ",", ";", "in", "at", "on", "by", "after", "from", "of", "who", "that"):
            break
        c = _category_of_word(t, lex)
        if c and t.pos_ == "VERB" and t.lemma_.lower() in _TRANSITIVE and any(x.dep_ == "dobj" for x in t.children) \
                and not any(x.dep_ == "auxpass" for x in t.children):
            return None  # the counted ones are the perpetrators ("a pair of gunmen shot six people")
        if c and c != "captured":
            category = c
            break
        if not (t.pos_ in ("AUX", "ADV", "PART") or t.lower_ in ("have", "has", "had", "been", "were", "was", "are",
                                                                  "is", "being", "more", "also", "reportedly")):
            break
        j += 1
        steps += 1
    h = anchor
    while h.dep_ in ("pobj", "prep") and h.head.i != h.i and h.head.pos_ != "VERB":
        h = h.head
    gov = h if h.pos_ == "VERB" and h is not anchor else (
        h.head if h.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "pobj") and h.head.i != h.i else None)
    if category is None and gov is not None and gov.pos_ in ("VERB", "ADJ", "AUX"):
        c = _category_of_word(gov, lex)
        if c and h.dep_ == "nsubj" and gov.lemma_.lower() in _TRANSITIVE and \
                not any(x.dep_ == "auxpass" for x in gov.children):
            return None  # the counted ones did the killing / shooting ("a pair of gunmen shot six people")
        if c and not (c == "captured" and unit not in _TERRITORY and not person):
            category = c
    if category is None and noun is not None:
        category = _category_of_word(noun, lex)
        if category in ("captured", "shot"):
            category = None
    if category in (None, "people") and person and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            (told := _death_noun(noun.head.head)):
        category = told  # "the killing of two men", "the deaths of three teens", "the shooting of four people"
    # cue words after the number, up to the next number / clause break
    if category is None:
        j = last.i + 1
        limit = 8
        while j < len(doc) and doc[j].idx < min(nxt, sent.end) and limit > 0:
            t = doc[j]
            if t.lower_ in _STOP_WORDS or _NEW_CLAUSE.match(text, t.idx) or \
                    (t.lower_ == "and" and _NEW_CLAUSE.match(text, doc[j - 1].idx)):
                break  # not past ", and the gunman fatally shot himself": another subject's clause
            c = _category_of_word(t, lex)
            if c and not (c == "captured" and unit not in _TERRITORY):
                category = c
                break
            j += 1
            limit -= 1
    # the governing verb / predicate
    if category is None:
        anchor = noun if noun is not None else last
        h = anchor
        for _ in range(4):
            if h.head.i == h.i:
                break
            h = h.head
            c = _category_of_word(h, lex)
            if c and not (c == "captured" and unit not in _TERRITORY and not person):
                category = c
                break
            if c == "captured":
                break
    # death tolls: "the death toll rose to 132", "toll stood at 57"
    if category is None and "toll" in sent.text.lower():
        h = last
        for _ in range(4):
            if h.head.i == h.i:
                break
            h = h.head
            if h.lemma_.lower() in _TOLL_VERBS or h.lower_ == "toll":
                if any(c.lower_ == "toll" for c in h.subtree):
                    category = "killed"
                break
    if category in (None, "people"):
        for phrase, c in lex.figure_phrases:  # multi-word cues: "forced from their homes", "shot dead"
            if phrase in lower_after[:90]:
                category = c
                break
    if unit is not None and not person and not (category == "captured" and unit in _TERRITORY) \
            and category != "attacks":
        category = unit  # "fired more than 20 rounds", "three car bombs": things, not casualties
    if category is None and person:
        category = "people"
    if category is None:
        # a bare number right before a cue ("killed 12", "12 dead") handled above; a cue just before it:
        prev = doc[last.i - len(toks)] if last.i - len(toks) >= 0 else None
        if prev is not None and prev.idx >= sent.start:
            c = _category_of_word(prev, lex)
            if c and c not in ("captured",):
                category = c
    if category is None and in_breakdown and re.match(r"\s+(?:from|of|were|are|among|in)\b|\s*(?:,|and\b|$)", after):
        category = ""  # a part of a breakdown ("..., 18 from allied factions and ...") takes the total's category
    if category is None:
        return None
    if noun is not None and not person and unit is None and _category_of_word(noun, lex) is None \
            and noun.pos_ == "NOUN" and category not in ("", "people"):
        return None  # "three incidents of gunfire left a teen dead": a count of something else
    if category == "injured" and (m := _INJURY_CUE.search(text, num.end, min(nxt, sent.end, num.end + 80))) and \
            m.group(0).lower().startswith(("gunshot", "bullet")):
        category = "shot"  # "the two were found with gunshot wounds": shot, whether they lived or died
    if category == "shot" and _fatally_shot(noun if noun is not None else last):
        category = "killed"  # "fatally shot two people", "fatally shot his wife and two young sons": the sons too
    fatal = re.search(r"\b(?:fatally|mortally)\b|\bdead\b|\bkilled\b|\bto death\b", text[num.start:min(nxt, sent.end)][:60])
    if category == "shot" and fatal and not re.search(r"\b(?:before|then|after|while)\b|,\s*and\s+(?:the|a|an|his|her)\b",
                                                      text[num.start:num.start + fatal.start()]):
        category = "killed"  # not "shot two women and a girl before fatally turning the gun on himself", nor
        # "three victims were found with gunshot wounds, including one child, and the gunman fatally shot himself"
    if raw_digits and 1900 <= (v or 0) <= 2100 and not person and unit is None:
        return None
    if num.text.strip().lower() == "one" and noun is None and category in ("people",):
        return None
    if category == "shot" and unit is None and not person and noun is None and v is not None and v > 50:
        return None
    end = num.end if unit_end is None or person else unit_end  # "three car bombs"
    who = None
    if noun is not None and person:
        ns, ne = _noun_phrase(noun)
        end = max(end, ne)
        if noun.lower_ not in _GENERIC_WHO:
            who = text[ns:ne]
    elif noun is None:
        m = re.match(r"\s+((?:from|of) (?:the )?[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,4}?)(?=[,.;]| and\b|$)", text[num.end:nxt])
        if m:
            who = m.group(1)
            end = num.end + m.end(1)
    if unit is None:
        unit = "people" if (person or category in ("killed", "injured", "displaced", "refugees", "arrested", "missing",
                                                    "kidnapped", "shot", "protesters", "people")) else None
    elif category == "captured" or category == unit:
        pass
    return Figure(id="", article_id="", category=category, value=num.value, low=num.low, high=num.high,
                  qualifier=num.qualifier, who=who, unit=unit, start=num.start, end=end, sentence=sent.text)
