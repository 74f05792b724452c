"""Projects at a glance: each project's status, owner and target, the latest update about it, its
open blockers and its decisions (those whose front matter names it under ``projects:``)."""

from __future__ import annotations

from ..model.boards import Blocker
from ..model.decision import Decision
from ..model.updates import DONE, NEEDS_ATTENTION, Project, decision_projects
from . import markdown as md
from .updates_common import (
    PROJECTS,
    UPDATES_INDEX,
    UpdateSite,
    chip,
    date_tag,
    days_ago,
    person_path,
    project_anchor,
    project_chip,
    update_path,
)


def projects_page(site: UpdateSite) -> str:
    """Return the Markdown of the projects page: those needing attention first, done ones last."""
    parts = [
        "# Projects",
        "Where every project stands, from `projects.yml` and what the team wrote about each. "
        "Change a project's status in that file, in a pull request; say why in your next update.",
    ]
    projects = site.log.projects
    if not projects:
        parts.append(
            "No projects yet: add `projects.yml` to the updates folder, with a `name`, `owner` and "
            "`status` for each."
        )
        return "\n\n".join(parts) + "\n"
    parts.append(_counts(site))
    decisions = _decisions_by_project(site)
    order = list(site.log.statuses)
    ranked = sorted(
        projects,
        key=lambda p: (
            p.status == DONE,
            p.status not in NEEDS_ATTENTION,
            order.index(p.status),
            p.name.lower(),
        ),
    )
    for project in ranked:
        parts.append(project_section(site, project, decisions.get(project.key, [])))
    return "\n\n".join(parts) + "\n"


def _counts(site: UpdateSite) -> str:
    """Return how many projects have each status, in the order the statuses are declared."""
    counts = {status: 0 for status in site.log.statuses}
    for project in site.log.projects:
        counts[project.status] = counts.get(project.status, 0) + 1
    shown = [f"{project_chip(site.log, status)} {count}" for status, count in counts.items() if count]
    return f"**{len(site.log.projects)} projects:** " + " · ".join(shown)


def _decisions_by_project(site: UpdateSite) -> dict[str, list[Decision]]:
    """Return the decisions that name each project in their front matter."""
    found: dict[str, list[Decision]] = {}
    for decision in site.decisions:
        for key in decision_projects(decision.extra.get("projects")):
            found.setdefault(key, []).append(decision)
    return found


def project_section(site: UpdateSite, project: Project, decisions: list[Decision]) -> str:
    """Return one project's section."""
    page = PROJECTS
    since = f" since {date_tag(project.since)}" if project.since else ""
    facts = [
        f'<span id="{project_anchor(project)}"></span>{project_chip(site.log, project.status)}{since}',
        "Owner: " + site.md_link(site.name(project.owner), person_path(project.owner), page),
    ]
    if project.target is not None:
        facts.append("Target: " + _target(site, project))
    lines = [f"## {md.text(project.name)}", " · ".join(facts)]
    if project.summary:
        lines.append(md.text(project.summary))
    if project.note:
        lines.append(f"**Why it stands here:** {md.text(project.note)}")
    items = []
    updates = site.log.by_project.get(project.key, [])
    if updates:
        latest = updates[0]
        link = site.md_link(site.title_beside_author(latest), update_path(latest), page)
        items.append(
            f"- **Latest update:** {link} by {md.text(site.name(latest.author))}, {date_tag(latest.date)}"
            + (
                f" ({days_ago(latest.date, site.today)} ago)"
                if site.today and latest.date < site.today
                else ""
            )
        )
        href = md.attr(site.address.state_url(UPDATES_INDEX, page, f"project={project.key}"))
        items.append(f'- <a href="{href}">All {len(updates)} updates about it</a>')
    else:
        items.append("- **Latest update:** none mentions it yet (add it to an update's `projects:`).")
    blockers = [b for b in site.boards.blockers if project.key in b.projects]
    if blockers:  # one under the other: several in a row are hard to tell apart on a phone
        listed = "".join(f"\n    - {md.text(b.text)} ({_whose(site, b)})" for b in blockers)
        items.append(f"- **Open blockers ({len(blockers)}):**{listed}")
    else:
        items.append("- **Open blockers:** none.")
    if decisions:
        links = ", ".join(f"{md.decision_link(d, page)} {md.status_chip(d)}" for d in decisions)
        items.append(f"- **Decisions:** {links}")
    if len(project.changes) > 1:
        steps = " → ".join(
            f"{md.attr(site.log.status_label(c.status))} ({c.date.isoformat() if c.date else 'undated'})"
            for c in project.changes
        )
        items.append(f"- **Status history:** {steps}")
    lines.append("\n".join(items))
    return "\n\n".join(lines)


def _whose(site: UpdateSite, blocker: Blocker) -> str:
    """Say whose a blocker is, and for how long when the build has a date: ``Maya Chen, 5 days``."""
    age = days_ago(blocker.since, site.today)
    return md.text(site.name(blocker.author)) + (f", {age}" if age else "")


def _target(site: UpdateSite, project: Project) -> str:
    """Return the target date, saying when it passed for a project that is not done."""
    assert project.target is not None
    shown = date_tag(project.target)
    if site.today is None or project.status == DONE:
        return shown
    days = (project.target - site.today).days
    if days < 0:
        late = f"{-days} day{'s' if days != -1 else ''} ago"
        return f"{shown} {chip('due', 'overdue', 'Passed', 'due')} {late}"
    return f"{shown}, in {days} day{'s' if days != 1 else ''}"
