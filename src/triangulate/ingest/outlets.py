"""Outlet names: from a URL or domain to a readable publisher name.

A small shipped table maps well-known domains to names; anything else falls back to the bare domain
(``www.`` / ``m.`` / ``amp.`` and ports stripped). archive.org snapshot URLs
(``http://web.archive.org/web/2014.../http://www.wkrn.com:80/story/...``) are read through to the original URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

KNOWN_OUTLETS: dict[str, str] = {
    "reuters.com": "Reuters",
    "uk.reuters.com": "Reuters",
    "apnews.com": "AP",
    "ap.org": "AP",
    "afp.com": "AFP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "cnn.com": "CNN",
    "edition.cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "abc.net.au": "ABC News (Australia)",
    "npr.org": "NPR",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "chicagotribune.com": "Chicago Tribune",
    "chicago.suntimes.com": "Chicago Sun-Times",
    "suntimes.com": "Chicago Sun-Times",
    "nypost.com": "New York Post",
    "nydailynews.com": "New York Daily News",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "politico.com": "Politico",
    "bloomberg.com": "Bloomberg",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "dailymail.co.uk": "Daily Mail",
    "thesun.co.uk": "The Sun",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "mirror.co.uk": "Daily Mirror",
    "express.co.uk": "Daily Express",
    "news.sky.com": "Sky News",
    "sky.com": "Sky News",
    "rt.com": "RT",
    "chinadaily.com.cn": "China Daily",
    "xinhuanet.com": "Xinhua",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "alarabiya.net": "Al Arabiya",
    "france24.com": "France 24",
    "dw.com": "Deutsche Welle",
    "euronews.com": "Euronews",
    "lemonde.fr": "Le Monde",
    "bfmtv.com": "BFM TV",
    "aa.com.tr": "Anadolu Agency",
    "trtworld.com": "TRT World",
    "dailysabah.com": "Daily Sabah",
    "middleeasteye.net": "Middle East Eye",
    "thenationalnews.com": "The National",
    "newarab.com": "The New Arab",
    "english.alaraby.co.uk": "The New Arab",
    "alaraby.co.uk": "The New Arab",
    "timesofisrael.com": "The Times of Israel",
    "haaretz.com": "Haaretz",
    "jpost.com": "The Jerusalem Post",
    "sana.sy": "SANA",
    "syriahr.com": "Syrian Observatory for Human Rights",
    "timesofindia.indiatimes.com": "The Times of India",
    "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu",
    "ndtv.com": "NDTV",
    "scmp.com": "South China Morning Post",
    "japantimes.co.jp": "The Japan Times",
    "smh.com.au": "The Sydney Morning Herald",
    "cbc.ca": "CBC News",
    "globalnews.ca": "Global News",
    "theglobeandmail.com": "The Globe and Mail",
    "thestar.com": "Toronto Star",
    "news.yahoo.com": "Yahoo News",
    "businessinsider.com": "Business Insider",
    "cnbc.com": "CNBC",
    "thehill.com": "The Hill",
    "vox.com": "Vox",
    "axios.com": "Axios",
    "theverge.com": "The Verge",
    "techcrunch.com": "TechCrunch",
    "wired.com": "Wired",
    "arstechnica.com": "Ars Technica",
    "engadget.com": "Engadget",
    "espn.com": "ESPN",
    "dnainfo.com": "DNAinfo",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "themoscowtimes.com": "The Moscow Times",
    "tass.com": "TASS",
}

_ARCHIVE = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]*/(?P<orig>.+)$", re.I)
_STRIP_PREFIX = re.compile(r"^(?:www\d?|m|amp|mobile|edition|english|en)\.")


def original_url(url: str) -> str:
    """The URL an archive.org snapshot URL points at (any other URL unchanged)."""
    m = _ARCHIVE.match(url.strip())
    if not m:
        return url.strip()
    orig = m.group("orig")
    if not re.match(r"^[a-z]+:/", orig, re.I):
        orig = "http://" + orig
    orig = re.sub(r"^(https?):/(?!/)", r"\1://", orig, flags=re.I)  # archive.org sometimes collapses "//"
    return orig


def url_domain(url: str | None) -> str | None:
    """Lower-case host of a URL (archive.org URLs read through), without port and without ``www.``-like prefixes."""
    if not url:
        return None
    url = original_url(url)
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.lower().strip(".")
    if not host or "." not in host:
        return None
    return _strip(host)


def _strip(host: str) -> str:
    host = host.lower().split(":")[0].strip(".")
    if host in KNOWN_OUTLETS:
        return host
    stripped = _STRIP_PREFIX.sub("", host)
    return stripped if "." in stripped else host


def outlet_from_domain(domain: str | None) -> str | None:
    """Readable outlet name for a domain (or URL): the shipped table, else the domain itself."""
    if not domain:
        return None
    domain = domain.strip()
    host = url_domain(domain) if ("/" in domain or ":" in domain) else _strip(domain)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):  # sub.example.com -> example.com
        cand = ".".join(parts[i:])
        if cand in KNOWN_OUTLETS:
            return KNOWN_OUTLETS[cand]
    return host


def outlet_from_title(title: str | None, domain: str | None) -> str | None:
    """A title suffix naming the outlet ("Teen charged ... - WKRN News 2") when it matches the domain."""
    if not title or not domain:
        return None
    m = re.search(r"\s[-|–—:]\s([^-|–—:]{2,40})\s*$", title)
    if not m:
        return None
    name = m.group(1).strip()
    label = re.sub(r"[^a-z0-9]", "", domain.split(".")[0].lower())
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    if len(label) >= 3 and (label in squashed or squashed in label):
        return name
    return None
