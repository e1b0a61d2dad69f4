"""The README stays true: its two set-up commands are the ones CI runs, and every `figures`
command and option it shows exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import build_app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[list[str]]:
    commands = []
    code = "\n".join(re.findall(r"```(?:bash|console)\n(.+?)\n```", README, re.S))
    for line in code.splitlines():
        line = line.strip().removeprefix("$ ")
        for part in line.split("&&"):
            words = shlex.split(part.split("#")[0].split("|")[0].strip() or "x")
            if words[0] == "figures" and len(words) > 1:
                commands.append(words)
    return commands


def test_readme_starts_with_the_two_setup_commands() -> None:
    blocks = re.findall(r"```bash\n(.+?)\n```", README, re.S)
    assert blocks[0] == "python -m pip install -e . && figures serve"
    assert blocks[1] == 'python -m pip install -e ".[test]" && python -m pytest'
    assert "<!-- test-command -->" in README.split(blocks[1])[0]


@pytest.mark.parametrize("words", _readme_commands(), ids=lambda w: " ".join(w[:2]))
def test_readme_command_exists_with_its_options(words: list[str]) -> None:
    command = words[1]
    result = CliRunner().invoke(build_app(), [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    if command == "sources":  # a group: its subcommand's options
        sub = CliRunner().invoke(build_app(), [command, words[2], "--help"], terminal_width=200)
        assert sub.exit_code == 0, sub.output
        result = sub
    for option in (w.split("=")[0] for w in words[2:] if w.startswith("--")):
        assert option in result.output, f"README uses {option}, not in `figures {command} --help`"
