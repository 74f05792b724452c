"""``feed.xml``: an Atom feed (RFC 4287) of the handbook's decisions and page changes.

Entry ids are stable: a decision's status event is ``<page URL>#<status>``, a page change is
``<page URL>#changed-<commit>``, so feed readers show each event once. Changes known only from file
times are left out, since their ids would change with every checkout. Each entry says what changed:
its summary and content carry the subjects of the commits behind it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from ..pages.changes import ChangeEvent
from ..pages.markdown import full_title
from ..pages.urls import FEED_PATH, WHATS_NEW_PATH, SiteAddress

ATOM = "http://www.w3.org/2005/Atom"
GENERATOR = "teamhandbook"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF): no escape
makes them valid, and one of them makes feed readers reject the whole feed."""


@dataclass(frozen=True)
class FeedEntry:
    """An entry that is not a page's change, such as a new update: already titled and addressed."""

    when: dt.datetime
    title: str
    id: str
    url: str
    authors: tuple[str, ...] = ()
    summary: str = ""
    categories: tuple[str, ...] = ()


def atom_feed(
    events: Iterable[ChangeEvent],
    site: SiteAddress,
    today: dt.date,
    limit: int = 50,
    extra: Iterable[FeedEntry] = (),
) -> str:
    """Return the feed of the ``limit`` newest stable events and ``extra`` entries; ``site.url`` must
    be set."""
    stable: list[ChangeEvent | FeedEntry] = [event for event in events if event.stable]
    entries = sorted([*stable, *extra], key=lambda entry: entry.when, reverse=True)[:limit]
    name = site.name or "Handbook"
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", f"{name}: what changed")
    _text(feed, "subtitle", "Decisions accepted, proposed and superseded, and pages changed.")
    _text(feed, "id", site.url)
    updated = entries[0].when if entries else dt.datetime.combine(today, dt.time(), dt.UTC)
    _text(feed, "updated", _stamp(updated))
    ET.SubElement(
        feed, "link", {"rel": "self", "type": "application/atom+xml", "href": site.absolute(FEED_PATH)}
    )
    ET.SubElement(
        feed,
        "link",
        {"rel": "alternate", "type": "text/html", "href": site.absolute(site.page_url(WHATS_NEW_PATH))},
    )
    author = ET.SubElement(feed, "author")
    _text(author, "name", name)
    _text(feed, "generator", GENERATOR)
    for entry in entries:
        feed.append(_entry(entry, site) if isinstance(entry, ChangeEvent) else _extra_entry(entry))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def entry_id(event: ChangeEvent, site: SiteAddress) -> str:
    """Return an event's stable id: its page's address and what happened."""
    url = site.absolute(site.page_url(event.page.src_uri))
    if event.from_history:
        revision = event.change.commit if event.change and event.change.commit else _stamp(event.when)
        return f"{url}#{event.kind}-{revision}"
    return f"{url}#{event.kind}"


def _entry(event: ChangeEvent, site: SiteAddress) -> ET.Element:
    """Return one ``<entry>``."""
    entry = ET.Element("entry")
    url = site.absolute(site.page_url(event.page.src_uri))
    _text(entry, "title", _title(event))
    _text(entry, "id", entry_id(event, site))
    _text(entry, "updated", _stamp(event.when))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    for name in _authors(event):
        author = ET.SubElement(entry, "author")
        _text(author, "name", name)
    summary = _summary(event)
    if summary:
        _text(entry, "summary", summary)
    if event.subjects:
        content = _text(entry, "content", _content(event))
        content.set("type", "html")
    for tag in event.decision.tags if event.decision is not None else ():
        ET.SubElement(entry, "category", {"term": xml_text(tag)})
    return entry


def _extra_entry(extra: FeedEntry) -> ET.Element:
    """Return the ``<entry>`` of an entry that is not a page's change."""
    entry = ET.Element("entry")
    _text(entry, "title", extra.title)
    _text(entry, "id", extra.id)
    _text(entry, "updated", _stamp(extra.when))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": extra.url})
    for name in extra.authors:
        author = ET.SubElement(entry, "author")
        _text(author, "name", name)
    if extra.summary:
        _text(entry, "summary", extra.summary)
    for term in extra.categories:
        ET.SubElement(entry, "category", {"term": term})
    return entry


def _authors(event: ChangeEvent) -> list[str]:
    """Return who is responsible: the author of a change, the deciders of a decision's status."""
    if event.from_history:
        return [event.author] if event.author else []
    return list(event.decision.deciders) if event.decision is not None else []


def _title(event: ChangeEvent) -> str:
    """Return an entry's title: ``Accepted: ADR-0012: Title``."""
    if event.decision is None:
        return f"{event.label}: {event.page.title}"
    title = f"{event.label}: {full_title(event.decision)}"
    if event.successor is not None:
        title += f" (by {full_title(event.successor)})"
    return title


def _summary(event: ChangeEvent) -> str:
    """Return a one-paragraph summary: what changed (the commits' subjects), then who decided or
    what the page is for."""
    said = "; ".join(event.subjects).rstrip(".") + "." if event.subjects else ""
    return " ".join(part for part in (said, _about(event)) if part)


def _about(event: ChangeEvent) -> str:
    """Return who decided and until when feedback is welcome, or what the page is for."""
    decision = event.decision
    if decision is None:
        return event.page.description or (event.page.step.why if event.page.step else "")
    parts = []
    if decision.deciders:
        parts.append("Decided by " + ", ".join(decision.deciders) + ".")
    if decision.feedback_by and event.kind == "proposed":
        parts.append(f"Feedback is welcome until {decision.feedback_by.isoformat()}.")
    return " ".join(parts)


def _content(event: ChangeEvent) -> str:
    """Return the entry's HTML content: each commit behind it with its date and author, then
    who decided or what the page is for."""
    items = []
    for commit in event.commits:
        if commit.subject:
            who = f", {html.escape(commit.author)}" if commit.author else ""
            items.append(f"<li>{html.escape(commit.subject)} ({commit.when.date().isoformat()}{who})</li>")
    about = _about(event)
    return "<ul>" + "".join(items) + "</ul>" + (f"<p>{html.escape(about)}</p>" if about else "")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """Add a child element holding text (ElementTree escapes it; ``xml_text`` drops what it cannot)."""
    child = ET.SubElement(parent, tag)
    child.text = xml_text(text)
    return child


def xml_text(text: str) -> str:
    """Replace each character XML 1.0 forbids with U+FFFD, so the feed stays well-formed."""
    return _NOT_XML.sub("\ufffd", text)


def _stamp(moment: dt.datetime) -> str:
    """Return an RFC 3339 time in UTC: ``2026-11-20T10:00:00Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
