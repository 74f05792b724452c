"""The ``handbook`` command: one subcommand per module, all over the same core as the plugin.

Exit codes:

- 0: done; for ``check``, no errors were found.
- 1: the handbook has errors (``check``), or the command found nothing to act on.
- 2: the command could not run: bad arguments, no ``mkdocs.yml`` (or ``properdocs.yml``),
  unusable settings.

Every help text is a capitalised sentence; ``tests/test_cli_habits.py`` holds every command to it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..settings import SettingsError
from ..writers.files import WriteError, reason
from .context import CommandError, Output

EXIT_CODES = "Exit codes: 0 done, 1 problems found (or nothing matched), 2 could not run."
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

COMMANDS: tuple[str, ...] = (
    "init",
    "new",
    "write",
    "template",
    "status",
    "supersede",
    "link",
    "renumber",
    "list_decisions",
    "check",
    "import_log",
    "render",
    "overlap",
    "respond_by",
    "digest",
    "completion",
)
"""Subcommand modules in ``teamhandbook.cli``, in the order ``--help`` lists them.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for ``handbook`` and every subcommand."""
    parser = argparse.ArgumentParser(
        prog="handbook",
        description="Keep a team handbook: decisions, working agreement, onboarding.",
        epilog=EXIT_CODES,
        add_help=False,
    )
    _add_help(parser)
    parser.add_argument(
        "--version", action="version", version=f"handbook (teamhandbook) {__version__}", help=VERSION_HELP
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="The handbook's mkdocs.yml or properdocs.yml (default: found in this folder or above).",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="Commands")
    for name in COMMANDS:
        module = importlib.import_module(f"{__package__}.{name}")
        sub = subparsers.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=getattr(module, "EPILOG", EXIT_CODES),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=False,
        )
        _add_help(sub)
        sub.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=QUIET_HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


VERSION_HELP = "Show the version of teamhandbook and exit."
QUIET_HELP = "Print only what was asked for (listings, JSON, problems) and errors; no progress messages."


def _add_help(parser: argparse.ArgumentParser) -> None:
    """Add ``-h``/``--help`` with a help text in the same style as every other option."""
    parser.add_argument("-h", "--help", action="help", help="Show this help and exit.")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``handbook`` with ``argv`` and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    Output.quiet = bool(getattr(args, "quiet", False))
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except (CommandError, SettingsError, WriteError) as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into `head` or similar, which stopped reading
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # the last word on a refusal no command foresaw: a sentence, not a traceback
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"handbook: stopped, as the system refused: {reason(exc)}{where}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
