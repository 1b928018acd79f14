"""Splitting a usagelens command line into report options and input paths.

usagelens-dask reads the inputs itself (they become shard tasks) and hands everything else to the final
report run, so it has to know which tokens are paths. Rather than copy usagelens's option list (and go stale
when an option is added), it asks the binary: ``usagelens --experimental-dump-help`` is the argument parser's
own JSON description of every subcommand, saying which options take a value and which positionals are paths.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

#: Subcommands that read logs but make no sense through shards: ``statusline`` reads Claude Code's JSON on
#: standard input, ``files`` lists what a run reads (run it on one machine). Everything with a ``path``
#: positional otherwise works.
UNSUPPORTED = {
    "statusline": "it reads Claude Code's status JSON on standard input; run usagelens statusline",
    "files": "it only lists the inputs; run usagelens files",
}

#: Options of the report that a shard run also understands but must not get: the shard's own output and
#: prefixes are usagelens-dask's business, and ``--strict`` decides the report's exit status, not a shard's.
NOT_FOR_SHARDS = {"output", "shown-prefix", "strict"}

#: Options that never end (``--watch`` redraws forever): refused, a cluster run is one report.
REFUSED_OPTIONS = {"watch": "--watch redraws forever; run usagelens blocks --watch on one machine"}


class UsageError(Exception):
    """A command line usagelens-dask cannot run (exit status 2)."""


@dataclass(frozen=True)
class OptionSpec:
    """One named argument of a subcommand, as the parser describes it."""

    names: tuple[str, ...]  # "--since", "-o"
    preferred: str  # the long name without dashes, e.g. "since"
    takes_value: bool
    unconditional: bool  # takes the next token as its value even when it starts with '-'
    value_name: str


@dataclass(frozen=True)
class PositionalSpec:
    value_name: str
    repeating: bool


@dataclass(frozen=True)
class CommandSpec:
    """The arguments of one usagelens subcommand."""

    name: str
    options: tuple[OptionSpec, ...]
    positionals: tuple[PositionalSpec, ...]
    has_subcommands: bool = False

    def option(self, token_name: str) -> OptionSpec | None:
        """The option spelled ``token_name`` (``--since`` or ``-o``), if the subcommand has it."""
        for option in self.options:
            if token_name in option.names:
                return option
        return None

    @property
    def reads_paths(self) -> bool:
        return any(p.value_name == "path" for p in self.positionals)


@dataclass(frozen=True)
class UsagelensSpec:
    """Every subcommand of one usagelens binary, and which one runs when none is named."""

    commands: Mapping[str, CommandSpec]
    default: str = "daily"

    def command(self, name: str) -> CommandSpec | None:
        return self.commands.get(name)


@dataclass(frozen=True)
class FileArgument:
    """A report option whose value names a file on the client (``--pricing prices.json``).

    ``index`` is the token's position in ``Invocation.report_args`` and ``prefix`` what precedes the path in
    that token (``"--pricing="`` for the joined spelling, else empty).
    """

    index: int
    prefix: str
    path: str
    is_output: bool


@dataclass(frozen=True)
class Invocation:
    """A usagelens command line taken apart.

    ``report_args`` is the subcommand and every token that is not an input path, in order: the final report
    runs ``usagelens *report_args MERGED.ulshard``. ``shard_options`` are the reading options (``--threads``,
    ``--no-cache``, ``--cache-dir``) that the shard steps get too.
    """

    command: str
    report_args: tuple[str, ...]
    paths: tuple[str, ...]
    shard_options: tuple[str, ...]
    files: tuple[FileArgument, ...] = field(default=())
    passthrough: bool = False  # --help, --version, an unknown option: run usagelens as it is, nothing to read


def _long(names: Sequence[Mapping[str, str]]) -> tuple[str, ...]:
    return tuple(("-" if n["kind"] == "short" else "--") + n["name"] for n in names)


def _command_spec(description: Mapping[str, Any]) -> CommandSpec:
    options: list[OptionSpec] = []
    positionals: list[PositionalSpec] = []
    for argument in description.get("arguments", []):
        kind = argument.get("kind")
        if kind == "positional":
            positionals.append(PositionalSpec(argument.get("valueName", ""), bool(argument.get("isRepeating"))))
            continue
        names = _long(argument.get("names", []))
        preferred = argument.get("preferredName", {}).get("name") or (names[0].lstrip("-") if names else "")
        options.append(
            OptionSpec(
                names=names,
                preferred=preferred,
                takes_value=kind == "option",
                unconditional=argument.get("parsingStrategy") == "unconditional",
                value_name=argument.get("valueName", ""),
            )
        )
    return CommandSpec(
        name=description.get("commandName", ""),
        options=tuple(options),
        positionals=tuple(positionals),
        has_subcommands=bool(description.get("subcommands")),
    )


def parse_spec(dump: str | bytes) -> UsagelensSpec:
    """Reads ``usagelens --experimental-dump-help`` (the root command's JSON, with every subcommand)."""
    root = json.loads(dump)["command"]
    commands = {sub["commandName"]: _command_spec(sub) for sub in root.get("subcommands", [])}
    default = "daily" if "daily" in commands else next(iter(commands), "daily")
    return UsagelensSpec(commands=commands, default=default)


def _is_option_token(token: str) -> bool:
    return token.startswith("-") and token != "-" and not _is_number(token)


def _is_number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


def split(spec: UsagelensSpec, tokens: Sequence[str]) -> Invocation:
    """Takes ``REPORT [options] PATHS...`` apart by the rules of usagelens's own parser.

    An option that takes a value consumes the next token (or its ``=`` part); positionals fill the
    subcommand's positionals in order, so ``top projects logs/`` gives ``projects`` to the dimension and
    ``logs/`` to the paths, as usagelens would. Tokens usagelens would reject are kept for the report, which
    then fails exactly as one machine does.
    """
    tokens = list(tokens)
    if tokens and spec.command(tokens[0]) is not None:
        name, rest = tokens[0], tokens[1:]
    else:
        name, rest = spec.default, tokens  # usagelens runs its default subcommand then
    command = spec.command(name)
    if command is None:
        raise UsageError(f"usagelens has no subcommand {name!r}")
    if name in UNSUPPORTED:
        raise UsageError(f"{name} cannot run on a cluster: {UNSUPPORTED[name]}")

    report_args: list[str] = [name]
    paths: list[str] = []
    shard_options: list[str] = []
    files: list[FileArgument] = []
    passthrough = False
    positional_slots = list(command.positionals)
    after_terminator = False
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if after_terminator or not _is_option_token(token):
            slot = positional_slots[0] if positional_slots else None
            if slot is not None and slot.value_name == "path":
                paths.append(token)
            else:
                report_args.append(token)
            if slot is not None and not slot.repeating:
                positional_slots.pop(0)
            continue
        if token == "--":
            after_terminator = True
            report_args.append(token)
            continue
        spelled, has_equals, joined = token.partition("=") if token.startswith("--") else (token[:2], False, "")
        if not token.startswith("--") and len(token) > 2:
            joined, has_equals = token[2:], True  # -ofile
        option = command.option(spelled)
        if option is None:
            # usagelens rejects the command line before it reads anything: run it as it is, to print its
            # own usage error (which of the next tokens are paths is not known without the option).
            return Invocation(command=name, report_args=(name, *rest), paths=(), shard_options=(), passthrough=True)
        if option.preferred in REFUSED_OPTIONS:
            raise UsageError(REFUSED_OPTIONS[option.preferred])
        if option.preferred in ("help", "version"):
            passthrough = True
        value: str | None = None
        own = [token]
        if option.takes_value:
            if has_equals:
                value = joined
            elif i < len(rest) and (option.unconditional or not _is_option_token(rest[i])):
                value = rest[i]
                own.append(value)
                i += 1
        if value is not None and option.value_name == "file" and value != "-":
            prefix = token[: len(token) - len(value)] if has_equals else ""
            index = len(report_args) + len(own) - 1
            files.append(FileArgument(index, prefix, value, is_output=option.preferred == "output"))
        report_args.extend(own)
        if _for_shards(spec, option):
            shard_options.extend(own)

    if not command.reads_paths and not passthrough:
        raise UsageError(f"{name} reads no logs; run usagelens {name} on one machine")
    return Invocation(
        command=name,
        report_args=tuple(report_args),
        paths=tuple(paths),
        shard_options=tuple(shard_options),
        files=tuple(files),
        passthrough=passthrough,
    )


def _for_shards(spec: UsagelensSpec, option: OptionSpec) -> bool:
    """Whether a report option is also a reading option: one ``usagelens shard`` has under the same name."""
    shard = spec.command("shard")
    if shard is None or option.preferred in NOT_FOR_SHARDS or option.preferred in ("help", "version"):
        return False
    return any(o.preferred == option.preferred for o in shard.options)
