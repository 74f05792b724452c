"""Build benchmark: teamhandbook against plain Material for MkDocs, on generated decision logs.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/builds.py            # 100, 1,000 and 5,000: ~15 minutes
    .venv/bin/python tests/benchmarks/builds.py --sizes 100,1000 --runs 3 --plain-sizes 100

For every size it generates a handbook of MADR 4 decisions (about 400 words each, with consistent
supersessions and relations, so the build has no warning) in a temporary folder and measures, as
separate processes, the median wall time, the median CPU time (user and system, which other work
on a shared machine disturbs less than the wall time) and the highest peak memory (``ru_maxrss``) of:

- the teamhandbook build (``mkdocs build --strict``, decisions in ``decisions/``);
- the rendering floor: plain Material building the same files placed in ``docs/``, kept out of
  the navigation, which lists only the home page and the ten most recent decisions, as the
  teamhandbook site does. It pays what any site of that many pages pays (Markdown, the theme's
  templates, the search index) without the whole navigation in every page; everything
  teamhandbook adds (reading and checking, the generated pages, the decision headers, the
  larger navigation) is its cost above the floor;
- a plain Material build of the same files with automatic navigation, which lists them all;
- the front-matter floor: reading every file and YAML-parsing its front matter.

The teamhandbook build and the rendering floor run alternately (A, B, A, B…), so that a change in
the machine's load touches both; the load average is printed before and after each size.

To compare versions of teamhandbook on the same generated files, give ``--compare`` the Python
of another environment where another version is installed (a checkout of an older commit with its
own virtual environment); its build joins the alternation. ``--compare`` may be given more than
once:

    .venv/bin/python tests/benchmarks/builds.py --sizes 1000 --plain-sizes "" --no-serve \\
        --compare ../before/.venv/bin/python

It also measures the plugin's own share of the build (CPU time spent inside the plugin's event
handlers and in the core they call, by instrumenting them in an in-process build), where that
build spends its time (reading, planning, Markdown, Material's navigation, the search index) and,
for the 1,000-decision handbook, how fast ``mkdocs serve`` shows an edited decision, with and
without ``--dirty``. It prints a table and the ratios against the targets.

With ``--updates 1000,5000``, it also builds handbooks of that many written updates (weekly
updates of 25 people, with handoffs and meeting notes, projects and 20 decisions) and reports the
build's time, memory and the plugin's share at each size, and how the time grows between the
smallest and the largest (linear growth: the ratio of the times is at most 1.1 times the ratio of
the sizes). ``--sizes ""`` leaves the decision logs out:

    .venv/bin/python tests/benchmarks/builds.py --sizes "" --no-serve --updates 1000,5000 --runs 3

Runs: ``--runs`` (5) for 100 and 1,000 decisions, ``--big-runs`` (3) for 5,000. Plain Material
grows with the square of the log (it renders the whole navigation into every page), so it runs at
most 3 times at 1,000 and once at 5,000, where one build takes about ten minutes;
``--plain-sizes`` leaves sizes out and ``--plain-timeout`` stops a build that runs too long.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
STATUSES = ["accepted"] * 14 + ["proposed", "rejected", "deprecated"]
TAGS = ["api", "database", "frontend", "infrastructure", "process", "security", "testing", "observability"]
PEOPLE = ["Maya Chen", "Lukas Berg", "Ana Souza", "Tomás Ruiz", "Priya Nair"]
VOCABULARY = """
the team service request latency queue database schema migration deploy release pipeline cache
index query replica backup restore incident alert dashboard metric budget cost vendor contract
review owner handover timezone meeting async document decision option trade-off risk benefit
drawback customer support ticket escalation retry timeout limit quota storage bucket region network
firewall certificate token secret rotation audit log trace span sample error rate we should could
would must because therefore however although while when after before since choose prefer keep move
replace adopt drop measure test verify monitor ship build run write read simple reliable cheap fast
slow manual automatic small large shared private public stable new old
"""
WORDS = VOCABULARY.split()
DEFAULT_SIZES = (100, 1000, 5000)
START = dt.date(2012, 1, 1)
"""The day before the first decision; decision n is dated n days later."""
PLAIN_TIMEOUT = 900
"""Seconds after which a plain Material build is abandoned and reported as such."""
NAV_DECISIONS = 10
"""How many of the most recent decisions the teamhandbook site lists in its navigation (the
plugin's ``nav_decisions`` default); the rendering floor lists the same ones."""


# --------------------------------------------------------------------------------------------
# Generating handbooks
# --------------------------------------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    """Return one sentence of ``words`` random words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    """Return a paragraph of roughly ``words`` words."""
    sentences = []
    while words > 0:
        length = min(words, rng.randint(8, 18))
        sentences.append(sentence(rng, length))
        words -= length
    return " ".join(sentences)


def body(rng: random.Random) -> str:
    """Return the body of a MADR 4 decision, about 400 words."""
    options = [sentence(rng, 5).rstrip(".") for _ in range(3)]
    return "\n\n".join(
        [
            "## Context and Problem Statement",
            paragraph(rng, 90),
            paragraph(rng, 60),
            "## Considered Options",
            "\n".join(f"* {option}" for option in options),
            "## Decision Outcome",
            f'Chosen option: "{options[0]}", because {paragraph(rng, 40).lower()}',
            "### Consequences",
            "\n".join(f"* Good, because {sentence(rng, 12).lower()}" for _ in range(2)),
            "\n".join(f"* Bad, because {sentence(rng, 12).lower()}" for _ in range(2)),
            "## More Information",
            paragraph(rng, 80),
        ]
    )


def decision_files(count: int) -> dict[str, str]:
    """Return ``{file name: text}`` for a log of ``count`` decisions with consistent relations.

    Every tenth decision supersedes the one before it (both sides say so); every seventh relates
    to the one three before it. Nothing points at a missing decision and nothing loops.
    """
    files: dict[str, str] = {}
    for number in range(1, count + 1):
        rng = random.Random(number)
        slug = "-".join(rng.choice(WORDS) for _ in range(4))
        meta: dict[str, object] = {
            "status": rng.choice(STATUSES),
            "date": (START + dt.timedelta(days=number)).isoformat(),
            "decision-makers": rng.sample(PEOPLE, 2),
            "tags": rng.sample(TAGS, 2),
        }
        if number % 10 == 0:
            meta["status"] = "accepted"
            meta["supersedes"] = [f"{number - 1:04d}"]
        if number % 10 == 9 and number < count:
            meta["status"] = "superseded"
            meta["superseded-by"] = [f"{number + 1:04d}"]
        if number % 7 == 0 and number > 3:
            meta["relates-to"] = [f"{number - 3:04d}"]
        front = json_yaml(meta)
        title = sentence(rng, 6).rstrip(".")
        files[f"{number:04d}-{slug}.md"] = f"---\n{front}---\n\n# {title}\n\n{body(rng)}\n"
    return files


def json_yaml(meta: dict[str, object]) -> str:
    """Write flat front matter as YAML (JSON values are valid YAML flow scalars and lists)."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())


THEME = """\
theme:
  name: material
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.sections
    - navigation.indexes
    - navigation.footer
    - search.suggest
    - search.highlight
    - content.action.edit
    - content.code.copy
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
HEADER = """\
site_name: Benchmark handbook
site_url: https://example.org/handbook/
repo_url: https://github.com/example/handbook
edit_uri: edit/main/docs/
"""


def floor_nav(names: list[str]) -> str:
    """Return the rendering floor's ``nav:``: the home page and the most recent decisions.

    Decision n is dated n days after ``START``, so the most recent are the highest numbers,
    listed by number, as the plugin lists them.
    """
    recent = sorted(names)[-NAV_DECISIONS:]
    return "nav:\n  - Home: index.md\n  - Decisions:\n" + "".join(
        f"      - decisions/{name}\n" for name in recent
    )


@dataclass
class Handbooks:
    """The variants of one generated log, each a folder with its ``mkdocs.yml``."""

    handbook: Path
    """teamhandbook: decisions in ``decisions/``, the plugin publishes them."""

    floor: Path
    """The rendering floor: plain Material, decisions in ``docs/decisions/``, kept out of the nav."""

    plain: Path
    """Plain Material, decisions in ``docs/decisions/``, automatic navigation listing them all."""


def write_handbooks(base: Path, count: int) -> Handbooks:
    """Write the teamhandbook, rendering floor and plain Material variants of a log.

    Each decision file is dated (modification time) on its decision's date, as a repository's
    history would date it: the handbook has no git here, so it dates pages by their files, and
    a thousand files written a second ago would all be "what's new".
    """
    files = decision_files(count)
    roots = Handbooks(base / f"handbook-{count}", base / f"floor-{count}", base / f"plain-{count}")
    for root, folder, plugins in (
        (roots.handbook, "decisions", "plugins:\n  - search\n  - team-handbook\n"),
        (roots.floor, "docs/decisions", "plugins:\n  - search\n" + floor_nav(list(files))),
        (roots.plain, "docs/decisions", "plugins:\n  - search\n"),
    ):
        (root / folder).mkdir(parents=True)
        (root / "mkdocs.yml").write_text(HEADER + THEME + plugins, encoding="utf-8")
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs/index.md").write_text("# Benchmark handbook\n\nDecisions are below.\n", "utf-8")
        for name, text in files.items():
            path = root / folder / name
            path.write_text(text, encoding="utf-8")
            written = START + dt.timedelta(days=int(name.split("-", 1)[0]))
            stamp = dt.datetime.combine(written, dt.time(12), dt.UTC).timestamp()
            os.utime(path, (stamp, stamp))
    return roots


# --------------------------------------------------------------------------------------------
# Measuring processes
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    """One process: its wall and CPU time in seconds, its peak resident memory in MB, its output."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str = ""
    cpu: float = float("nan")
    """User and system CPU time of the process (``ru_utime + ru_stime``)."""


def run_process(command: list[str], cwd: Path, timeout: float | None = None) -> Run:
    """Run a command and measure its wall time and peak memory (``ru_maxrss`` of that child)."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return Run(float("inf"), 0.0, -9, "timed out")
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, usage.ru_maxrss / 1024, process.returncode, output.read(), cpu)


@dataclass
class Cell:
    """The runs of one measurement."""

    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def seconds(self) -> float:
        """The median wall time."""
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    @property
    def peak_mb(self) -> float:
        """The highest peak memory of the runs."""
        return max((r.peak_mb for r in self.runs), default=float("nan"))

    @property
    def cpu(self) -> float:
        """The median CPU time."""
        return statistics.median(r.cpu for r in self.runs) if self.runs else float("nan")


def repeat(runs: int, command: list[str], cwd: Path, timeout: float | None = None) -> Cell:
    """Run a command ``runs`` times; stop early and say so if it fails or times out."""
    return interleave(runs, [(command, cwd)], timeout)[0]


def interleave(runs: int, commands: list[tuple[list[str], Path]], timeout: float | None = None) -> list[Cell]:
    """Run each command ``runs`` times, alternately (A, B, A, B…); return one cell per command.

    A command that fails or times out is not run again, and its cell says so.
    """
    cells = [Cell() for _ in commands]
    for _ in range(runs):
        for cell, (command, cwd) in zip(cells, commands, strict=True):
            if cell.note:
                continue
            run = run_process(command, cwd, timeout)
            if run.returncode != 0:
                cell.note = "timed out" if run.output == "timed out" else "failed"
                if run.output != "timed out":
                    print(run.output[-3000:], file=sys.stderr)
                continue
            cell.runs.append(run)
    return cells


def mkdocs_build(root: Path, strict: bool, python: str = sys.executable, site: str = "site") -> list[str]:
    """The command of a quiet ``mkdocs build`` in ``root``, with ``python``, into ``site``."""
    return [python, "-m", "mkdocs", "build", "-q", *(["--strict"] if strict else []), "-d", site]


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes, as ``uptime`` prints it."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


FRONT_MATTER = """\
import sys, yaml
from pathlib import Path
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    text = path.read_text("utf-8")
    if text.startswith("---\\n"):
        end = text.find("\\n---\\n", 4)
        yaml.load(text[4:end], Loader=loader)
        count += 1
print(count)
"""


# --------------------------------------------------------------------------------------------
# The plugin's own share of a build
# --------------------------------------------------------------------------------------------

INSTRUMENTED = """\
import functools, json, sys, time
import mkdocs.commands.build as mkdocs_build
import mkdocs.theme
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
from material.plugins.search.plugin import SearchPlugin
from teamhandbook.plugin.plugin import TeamHandbookPlugin
from teamhandbook.plan.site_pages import SitePages

clock = time.process_time  # CPU time: steadier than wall time on a machine other work shares
spent = {}
steps = {}
depth = [0]

def timed(name, function, into=spent, nested=False):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if depth[0] and not nested:
            return function(*args, **kwargs)
        depth[0] += not nested
        started = clock()
        try:
            return function(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + clock() - started
            depth[0] -= not nested
    return wrapper

for name in dir(TeamHandbookPlugin):
    if name.startswith("on_") and callable(getattr(TeamHandbookPlugin, name)):
        setattr(TeamHandbookPlugin, name, timed(name, getattr(TeamHandbookPlugin, name)))
SitePages.decision_markdown = timed("decision pages", SitePages.decision_markdown)
import teamhandbook.plan.site_pages as site_pages
site_pages.update_page = timed("update pages", site_pages.update_page)

# Steps of the build, timed apart (they overlap the events above, and each other).
import teamhandbook.handbook as handbook_module
import teamhandbook.plugin.plugin as plugin_module
handbook_module.read_decision_log = timed(
    "reading the decisions", handbook_module.read_decision_log, steps, nested=True
)
plugin_module.load_handbook = timed("reading the handbook", plugin_module.load_handbook, steps, nested=True)
plugin_module.plan_site = timed("planning the site", plugin_module.plan_site, steps, nested=True)
Page.render = timed("converting Markdown", Page.render, steps, nested=True)
for name in ("on_page_context", "on_post_build"):
    setattr(SearchPlugin, name, timed("the search index", getattr(SearchPlugin, name), steps, nested=True))

def timed_template(template, name):
    render = template.root_render_func
    def root(context):
        chunks = render(context)
        while True:
            started = clock()
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            finally:
                steps[name] = steps.get(name, 0.0) + clock() - started
            yield chunk
    template.root_render_func = root

get_env = mkdocs.theme.Theme.get_env
def timed_env(self):
    env = get_env(self)
    timed_template(env.get_template("partials/nav.html"), "rendering the navigation")
    return env
mkdocs.theme.Theme.get_env = timed_env

# Not the plugin's own work, but caused by it: rendering the pages it generates.
LISTINGS = {"decisions/index.md", "decisions/timeline.md", "decisions/graph.md"}
listings = [0.0]

def listing_time(function):
    @functools.wraps(function)
    def wrapper(page, *args, **kwargs):
        started = clock()
        try:
            return function(page, *args, **kwargs)
        finally:
            if page.file.src_uri in LISTINGS:
                listings[0] += clock() - started
    return wrapper

mkdocs_build._populate_page = listing_time(mkdocs_build._populate_page)
mkdocs_build._build_page = listing_time(mkdocs_build._build_page)

started, wall = clock(), time.perf_counter()
mkdocs_build.build(load_config("mkdocs.yml", strict=True, site_dir=sys.argv[1]))
total, wall = clock() - started, time.perf_counter() - wall
print(json.dumps({"total": total, "wall": wall, "spent": spent, "listings": listings[0], "steps": steps}))
"""


@dataclass
class Share:
    """Where an instrumented build spent its CPU time."""

    build: float
    """The build's CPU time, in the process (no interpreter start, no imports)."""

    events: dict[str, float]
    """Time inside each of the plugin's event handlers, and in the core's decision pages."""

    listings: float
    """Markdown rendering and templating of the generated index, timeline and graph."""

    steps: dict[str, float] = field(default_factory=dict)
    """Steps of the build, timed apart: reading (the handbook, and its decisions alone), planning
    the site, converting Markdown, rendering Material's navigation, the search index."""

    wall: float = float("nan")
    """The build's wall time, in the process."""

    @property
    def plugin(self) -> float:
        """The plugin's own work: its event handlers and the core they call."""
        return sum(self.events.values())


def plugin_share(root: Path, site: Path) -> Share:
    """Build in-process with the plugin's event handlers, the core's page rendering and the
    build's main steps timed, in CPU time.

    Every ``on_*`` method of the plugin and the core's rendering of decision pages (which MkDocs
    asks for when it reads a page) is wrapped in a timer; a call made while another timed call
    runs is counted once. The rendering of the generated listings is timed apart: it is Markdown
    and theme work, but the plugin's pages cause it. So are the steps: reading, planning, Markdown,
    Material's navigation (``partials/nav.html``, in every page) and the search index.
    """
    run = run_process([sys.executable, "-c", INSTRUMENTED, str(site)], root)
    if run.returncode != 0:
        raise SystemExit(f"instrumented build failed:\n{run.output[-3000:]}")
    data = json.loads(run.output.strip().splitlines()[-1])
    return Share(data["total"], data["spent"], data["listings"], data["steps"], data["wall"])


# --------------------------------------------------------------------------------------------
# mkdocs serve: how fast an edited decision shows
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    """Return a free localhost port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    """Return the text at ``url``, or None while the server cannot answer it."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.02) -> float | None:
    """Poll ``condition`` until it holds; return the time it took, or None on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():
            return time.perf_counter() - started
        time.sleep(interval)
    return None


SERVED_PAGES = {
    "decisions.json": "decisions.json",
    "index": "decisions/",
    "graph": "decisions/graph/",
    "timeline": "decisions/timeline/",
}


def served_epoch(base: str) -> int:
    """Return the version of the site ``mkdocs serve`` is serving, from a page's reload script."""
    match = re.search(r"livereload\((\d+),", fetch(base) or "")
    if match is None:
        raise SystemExit("mkdocs serve pages carry no livereload script")
    return int(match.group(1))


@dataclass
class Refresh:
    """How long one edit took to show under ``mkdocs serve``."""

    seconds: float
    """From writing the file until the server tells browsers to reload, the rebuild done."""

    build: float
    """The server's own figure for the rebuild ("Documentation built in …")."""

    cold: float | None = None
    """The wall time of a cold ``mkdocs build`` of the same handbook run right after."""

    cold_build: float | None = None
    """That cold build's own figure ("Documentation built in …"), to compare with ``build``."""


def serve_refresh(root: Path, dirty: bool, edits: int, paired_cold_build: bool = False) -> list[Refresh]:
    """Edit one decision's title ``edits`` times under ``mkdocs serve``; time until it shows.

    The clock starts when the file is written and stops when the server answers the long poll a
    browser makes for reloading (``/livereload/<version>/…``): it answers as soon as the rebuild
    is complete. The index, graph, timeline and ``decisions.json`` are then fetched over HTTP and
    must all show the new title. Waiting on the long poll, rather than fetching pages in a tight
    loop, keeps the measurement from competing with the server for the CPU.

    With ``paired_cold_build``, a cold ``mkdocs build`` runs after each edit, so that the two are
    compared under the same load of the machine.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}/handbook/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    command += ["--dirty"] if dirty else []
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - outlives this block, closed below
    server = subprocess.Popen(command, cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    target = sorted((root / "decisions").glob("0020-*.md"))[0]  # related to others: in the graph
    original = target.read_text("utf-8")
    refreshes: list[Refresh] = []
    try:
        if wait_for(lambda: fetch(base) is not None, 600, 0.2) is None:
            raise SystemExit("mkdocs serve did not start")
        time.sleep(2)  # let the file watcher take its first snapshot
        for edit in range(edits):
            epoch = served_epoch(base)
            marker = f"Renamed in edit {edit} {time.time_ns()}"
            target.write_text(original.replace("\n# ", f"\n# {marker} ", 1), "utf-8")
            started = time.perf_counter()
            fetch(f"http://127.0.0.1:{port}/livereload/{epoch}/1", timeout=120)
            seconds = time.perf_counter() - started
            stale = [name for name, page in SERVED_PAGES.items() if marker not in (fetch(base + page) or "")]
            if stale:
                raise SystemExit(f"after the rebuild, {', '.join(stale)} did not show the edit")
            log.seek(0)
            built = re.findall(r"Documentation built in ([\d.]+) seconds", log.read())
            refresh = Refresh(seconds, float(built[-1]))
            if paired_cold_build:
                cold = run_process(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "cold-site"], root
                )
                refresh.cold = cold.seconds
                refresh.cold_build = float(
                    re.findall(r"Documentation built in ([\d.]+) seconds", cold.output)[-1]
                )
            refreshes.append(refresh)
            time.sleep(1)
    finally:
        target.write_text(original, "utf-8")
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then removes its temporary site
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(30)
        log.close()
    return refreshes


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    """Everything measured for one size."""

    size: int
    handbook: Cell
    floor: Cell
    """The rendering floor: plain Material, the same files out of the navigation."""
    plain: Cell
    front_matter: Cell
    compare: dict[str, Cell] = field(default_factory=dict)
    """The builds of the versions given with ``--compare``, by Python, alternating with the others."""
    share: Share | None = None
    load: tuple[str, str] = ("", "")
    """The load average before and after the size was measured."""


def format_cell(cell: Cell) -> str:
    """Format a median time and peak memory, or why there is none."""
    if not cell.runs:
        return f"{cell.note or 'not run':>22}"
    return f"{cell.seconds:8.2f} s {cell.peak_mb:7.0f} MB (n={len(cell.runs)})"


def paired(cell: Cell, floor: Cell) -> tuple[float, float]:
    """Return the median of the ratios of runs made one after the other (wall, CPU).

    Runs alternate, so the n-th run of a build and the n-th of the floor met the same load of the
    machine: the median of their ratios is steadier than the ratio of the medians.
    """
    pairs = list(zip(cell.runs, floor.runs, strict=False))
    if not pairs:
        return float("nan"), float("nan")
    return (
        statistics.median(run.seconds / other.seconds for run, other in pairs),
        statistics.median(run.cpu / other.cpu for run, other in pairs),
    )


def ratio(cell: Cell, floor: Cell) -> str:
    """Format a build's times as multiples of the rendering floor's: the ratio of the medians, and
    the median of the ratios of runs made one after the other."""
    if not cell.runs or not floor.runs:
        return "n/a"
    wall, cpu = paired(cell, floor)
    return (
        f"{cell.seconds / floor.seconds:.2f}× wall, {cell.cpu / floor.cpu:.2f}× CPU "
        f"(run by run: {wall:.2f}× wall, {cpu:.2f}× CPU)"
    )


def print_table(results: list[SizeResult]) -> None:
    """Print the measurements as a table."""
    header = (
        f"{'decisions':>9} | {'teamhandbook':>26} | {'rendering floor':>26} | {'plain Material':>26} | "
        f"{'front matter':>26}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.size:>9,} | {format_cell(r.handbook):>26} | {format_cell(r.floor):>26} | "
            f"{format_cell(r.plain):>26} | {format_cell(r.front_matter):>26}"
        )
    print()
    for r in results:
        print(
            f"{r.size:>9,} decisions: median CPU time, teamhandbook {r.handbook.cpu:.2f} s, rendering "
            f"floor {r.floor.cpu:.2f} s; teamhandbook / floor: {ratio(r.handbook, r.floor)} "
            f"(load average {r.load[0]} before, {r.load[1]} after)"
        )
        for python, cell in r.compare.items():
            print(
                f"{'':>9}  --compare {python}: {format_cell(cell).strip()}, CPU {cell.cpu:.2f} s; "
                f"/ floor: {ratio(cell, r.floor)}; this version / it: "
                f"{r.handbook.seconds / cell.seconds:.2f} wall, {r.handbook.cpu / cell.cpu:.2f} CPU"
                if cell.runs
                else f"{'':>9}  --compare {python}: {cell.note or 'not run'}"
            )
        labelled = [("teamhandbook", r.handbook), ("floor", r.floor)]
        for label, cell in labelled + [(f"--compare {python}", cell) for python, cell in r.compare.items()]:
            if cell.runs:
                runs = ", ".join(f"{run.seconds:.2f}/{run.cpu:.2f}" for run in cell.runs)
                print(f"{'':>9}  {label} runs (wall/CPU s, in order): {runs}")
    print()
    for r in results:
        if r.share is not None:
            events = ", ".join(f"{k} {v:.2f} s" for k, v in sorted(r.share.events.items()) if v >= 0.005)
            steps = "; ".join(
                f"{k} {v:.2f} s ({100 * v / r.share.build:.1f} %)" for k, v in sorted(r.share.steps.items())
            )
            print(
                f"{r.size:>9,} decisions: plugin and core {r.share.plugin:.2f} s of an in-process "
                f"build of {r.share.build:.2f} s CPU ({r.share.wall:.2f} s wall) "
                f"({100 * r.share.plugin / r.share.build:.1f} %): {events}; "
                f"rendering the generated index, timeline and graph {r.share.listings:.2f} s "
                f"({100 * r.share.listings / r.share.build:.1f} %); {steps}"
            )


def verdict(ok: bool) -> str:
    """Say whether a target is met."""
    return "met" if ok else "MISSED"


def print_targets(results: list[SizeResult], serve: dict[str, list[Refresh]] | None) -> None:
    """Print each target, the measured ratio and whether it is met."""
    by_size = {r.size: r for r in results}
    print("\nTargets")
    if 1000 in by_size and by_size[1000].floor.runs:
        r = by_size[1000]
        wall, cpu = paired(r.handbook, r.floor)
        print(
            f"- 1,000 decisions, teamhandbook / rendering floor, median of the run-by-run ratios: "
            f"{wall:.2f} wall, {cpu:.2f} CPU (target ≤ 1.15): {verdict(wall <= 1.15)} (wall), "
            f"{verdict(cpu <= 1.15)} (CPU)"
        )
    if 1000 in by_size and by_size[1000].plain.runs:
        ratio = by_size[1000].handbook.seconds / by_size[1000].plain.seconds
        print(
            f"- 1,000 decisions, teamhandbook / plain Material: {ratio:.3f} (target ≤ 0.25): "
            f"{verdict(ratio <= 0.25)}"
        )
    if 1000 in by_size and 5000 in by_size:
        growth = by_size[5000].handbook.seconds / by_size[1000].handbook.seconds
        print(f"- growth, time(5,000) / time(1,000): {growth:.2f} (target ≤ 5.5): {verdict(growth <= 5.5)}")
    for r in results:
        if r.share is not None:
            share = r.share.plugin / r.share.build
            print(
                f"- plugin's own work at {r.size:,} decisions: {100 * share:.1f} % of the build "
                f"(target ≤ 10 %): {verdict(share <= 0.10)}"
            )
    if serve:
        dirty = statistics.median(r.seconds for r in serve["dirty"])
        print(
            f"- mkdocs serve --dirty, 1,000 decisions, edit → index, graph, timeline and decisions.json "
            f"updated: median {dirty:.2f} s (target < 1.5 s): {verdict(dirty < 1.5)}"
        )
        full = statistics.median(r.seconds for r in serve["full"])
        rebuild = statistics.median(r.build for r in serve["full"])
        cold_build = statistics.median(r.cold_build for r in serve["full"] if r.cold_build is not None)
        cold = statistics.median(r.cold for r in serve["full"] if r.cold is not None)
        print(
            f"- mkdocs serve without --dirty: the rebuild takes {rebuild:.2f} s against {cold_build:.2f} s "
            f"for the build of a cold mkdocs build run after each edit (target: no slower): "
            f"{verdict(rebuild <= cold_build)}; counted from the save, the refresh takes {full:.2f} s "
            f"against {cold:.2f} s for the whole cold mkdocs build command: {verdict(full <= cold)}"
        )


# --------------------------------------------------------------------------------------------
# Written updates
# --------------------------------------------------------------------------------------------

ZONES = ["America/Los_Angeles", "America/Sao_Paulo", "Europe/Berlin", "Africa/Lagos", "Asia/Kolkata"]
UPDATE_PEOPLE = 25
UPDATES_START = dt.date(2020, 1, 10)
"""The first Friday of the generated updates; week n's updates are dated n weeks later."""


def updates_files(count: int) -> dict[str, str]:
    """Return ``{path: text}`` of a handbook with ``count`` updates that builds without a warning.

    Eight in ten are weekly updates of 25 people, one in ten a handoff and one in ten meeting notes
    with three action items; people list blockers now and then and tick them the week after.
    """
    rng = random.Random(count)
    people = [f"p{n:02d}" for n in range(1, UPDATE_PEOPLE + 1)]
    roster = "people:\n" + "".join(
        f"  - name: Person {handle[1:]}\n    handle: {handle}\n    timezone: {ZONES[i % len(ZONES)]}\n"
        "    hours: 09:00-17:00\n"
        for i, handle in enumerate(people)
    )
    projects = "projects:\n" + "".join(
        f"  - key: project-{n}\n    name: Project {n}\n    owner: p0{n}\n    status: on track\n"
        f"    since: 2020-01-06\n    target: 2031-01-01\n    summary: {sentence(rng, 8)}\n"
        for n in range(1, 6)
    )
    files = {"working-agreement/team.yml": roster, "updates/projects.yml": projects}
    for number in range(1, 21):
        meta = {"status": "accepted", "date": (START + dt.timedelta(days=number)).isoformat()}
        files[f"decisions/{number:04d}-decision-{number}.md"] = (
            f"---\n{json_yaml(meta)}---\n# Decision {number}\n\n{body(rng)}\n"
        )
    for index in range(count):
        week, slot = divmod(index, UPDATE_PEOPLE)
        friday = UPDATES_START + dt.timedelta(weeks=week)
        author = people[slot]
        project = f"project-{rng.randint(1, 5)}"
        roll = index % 10
        if roll == 8:
            day = friday - dt.timedelta(days=rng.randint(1, 4))
            files[f"updates/{day.year}/{day}-{author}-handoff-{index}.md"] = _handoff(
                rng, author, day, project
            )
        elif roll == 9:
            day = friday - dt.timedelta(days=2)
            files[f"updates/{day.year}/{day}-meeting-{index}.md"] = _meeting(
                rng, author, day, project, people
            )
        else:
            blocked = (
                f"- Blocked on {sentence(rng, 6).lower()}"
                if week % 3 == 0
                else "- [x] The old blocker\n- None"
            )
            files[f"updates/{friday.year}/{friday}-{author}-weekly.md"] = _weekly(
                rng, author, friday, project, blocked
            )
    return files


def _weekly(rng: random.Random, author: str, day: dt.date, project: str, blocked: str) -> str:
    """Return a weekly update of about 120 words."""
    return (
        f"---\nauthor: {author}\ndate: {day}\nkind: weekly\nprojects: [{project}]\n---\n# Weekly update\n\n"
        f"**In short:** {sentence(rng, 14)}\n\n"
        f"## Progress\n\n- {paragraph(rng, 40)}\n- {sentence(rng, 12)}\n\n"
        f"## Next\n\n- {sentence(rng, 12)}\n\n## Blocked\n\n{blocked}\n\n## Help needed\n\n- None\n"
    )


def _handoff(rng: random.Random, author: str, day: dt.date, project: str) -> str:
    """Return an end-of-day handoff."""
    return (
        f"---\nauthor: {author}\ndate: {day}\nkind: handoff\nprojects: [{project}]\n---\n# Handoff\n\n"
        f"## Status\n\n{paragraph(rng, 30)}\n\n## Next step\n\n- {sentence(rng, 10)}\n\n"
        f"## Open questions\n\n- None\n"
    )


def _meeting(rng: random.Random, author: str, day: dt.date, project: str, people: list[str]) -> str:
    """Return meeting notes naming a decision, with three action items, one ticked."""
    owners = rng.sample(people, 3)
    due = day + dt.timedelta(days=7)
    return (
        f"---\nauthor: {author}\ndate: {day}\nkind: meeting\ntitle: {sentence(rng, 4).rstrip('.')}\n"
        f"attendees: [{', '.join(owners)}]\nprojects: [{project}]\n---\n# Meeting\n\n"
        f"## Agenda\n\n- {sentence(rng, 8)}\n\n## Pre-reads\n\n- None\n\n## Notes\n\n{paragraph(rng, 50)}\n\n"
        f"## Decisions\n\n- We follow ADR-{rng.randint(1, 20):04d}.\n\n## Action items\n\n"
        f"- [x] @{owners[0]} {sentence(rng, 6)} (due {due})\n"
        f"- [ ] @{owners[1]} {sentence(rng, 6)} (due {due})\n"
        f"- [ ] @{owners[2]} {sentence(rng, 6)}\n"
    )


UPDATES_CONFIG = HEADER + THEME + "plugins:\n  - search\n  - team-handbook\n"


def write_updates_handbook(base: Path, count: int) -> Path:
    """Write a handbook of ``count`` updates; return its root."""
    root = base / f"updates-{count}"
    for relative, text in {**updates_files(count), "docs/index.md": "# Updates benchmark\n"}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(UPDATES_CONFIG, encoding="utf-8")
    return root


@dataclass
class UpdatesResult:
    """The build of one handbook of updates."""

    count: int
    build: Cell
    share: Share | None = None


def measure_updates(base: Path, count: int, runs: int) -> UpdatesResult:
    """Generate a handbook of ``count`` updates and time its strict build and the plugin's share."""
    print(f"\n{count:,} updates: generating…", flush=True)
    root = write_updates_handbook(base, count)
    last = UPDATES_START + dt.timedelta(weeks=count // UPDATE_PEOPLE + 1)
    ENV["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(last, dt.time(12), dt.UTC).timestamp()))
    print(f"{count:,} updates: teamhandbook build ×{runs}…", flush=True)
    cell = repeat(runs, mkdocs_build(root, strict=True), root)
    if cell.note:
        raise SystemExit(f"the build of {count} updates {cell.note}")
    result = UpdatesResult(count, cell)
    print(f"{count:,} updates: instrumented build…", flush=True)
    result.share = plugin_share(root, base / f"instrumented-updates-{count}")
    del ENV["SOURCE_DATE_EPOCH"]
    shutil.rmtree(root, ignore_errors=True)
    return result


def print_updates(results: list[UpdatesResult]) -> None:
    """Print the updates builds and whether their time grows linearly."""
    print("\nWritten updates (median wall time, highest peak memory, number of runs)\n")
    for r in results:
        share = ""
        if r.share is not None:
            events = ", ".join(f"{k} {v:.2f} s" for k, v in sorted(r.share.events.items()) if v >= 0.005)
            share = (
                f"; plugin and core {r.share.plugin:.2f} s of {r.share.build:.2f} s CPU in-process "
                f"({100 * r.share.plugin / r.share.build:.1f} %): {events}"
            )
        print(f"{r.count:>9,} updates | {format_cell(r.build)}{share}")
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large.build.seconds / small.build.seconds
        sizes = large.count / small.count
        print(
            f"- growth, time({large.count:,}) / time({small.count:,}): {growth:.2f} for {sizes:.1f} "
            f"times the updates (target ≤ {1.1 * sizes:.2f}, linear): {verdict(growth <= 1.1 * sizes)}"
        )


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def measure_size(base: Path, size: int, args: argparse.Namespace) -> SizeResult:
    """Generate one size and measure the builds, alternately where they are compared, and the
    plugin's share."""
    runs = args.runs if size < 5000 else args.big_runs
    print(f"\n{size:,} decisions: generating…", flush=True)
    roots = write_handbooks(base, size)
    load_before = load_average()
    builds = [
        (mkdocs_build(roots.handbook, strict=True), roots.handbook),
        (mkdocs_build(roots.floor, strict=False), roots.floor),
    ]
    for number, python in enumerate(args.compare):
        builds.append((mkdocs_build(roots.handbook, True, python, f"site-compare-{number}"), roots.handbook))
    names = "teamhandbook, rendering floor" + ", --compare" * len(args.compare)
    print(f"{size:,} decisions: {names}, alternately ×{runs} (load {load_before})…", flush=True)
    handbook_cell, floor_cell, *compare = interleave(runs, builds)
    if handbook_cell.note:
        raise SystemExit(f"the teamhandbook build of {size} decisions {handbook_cell.note}")
    front_matter_cell = repeat(
        runs, [sys.executable, "-c", FRONT_MATTER, str(roots.handbook / "decisions")], roots.handbook
    )
    if size in args.plain_sizes:
        plain_runs = 1 if size >= 5000 else min(runs, 3) if size >= 1000 else runs
        print(f"{size:,} decisions: plain Material build ×{plain_runs}…", flush=True)
        plain_cell = repeat(
            plain_runs, mkdocs_build(roots.plain, strict=False), roots.plain, args.plain_timeout
        )
        if plain_cell.note == "timed out":
            plain_cell.note = f"> {args.plain_timeout} s, stopped"
    else:
        plain_cell = Cell(note="skipped (--plain-sizes)")
    result = SizeResult(
        size,
        handbook_cell,
        floor_cell,
        plain_cell,
        front_matter_cell,
        dict(zip(args.compare, compare, strict=True)),
    )
    result.load = (load_before, load_average())
    print(f"{size:,} decisions: instrumented build…", flush=True)
    result.share = plugin_share(roots.handbook, base / f"instrumented-{size}")
    shutil.rmtree(roots.plain, ignore_errors=True)
    shutil.rmtree(roots.floor, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="log sizes, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median is reported)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs per measurement for 5,000 or more")
    parser.add_argument(
        "--plain-sizes",
        default="100,1000,5000",
        help="sizes at which to run the plain Material build; at 5,000 it takes about 10 minutes, "
        "so it runs once",
    )
    parser.add_argument("--plain-timeout", type=float, default=PLAIN_TIMEOUT, help="seconds per plain build")
    parser.add_argument("--edits", type=int, default=5, help="edits timed under mkdocs serve")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--updates", default="", help="numbers of written updates to build, comma-separated")
    parser.add_argument(
        "--compare",
        metavar="PYTHON",
        action="append",
        default=[],
        help="the Python of an environment with another version of teamhandbook, whose build of the "
        "same decision logs runs alternately with this version's and the rendering floor; repeatable",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    args.plain_sizes = {int(s) for s in args.plain_sizes.split(",") if s}
    started = time.perf_counter()
    python = sys.version.split()[0]
    print(
        f"teamhandbook benchmark, {dt.date.today().isoformat()}, {os.cpu_count()} CPUs, Python {python}, "
        f"load average {load_average()}"
    )
    with tempfile.TemporaryDirectory(prefix="teamhandbook-benchmark-") as folder:
        base = Path(folder)
        results = [measure_size(base, size, args) for size in sizes]
        counts = [int(n) for n in args.updates.split(",") if n]
        update_results = [measure_updates(base, n, args.runs if n < 5000 else args.big_runs) for n in counts]
        serve: dict[str, list[Refresh]] | None = None
        if not args.no_serve:
            root = base / "handbook-1000"
            if not root.exists():
                write_handbooks(base / "serve", 1000)
                root = base / "serve" / "handbook-1000"
            serve = {}
            for dirty, label in ((True, "dirty"), (False, "full")):
                print(
                    f"\nmkdocs serve{' --dirty' if dirty else ''}, 1,000 decisions, {args.edits} edits…",
                    flush=True,
                )
                serve[label] = serve_refresh(root, dirty, args.edits, paired_cold_build=not dirty)
    if results:
        print("\nResults (median wall time, highest peak memory, number of runs)\n")
        print_table(results)
    if update_results:
        print_updates(update_results)
    if serve:
        print()
        for label, refreshes in serve.items():
            times = [r.seconds for r in refreshes]
            builds = statistics.median(r.build for r in refreshes)
            colds = [r.cold for r in refreshes if r.cold is not None]
            cold_builds = [r.cold_build for r in refreshes if r.cold_build is not None]
            paired = (
                f"; a cold mkdocs build right after each: {statistics.median(colds):.2f} s, "
                f"of which the build {statistics.median(cold_builds):.2f} s"
                if colds
                else ""
            )
            print(
                f"mkdocs serve{' --dirty' if label == 'dirty' else ''}, 1,000 decisions, one title edited: "
                f"refresh median {statistics.median(times):.2f} s (min {min(times):.2f}, "
                f"max {max(times):.2f}, n={len(times)}); the rebuild itself {builds:.2f} s{paired}"
            )
    print_targets(results, serve)
    print(f"\nBenchmark finished in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
