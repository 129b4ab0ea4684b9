"""Readers: expand inputs (files, folders, globs, "-", URLs), sniff formats and yield Articles or Rejected.

`read_inputs` never raises for one bad input: every problem becomes a `Rejected(source, reason, detail, record_no)`.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from triangulate.ingest.dates import normalise_date
from triangulate.ingest.outlets import url_domain
from triangulate.ingest.records import make_article
from triangulate.model import Article, Rejected

Item = Article | Rejected

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson", ".jsonlines"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}
URL_TIMEOUT = 10.0


# --------------------------------------------------------------------------- decoding and sniffing


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason). UTF-8 first, then BOM-marked UTF-16/32, then charset-normalizer."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "undecodable text"
    head = data[:8192]
    if b"\x00" in head:
        return None, "binary file"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            from charset_normalizer import from_bytes

            matches = list(from_bytes(data[:200_000]))
        except Exception:  # noqa: BLE001
            matches = []
        if not matches:
            return None, "undecodable text"
        # short texts are ambiguous between single-byte code pages; when Western European is among the plausible
        # ones prefer it (the common case for news), else take charset-normalizer's best
        encodings = [m.encoding for m in matches]
        western = [e for e in encodings if e in ("cp1252", "latin_1", "iso8859_15", "iso8859_1")]
        order = (["cp1252", "latin_1"] if western else []) + encodings
        text = None
        for enc in order:
            try:
                text = data.decode(enc)
                break
            except (UnicodeDecodeError, LookupError):
                continue
        if text is None:
            return None, "undecodable text"
    sample = text[:4000]
    ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    if sample and ctrl / len(sample) > 0.05:
        return None, "binary file"
    return text, None


def sniff(text: str) -> str:
    """'feed', 'html', 'json', 'jsonl' or 'text' from the content's opening."""
    head = text.lstrip("\ufeff \t\r\n")[:3000]
    low = head.lower()
    if low.startswith("<"):
        if re.search(r"<(?:rss|feed|rdf:rdf)\b", low):
            return "feed"
        if re.search(r"<(?:!doctype html|html|head|body|article|div|p|meta|title)\b", low):
            return "html"
        return "feed" if low.startswith("<?xml") else "html"
    if low.startswith("["):
        return "json"
    if low.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    if re.search(r"<(?:p|div|br|article)\b[^>]*>", low) and re.search(r"</(?:p|div|article)>", low):
        return "html"
    return "text"


def _format_for(name: str) -> tuple[str | None, bool]:
    """(format from the extension or None, gzipped?)"""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    ext = os.path.splitext(lower)[1]
    if ext in HTML_EXT:
        return "html", gz
    if ext in JSONL_EXT:
        return "jsonl", gz
    if ext in JSON_EXT:
        return "json", gz
    if ext in FEED_EXT:
        return "feed", gz
    if ext in TEXT_EXT:
        return "text", gz
    return None, gz


def _stem(name: str) -> str:
    base = os.path.basename(name.rstrip("/")) or "input"
    for suffix in (".gz",):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    stem, ext = os.path.splitext(base)
    return stem or base


def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:12]


# --------------------------------------------------------------------------- per-format readers


def _records_from_json(text: str, source: str, stem: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        # maybe JSON lines after all
        if "\n" in text.strip():
            yield from _records_from_lines(io.StringIO(text), source, stem)
            return
        yield Rejected(source, "malformed JSON", str(exc))
        return
    if isinstance(data, dict) and not any(k in data for k in ("text", "maintext", "body", "content", "doc_text",
                                                              "full_text")):
        for key in ("articles", "documents", "docs", "items", "records", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield make_article(data, source=source, default_id=stem)
    elif isinstance(data, list):
        for i, rec in enumerate(data, 1):
            yield make_article(rec, source=source, default_id=f"{stem}-{i}", record_no=i)
    else:
        yield Rejected(source, "malformed JSON", f"top level is {type(data).__name__}, not an object or a list")


def _records_from_lines(lines, source: str, stem: str) -> Iterator[Item]:
    lineno = 0
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
            yield Rejected(source, "corrupt file", f"after line {lineno}: {exc}", lineno or None)
            return
        lineno += 1
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Rejected(source, "undecodable text", str(exc), lineno)
                continue
        s = line.strip()
        if not s:
            continue
        try:
            rec = json.loads(s)
        except ValueError as exc:
            yield Rejected(source, "malformed JSON", f"line {lineno}: {exc}", lineno)
            continue
        yield make_article(rec, source=source, default_id=f"{stem}-{lineno}", record_no=lineno)


def _html_to_article(html: str, source: str, default_id: str, url: str | None = None) -> Item:
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001
        return Rejected(source, "unreadable HTML", repr(exc)[:200])
    if doc is None:
        return Rejected(source, "no text", "no article text found in the HTML")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = d.get("text") or d.get("raw_text") or ""
    title = d.get("title")
    first, _, rest = body.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        body = rest  # trafilatura repeats the headline as the first line
    rec: dict[str, Any] = {
        "text": body,
        "title": d.get("title"),
        "url": d.get("url") or url,
        "published": d.get("date"),
        "language": d.get("language"),
        "authors": d.get("author"),
    }
    if d.get("description"):
        rec["description"] = d["description"]
    if d.get("hostname"):
        rec["source_domain"] = d["hostname"]
    return make_article(rec, source=source, default_id=default_id, outlet_hint=d.get("sitename"))


def _strip_html(s: str) -> str:
    import html as htmllib

    if "<" in s and ">" in s:
        s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
        s = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n", s)
        s = re.sub(r"<[^>]+>", "", s)
    s = htmllib.unescape(s)
    s = re.sub(r"[ \t]+", " ", s)
    return re.sub(r"\n\s*\n+", "\n\n", s).strip()


def _feed_articles(text_or_bytes, source: str, stem: str) -> Iterator[Item]:
    import feedparser

    try:
        parsed = feedparser.parse(text_or_bytes)
    except Exception as exc:  # noqa: BLE001
        yield Rejected(source, "unreadable feed", repr(exc)[:200])
        return
    entries = parsed.get("entries") or []
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield Rejected(source, "empty feed", detail[:200])
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    feed_lang = (parsed.get("feed") or {}).get("language")
    for i, e in enumerate(entries, 1):
        body = ""
        if e.get("content"):
            body = max((c.get("value", "") for c in e["content"]), key=len)
        if len(_strip_html(body)) < len(_strip_html(e.get("summary", "") or "")):
            body = e.get("summary", "")
        body = _strip_html(body or "")
        key = e.get("id") or e.get("link") or e.get("title") or str(i)
        rec = {
            "id": f"{stem}-{_short_hash(key)}",
            "text": body,
            "title": _strip_html(e.get("title", "") or "") or None,
            "url": e.get("link"),
            "published": normalise_date(e.get("published_parsed") or e.get("updated_parsed"))
            or e.get("published") or e.get("updated"),
            "language": feed_lang,
            "authors": [a.get("name") for a in e.get("authors", []) if a.get("name")] or e.get("author"),
            "guid": e.get("id"),
        }
        yield make_article(rec, source=source, default_id=f"{stem}-{i}", record_no=i, outlet_hint=feed_title)


def read_text_content(text: str, fmt: str, source: str, stem: str, url: str | None = None) -> Iterator[Item]:
    """Dispatch decoded content to the reader for `fmt` ('text', 'html', 'json', 'jsonl', 'feed')."""
    if not text.strip():
        yield Rejected(source, "empty file", "only whitespace")
        return
    if fmt == "html":
        yield _html_to_article(text, source, stem, url=url)
    elif fmt == "feed":
        yield from _feed_articles(text, source, stem)
    elif fmt == "json":
        yield from _records_from_json(text, source, stem)
    elif fmt == "jsonl":
        yield from _records_from_lines(iter(text.splitlines()), source, stem)
    else:
        yield make_article({"text": text, "url": url}, source=source, default_id=stem, title_from_text=True)


def _resolve_format(ext_fmt: str | None, text: str) -> str:
    sniffed = sniff(text)
    if ext_fmt is None:
        return sniffed
    if ext_fmt == "text" and sniffed in ("html", "feed"):
        return sniffed  # HTML saved as .txt
    if ext_fmt == "feed" and sniffed == "html":
        return "html"
    if ext_fmt in ("json", "jsonl") and sniffed in ("json", "jsonl"):
        return ext_fmt
    if ext_fmt in ("json", "jsonl") and sniffed in ("html", "feed"):
        return sniffed
    if ext_fmt == "html" and sniffed == "feed":
        return "feed"
    return ext_fmt


def read_file(path: str, max_bytes: int = 50_000_000) -> Iterator[Item]:
    source = str(path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        yield Rejected(source, "unreadable file", str(exc))
        return
    if size == 0:
        yield Rejected(source, "empty file", "0 bytes")
        return
    if size > max_bytes:
        yield Rejected(source, "file too large", f"{size} bytes > max_bytes={max_bytes}")
        return
    ext_fmt, gz = _format_for(path)
    stem = _stem(path)
    try:
        with open(path, "rb") as fh:
            magic = fh.read(2)
    except OSError as exc:
        yield Rejected(source, "unreadable file", str(exc))
        return
    if gz or magic == b"\x1f\x8b":
        if ext_fmt in ("jsonl", None, "text") and magic == b"\x1f\x8b":
            # stream gzip JSON lines (large corpora): decide by peeking at the first line
            try:
                with gzip.open(path, "rb") as fh:
                    first = fh.readline()
                    if not first.strip():
                        first = first + fh.read(4096)
                    peek = first.lstrip()[:1]
                if peek == b"{" and ext_fmt in ("jsonl", None):
                    with gzip.open(path, "rb") as fh:
                        yield from _records_from_lines(iter(fh), source, stem)
                    return
            except (OSError, EOFError, zlib.error) as exc:
                yield Rejected(source, "corrupt gzip", str(exc))
                return
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejected(source, "corrupt gzip", str(exc))
            return
        if len(data) > max_bytes:
            yield Rejected(source, "file too large", f"decompressed size > max_bytes={max_bytes}")
            return
        if not data.strip():
            yield Rejected(source, "empty file", "empty after decompression")
            return
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield Rejected(source, "unreadable file", str(exc))
            return
    text, why = decode_bytes(data)
    if text is None:
        yield Rejected(source, why or "undecodable text", f"{len(data)} bytes")
        return
    if not text.strip():
        yield Rejected(source, "empty file", "only whitespace")
        return
    yield from read_text_content(text, _resolve_format(ext_fmt, text), source, stem)


def _checked_bytes(source: str, data: bytes, max_bytes: int, empty_detail: str) -> bytes | Rejected:
    """Bytes read whole from a URL or stdin: empty, too large and corrupt gzip are set aside; gzip is unpacked."""
    if not data:
        return Rejected(source, "empty file", empty_detail)
    if len(data) > max_bytes:
        return Rejected(source, "file too large", f"{len(data)} bytes > max_bytes={max_bytes}")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            return Rejected(source, "corrupt gzip", str(exc))
        if not data:
            return Rejected(source, "empty file", empty_detail)
    return data


def read_url(url: str, max_bytes: int = 50_000_000, timeout: float = URL_TIMEOUT) -> Iterator[Item]:
    try:
        import httpx

        with httpx.Client(timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": "triangulate/0.1 (+news ingest)"}) as client:
            resp = client.get(url)
    except Exception as exc:  # noqa: BLE001 - any network failure is one rejected input
        yield Rejected(url, "unreachable URL", f"{type(exc).__name__}: {exc}"[:300])
        return
    if resp.status_code >= 400:
        yield Rejected(url, "HTTP error", f"status {resp.status_code}")
        return
    data = _checked_bytes(url, resp.content, max_bytes, "empty response")
    if isinstance(data, Rejected):
        yield data
        return
    ctype = resp.headers.get("content-type", "").lower()
    text = None
    charset = re.search(r"charset=([\w-]+)", ctype)
    if charset:
        try:
            text = data.decode(charset.group(1))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, why = decode_bytes(data)
        if text is None:
            yield Rejected(url, why or "undecodable text", ctype or None)
            return
    ext_fmt, _ = _format_for(url.split("?")[0].split("#")[0])
    if "json" in ctype:
        ext_fmt = ext_fmt if ext_fmt in ("json", "jsonl") else None
    elif any(k in ctype for k in ("rss", "atom")):
        ext_fmt = "feed"
    elif "html" in ctype:
        ext_fmt = "html"
    elif ext_fmt == "text" and not ctype.startswith("text/plain"):
        ext_fmt = None
    fmt = _resolve_format(ext_fmt, text)
    final_url = str(resp.url)
    host = url_domain(final_url) or "url"
    stem = f"{host}-{_short_hash(url)}"
    for item in read_text_content(text, fmt, url, stem, url=final_url):
        if isinstance(item, Article) and not item.url:
            item.url = final_url
        yield item


# --------------------------------------------------------------------------- inputs


def _is_url(s: str) -> bool:
    return bool(re.match(r"^https?://", s, re.I))


def _walk(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return out


def read_inputs(
    inputs: list[str],
    *,
    stdin: TextIO | None = None,
    max_bytes: int = 50_000_000,
    on_progress: Callable[[str, int], None] | None = None,
) -> Iterator[Article | Rejected]:
    """Read files, folders (recursive), glob patterns, "-" (stdin) and http(s) URLs into Articles.

    Never raises for one bad input: yields `Rejected(source, reason, detail, record_no)` and goes on.
    `on_progress(source, n_items_so_far)` is called after each item."""
    count = 0

    def gen() -> Iterator[Item]:
        for inp in inputs:
            inp = str(inp)
            try:
                if inp == "-":
                    yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
                elif _is_url(inp):
                    yield from read_url(inp, max_bytes)
                elif os.path.isdir(inp):
                    files = _walk(inp)
                    if not files:
                        yield Rejected(inp, "empty folder", "no files found")
                    for f in files:
                        yield from _safe_file(f, max_bytes)
                elif os.path.exists(inp):
                    yield from _safe_file(inp, max_bytes)
                elif glob.has_magic(inp):
                    matches = sorted(glob.glob(inp, recursive=True))
                    files = []
                    for m in matches:
                        files.extend(_walk(m) if os.path.isdir(m) else [m])
                    if not files:
                        yield Rejected(inp, "no such file", "the pattern matched nothing")
                    for f in files:
                        yield from _safe_file(f, max_bytes)
                else:
                    yield Rejected(inp, "no such file", "not a file, folder, pattern or URL")
            except Exception as exc:  # noqa: BLE001 - last line of defence: one input never stops the run
                yield Rejected(inp, "read error", f"{type(exc).__name__}: {exc}"[:300])

    for item in gen():
        count += 1
        if on_progress:
            try:
                on_progress(item.source, count)
            except Exception:  # noqa: BLE001
                pass
        yield item


def _safe_file(path: str, max_bytes: int) -> Iterator[Item]:
    try:
        yield from read_file(path, max_bytes)
    except Exception as exc:  # noqa: BLE001
        yield Rejected(path, "read error", f"{type(exc).__name__}: {exc}"[:300])


def _read_stdin(stream: TextIO, max_bytes: int) -> Iterator[Item]:
    source = "-"
    try:
        buf = getattr(stream, "buffer", None)
        raw = buf.read(max_bytes + 1) if buf is not None else stream.read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001
        yield Rejected(source, "unreadable input", str(exc))
        return
    if isinstance(raw, bytes):
        raw = _checked_bytes(source, raw, max_bytes, "no input on stdin")
        if isinstance(raw, Rejected):
            yield raw
            return
        text, why = decode_bytes(raw)
        if text is None:
            yield Rejected(source, why or "undecodable text", None)
            return
    else:
        text = raw
        if len(text) > max_bytes:
            yield Rejected(source, "file too large", f"stdin > max_bytes={max_bytes}")
            return
    if not text or not text.strip():
        yield Rejected(source, "empty file", "no input on stdin")
        return
    fmt = sniff(text)
    stem = "stdin" if fmt in ("json", "jsonl", "feed") else f"stdin-{_short_hash(text)}"
    yield from read_text_content(text, fmt, source, stem)
