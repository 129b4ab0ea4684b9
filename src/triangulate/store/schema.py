"""The versioned DuckDB schema. Each migration moves the database forward by one version."""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # version 1: the foundation
    [
        """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
        """CREATE SEQUENCE IF NOT EXISTS article_seq START 1""",
        """CREATE TABLE IF NOT EXISTS articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            source VARCHAR NOT NULL,
            url VARCHAR,
            title VARCHAR,
            outlet VARCHAR,
            language VARCHAR,
            published VARCHAR,
            published_inferred BOOLEAN DEFAULT FALSE,
            published_confidence DOUBLE,
            published_method VARCHAR,
            authors VARCHAR,          -- JSON list
            text VARCHAR NOT NULL,
            raw_text VARCHAR,
            content_hash VARCHAR,
            meta VARCHAR,             -- JSON object
            ingested_at TIMESTAMP DEFAULT current_timestamp,
            analyzed BOOLEAN DEFAULT FALSE,
            story_id VARCHAR,
            duplicate_of VARCHAR
        )""",
        """CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)""",
        """CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id)""",
        """CREATE SEQUENCE IF NOT EXISTS reject_seq START 1""",
        """CREATE TABLE IF NOT EXISTS rejects (
            id BIGINT PRIMARY KEY,
            source VARCHAR NOT NULL,
            record_no INTEGER,
            reason VARCHAR NOT NULL,
            detail VARCHAR,
            set_aside_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE IF NOT EXISTS annotations (
            article_id VARCHAR PRIMARY KEY,
            data VARCHAR NOT NULL     -- JSON: sentences, places, times, actors
        )""",
        """CREATE TABLE IF NOT EXISTS mentions (
            article_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,    -- place, actor, time
            start INTEGER, "end" INTEGER,
            text VARCHAR,
            value VARCHAR,            -- canonical actor, place name, timex value
            lat DOUBLE, lon DOUBLE,
            country VARCHAR,
            geonameid BIGINT,
            actor_type INTEGER
        )""",
        """CREATE INDEX IF NOT EXISTS mentions_value ON mentions(kind, value)""",
        """CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)""",
        """CREATE TABLE IF NOT EXISTS copies (
            article_id VARCHAR NOT NULL,
            source_id VARCHAR NOT NULL,
            shared_chars INTEGER,
            share DOUBLE,
            kind VARCHAR,
            passages VARCHAR,         -- JSON list of [start, end, src_start, src_end]
            PRIMARY KEY (article_id, source_id)
        )""",
        """CREATE TABLE IF NOT EXISTS events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            event_type VARCHAR, sub_event_type VARCHAR,
            date VARCHAR, date_precision INTEGER,
            actor1 VARCHAR, actor2 VARCHAR,
            place_name VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
            fatalities INTEGER,
            background BOOLEAN,
            data VARCHAR NOT NULL     -- JSON of the full record
        )""",
        """CREATE INDEX IF NOT EXISTS events_article ON events(article_id)""",
        """CREATE TABLE IF NOT EXISTS figures (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            category VARCHAR, value DOUBLE, qualifier VARCHAR, who VARCHAR,
            attributed_to VARCHAR, as_of VARCHAR,
            data VARCHAR NOT NULL
        )""",
        """CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id)""",
        """CREATE TABLE IF NOT EXISTS claims (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            kind VARCHAR, attributed_to VARCHAR, text VARCHAR,
            data VARCHAR NOT NULL
        )""",
        """CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id)""",
        """CREATE TABLE IF NOT EXISTS stories (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            summary VARCHAR,
            first_published VARCHAR,
            last_published VARCHAR,
            n_articles INTEGER,
            n_outlets INTEGER,
            has_disagreement BOOLEAN,
            data VARCHAR,             -- JSON of the reconciled story (events, series, disagreements, ...)
            updated_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE IF NOT EXISTS story_events (
            id VARCHAR PRIMARY KEY,
            story_id VARCHAR NOT NULL,
            event_type VARCHAR, sub_event_type VARCHAR,
            date VARCHAR, date_precision INTEGER,
            actor1 VARCHAR, actor2 VARCHAR,
            place_name VARCHAR, admin1 VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision INTEGER,
            fatalities INTEGER,
            background BOOLEAN,
            data VARCHAR NOT NULL
        )""",
        """CREATE INDEX IF NOT EXISTS story_events_story ON story_events(story_id)""",
        """CREATE TABLE IF NOT EXISTS state (
            name VARCHAR PRIMARY KEY,
            data BLOB,
            updated_at TIMESTAMP DEFAULT current_timestamp
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
