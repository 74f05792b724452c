"""What git history costs a build: a 1,000-page handbook with 3,000 commits, built with and without it.

Run from the repository root (not collected by pytest; it takes a couple of minutes)::

    .venv/bin/python tests/benchmarks/git_history.py [--pages 1000] [--commits 3000] [--runs 5]

It writes a handbook of ``pages`` pages (half docs pages, half decisions) into a temporary folder,
gives it a history of ``commits`` commits with ``git fast-import`` (edits, renames and several
authors), then times ``mkdocs build`` with ``git_history: true`` (one ``git log`` per build) and
``git_history: false`` (file times), alternating the two, and prints the medians of wall time and of
CPU time (of the build and git together). It also times the history step alone, in-process, and
``git log`` alone, and the history step keeping every change one by one with its subject, as it does
for What's new's period, over the whole history: the worst case, a period as long as the history.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

AUTHORS = ["Maya Chen", "Diego Ramírez", "Lukas Berg", "Aisha Okafor", "Priya Nair"]
WORDS = ["the", "team", "decided", "to", "write", "things", "down", "so", "anyone", "can", "act", "alone"]


def paragraph(rng: random.Random, words: int = 120) -> str:
    """Return filler prose."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def page_text(rng: random.Random, title: str, order: int) -> str:
    """Return a docs page with onboarding and review front matter."""
    front = {
        "start-here": {"order": order, "why": "Background."},
        "owner": "@maya",
        "review-every": "6 months",
    }
    body = "\n\n".join(paragraph(rng) for _ in range(4))
    return f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n# {title}\n\n{body}\n"


def decision_text(rng: random.Random, number: int) -> str:
    """Return a MADR 4 decision of about 500 words."""
    front = {
        "status": "accepted",
        "date": f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
        "owner": "@lukas",
    }
    sections = "\n\n".join(f"## Section {i}\n\n{paragraph(rng)}" for i in range(4))
    return f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n# Decision {number}\n\n{sections}\n"


def write_handbook(root: Path, pages: int) -> dict[str, str]:
    """Write the configuration and return the pages' texts by path."""
    config = {
        "site_name": "Benchmark",
        "site_url": "https://example.org/",
        "theme": {"name": "material"},
        "plugins": ["search", {"team-handbook": {"git_history": True}}],
        # Material renders the whole navigation into every page; a short one keeps the build linear,
        # so that the figures measure the pages and their history, not a quadratic navigation.
        "nav": ["index.md", "decisions/index.md"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    rng = random.Random(1)
    files = {"docs/index.md": "# Home\n\nThe benchmark handbook.\n"}
    for n in range(1, pages // 2):
        files[f"docs/area-{n % 20}/page {n}.md"] = page_text(rng, f"Page {n}", n)
    for n in range(1, pages // 2 + 1):
        files[f"decisions/{n:04d}-decision-{n}.md"] = decision_text(rng, n)
    return files


def fast_import_stream(files: dict[str, str], commits: int) -> bytes:
    """Return a ``git fast-import`` stream: everything added, then edits and renames, one file or
    three per commit, by several authors over two years."""
    rng = random.Random(2)
    paths = sorted(files)
    start = 1_640_995_200  # 2022-01-01
    chunks: list[bytes] = []

    def commit(index: int, operations: list[bytes]) -> None:
        author = AUTHORS[index % len(AUTHORS)]
        stamp = start + index * 20_000
        message = f"change {index}".encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"author {author} <a@example.org> {stamp} +0000\n".encode())
        chunks.append(f"committer {author} <a@example.org> {stamp} +0000\n".encode())
        chunks.append(b"data %d\n%s\n" % (len(message), message))
        chunks.extend(operations)

    def modify(path: str, text: str) -> bytes:
        data = text.encode()
        return b'M 100644 inline "%s"\ndata %d\n%s\n' % (path.encode(), len(data), data)

    commit(0, [modify(path, files[path]) for path in paths])
    for index in range(1, commits):
        operations = []
        for path in rng.sample(paths, rng.choice((1, 1, 3))):
            files[path] += f"\nEdit {index}.\n"
            operations.append(modify(path, files[path]))
        if index % 60 == 0:  # now and then a page moves
            old = rng.choice([p for p in paths if p.startswith("docs/area-")])
            new = old.replace(".md", f" moved {index}.md")
            operations.append(b'R "%s" "%s"\n' % (old.encode(), new.encode()))
            files[new] = files.pop(old)
            paths = sorted(files)
        commit(index, operations)
    return b"".join(chunks)


def make_repository(root: Path, pages: int, commits: int) -> None:
    """Create the handbook and its history, and check the files out."""
    files = write_handbook(root, pages)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    stream = fast_import_stream(files, commits)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def set_git_history(root: Path, enabled: bool) -> None:
    """Switch the plugin's ``git_history`` option."""
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text("utf-8"))
    config["plugins"][1]["team-handbook"]["git_history"] = enabled
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def time_build(root: Path) -> tuple[float, float]:
    """Return the wall time and the CPU time (its processes', git included) of one ``mkdocs build``.

    CPU time stays meaningful on a busy machine, where wall time also measures the neighbours.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def time_history(root: Path, runs: int) -> tuple[float, float, float, str]:
    """Return the median time of the history step in-process, of ``git log`` alone, of the step keeping
    every change of the whole history, and the method."""
    import datetime as dt

    from teamhandbook.readers.history import git_log_command, read_history
    from teamhandbook.readers.site_config import read_site_config

    settings = read_site_config(root / "mkdocs.yml").settings
    docs = [p.relative_to(root).as_posix() for p in (root / "docs").rglob("*.md")]
    decisions = [p.relative_to(root).as_posix() for p in (root / "decisions").glob("*.md")]
    sources = docs + decisions
    folders = [settings.docs_dir, settings.decisions_dir]
    step, alone, everything, method = [], [], [], ""
    for _ in range(runs):
        begin = time.perf_counter()
        history, _ = read_history(root, sources, folders)
        step.append(time.perf_counter() - begin)
        method = (
            f"{history.method}, {sum(c.author is not None for c in history.changes.values())} files from git"
        )
        begin = time.perf_counter()
        subprocess.run(git_log_command(folders), cwd=root, capture_output=True, check=True)
        alone.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        history, _ = read_history(root, sources, folders, since=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        everything.append(time.perf_counter() - begin)
        kept = sum(len(changes) for changes in history.recent.values())
    method += f"; every change kept: {kept}"
    return statistics.median(step), statistics.median(alone), statistics.median(everything), method


def main() -> None:
    """Build the benchmark handbook and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        begin = time.perf_counter()
        make_repository(root, args.pages, args.commits)
        print(f"{args.pages} pages, {args.commits} commits, made in {time.perf_counter() - begin:.1f} s")
        time_build(root)  # warm the file cache and Python's bytecode
        timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for _ in range(args.runs):
            for enabled in (True, False):
                set_git_history(root, enabled)
                timings[enabled].append(time_build(root))
        step, alone, everything, method = time_history(root, args.runs)
        for label, index in (("wall", 0), ("CPU", 1)):
            with_git = statistics.median(run[index] for run in timings[True])
            without = statistics.median(run[index] for run in timings[False])
            share = (with_git / without - 1) * 100
            for enabled, median in ((True, with_git), (False, without)):
                name = f"{label} time, git_history: {str(enabled).lower()}"
                print(f"{name:34} median {median:6.2f} s  runs {_runs(timings[enabled], index)}")
            name = f"{label} time, difference"
            print(f"{name:34} {with_git - without:+6.2f} s ({share:+.1f} %)")
        print(f"history step alone (in-process)   median {step:.3f} s  ({method})")
        print(f"git log alone, whole history      median {alone:.3f} s")
        print(f"history step, every change kept   median {everything:.3f} s")


def _runs(runs: list[tuple[float, float]], index: int) -> str:
    """Return the individual timings of one kind."""
    return " ".join(f"{run[index]:.2f}" for run in runs)


if __name__ == "__main__":
    main()
