"""sources.toml: parsing, validation messages, and `figures sources add/list/remove`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import build_app
from extract.sources import (
    Source,
    SourcesError,
    add_source,
    load_sources,
    parse_sources,
    remove_source,
)

EXAMPLE = """\
# my sources
[fetch]
timeout = 5
retries = 1

[sources.reuters]
kind = "folder"
path = "corpus"          # relative to this file
published = 1987-03-01

[sources.central-bank]   # the bank's press releases
kind = "feed"
url = "https://example.org/press/rss.xml"
max_entries = 20

[sources.watchlist]
kind = "urls"
urls = ["https://example.org/a.html", "https://example.org/b.html"]
file = "more-urls.txt"
"""


def test_example_parses(tmp_path: Path) -> None:
    cfg = parse_sources(EXAMPLE, tmp_path / "sources.toml")
    assert [s.name for s in cfg.sources] == ["reuters", "central-bank", "watchlist"]
    assert cfg.fetch.timeout == 5.0 and cfg.fetch.retries == 1
    reuters = cfg.get("reuters")
    assert reuters is not None and reuters.published == dt.date(1987, 3, 1)
    bank = cfg.get("central-bank")
    assert bank is not None and bank.max_entries == 20 and bank.fetch_articles
    (tmp_path / "more-urls.txt").write_text("# comment\nhttps://example.org/c.html\n\n")
    watch = cfg.get("watchlist")
    assert watch is not None
    assert watch.url_list(cfg.base) == [
        "https://example.org/a.html",
        "https://example.org/b.html",
        "https://example.org/c.html",
    ]


def test_missing_file_is_an_empty_config(tmp_path: Path) -> None:
    assert load_sources(tmp_path / "none.toml").sources == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sources.x]\nkind = 'blog'\n", "kind must be one of folder, urls, feed"),
        ("[sources.x]\nkind = 'feed'\n", "a feed needs url"),
        ("[sources.x]\nkind = 'feed'\nurl = 'file:///etc/passwd'\n", "only http and https"),
        ("[sources.x]\nkind = 'folder'\npath = 'a'\nurl = 'b'\n", "unknown option(s) url"),
        ("[sources.x]\nkind = 'urls'\n", "needs urls = [...] or file"),
        ("[sources.x]\nkind = 'folder'\npath = 'a'\npublished = 'soon'\n", "published"),
        ("[sources.x]\nkind = 'feed'\nurl = 'http://a/b'\nmax_entries = 0\n", "max_entries"),
        (
            "[sources.x]\nkind = 'feed'\nurl = 'http://a/b'\nrevalidate_articles = 'yes'\n",
            "revalidate_articles must be true or false",
        ),
        ("[fetch]\ntimeout = 'long'\n", "timeout must be a float"),
        ("[fetch]\nspeed = 3\n", "unknown [fetch] option(s) speed"),
        ("[fetch]\nobey_robots = 'no'\n", "obey_robots must be true or false"),
        ("[source.x]\nkind = 'feed'\n", "unknown table(s) source"),
        ("[sources.x\n", "not valid TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourcesError) as err:
        load_sources(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_add_and_remove_keep_hand_written_parts(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(EXAMPLE)
    cfg = add_source(path, Source("more", "feed", url="https://example.org/atom.xml"))
    assert cfg.get("more") is not None
    text = path.read_text()
    assert text.startswith(EXAMPLE)  # everything written by hand is still there
    cfg = remove_source(path, "central-bank")
    assert [s.name for s in cfg.sources] == ["reuters", "watchlist", "more"]
    text = path.read_text()
    assert "# my sources" in text and "relative to this file" in text
    assert "press/rss.xml" not in text
    with pytest.raises(SourcesError, match="already exists"):
        add_source(path, Source("more", "urls", urls=("https://example.org/x",)))
    with pytest.raises(SourcesError, match="no source named 'nope'"):
        remove_source(path, "nope")


@pytest.mark.parametrize(
    "source",
    [
        Source(
            "a", "folder", path='/data/with "quotes" and \\ back', published=dt.date(2020, 1, 2)
        ),
        Source("b.c_d-e", "feed", url="https://example.org/f?x=1&y=é", fetch_articles=False),
        Source("r", "feed", url="https://example.org/r.xml", revalidate_articles=True),
        Source("u", "urls", urls=("https://example.org/1", "https://example.org/2"), enabled=False),
    ],
)
def test_written_sources_load_back_equal(tmp_path: Path, source: Source) -> None:
    path = tmp_path / "s.toml"
    assert add_source(path, source).get(source.name) == source
    assert load_sources(path).get(source.name) == source


def test_cli_add_list_remove(tmp_path: Path) -> None:
    runner = CliRunner()
    app = build_app()
    config = tmp_path / "sources.toml"
    folder = tmp_path / "news"
    folder.mkdir()
    common = ["--config", str(config)]
    result = runner.invoke(app, ["sources", "add", "news", "--folder", str(folder), *common])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["sources", "add", "feed", "--feed", "https://example.org/rss.xml", *common]
    )
    assert result.exit_code == 0, result.output
    add_fixes = ["sources", "add", "fixes", "--feed", "https://example.org/c.xml"]
    result = runner.invoke(app, [*add_fixes, "--revalidate-articles", *common])
    assert result.exit_code == 0, result.output
    assert load_sources(config).get("fixes").revalidate_articles
    assert runner.invoke(app, ["sources", "remove", "fixes", *common]).exit_code == 0
    result = runner.invoke(
        app, ["sources", "list", *common, "--db", str(tmp_path / "none.db"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"name": "news"' in result.output and '"kind": "feed"' in result.output
    assert not (tmp_path / "none.db").exists()  # listing never creates a store
    result = runner.invoke(app, ["sources", "remove", "feed", *common])
    assert result.exit_code == 0
    assert [s.name for s in load_sources(config).sources] == ["news"]
    # Errors: one clear message, exit status 2, the file untouched.
    before = config.read_text()
    bad = runner.invoke(app, ["sources", "add", "x", "--folder", str(tmp_path / "no"), *common])
    assert bad.exit_code == 2 and "no such folder" in bad.output
    bad = runner.invoke(app, ["sources", "add", "x", "--feed", "ftp://a/b", *common])
    assert bad.exit_code == 2 and "only http and https" in bad.output
    bad = runner.invoke(app, ["sources", "add", "bad name", "--feed", "https://a/b", *common])
    assert bad.exit_code == 2 and "names are letters" in bad.output
    assert config.read_text() == before


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_gives_a_sources_error(text: str) -> None:
    try:
        parse_sources(text, Path("sources.toml"))
    except SourcesError as exc:
        assert "sources.toml" in str(exc)


def test_robots_can_be_switched_off_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text("[fetch]\nobey_robots = false\n")
    assert load_sources(path).fetch.obey_robots is False
