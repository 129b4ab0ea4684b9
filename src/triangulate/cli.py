"""The `triangulate` command line."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from triangulate.store import Store, default_db_path

console = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)

db_option = click.option(
    "--db", "db_path", default=None, envvar="TRIANGULATE_DB", show_envvar=True,
    help="DuckDB database file (default ./triangulate.duckdb).",
)

workers_option = click.option(
    "--workers", type=int, default=None,
    help="Processes for annotation and extraction (default: one per core for runs of 300+ articles, else 1).",
)


def _db(db_path: str | None) -> str:
    """The subcommand's --db, else the group's (`triangulate --db X stories`), else $TRIANGULATE_DB, else default."""
    ctx = click.get_current_context(silent=True)
    group_db = ctx.find_root().params.get("db_path") if ctx else None
    return db_path or group_db or default_db_path()


def _open(db_path: str | None, read_only: bool = False) -> Store:
    path = _db(db_path)
    try:
        return Store(path, read_only=read_only)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc


class _Bar:
    """A rich progress bar shown only on a terminal and for long runs."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and console.is_terminal
        self.progress: Progress | None = None
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> _Bar:
        if self.enabled:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)
            self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.progress:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="triangulate")
@db_option
def main(db_path: str | None) -> None:
    """triangulate: turn news reports into a sourced record of what happened.

    Typical use: `triangulate ingest FOLDER` (reads and analyses), then `triangulate stories`,
    `triangulate report -o report.html`, `triangulate export --format json`, `triangulate serve`.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--no-analyze", is_flag=True, help="Only read and store; run `triangulate analyze` later.")
@workers_option
@db_option
def ingest(inputs: tuple[str, ...], no_analyze: bool, workers: int | None, db_path: str | None) -> None:
    """Read articles from files, folders, globs, URLs or - (stdin), store them, and analyse them.

    Formats: .txt, .html, news-please .json/.jsonl (also .gz), plain JSON records, RSS/Atom feeds. Bad inputs are
    set aside (see `triangulate errors`); ingesting the same input twice adds nothing.
    """
    from triangulate import pipeline

    with _open(db_path) as store, _Bar(True) as bar:
        summary = pipeline.ingest(store, list(inputs), stdin=sys.stdin if "-" in inputs else None, progress=bar)
        console.print(f"read {summary.read}, new {summary.new}, already present {summary.already_present}, "
                      f"set aside {summary.rejected}"
                      + (f" ({', '.join(f'{k}: {v}' for k, v in summary.reasons.items())})" if summary.reasons else ""))
        if not no_analyze:
            _analyze(store, bar, workers)


def _analyze(store: Store, bar: _Bar, workers: int | None) -> None:
    from triangulate import pipeline

    result = pipeline.analyze(store, progress=bar, workers=workers)
    console.print(f"analysed {result.analyzed} (duplicates {result.duplicates}, failed {result.failed}), "
                  f"dated from story {result.redated}, stories updated {result.stories}, "
                  f"stories in database {store.count('stories')}")


@main.command()
@workers_option
@click.option("--again", is_flag=True,
              help="Forget all analyses and analyse every stored article anew (after an upgrade of triangulate).")
@db_option
def analyze(workers: int | None, again: bool, db_path: str | None) -> None:
    """Link, extract and reconcile every stored article not analysed yet (resumes an interrupted run)."""
    with _open(db_path) as store, _Bar(True) as bar:
        if again:
            console.print(f"analysing all {store.reset_analysis()} stored articles anew")
        _analyze(store, bar, workers)


@main.command()
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@db_option
def stories(limit: int, as_json: bool, db_path: str | None) -> None:
    """List stories, newest first."""
    with _open(db_path, read_only=True) as store:
        rows = store.story_rows()[:limit]
    if as_json:
        for r in rows:
            click.echo(json.dumps({k: v for k, v in r.items() if k != "data"}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} stories", show_lines=False)
    for col in ("id", "dates", "articles", "outlets", "events", "disagreements"):
        table.add_column(col, no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1)
    for r in rows:
        data = r["data"]
        dates = " .. ".join(sorted({(d or "?")[:10] for d in (r["first_published"], r["last_published"])}))
        table.add_row(r["id"], dates, str(r["n_articles"]), str(r["n_outlets"]),
                      str(len([e for e in data.get("events", []) if not e.get("background")])),
                      str(len(data.get("disagreements", []))), r["title"] or "")
    out.print(table)


@main.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story's bundle record as JSON.")
@db_option
def story(story_id: str, as_json: bool, db_path: str | None) -> None:
    """Show one story: articles, events, figures with sources, disagreements."""
    from triangulate.export import bundle

    with _open(db_path, read_only=True) as store:
        b = bundle(store, [story_id])
    if not b["stories"]:
        raise click.ClickException(f"no story {story_id!r}; see `triangulate stories`")
    s = b["stories"][0]
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    out.rule(f"[bold]{s['title'] or s['id']}")
    out.print(f"{s['id']}  {s['first_published'] or '?'} .. {s['last_published'] or '?'}")
    if s.get("summary"):
        out.print(s["summary"])
    t = Table(title="articles")
    for col in ("published", "outlet", "id", "copied from", "title"):
        t.add_column(col, overflow="fold")
    for a in b["articles"]:
        copied = ", ".join(f"{c['article_id']} ({c['share']:.0%})" for c in a["copied_from"])
        published = (a["published"] or "?") + (" (inferred)" if a["published_inferred"] else "")
        t.add_row(published, a["outlet"] or "?", a["id"], copied, a["title"] or "")
    out.print(t)
    t = Table(title="events")
    for col in ("date", "type", "actors", "place", "fatalities", "reports"):
        t.add_column(col, overflow="fold")
    for e in s["events"]:
        place = e.get("place") or {}
        t.add_row(f"{e.get('date') or '?'} (p{e.get('date_precision') or '?'})" + (" bg" if e.get("background") else ""),
                  f"{e['event_type']} / {e['sub_event_type']}",
                  " vs ".join(x for x in (e.get("actor1"), e.get("actor2")) if x),
                  f"{place.get('name') or ''} {place.get('lat') or ''},{place.get('lon') or ''}",
                  "" if e.get("fatalities") is None else str(e["fatalities"]), str(len(e.get("article_ids", []))))
    out.print(t)
    t = Table(title="figures")
    for col in ("category", "value", "who", "scope", "as of", "said by", "article"):
        t.add_column(col, overflow="fold")
    for f in s["figures"]:
        qualifier = f.get("qualifier") or ""
        number = "" if f["value"] is None else f"{f['value']:,.0f}" if float(f["value"]).is_integer() else str(f["value"])
        value = f"{'' if qualifier == 'exact' else qualifier} {number}".strip() or "?"
        t.add_row(f["category"], value, f.get("who") or "", f.get("scope") or "", f.get("as_of") or "",
                  f.get("attributed_to") or "", f["article_id"])
    out.print(t)
    for d in s["disagreements"]:
        out.print(f"[bold red]disagreement[/]: {d['topic']}")
        for side in d["sides"]:
            out.print(f"  - {side.get('attributed_to') or 'unattributed'}: {side.get('value')}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "geojson"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default stdout).")
@click.option("--story", "story_ids", multiple=True, help="Only these stories (repeatable).")
@db_option
def export(fmt: str, output: str | None, story_ids: tuple[str, ...], db_path: str | None) -> None:
    """Export the JSON bundle, an ACLED-style CSV of events, or GeoJSON of events."""
    from triangulate.export import export as do_export

    with _open(db_path, read_only=True) as store:
        text = do_export(store, fmt, list(story_ids) or None)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="report.html", show_default=True)
@db_option
def report(output: str, db_path: str | None) -> None:
    """Write one self-contained HTML report (no network needed to view it)."""
    from triangulate.report import render_report

    with _open(db_path, read_only=True) as store:
        html = render_report(store)
    Path(output).write_text(html, encoding="utf-8")
    console.print(f"wrote {output}")


@main.command()
@click.option("--json", "as_json", is_flag=True)
@db_option
def errors(as_json: bool, db_path: str | None) -> None:
    """What was set aside, and why."""
    with _open(db_path, read_only=True) as store:
        rows = store.rejects()
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    if not rows:
        out.print("nothing was set aside")
        return
    table = Table(title=f"{len(rows)} set aside")
    for col in ("source", "record", "reason", "detail", "at"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["source"], "" if r["record_no"] is None else str(r["record_no"]), r["reason"],
                      r["detail"] or "", r["at"][:19])
    out.print(table)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--published", default=None, help="Publication date anchoring relative dates (YYYY-MM-DD).")
def extract(inputs: tuple[str, ...], published: str | None) -> None:
    """Print events, figures, claims, places and times of each input text as JSON lines; stores nothing.

    Inputs: plain text files, or JSON lines files with id, text and optionally published; - or nothing for stdin.
    """
    from triangulate.extractcmd import iter_texts, extract_record

    for rec in iter_texts(list(inputs) or ["-"], published, sys.stdin):
        sys.stdout.write(json.dumps(extract_record(rec), ensure_ascii=False) + "\n")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", default=None, envvar="TRIANGULATE_TOKEN", show_envvar=True,
              help="Enables the article submission endpoint for requests carrying this token.")
@db_option
def serve(host: str, port: int, token: str | None, db_path: str | None) -> None:
    """Serve the web UI and JSON API (docs at /docs)."""
    from triangulate.web import serve as run

    path = _db(db_path)
    if not Path(path).exists():
        raise click.ClickException(f"no database at {path}: run `triangulate ingest` first")
    console.print(f"serving {path} at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    run(path, host=host, port=port, submit_token=token)


class _EvalGroup(click.Group):
    """Evaluation commands, discovered lazily: every module of `triangulate.eval` with a `command`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        import triangulate.eval as pkg

        return sorted(i.name for i in pkgutil.iter_modules(pkg.__path__) if i.name != "common")

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        command = getattr(importlib.import_module(f"triangulate.eval.{name}"), "command", None)
        return command if isinstance(command, click.Command) else None


@main.group("eval", cls=_EvalGroup)
def eval_group() -> None:
    """Evaluation commands over the gold-labelled corpora in ../shared/data (standard metrics)."""


if __name__ == "__main__":
    main()
