"""The digest: what it reports from the updates, and ``--post`` to a webhook on a local server
(payloads, retries, time-outs, errors), with the webhook's address never printed."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .cli import run_cli
from .conftest import decision, make_handbook
from .test_updates_boards import FILES as BOARD_FILES
from .updates_helpers import epoch, update, weekly

SITE_URL = "https://example.org/handbook/"
SECRET = "/services/T000/B000/s3cr3t-token"
"""The path of the test webhook: it must never appear in what the command prints."""

FILES = {
    **BOARD_FILES,
    "decisions/0001-use-a-queue.md": decision(
        {"status": "proposed", "date": "2026-11-10", "feedback-by": "2026-11-20"},
        "Use a queue",
        "**Purpose:** p\n\n**Action wanted:** a\n\n**Context:** c\n\n**Scope:** s",
    ),
    "updates/2026-11-12-kai-weekly.md": weekly(
        "kai", "2026-11-12", help_needed="- <script>alert(1)</script> & @everyone please"
    ),
    "updates/2026-10-30-ana-weekly.md": weekly("ana", "2026-10-30"),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook with updates, projects, blockers and action items, and a site address."""
    return make_handbook(tmp_path_factory.mktemp("digest") / "handbook", FILES)


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs as of Friday 13 November 2026, 18:00 UTC, with no proxy in the way."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-13T18:00:00Z"))
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_the_digest_reports_the_running_record_of_the_period(root: Path, capsys) -> None:
    """New updates of the period only; project changes; open blockers with their age; action items
    due within a week, overdue ones said so; each update linked."""
    outcome = run_cli(capsys, root, "digest", "--since", "2026-11-09", "--until", "2026-11-13")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    sections = [line for line in text.splitlines() if line.startswith("**")]
    assert sections == [
        "**Test handbook: what changed from 2026-11-09 to 2026-11-13**",
        "**Decisions**",
        "**Open for feedback**",
        "**New updates**",
        "**Open blockers**",
        "**Action items due**",
    ]
    new = text.split("**New updates**")[1].split("**Open blockers**")[0]
    assert (
        f"- Ana Souza, weekly update: [Weekly update]({SITE_URL}updates/2026-11-13-ana-weekly/) (2026-11-13)"
        in new
    )
    assert "2026-11-10-planning/" in new and "Planning" in new
    assert "2026-10-30" not in new and "2026-11-06" not in new and "2026-11-16" not in new
    blockers = text.split("**Open blockers**")[1].split("**Action items due**")[0]
    assert "- Sam Levi: The build farm is out of disk. (for 8 days)" in blockers
    assert "- Kai Tane: &lt;script&gt;alert(1)&lt;/script&gt; &amp; @everyone please (for 1 day)" in blockers
    due = text.split("**Action items due**")[1]
    assert "- Ana Souza: Write the runbook (overdue since 2026-11-12)" in due
    assert "- Kai Tane" not in due  # ticked in later notes
    assert "Plan the migration" not in due  # due 2026-12-15, beyond a week after the period


def test_the_digest_reports_project_status_changes(root: Path, capsys) -> None:
    """A status that began in the period is reported, with the note that says why."""
    outcome = run_cli(capsys, root, "digest", "--since", "2026-11-16", "--until", "2026-11-20")
    projects = outcome.out.split("**Projects**")[1].split("\n\n")[0]
    assert projects.strip() == (
        "- [Hermes &lt;b&gt;migration&lt;/b&gt;]"
        f"({SITE_URL}projects/#project-hermes) is at risk since 2026-11-16: The vendor has not signed."
    )


def test_slack_text_escapes_what_slack_reads_as_markup(root: Path, capsys) -> None:
    """``--format slack`` prints the payload: mrkdwn links, and ``<``, ``>``, ``&`` escaped."""
    outcome = run_cli(
        capsys, root, "digest", "--since", "2026-11-09", "--until", "2026-11-13", "--format", "slack"
    )
    payload = json.loads(outcome.out)
    assert list(payload) == ["text"]
    text = payload["text"]
    assert text.startswith("*Test handbook: what changed from 2026-11-09 to 2026-11-13*\n\n*Decisions*")
    assert f"<{SITE_URL}updates/2026-11-12-kai-weekly/|" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; @everyone please" in text
    assert "<script>" not in text


# --------------------------------------------------------------------------------------------
# Posting to a webhook on 127.0.0.1
# --------------------------------------------------------------------------------------------


@dataclass
class Webhook:
    """A local server standing in for a chat tool: it answers from a script and keeps what it got."""

    url: str
    answers: list[tuple[int, float, bytes]] = field(default_factory=list)
    """(status, seconds to wait before answering, body), one per request; then 200 OK."""

    received: list[dict] = field(default_factory=list)


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    """A webhook on 127.0.0.1 whose address holds a secret path."""
    hook = Webhook("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            hook.received.append(
                {"path": self.path, "type": self.headers["Content-Type"], "json": json.loads(body)}
            )
            status, delay, text = hook.answers.pop(0) if hook.answers else (200, 0.0, b"ok")
            time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hook.url = f"http://127.0.0.1:{server.server_address[1]}{SECRET}"
    yield hook
    server.shutdown()
    server.server_close()


def post(capsys, root: Path, *args: str):
    """Run ``handbook digest`` for the week of 9 November with ``args``, and check no secret leaked."""
    outcome = run_cli(capsys, root, "digest", "--since", "2026-11-09", "--until", "2026-11-13", *args)
    assert "s3cr3t" not in outcome.out + outcome.err and "127.0.0.1" not in outcome.out + outcome.err
    return outcome


def test_post_sends_slack_compatible_json(root: Path, capsys, webhook: Webhook) -> None:
    """By default the payload is Slack's ``{"text": …}``, posted as JSON to the webhook's path."""
    outcome = post(capsys, root, "--post", webhook.url)
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == "posted the digest to the webhook (slack, HTTP 200)"
    (request,) = webhook.received
    assert request["path"] == SECRET and request["type"].startswith("application/json")
    text = request["json"]["text"]
    assert list(request["json"]) == ["text"] and "*New updates*" in text and "*Open blockers*" in text


def test_post_reads_the_address_from_the_environment(
    root: Path, capsys, webhook: Webhook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--post`` without an address uses ``HANDBOOK_WEBHOOK_URL``; Teams gets an Adaptive Card."""
    monkeypatch.setenv("HANDBOOK_WEBHOOK_URL", webhook.url)
    outcome = post(capsys, root, "--post", "--format", "teams")
    assert outcome.code == 0, outcome.err
    (request,) = webhook.received
    attachment = request["json"]["attachments"][0]
    assert request["json"]["type"] == "message"
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    blocks = attachment["content"]["body"]
    assert blocks[0]["text"] == "Test handbook: what changed from 2026-11-09 to 2026-11-13"
    assert any(b["text"].startswith("**Action items due**\n- Ana Souza: Write the runbook") for b in blocks)


def test_post_to_discord_switches_mentions_off(root: Path, capsys, webhook: Webhook) -> None:
    """Discord gets the title and an embed; ``@everyone`` written by an author pings nobody."""
    assert post(capsys, root, "--post", webhook.url, "--format", "discord").code == 0
    payload = webhook.received[0]["json"]
    assert payload["allowed_mentions"] == {"parse": []}
    assert payload["embeds"][0]["url"] == f"{SITE_URL}whats-new/"
    assert "@everyone please" in payload["embeds"][0]["description"]
    assert len(payload["embeds"][0]["description"]) <= 4096 and len(payload["content"]) <= 2000


def test_post_retries_on_server_errors(root: Path, capsys, webhook: Webhook) -> None:
    """A 5xx answer, or 429, is tried again: the third try is accepted."""
    webhook.answers = [(503, 0.0, b"busy"), (429, 0.0, b"slow down"), (200, 0.0, b"ok")]
    outcome = post(capsys, root, "--post", webhook.url)
    assert outcome.code == 0, outcome.err
    assert len(webhook.received) == 3
    assert webhook.received[0]["json"] == webhook.received[2]["json"]


def test_post_gives_up_after_its_retries(root: Path, capsys, webhook: Webhook) -> None:
    """After ``--retries`` more tries, the error says what the server answered, and how often."""
    webhook.answers = [(500, 0.0, b"oops")] * 3
    outcome = post(capsys, root, "--post", webhook.url, "--retries", "2")
    assert outcome.code == 2 and len(webhook.received) == 3
    assert (
        "the digest was not posted: the webhook answered 500 Internal Server Error after 3 tries: oops"
        in (outcome.err)
    )


def test_post_does_not_retry_a_refusal(root: Path, capsys, webhook: Webhook) -> None:
    """A 4xx answer is an error at once, with the tool's explanation (the secret scrubbed from it)."""
    webhook.answers = [(404, 0.0, f"no_service for {SECRET}".encode())]
    outcome = post(capsys, root, "--post", webhook.url)
    assert outcome.code == 2 and len(webhook.received) == 1
    assert "the webhook answered 404 Not Found: no_service for …" in outcome.err


def test_post_times_out_without_posting_twice(root: Path, capsys, webhook: Webhook) -> None:
    """No answer within ``--timeout`` is an error, and is not tried again: the post may have arrived."""
    webhook.answers = [(200, 2.0, b"late")]
    started = time.perf_counter()
    outcome = post(capsys, root, "--post", webhook.url, "--timeout", "0.5")
    assert time.perf_counter() - started < 2.0
    assert outcome.code == 2 and len(webhook.received) == 1
    assert "the webhook did not answer within 0.5 seconds" in outcome.err


def test_post_reports_an_unreachable_webhook(root: Path, capsys, webhook: Webhook) -> None:
    """A port nobody listens on is a plain error, without the address."""
    with socket.socket() as probe:  # a port that was free a moment ago, and nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = post(capsys, root, "--post", f"http://127.0.0.1:{port}{SECRET}")
    assert outcome.code == 2 and "could not reach the webhook" in outcome.err
    assert webhook.received == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--post",), "--post needs the webhook's address: give --post URL, or set HANDBOOK_WEBHOOK_URL"),
        (("--post", "ftp://example.org/s3cr3t"), "must be a full http:// or https:// address"),
        (("--post", "hooks.example.org/s3cr3t"), "must be a full http:// or https:// address"),
        (("--post", "https://example.org/s3cr3t", "--format", "text"), "--post sends chat JSON"),
        (("--post", "https://example.org/s3cr3t", "--timeout", "0"), "--timeout must be more than 0"),
    ],
)
def test_post_explains_what_is_missing(
    root: Path, capsys, monkeypatch: pytest.MonkeyPatch, args, words
) -> None:
    """A missing or unusable address, or a printing format, is refused before anything is sent."""
    monkeypatch.delenv("HANDBOOK_WEBHOOK_URL", raising=False)
    outcome = post(capsys, root, *args)
    assert outcome.code == 2 and words in outcome.err


def test_nothing_to_report_posts_nothing(tmp_path: Path, capsys, webhook: Webhook) -> None:
    """A quiet period in a handbook with nothing waiting exits 1 and sends no request."""
    root = make_handbook(
        tmp_path / "quiet",
        {
            "decisions/0001-x.md": decision({"status": "accepted", "date": "2020-01-01"}),
            "updates/2020-01-03-ana-daily.md": update(
                {"author": "ana", "date": "2020-01-03", "kind": "daily"}, "x\n"
            ),
        },
        {"site_name": "Quiet", "plugins": ["team-handbook"]},
    )
    outcome = run_cli(capsys, root, "digest", "--since", "2026-11-09", "--post", webhook.url)
    assert outcome.code == 1 and "nothing was posted" in outcome.err and webhook.received == []


def test_the_weekly_digest_workflow_posts_with_the_secret_and_tolerates_a_quiet_week() -> None:
    """The scheduled workflow installs the tool, takes the address from a secret, and only fails the
    job when the command could not run (exit 2), not when there was nothing to post (exit 1)."""
    import yaml

    from .conftest import REPOSITORY

    workflow = yaml.safe_load((REPOSITORY / ".github/workflows/weekly-digest.yml").read_text("utf-8"))
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert triggers["schedule"] == [{"cron": "15 16 * * 5"}] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    post = next(step for step in job["steps"] if "handbook digest" in step.get("run", ""))
    assert post["env"] == {"HANDBOOK_WEBHOOK_URL": "${{ secrets.HANDBOOK_WEBHOOK_URL }}"}
    script = post["run"]
    assert "handbook digest --since \"$(date -u -d '6 days ago' +%F)\" --post || status=$?" in script
    assert 'if [ "$status" -gt 1 ]; then exit "$status"; fi' in script
    for code, job_result in ((0, 0), (1, 0), (2, 2)):  # posted, nothing to post, could not post
        stub = f"handbook() {{ return {code}; }}\n"
        assert subprocess.run(["bash", "-c", stub + script], capture_output=True).returncode == job_result
