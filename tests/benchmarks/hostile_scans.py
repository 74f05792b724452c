"""Hostile-scan benchmark: the Markdown and YAML scans stay linear whatever is left unclosed.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/hostile_scans.py               # 400 KB and 1.6 MB inputs
    .venv/bin/python tests/benchmarks/hostile_scans.py --size 3200000 --runs 5 --check

For each hostile input (an opener nothing closes, repeated; a long run of spaces; a long digit run)
it times each reader on the input at ``--size`` characters and at a quarter of it, and prints the
fastest of ``--runs`` reads of each and their ratio. A linear scan takes about four times as long
on four times the input, a quadratic one sixteen times: ``--check`` makes the script exit 1 when
a ratio passes 8. Only inputs a reader needs over 20 ms for are judged, and the smaller input is
400 KB by default: below that, CPU caches and a busy machine's noise decide the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from teamhandbook.pages.links import link_targets
from teamhandbook.pages.macro_guard import protect_code, template_lines
from teamhandbook.readers.decision import read_decision
from teamhandbook.readers.page_meta import count_words, read_page
from teamhandbook.readers.yaml_source import YamlSyntaxError, parse_yaml

INPUTS: dict[str, Callable[[int], str]] = {
    "unclosed {{": lambda n: "word {{ " * (n // 8),
    "unclosed {%": lambda n: "word {% " * (n // 8),
    "unclosed <!--": lambda n: "word <!-- " * (n // 10),
    "<!-- on each line": lambda n: "<!-- x\n" * (n // 7),
    "unclosed <": lambda n: "a < b " * (n // 6),
    "unclosed ](": lambda n: "[x](" * (n // 4),
    "](< without >": lambda n: "[a](<" * (n // 5),
    "[ without ]": lambda n: "[" * n + "](x)",
    "backticks": lambda n: "`a {{ " * (n // 6),
    "heading spaces": lambda n: "# a" + " " * n + "b",
    "front matter spaces": lambda n: "---\na" + " " * n + "\n: x\n---\n",
    "status spaces": lambda n: "---\nstatus: a" + " " * n + "b\n---\n",
    "status links": lambda n: "---\nstatus: superseded by " + "[a](" * (n // 4) + "\n---\n",
    "nygard link line": lambda n: "# T\n\n* a" + " " * n + "\n",
    "date digits": lambda n: "---\ndate: " + "1" * n + "th\n---\n",
    "yaml aliases": lambda n: "a: &a [1]\nb: [" + ", ".join(["*a"] * (n // 4)) + "]\n",
}
READERS: dict[str, Callable[[str], object]] = {
    "count_words": count_words,
    "read_page": lambda text: read_page(text, "docs/x.md", "x.md"),
    "read_decision": lambda text: read_decision(text, "decisions/0001-x.md", "0001-x"),
    "protect_code": protect_code,
    "template_lines": template_lines,
    "link_targets": link_targets,
    "parse_yaml": lambda text: _parse(text),
}


def _parse(text: str) -> object:
    """Parse YAML, a refusal being an answer too."""
    try:
        return parse_yaml(text)
    except YamlSyntaxError as exc:
        return exc


def fastest_seconds(reader: Callable[[str], object], text: str, runs: int) -> float:
    """Return the shortest time of ``runs`` reads of ``text`` (the least disturbed by other work)."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        reader(text)
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def main() -> None:
    """Time every reader on every hostile input at two sizes and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_600_000, help="characters of the larger input")
    parser.add_argument("--runs", type=int, default=3, help="reads per input (the fastest is reported)")
    parser.add_argument("--check", action="store_true", help="exit 1 if any ratio passes 8")
    args = parser.parse_args()
    worst = 0.0
    print(f"{'input':<22} {'reader':<15} {'1/4 size':>10} {'size':>10} {'ratio':>6}")
    for name, make in INPUTS.items():
        small, large = make(args.size // 4), make(args.size)
        for reader_name, reader in READERS.items():
            if reader_name == "parse_yaml" and name != "yaml aliases":
                continue
            a, b = fastest_seconds(reader, small, args.runs), fastest_seconds(reader, large, args.runs)
            ratio = b / a if a > 1e-5 else 0.0
            if b > 0.02:
                worst = max(worst, ratio)
            print(f"{name:<22} {reader_name:<15} {1000 * a:8.1f}ms {1000 * b:8.1f}ms {ratio:6.1f}")
    print(f"worst ratio (inputs over 20 ms): {worst:.1f} (linear ≈ 4, quadratic ≈ 16)")
    if args.check and worst > 8:
        sys.exit(1)


if __name__ == "__main__":
    main()
