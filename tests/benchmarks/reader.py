"""Reader benchmark: how long reading a decision log takes, and how it grows.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/reader.py                     # 1,000 and 5,000 decisions
    .venv/bin/python tests/benchmarks/reader.py --sizes 1000 --compare /tmp/base/plugins

It generates the same MADR 4 handbooks as ``builds.py`` and times ``read_decision_log`` (every
file read and parsed once, the reader's whole share of a build), in a fresh process per run so
nothing is cached, and prints the median per size and per decision. With ``--compare``, another
copy of the package (a ``plugins`` folder, e.g. from ``git archive <commit> plugins``) is timed
in the same runs, alternating, so both face the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from builds import write_handbooks  # noqa: E402

TIMED = """\
import json, sys, time
from pathlib import Path
from teamhandbook.readers.decision_log import read_decision_log
folder = Path(sys.argv[1])
started = time.perf_counter()
log, problems = read_decision_log(folder, folder.parent)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "decisions": len(log), "problems": len(problems)}))
"""


def time_once(folder: Path, package: str | None) -> dict:
    """Read the log once in a fresh process, with ``package`` first on the path if given."""
    env = dict(os.environ)
    if package:
        env["PYTHONPATH"] = package
    output = subprocess.run(
        [sys.executable, "-c", TIMED, str(folder)], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Generate each size and time the reader, this copy and the compared one alternately."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="log sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median is reported)")
    parser.add_argument("--compare", default="", help="a plugins folder of another version to time too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        for size in (int(s) for s in args.sizes.split(",") if s):
            handbook, _ = write_handbooks(Path(temporary) / str(size), size)
            folder = handbook / "decisions"
            times: dict[str, list[float]] = {"this": [], "compared": []}
            for _ in range(args.runs):
                times["this"].append(time_once(folder, None)["seconds"])
                if args.compare:
                    times["compared"].append(time_once(folder, args.compare)["seconds"])
            for name, values in times.items():
                if values:
                    median = statistics.median(values)
                    print(
                        f"{size:>6,} decisions, {name:8}: median {median:.3f} s over {len(values)} runs "
                        f"({1000 * median / size:.2f} ms per decision; min {min(values):.3f}, "
                        f"max {max(values):.3f})",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
