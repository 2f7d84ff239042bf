"""Every sub-command's help ends with an example, and every option says what it does (issue 34)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import click

from dutydesk.cli.root import SUBCOMMAND_MODULES, cli


def commands(cmd: click.Command = cli, path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from commands(sub, (*path, name))
    else:
        yield " ".join(path), cmd


def test_every_command_has_an_example_and_every_option_a_help_text() -> None:
    for module in set(SUBCOMMAND_MODULES.values()):
        importlib.import_module(f"dutydesk.cli.{module}")
    found = list(commands())
    assert len(found) > 30
    no_example = [name for name, cmd in found if "Example:" not in (cmd.help or "")]
    no_help = [
        f"{name} {param.opts[-1]}"
        for name, cmd in found
        for param in cmd.params
        if isinstance(param, click.Option) and not param.hidden and not param.help
    ]
    assert no_example == [] and no_help == []
