"""Reader benchmark: how long reading a decision log takes, and how it grows.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/reader.py                     # 1,000 and 5,000 decisions
    .venv/bin/python tests/benchmarks/reader.py --sizes 1000 --compare /tmp/base/plugins

It generates the same MADR 4 handbooks as ``builds.py`` and times ``read_decision_log`` (every
file read and parsed once, the reader's whole share of a build), in a fresh process per run so
nothing is cached, and prints the median wall time and CPU time per size and per decision (the CPU
time varies less when other work shares the machine). With ``--compare``, another
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
started, cpu = time.perf_counter(), time.process_time()
log, problems = read_decision_log(folder, folder.parent)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "decisions": len(log), "problems": len(problems)}))
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
            times: dict[str, list[dict]] = {"this": [], "compared": []}
            for _ in range(args.runs):
                times["this"].append(time_once(folder, None))
                if args.compare:
                    times["compared"].append(time_once(folder, args.compare))
            for name, runs in times.items():
                if runs:
                    wall = statistics.median(r["seconds"] for r in runs)
                    cpu = statistics.median(r["cpu"] for r in runs)
                    print(
                        f"{size:>6,} decisions, {name:8}: median wall {wall:.3f} s, CPU {cpu:.3f} s over "
                        f"{len(runs)} runs ({1000 * cpu / size:.3f} ms CPU per decision; CPU min "
                        f"{min(r['cpu'] for r in runs):.3f}, max {max(r['cpu'] for r in runs):.3f})",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
