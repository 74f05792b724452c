"""``handbook completion SHELL``: a completion script for bash, zsh or fish, made from the parser itself."""

from __future__ import annotations

import argparse
import re
import shlex

NAME = "completion"
HELP = "Print a shell completion script for bash, zsh or fish."
DESCRIPTION = """\
Print a script that completes handbook's commands and options in your shell. Install it once:

  bash  handbook completion bash > ~/.local/share/bash-completion/completions/handbook
  zsh   handbook completion zsh > "${fpath[1]}/_handbook"   (then start a new shell)
  fish  handbook completion fish > ~/.config/fish/completions/handbook.fish

The script is made from the same parser as `handbook --help`, so it always matches the version
that printed it."""

SHELLS = ("bash", "zsh", "fish")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the shell."""
    parser.add_argument("shell", choices=SHELLS, help="The shell to complete in: %(choices)s.")


def run(args: argparse.Namespace) -> int:
    """Print the completion script for the shell."""
    from .main import build_parser  # the whole parser, built the same way `handbook` builds it

    commands = _commands(build_parser())
    print({"bash": bash, "zsh": zsh, "fish": fish}[args.shell](commands), end="")
    return 0


Option = tuple[list[str], str, list[str], bool]
"""An option: its flags (none for a positional), its help, its choices, and whether it takes a value."""
Command = tuple[str, str, list[Option]]
"""A subcommand: its name, its help and its options."""


def _commands(parser: argparse.ArgumentParser) -> list[Command]:
    """Return every subcommand with its options, as the parser declares them."""
    found: list[Command] = []
    for action in parser._actions:  # argparse keeps subcommands only here
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                options = [
                    (
                        list(option.option_strings),
                        option.help or "",
                        [str(c) for c in option.choices or []],
                        option.nargs != 0,
                    )
                    for option in sub._actions
                    if option.help != argparse.SUPPRESS and (option.option_strings or option.choices)
                ]
                found.append((name, helps.get(name, ""), options))
    return found


def _global_options() -> list[str]:
    """Return the options ``handbook`` takes before a command."""
    return ["--help", "--version", "--config", "--quiet"]


def bash(commands: list[Command]) -> str:
    """Return a bash completion function for ``handbook``."""
    names = " ".join(name for name, _, _ in commands)
    cases = []
    for name, _, options in commands:
        words = [flag for flags, _, _, _ in options for flag in flags if flag.startswith("--")]
        words += [value for flags, _, values, _ in options if not flags for value in values]
        after_flag = "".join(
            f'                {flag}) COMPREPLY=($(compgen -W {shlex.quote(" ".join(values))} -- "$cur"))'
            "; return;;\n"
            for flags, _, values, _ in options
            if values
            for flag in flags
        )
        cases.append(
            f"        {name})\n"
            + (f'            case "$prev" in\n{after_flag}            esac\n' if after_flag else "")
            + f'            COMPREPLY=($(compgen -W {shlex.quote(" ".join(words))} -- "$cur"))\n'
            "            ;;\n"
        )
    top_level = names + " " + " ".join(_global_options())
    return (
        "# bash completion for handbook (teamhandbook)\n"
        "_handbook() {\n"
        "    local cur prev command i\n"
        '    cur="${COMP_WORDS[COMP_CWORD]}"\n'
        '    prev="${COMP_WORDS[COMP_CWORD-1]}"\n'
        "    command=\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        '        case "${COMP_WORDS[i]}" in\n'
        "            --config) ((i++));;\n"
        "            -*) ;;\n"
        '            *) command="${COMP_WORDS[i]}"; break;;\n'
        "        esac\n"
        "    done\n"
        '    if [[ -z "$command" ]]; then\n'
        f'        COMPREPLY=($(compgen -W {shlex.quote(top_level)} -- "$cur"))\n'
        "        return\n"
        "    fi\n"
        '    case "$command" in\n' + "".join(cases) + "    esac\n"
        "}\n"
        "complete -o default -F _handbook handbook\n"
    )


def zsh(commands: list[Command]) -> str:
    """Return a zsh completion function for ``handbook``."""
    described = "".join(f"        {_zsh_quote(f'{name}:{_plain(help_)}')}\n" for name, help_, _ in commands)
    cases = []
    for name, _, options in commands:
        specs = []
        for flags, help_, values, takes_value in options:
            action = f":value:({' '.join(values)})" if values else (":value:" if takes_value else "")
            if not flags:
                specs.append(_zsh_quote(f"1:{_bracketed(help_) or 'value'}:({' '.join(values)})"))
            for flag in flags:
                specs.append(_zsh_quote(f"{flag}[{_bracketed(help_)}]{action}"))
        arguments = " ".join(specs)
        cases.append(f"        {name})\n            _arguments {arguments} '*:file:_files'\n            ;;\n")
    return (
        "#compdef handbook\n"
        "# zsh completion for handbook (teamhandbook)\n"
        "_handbook() {\n"
        "    local -a commands\n"
        "    commands=(\n" + described + "    )\n"
        "    local context state line\n"
        "    _arguments -C '--help[Show this help and exit.]' '--version[Show the version.]' "
        "'--config[The handbook configuration file.]:file:_files' '--quiet[No progress messages.]' "
        "'1:command:->command' '*::argument:->argument'\n"
        '    case "$state" in\n'
        "        command) _describe 'command' commands;;\n"
        '        argument)\n            case "$line[1]" in\n'
        + "".join("    " + line + "\n" for line in "".join(cases).rstrip("\n").split("\n"))
        + "            esac\n            ;;\n"
        "    esac\n"
        "}\n"
        'if [[ "$funcstack[1]" = "_handbook" ]]; then _handbook "$@"; else compdef _handbook handbook; fi\n'
    )


def fish(commands: list[Command]) -> str:
    """Return fish completions for ``handbook``."""
    names = " ".join(name for name, _, _ in commands)
    lines = [
        "# fish completion for handbook (teamhandbook)",
        "complete -c handbook -f",
        "complete -c handbook -n '__fish_use_subcommand' -l version -d 'Show the version'",
        "complete -c handbook -n '__fish_use_subcommand' -l quiet -s q -d 'No progress messages'",
        "complete -c handbook -n '__fish_use_subcommand' -l config -r -F -d 'The configuration file'",
    ]
    for name, help_, options in commands:
        lines.append(
            f"complete -c handbook -n '__fish_use_subcommand' -a {name} -d {_fish_quote(_plain(help_))}"
        )
        for flags, option_help, values, takes_value in options:
            parts = [f"complete -c handbook -n '__fish_seen_subcommand_from {name}'"]
            if not flags:
                parts.append(f"-x -a {_fish_quote(' '.join(values))} -d {_fish_quote(_plain(option_help))}")
                lines.append(" ".join(parts))
                continue
            for flag in flags:
                parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
            if values:
                parts.append(f"-x -a {_fish_quote(' '.join(values))}")
            elif takes_value:
                parts.append("-r")
            parts.append(f"-d {_fish_quote(_plain(option_help))}")
            lines.append(" ".join(parts))
    lines.append(f"# commands: {names}")
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """Return a help text on one line, without argparse's ``%(…)s`` placeholders."""
    return " ".join(re.sub(r"%\([a-z_]+\)s", "…", text).replace("%%", "%").split())


def _bracketed(text: str) -> str:
    """Return help text that can stand inside zsh's ``[…]`` option descriptions."""
    return _plain(text).replace("[", "(").replace("]", ")").replace(":", " ")


def _zsh_quote(text: str) -> str:
    """Quote text for zsh, in single quotes."""
    return "'" + text.replace("'", "'\\''") + "'"


def _fish_quote(text: str) -> str:
    """Quote text for fish, in single quotes."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
