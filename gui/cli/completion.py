"""Shell completion for `textwash`: bash, zsh and fish scripts made from the parsers.

    eval "$(textwash completion bash)"       # in ~/.bashrc
    eval "$(textwash completion zsh)"        # in ~/.zshrc, after compinit
    textwash completion fish > ~/.config/fish/completions/textwash.fish

The scripts are static: commands, options and choices are read from the same
argparse parsers that parse the command line (so they cannot drift), and the
preset names are written in; `--profile` also offers `.toml` files, inputs
offer files. Hand-written rather than a library because none fits: shtab
makes static scripts but has no fish, and argcomplete runs Python (and
imports the engine) on every Tab press and needs a global hook.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from gui.engine.presets import preset_names

PROG = "textwash"


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    # None: a switch; "profile", "path" or "value" (free text); or the choices.
    value: str | tuple[str, ...] | None


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]
    # What positional arguments are: "files", the choices, or None.
    operands: str | tuple[str, ...] | None


def commands(
    parser: argparse.ArgumentParser, extra: dict[str, argparse.ArgumentParser]
) -> list[Command]:
    """Every command of `parser` with its options, and those of `extra[command]`.

    (`clean` has two modes, each its own parser: its completion offers both.)
    """
    found = []
    for name, sub, help_ in _subcommands(parser):
        parsers = [sub, extra[name]] if name in extra else [sub]
        options: dict[str, Option] = {}
        operands: str | tuple[str, ...] | None = None
        for each in parsers:
            for action in each._actions:  # argparse has no public list of its actions
                if not action.option_strings:
                    operands = operands or (tuple(action.choices) if action.choices else "files")
                    continue
                option = _option(action)
                if not any(flag in options for flag in option.flags):
                    for flag in option.flags:
                        options[flag] = option
        unique = tuple(dict.fromkeys(options.values()))
        found.append(Command(name, help_, unique, operands))
    return found


def _subcommands(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, sub, helps.get(name, "")


def _option(action: argparse.Action) -> Option:
    flags = tuple(sorted(action.option_strings, key=lambda flag: (flag.startswith("--"), flag)))
    value: str | tuple[str, ...] | None
    if action.nargs == 0:
        value = None
    elif action.choices:
        value = tuple(str(choice) for choice in action.choices)
    elif action.dest == "profile":
        value = "profile"
    elif action.dest == "out" or action.type is Path:
        value = "path"
    else:
        value = "value"
    return Option(flags, (action.help or "").replace("%%", "%"), value)


def completion_script(
    shell: str,
    parser: argparse.ArgumentParser,
    extra: dict[str, argparse.ArgumentParser] | None = None,
) -> str:
    """The completion script for `shell` (bash, zsh or fish) from the command's parsers."""
    render = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[shell]
    return render(commands(parser, extra or {}))


# -- bash -------------------------------------------------------------------------------


def bash_script(found: list[Command]) -> str:
    presets = " ".join(preset_names())
    names = " ".join(command.name for command in found)
    cases = []
    for command in found:
        values = []
        for option in command.options:
            if option.value is None:
                continue
            pattern = "|".join(option.flags)
            if option.value == "profile":
                reply = (
                    f'COMPREPLY=($(compgen -W "{presets}" -- "$cur") '
                    '$(compgen -f -X \'!*.toml\' -- "$cur") $(compgen -d -- "$cur"))'
                )
            elif option.value == "path":
                reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
            elif isinstance(option.value, tuple):
                reply = f'COMPREPLY=($(compgen -W "{" ".join(option.value)}" -- "$cur"))'
            else:
                reply = "COMPREPLY=()"
            values.append(f"                {pattern}) {reply}; return ;;")
        flags = " ".join(flag for option in command.options for flag in option.flags)
        if isinstance(command.operands, tuple):
            operands = f'COMPREPLY=($(compgen -W "{" ".join(command.operands)}" -- "$cur"))'
        elif command.operands == "files":
            operands = 'COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            operands = "COMPREPLY=()"
        cases.append(
            f"""        {command.name})
            case "$prev" in
{chr(10).join(values) or "                '') ;;"}
            esac
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "{flags}" -- "$cur"))
            else
                {operands}
            fi
            ;;"""
        )
    return f"""# bash completion for {PROG} (`{PROG} completion bash`)
_{PROG}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}"
    local prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    if [[ $COMP_CWORD -eq 1 ]]; then
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "{names}" -- "$cur") $(compgen -f -- "$cur"))
        fi
        return
    fi
    case "${{COMP_WORDS[1]}}" in
{chr(10).join(cases)}
    esac
}}
complete -o filenames -o bashdefault -F _{PROG} {PROG}
"""


# -- zsh --------------------------------------------------------------------------------


def _zsh_quote(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("'", "'\\''")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace(":", "\\:")
    )


def zsh_script(found: list[Command]) -> str:
    presets = " ".join(preset_names())
    described = "\n".join(
        f"        '{command.name}:{_zsh_quote(command.help)}'" for command in found
    )
    cases = []
    for command in found:
        specs = []
        for option in command.options:
            exclusive = f"({' '.join(option.flags)})" if len(option.flags) > 1 else ""
            flags = "{" + ",".join(option.flags) + "}" if len(option.flags) > 1 else option.flags[0]
            if option.value is None:
                action = ""
            elif option.value == "profile":
                action = ":profile:_textwash_profiles"
            elif option.value == "path":
                action = ":path:_files"
            elif isinstance(option.value, tuple):
                action = f":value:({' '.join(option.value)})"
            else:
                action = ":value: "
            specs.append(f"'{exclusive}'{flags}'[{_zsh_quote(option.help)}]{action}'")
        if isinstance(command.operands, tuple):
            specs.append(f"'1:argument:({' '.join(command.operands)})'")
        elif command.operands == "files":
            specs.append("'*:file:_files'")
        body = " \\\n                ".join(specs)
        cases.append(
            f"        {command.name})\n"
            f"            _arguments -s \\\n                {body}\n"
            "            ;;"
        )
    return f"""#compdef {PROG}
# zsh completion for {PROG} (`{PROG} completion zsh`)
_textwash_profiles() {{
    _alternative 'presets:preset:({presets})' 'files:profile file:_files -g "*.toml"'
}}

_{PROG}() {{
    local -a commands
    commands=(
{described}
    )
    if (( CURRENT == 2 )); then
        _describe -t commands '{PROG} command' commands
        _files
        return
    fi
    local command=$words[2]
    shift words
    (( CURRENT-- ))
    case $command in
{chr(10).join(cases)}
    esac
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _{PROG} "$@"
else
    compdef _{PROG} {PROG}
fi
"""


# -- fish -------------------------------------------------------------------------------


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(found: list[Command]) -> str:
    lines = [
        f"# fish completion for {PROG} (`{PROG} completion fish`)",
        f"complete -c {PROG} -e",
        f"complete -c {PROG} -n __fish_use_subcommand -l version -d 'show the version'",
    ]
    for command in found:
        lines.append(
            f"complete -c {PROG} -n __fish_use_subcommand -f -a {command.name} "
            f"-d {_fish_quote(command.help)}"
        )
    presets = " ".join(preset_names())
    for command in found:
        when = f"-n '__fish_seen_subcommand_from {command.name}'"
        for option in command.options:
            flags = " ".join(
                f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
                for flag in option.flags
            )
            if option.value is None:
                value = ""
            elif option.value == "profile":
                value = f" -r -a '{presets} (__fish_complete_suffix .toml)'"
            elif option.value == "path":
                value = " -r -F"
            elif isinstance(option.value, tuple):
                value = f" -x -a '{' '.join(option.value)}'"
            else:
                value = " -x"
            lines.append(f"complete -c {PROG} {when} {flags}{value} -d {_fish_quote(option.help)}")
        if isinstance(command.operands, tuple):
            lines.append(f"complete -c {PROG} {when} -f -a '{' '.join(command.operands)}'")
        elif command.operands == "files":
            lines.append(f"complete -c {PROG} {when} -F")
        else:
            lines.append(f"complete -c {PROG} {when} -f")
    return "\n".join(lines) + "\n"
