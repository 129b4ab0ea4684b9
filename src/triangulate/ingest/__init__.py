"""Ingest: read news reports from files, folders, globs, stdin and URLs; clean them; attach metadata
(outlet, language, publication date - inferred from the text when missing).

Public API:
    read_inputs(inputs, *, stdin=None, max_bytes=50_000_000, on_progress=None) -> Iterator[Article | Rejected]
    clean_text(text) -> Cleaned(text, outlet, removed_lines)
    content_hash(text) -> str
    infer_published(text, title=None) -> DateGuess         (triangulate.ingest.dates)
    infer_from_story(text, guess, story_dates) -> DateGuess (triangulate.ingest.dates)
"""

from triangulate.ingest.clean import Cleaned, clean_text, content_hash
from triangulate.ingest.dates import DateGuess, infer_from_story, infer_published, normalise_date
from triangulate.ingest.outlets import outlet_from_domain, url_domain
from triangulate.ingest.readers import read_file, read_inputs, read_url
from triangulate.ingest.records import detect_language, make_article

__all__ = [
    "Cleaned", "DateGuess", "clean_text", "content_hash", "detect_language", "infer_from_story", "infer_published",
    "make_article", "normalise_date", "outlet_from_domain", "read_file", "read_inputs", "read_url", "url_domain",
]
