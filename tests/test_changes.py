"""A handbook with git history, built as of a fixed day: start pages, Needs review, What's new, the feed."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from teamhandbook.model.page import HandbookPage
from teamhandbook.pages.changes import reader_facing
from teamhandbook.settings import OptionError, check_option

from .conftest import MINIMAL_CONFIG, build, commit_all, decision, make_handbook, write_files

BUILD_DAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)
SITE_URL = MINIMAL_CONFIG["site_url"]
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "<script>alert(1)</script> {{ secret }}"
CONFIG = {
    **MINIMAL_CONFIG,
    "plugins": [
        "search",
        {"team-handbook": {"audiences": {"engineering": "Engineering", "design": "Design"}}},
        "macros",
    ],
}


def page(front_matter: str, title: str, body: str = "Some words to read.") -> str:
    """Return a docs page with front matter."""
    return f"---\n{front_matter.strip()}\n---\n# {title}\n\n{body}\n"


FIRST_COMMIT = {
    "docs/index.md": page(
        "start-here: 10\nowner: '@maya'",
        "Home",
        "Proposals open for feedback: **{{ open_for_feedback_count() }}**.",
    ),
    "docs/team.md": page(
        "start-here:\n  order: 20\n  why: Who we are.\n  tasks: [Say hello]\n"
        "owner: '@maya'\nreview-by: 2026-05-01",
        "The team",
        "word " * 450,
    ),
    "docs/shipping.md": page("start-here: {order: 15, audience: engineering}", "Shipping"),
    "working-agreement/index.md": page("start-here: 12\nowner: '@lukas'", "Working agreement"),
    "docs/design-crit.md": page("start-here: {order: 15, audience: design}", "Design critique"),
    "docs/lost.md": "# A lost page\n\nNobody links here.\n",
    "docs/reference.md": page("start-here: false", "Reference"),
    "docs/hostile.md": page(f"title: '{HOSTILE}'\nstart-here: 30", "Hostile"),
    "decisions/0001-record-decisions.md": decision(
        {"status": "accepted", "date": "2026-01-10", "must-read": True, "decision-makers": ["Maya Chen"]},
        "Record decisions",
    ),
    "decisions/0002-self-host.md": decision({"status": "accepted", "date": "2026-01-12"}, "Self-host"),
    "decisions/0004-demos.md": decision(
        {"status": "proposed", "date": "2026-06-02", "feedback-by": "2026-06-20", "tags": ["meetings"]},
        "Record demos",
    ),
    "decisions/0005-quiet-hours.md": decision(
        {"status": "proposed", "date": "2026-05-28", "feedback-by": "2026-06-10"}, "Quiet hours"
    ),
}
SECOND_COMMIT = {
    "docs/team.md": FIRST_COMMIT["docs/team.md"] + "\nA new paragraph.\n",
    "decisions/0002-self-host.md": decision(
        {"status": "superseded", "date": "2026-01-12", "superseded-by": ["0003"]}, "Self-host"
    ),
    "decisions/0003-managed.md": decision(
        {
            "status": "accepted",
            "date": "2026-06-01",
            "supersedes": ["0002"],
            "decision-makers": ["Lukas Berg"],
        },
        "Managed database",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The handbook, committed twice by two people, built strictly as of 2026-06-15."""
    root = make_handbook(tmp_path_factory.mktemp("changes") / "handbook", FIRST_COMMIT, CONFIG)
    commit_all(root, "Start the handbook", "2026-01-15T10:00:00+00:00", "Maya Chen")
    write_files(root, SECOND_COMMIT)
    commit_all(root, "Managed database, and the team page", "2026-06-05T16:30:00+02:00", "Diego Ramírez")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_DAY.timestamp())))
        result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return result


def test_start_pages_exist_for_everyone_and_each_audience(site) -> None:
    """``start-here/`` plus one page per declared audience, each with its own path in order."""

    def path_of(url: str) -> list[str]:
        reading = site.content(url).split("Your reading path")[1].split("</ol>")[0]
        reading = reading.replace("&#123;", "{").replace("&#125;", "}")  # braces as entities
        return re.findall(r"<strong><a [^>]*>([^<]+)</a></strong>", reading)

    hostile = "&lt;script&gt;alert(1)&lt;/script&gt; {{ secret }}"
    everyone = ["Home", "Working agreement", "The team", hostile]
    assert path_of("start-here/") == everyone
    assert path_of("start-here/engineering/") == [*everyone[:2], "Shipping", *everyone[2:]]
    assert path_of("start-here/design/")[2] == "Design critique"


def test_the_start_page_shows_reading_times_decisions_to_know_and_the_checklist(site) -> None:
    """The team page (450 words) takes 3 minutes; the must-read decision and the page's task are listed."""
    page = site.content("start-here/")
    assert re.search(
        r'href="../team/">The team</a></strong> — Who we are. <span class="th-reading-time">3 min', page
    )
    assert 'href="../decisions/0001-record-decisions/">ADR-0001: Record decisions</a>' in page
    assert "Say hello (see" in page


def test_needs_review_lists_the_overdue_page_and_the_pages_on_no_path(site) -> None:
    """The team page is 45 days overdue on the build day; the lost page is on no path; reference opted out."""
    page = site.content("needs-review/")
    assert "@maya" in page and "Overdue by 45 days" in page
    lost = page.split('id="not-on-any-onboarding-path"')[1]
    assert 'href="../lost/"' in lost and "reference" not in lost


def test_overdue_reviews_are_logged_without_failing_the_strict_build(site) -> None:
    """The overdue review reaches the log as information, with file and line; the strict build passed."""
    assert "docs/team.md:7: the review was due on 2026-05-01, 45 days ago" in site.log
    assert site.warnings() == []


def test_every_page_shows_its_owner_review_and_last_change(site) -> None:
    """Under the title of docs, agreement and decision pages: owner, review badge, last commit and author."""
    team = site.content("team/")
    info = re.search(r'<p class="th-page-info" data-search-exclude>.*?</p>', team, re.S).group(0)
    assert "@maya" in info and "Overdue by 45 days" in info
    assert '<time datetime="2026-06-05T14:30:00Z">2026-06-05</time> by Diego Ramírez' in info
    agreement = site.content("working-agreement/")
    assert "@lukas" in agreement.split('class="th-page-info"')[1].split("</p>")[0]
    decision_page = site.content("decisions/0001-record-decisions/")
    assert decision_page.index("th-decision-meta") < decision_page.index("th-page-info")
    assert "2026-01-15</time> by Maya Chen" in decision_page


def test_whats_new_lists_feedback_decisions_and_pages_newest_first(site) -> None:
    """Open proposals soonest first with the overdue one marked; decisions and pages of the last 30 days."""
    page = site.content("whats-new/")
    feedback = page.split("Open for feedback")[1].split("<h2")[0]
    assert feedback.index("0005-quiet-hours") < feedback.index("0004-demos")
    assert "Overdue</span> feedback was due" in feedback and "in 5 days" in feedback
    decisions = page.split('id="decisions"')[1].split("<h2")[0]
    events = re.findall(r'data-status="(\w+)"[^>]*>\w+</span> <a href="../decisions/(\d{4})', decisions)
    assert events[:4] == [
        ("updated", "0002"),
        ("proposed", "0004"),
        ("accepted", "0003"),
        ("superseded", "0002"),
    ]
    assert ("accepted", "0001") not in events  # January is outside the 30 days
    assert re.search(
        r"Superseded</span> <a [^>]*0002-self-host/[^>]*>.*?</a> by <a [^>]*0003-managed/", decisions
    )
    pages = page.split('id="pages-changed"')[1]
    assert "The team" in pages and "Diego Ramírez" in pages and "A lost page" not in pages


def test_whats_new_says_what_changed_in_the_commits_words(site) -> None:
    """Each entry lists the subjects of the commits of the period that changed its page, under it;
    a status announced by a commit in the period lists that commit."""
    page = site.content("whats-new/")
    decisions = page.split('id="decisions"')[1].split("<h2")[0]
    updated = decisions.split("Updated</span>")[1].split("</li>")[0]
    assert "0002-self-host" in updated and "Managed database, and the team page" in updated
    accepted = decisions.split("Accepted</span>")[1].split("</li>")[0]
    assert (
        "0003-managed" in accepted
        and '<span class="th-commit">Managed database, and the team page' in accepted
    )
    team = page.split('id="pages-changed"')[1].split("The team")[1].split("</li>")[0]
    assert '<span class="th-commit">Managed database, and the team page</span>' in team
    assert "Start the handbook" not in team  # January's commit is outside the 30 days


def test_the_home_page_counts_the_proposals_open_for_feedback(site) -> None:
    """The ``open_for_feedback_count()`` macro counts both proposals with a deadline."""
    assert "Proposals open for feedback: <strong>2</strong>." in site.content("")


def test_the_feed_is_valid_atom_with_stable_absolute_ids(site) -> None:
    """``feed.xml`` parses, has every element RFC 4287 requires, and absolute, unique ids and links."""
    feed = ET.parse(site.site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Test handbook"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith(SITE_URL) for i in ids)
    stamps = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) for s in stamps)
    assert stamps == sorted(stamps, reverse=True) and feed.find(f"{ATOM}updated").text == stamps[0]
    for entry in entries:
        assert len(entry.findall(f"{ATOM}title")) == 1
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link.startswith(SITE_URL) and (site.site / link[len(SITE_URL) :] / "index.html").is_file()
    titles = {entry.find(f"{ATOM}title").text for entry in entries}
    assert "Accepted: ADR-0003: Managed database" in titles
    assert "Superseded: ADR-0002: Self-host (by ADR-0003: Managed database)" in titles
    assert f"Added: {HOSTILE}" in titles  # the parser gives back the text exactly as written
    assert "<script>" not in (site.site / "feed.xml").read_text("utf-8")
    accepted = next(e for e in entries if e.find(f"{ATOM}title").text.startswith("Accepted: ADR-0003"))
    assert accepted.find(f"{ATOM}id").text == SITE_URL + "decisions/0003-managed/#accepted"
    assert accepted.find(f"{ATOM}author/{ATOM}name").text == "Lukas Berg"


def test_feed_entries_say_what_changed(site) -> None:
    """An entry's summary starts with the subjects of its commits; its HTML content lists each commit
    with its day and author, escaped once."""
    entries = ET.parse(site.site / "feed.xml").getroot().findall(f"{ATOM}entry")
    team = next(e for e in entries if e.find(f"{ATOM}title").text == "Changed: The team")
    assert team.find(f"{ATOM}summary").text.startswith("Managed database, and the team page.")
    content = team.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<li>Managed database, and the team page (2026-06-05, Diego Ramírez)</li>" in content.text
    hostile = next(e for e in entries if e.find(f"{ATOM}title").text == f"Added: {HOSTILE}")
    assert "<li>Start the handbook (2026-01-15, Maya Chen)</li>" in hostile.find(f"{ATOM}content").text


def test_every_page_links_the_feed_from_its_head(site) -> None:
    """Each HTML page's head has the feed's ``<link rel="alternate">``, resolving to ``feed.xml``."""
    pages = list(site.site.rglob("index.html"))
    assert len(pages) > 15
    for path in pages:
        html = path.read_text("utf-8")
        head = html[: html.index("</head>")]
        href = re.search(
            r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"', head
        ).group(1)
        url = path.parent.relative_to(site.site).as_posix()
        assert urljoin(SITE_URL + (url + "/" if url != "." else ""), href) == SITE_URL + "feed.xml"


def test_changes_json_dates_every_page_for_the_browser(site) -> None:
    """``changes.json`` has each page's address, last change and title, newest first."""
    rows = site.json("changes.json")["pages"]
    second_commit = int(dt.datetime(2026, 6, 5, 14, 30, tzinfo=dt.UTC).timestamp())
    subject = "Managed database, and the team page"
    assert [
        "decisions/0003-managed/",
        second_commit,
        "ADR-0003: Managed database",
        "decision",
        subject,
    ] in rows
    assert [row[1] for row in rows] == sorted((row[1] for row in rows), reverse=True)
    assert all((site.site / row[0] / "index.html").is_file() for row in rows)


def test_authors_html_and_braces_show_as_text_on_generated_pages(site) -> None:
    """A title with ``<script>`` and ``{{ }}`` is text on the start page and on Needs review."""
    for url in ("start-here/", "needs-review/"):
        html = site.content(url).replace("&#123;", "{").replace("&#125;", "}")  # braces as entities
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ secret }}" in html and "<script>alert" not in html


def digest(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``handbook digest`` through its entry point."""
    command = [sys.executable, "-m", "teamhandbook.cli.main", "--config", str(root / "mkdocs.yml"), "digest"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=120)


def test_the_digest_reports_a_period_in_markdown_and_text(site) -> None:
    """Decisions, proposals and pages of the period, with absolute links (Markdown) or addresses (text)."""
    markdown = digest(site.root, "--since", "2026-06-01", "--until", "2026-06-15")
    assert markdown.returncode == 0, markdown.stderr
    lines = markdown.stdout.splitlines()
    assert lines[0] == "**Test handbook: what changed from 2026-06-01 to 2026-06-15**"
    said = ": Managed database, and the team page"
    assert (
        f"- Accepted: [ADR-0003: Managed database]({SITE_URL}decisions/0003-managed/) (2026-06-01){said}"
        in lines
    )
    superseded = next(line for line in lines if line.startswith("- Superseded: [ADR-0002: Self-host]"))
    assert f"by [ADR-0003: Managed database]({SITE_URL}decisions/0003-managed/)" in superseded
    assert f"- [The team]({SITE_URL}team/) (2026-06-05, Diego Ramírez){said}" in lines
    feedback = markdown.stdout.split("**Open for feedback**")[1].split("**Pages changed**")[0]
    assert (
        feedback.index("0005") < feedback.index("0004") and "feedback was due 2026-06-10: overdue" in feedback
    )
    text = digest(site.root, "--since", "2026-06-01", "--until", "2026-06-15", "--format", "text").stdout
    assert (
        f"* Accepted: ADR-0003: Managed database <{SITE_URL}decisions/0003-managed/> (2026-06-01){said}"
        in text
    )
    assert "**" not in text and "](" not in text


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--since", "2026-02-01", "--until", "2026-02-28"], 0, "Open for feedback"),
        (["--since", "yesterday"], 2, "--since must be a date written YYYY-MM-DD"),
        (["--since", "2026-06-10", "--until", "2026-06-01"], 2, "is before --since"),
    ],
    ids=["quiet-month-still-lists-proposals", "bad-date", "reversed-period"],
)
def test_the_digest_explains_bad_input_and_quiet_periods(
    site, args: list[str], code: int, words: str
) -> None:
    """A period with no change still lists open proposals; bad dates exit 2 with a sentence, no traceback."""
    result = digest(site.root, *args)
    assert result.returncode == code and words in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_dirty_rebuild_renders_only_the_changed_docs_page(tmp_path: Path) -> None:
    """Docs pages are read by the core once, yet ``--dirty`` still skips pages whose files did not change."""
    root = make_handbook(tmp_path / "h", {"docs/a.md": "# A\n\nFirst.\n", "docs/b.md": "# B\n\nFirst.\n"})
    assert build(root).returncode == 0
    a_page, b_page = root / "site/a/index.html", root / "site/b/index.html"
    write_files(root, {"docs/a.md": "# A\n\nSecond.\n"})
    future = (root / "docs/a.md").stat().st_mtime + 1000  # newer than every source: b is up to date
    os.utime(b_page, (future, future))
    assert build(root, "--dirty").returncode == 0
    assert "Second." in a_page.read_text("utf-8")
    assert b_page.stat().st_mtime == future


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_the_feed_is_linked_whatever_the_theme(tmp_path: Path, theme: str) -> None:
    """MkDocs' own themes get the feed link in their head too, with no template override."""
    config = {
        "site_name": "Plain",
        "site_url": SITE_URL,
        "theme": theme,
        "plugins": ["search", "team-handbook"],
    }
    files = {
        "docs/guide/page.md": "# Page\n",
        "decisions/0001-x.md": decision({"status": "accepted", "date": "2026-01-05"}),
    }
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    assert result.returncode == 0, result.log
    head = result.page("guide/page/").split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Plain: what changed" href="../../feed.xml">'
        in head
    )
    assert ET.parse(result.site / "feed.xml").getroot().find(f"{ATOM}entry") is not None


def test_pages_can_be_kept_out_of_what_readers_are_told(tmp_path: Path) -> None:
    """With ``changes_exclude: [guide/*]``, maintainers' pages stay out of What's new, the feed,
    ``changes.json`` and the digest, and keep their own "last changed" line."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"changes_exclude": ["guide/*"]}}]}
    files = {"docs/guide/upkeep.md": "# Upkeep\n\nFor maintainers.\n", "docs/team.md": "# The team\n\nUs.\n"}
    root = make_handbook(tmp_path / "h", files, config)
    commit_all(root, "Write the team and upkeep pages", "2026-06-10T09:00:00+00:00")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_DAY.timestamp())))
        result = build(root, strict=True)
        told = digest(root, "--since", "2026-06-01").stdout
    assert result.returncode == 0, result.log
    whats_new = result.content("whats-new/")
    assert "The team" in whats_new and "Upkeep" not in whats_new
    assert "Upkeep" not in (result.site / "feed.xml").read_text("utf-8")
    assert sorted(row[0] for row in result.json("changes.json")["pages"]) == ["", "team/"]
    assert "The team" in told and "Upkeep" not in told
    assert "by Maya Chen" in result.content("guide/upkeep/")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ()),
        ("guide/*", ("guide/*",)),
        (["guide/", "/working-agreement/templates/*"], ("guide/", "working-agreement/templates/*")),
    ],
)
def test_changes_exclude_reads_one_pattern_or_a_list(value: object, expected: tuple[str, ...]) -> None:
    """``changes_exclude`` takes a pattern or a list of them; a leading slash is dropped."""
    assert check_option("changes_exclude", value) == expected


@pytest.mark.parametrize("value", [[1], {"guide": True}, [""]])
def test_changes_exclude_refuses_what_is_not_a_pattern(value: object) -> None:
    """Anything but page paths or patterns is refused with a sentence that shows the right form."""
    with pytest.raises(OptionError, match=r"'changes_exclude': must be a list of page paths or patterns"):
        check_option("changes_exclude", value)


@pytest.mark.parametrize(
    ("src_uri", "kept"),
    [("guide/index.md", False), ("guide/deep/page.md", False), ("guidelines.md", True), ("team.md", True)],
)
def test_a_folder_pattern_matches_everything_below_it(src_uri: str, kept: bool) -> None:
    """``guide/`` and ``guide/*`` keep out every page below the folder, and only those."""
    page = HandbookPage(source=f"docs/{src_uri}", src_uri=src_uri, title="A page")
    for patterns in (["guide/"], ["guide/*"]):
        assert (reader_facing([page], patterns) == [page]) is kept
