"""From a raw record (a JSON object, a feed entry, an HTML page's metadata, a plain text) to an `Article`.

Field names understood (first present wins):
  id:        id, doc_id, article_id, uid, _id; news-please `filename` minus ".json"
  text:      text, maintext, body, content, doc_text, full_text, article, story
  title:     title, headline, title_page, title_rss
  published: published, date_publish, dct, date, pubdate, published_at, publish_date, datetime
  outlet:    outlet, source_name, publisher, site_name, sitename, source (when not a URL)
  domain:    source_domain, domain
  url:       url, link, source_url
  language:  language, lang
  authors:   authors, author, byline
Anything else goes to `Article.meta` (gold labels such as newsCluster, incident_id).
"""

from __future__ import annotations

import re
from typing import Any

from triangulate.ingest.clean import clean_text, content_hash
from triangulate.ingest.dates import MIN_CONFIDENCE, infer_published, normalise_date
from triangulate.ingest.outlets import outlet_from_domain, outlet_from_title, url_domain
from triangulate.model import Article, Rejected

ID_KEYS = ("id", "doc_id", "article_id", "uid", "_id")
TEXT_KEYS = ("text", "maintext", "body", "content", "doc_text", "full_text", "article", "story")
TITLE_KEYS = ("title", "headline", "title_page", "title_rss")
DATE_KEYS = ("published", "date_publish", "dct", "date", "pubdate", "published_at", "publish_date", "datetime",
             "date_published", "publication_date")
OUTLET_KEYS = ("outlet", "source_name", "publisher", "site_name", "sitename", "source")
DOMAIN_KEYS = ("source_domain", "domain", "hostname")
URL_KEYS = ("url", "link", "source_url", "canonical_url")
LANG_KEYS = ("language", "lang")
AUTHOR_KEYS = ("authors", "author", "byline")
_USED_EXTRA = ("filename",)


def _first(rec: dict, keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for k in keys:
        v = rec.get(k)
        if v not in (None, "", [], {}):
            return k, v
    return None, None


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "\n\n".join(v)
    if isinstance(v, (int, float)):
        return str(v)
    return None


def _authors(v: Any) -> list[str]:
    if not v:
        return []
    if isinstance(v, str):
        parts = re.split(r"\s*(?:;|,| and |\|)\s*", re.sub(r"^\s*by\s+", "", v, flags=re.I))
        return [p.strip() for p in parts if p.strip()]
    if isinstance(v, list):
        out = []
        for a in v:
            if isinstance(a, str) and a.strip():
                out.append(a.strip())
            elif isinstance(a, dict) and a.get("name"):
                out.append(str(a["name"]).strip())
        return out
    return []


_EN_FUNCTION_WORDS = frozenset(
    "the of and to in a is was that for on with said he it at by from as his have has be are were an".split())
_WORD = re.compile(r"[a-z]+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None for too little text. A fast path accepts plainly English
    text (a high share of English function words, "the" among them); anything else goes to py3langid."""
    sample = (text or "")[:1500]
    if len(sample.strip()) < 20:
        return None
    words = _WORD.findall(sample[:800].lower())
    if len(words) >= 30:
        hits = sum(w in _EN_FUNCTION_WORDS for w in words)
        if hits / len(words) >= 0.2 and words.count("the") >= 2:
            return "en"
    sample = sample[:600]
    try:
        import py3langid

        lang, _ = py3langid.classify(sample)
        return lang
    except Exception:  # noqa: BLE001 - language detection must never stop ingestion
        return None


def _norm_lang(v: Any) -> str | None:
    if not isinstance(v, str) or not v.strip():
        return None
    return v.strip().lower().replace("_", "-").split("-")[0][:3]


def _title_from_text(text: str) -> str | None:
    """First line of a plain text when it reads like a headline (short, no final full stop)."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not rest.strip() or not first or len(first) > 200 or len(first.split()) < 3:
        return None
    if first.endswith((".", "!", "?", ":", ";", ",", '"', "\u201d")):
        return None
    return first


def make_article(
    rec: dict[str, Any],
    *,
    source: str,
    default_id: str,
    record_no: int | None = None,
    title_from_text: bool = False,
    outlet_hint: str | None = None,
) -> Article | Rejected:
    """Build an Article from a record dict; Rejected when the record has no usable text."""
    if not isinstance(rec, dict):
        return Rejected(source, "not a JSON object", f"got {type(rec).__name__}", record_no)
    tkey, raw = _first(rec, TEXT_KEYS)
    raw_text = _as_text(raw)
    if raw_text is None and raw is not None:
        return Rejected(source, "no text", f"field {tkey!r} is not text", record_no)
    if not raw_text or not raw_text.strip():
        return Rejected(source, "no text", "record has no text field" if raw is None else "empty text", record_no)

    ikey, rid = _first(rec, ID_KEYS)
    if rid is None and isinstance(rec.get("filename"), str) and rec["filename"].strip():
        rid = re.sub(r"\.json$", "", rec["filename"].strip())
    art_id = str(rid).strip() if rid is not None else default_id

    hkey, title = _first(rec, TITLE_KEYS)
    title = _as_text(title)
    title = " ".join(title.split()) if title else None
    ukey, url = _first(rec, URL_KEYS)
    url = url if isinstance(url, str) else None
    dkey, domain = _first(rec, DOMAIN_KEYS)
    okey, outlet = _first(rec, OUTLET_KEYS)
    if isinstance(outlet, dict):
        outlet = outlet.get("name") or outlet.get("title")
    if not isinstance(outlet, str) or not outlet.strip() or outlet.strip().startswith(("http://", "https://")):
        if isinstance(outlet, str) and outlet.startswith(("http://", "https://")) and not url:
            url = outlet
        outlet = None
    lkey, language = _first(rec, LANG_KEYS)
    akey, authors = _first(rec, AUTHOR_KEYS)
    pkey, published_raw = _first(rec, DATE_KEYS)

    cleaned = clean_text(raw_text)
    text = cleaned.text
    if not text.strip():
        return Rejected(source, "no text", "nothing left after cleaning", record_no)
    if title is None and title_from_text:
        title = _title_from_text(text)

    # outlet: metadata, "Source: X", sitename hint, then the domain (table, else the bare domain)
    host = None
    if isinstance(domain, str) and domain.strip():
        host = url_domain(domain) or domain.strip().lower()
    elif url:
        host = url_domain(url)
    outlet_name = (outlet.strip() if outlet else None) or cleaned.outlet or outlet_hint
    if not outlet_name and host:
        known = outlet_from_domain(host)
        outlet_name = known if known != host else (outlet_from_title(title, host) or known)

    published = normalise_date(published_raw)
    meta: dict[str, Any] = {}
    inferred = False
    confidence = method = None
    if published:
        method = "metadata"
    else:
        if published_raw not in (None, ""):
            meta["unparsed_date"] = published_raw
        guess = infer_published(raw_text, title)
        if guess.value and guess.confidence >= MIN_CONFIDENCE:
            published, inferred, confidence, method = guess.value, True, guess.confidence, guess.method
        elif guess.value or guess.month or guess.weekdays:
            meta["date_guess"] = {"value": guess.value, "confidence": guess.confidence, "method": guess.method,
                                  "month": guess.month, "day": guess.day, "weekdays": guess.weekdays}

    lang = _norm_lang(language) or detect_language(text)

    used = {k for k in (tkey, ikey, hkey, ukey, dkey, okey, lkey, akey, pkey) if k} | set(_USED_EXTRA)
    for k, v in rec.items():
        if k not in used and v not in (None, "", [], {}):
            meta.setdefault(k, v)
    if record_no is not None:
        meta.setdefault("record_no", record_no)
    if host:
        meta.setdefault("domain", host)
    if cleaned.removed_lines:
        meta["removed_lines"] = cleaned.removed_lines

    return Article(
        id=art_id,
        text=text,
        source=source,
        title=title,
        url=url,
        outlet=outlet_name,
        language=lang,
        published=published,
        published_inferred=inferred,
        published_confidence=confidence,
        published_method=method,
        authors=_authors(authors),
        raw_text=raw_text,
        content_hash=content_hash(text),
        meta=meta,
    )
