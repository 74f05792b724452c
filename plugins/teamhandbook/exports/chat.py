"""The digest as the JSON a chat tool's incoming webhook expects.

- ``slack`` (the default): ``{"text": …}`` in Slack's mrkdwn. Mattermost, Rocket.Chat and other
  Slack-compatible webhooks take the same shape; ``markdown`` sends it with Markdown text instead,
  which Mattermost renders.
- ``teams``: a message with one Adaptive Card, as Microsoft Teams' workflow webhooks take it.
- ``discord``: the title as the message and the digest as an embed; mentions are switched off, so an
  ``@everyone`` an author wrote pings nobody.

Each tool limits a message's length; a longer digest is cut at a line, with a note saying so and,
when the site's address is known, a link to the updates index.
"""

from __future__ import annotations

from typing import Any

from ..pages.digest import Digest, digest_sections, digest_title
from ..pages.updates_common import UPDATES_INDEX
from ..pages.urls import WHATS_NEW_PATH, SiteAddress

CHAT_FORMATS = ("slack", "markdown", "teams", "discord")
"""The payloads ``handbook digest --post`` can send."""

LIMITS = {"slack": 35_000, "markdown": 15_000, "teams": 20_000, "discord": 4_000}
"""Characters of digest each payload carries at most, under each tool's own limit."""


def chat_payload(digest: Digest, site: SiteAddress, fmt: str = "slack") -> dict[str, Any]:
    """Return the JSON object to post for a chat tool."""
    text_format = "slack" if fmt == "slack" else "markdown"
    sections = digest_sections(digest, site, text_format)
    bold = (lambda text: f"*{text}*") if fmt == "slack" else (lambda text: f"**{text}**")
    title = digest_title(digest)
    blocks = ["\n".join(([bold(s.heading)] if s.heading else []) + s.lines) for s in sections]
    body = _fit("\n\n".join(blocks), LIMITS[fmt], site, fmt)
    if fmt == "teams":
        return _teams(title, body)
    if fmt == "discord":
        embed: dict[str, Any] = {"title": title[:256], "description": body}
        if site.url:
            embed["url"] = site.absolute(site.page_url(WHATS_NEW_PATH))
        return {"content": title[:2000], "embeds": [embed], "allowed_mentions": {"parse": []}}
    heading = f"*{_slack_escape(title)}*" if fmt == "slack" else f"**{title}**"
    return {"text": f"{heading}\n\n{body}"}


def _teams(title: str, body: str) -> dict[str, Any]:
    """Return a Teams message holding an Adaptive Card: the title, then the digest."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
            *({"type": "TextBlock", "text": part, "wrap": True} for part in body.split("\n\n")),
        ],
    }
    return {
        "type": "message",
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}],
    }


def _fit(text: str, limit: int, site: SiteAddress, fmt: str) -> str:
    """Cut text at a line so it fits ``limit`` characters, saying that it was cut."""
    if len(text) <= limit:
        return text
    where = site.absolute(site.page_url(UPDATES_INDEX)) if site.url else ""
    note = "… (cut to fit the chat message" + (f"; everything is at {where}" if where else "") + ")"
    kept = text[: limit - len(note) - 1].rsplit("\n", 1)[0]
    return f"{kept}\n{note}"


def _slack_escape(text: str) -> str:
    """Escape what Slack reads as markup in plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
