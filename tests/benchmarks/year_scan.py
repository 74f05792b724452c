"""Year-scan benchmark: how long the working agreement's overlap check over the coming year takes.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/year_scan.py            # Harbor, then a roster of 50
    .venv/bin/python tests/benchmarks/year_scan.py --people 200 --runs 9

It reads the example handbook's ``working-agreement/`` once, then times ``scan_year`` (every
working day of a year, for every person) on Harbor's own roster and on a roster made of Harbor's
people repeated until it has ``--people`` members, and prints the median and the range.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import time
from pathlib import Path

from teamhandbook.hours.year import scan_year
from teamhandbook.model.agreement import CoreWindow, Person
from teamhandbook.readers.agreement import read_agreement

ROOT = Path(__file__).resolve().parents[2]


def timings(people: list[Person], core: CoreWindow | None, runs: int, first: dt.date) -> list[float]:
    """Return the seconds each of ``runs`` scans took."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        scan_year(people, core, first)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    """Time the year scan and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50, help="size of the larger roster")
    parser.add_argument("--runs", type=int, default=7, help="scans per roster (median is reported)")
    args = parser.parse_args()
    agreement, problems = read_agreement(ROOT / "working-agreement", ROOT)
    if problems or not agreement.people:
        raise SystemExit("the example working agreement did not read cleanly")
    harbor = list(agreement.people)
    larger = [
        dataclasses.replace(person, handle=f"{person.handle}{n}")
        for n in range(-(-args.people // len(harbor)))
        for person in harbor
    ][: args.people]
    first = dt.date.today()
    for label, people in ((f"Harbor ({len(harbor)} people)", harbor), (f"{len(larger)} people", larger)):
        seconds = timings(people, agreement.core_window, args.runs, first)
        print(
            f"{label}: median {1000 * statistics.median(seconds):.1f} ms "
            f"(min {1000 * min(seconds):.1f}, max {1000 * max(seconds):.1f}, n={len(seconds)})"
        )


if __name__ == "__main__":
    main()
