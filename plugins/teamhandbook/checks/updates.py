"""Check updates against their kind's sections, the decision log and each other; decisions' projects."""

from __future__ import annotations

from dataclasses import replace

from ..linking.references import ReferenceIndex
from ..model.decision import DecisionLog
from ..model.problem import Problem, error, warning
from ..model.updates import UpdateLog, decision_projects
from ..readers.update_body import section_key

WEEKLY = "weekly"


def check_updates(log: UpdateLog, decisions: DecisionLog) -> list[Problem]:
    """Return what is wrong across the updates: missing sections, unknown decisions, repeated weeks."""
    problems = _missing_sections(log)
    problems += _resolve_decisions(log, decisions)
    problems += _repeated_weeks(log)
    return problems


def _missing_sections(log: UpdateLog) -> list[Problem]:
    """Warn about an update that leaves out a section its kind's template has."""
    problems = []
    for update in log:
        kind = log.kinds.get(update.kind)
        if kind is None or not kind.sections:
            continue
        written = {section.key for section in update.sections}
        missing = [heading for heading in kind.sections if section_key(heading) not in written]
        if not missing:
            continue
        names = ", ".join(f"'{heading}'" for heading in missing)
        plural = "s" if len(missing) > 1 else ""
        template = f" (from {kind.template})" if kind.template else ""
        problems.append(
            warning(
                update.source,
                update.line_of("kind"),
                f"this {kind.label.lower()} has no {names} section{plural}{template}; add the heading"
                f"{plural} and write 'None' under any that has nothing to say.",
                "missing-section",
            )
        )
    return problems


def _resolve_decisions(log: UpdateLog, decisions: DecisionLog) -> list[Problem]:
    """Point each decision a meeting names at the decision log; report those that are not in it."""
    index = ReferenceIndex(decisions)
    problems = []
    for update in log:
        resolved = []
        for mention in update.decisions:
            matches = index.find(mention.text)
            if len(matches) == 1:
                if all(other.target != matches[0].id for other in resolved):
                    resolved.append(replace(mention, target=matches[0].id))
                continue
            if matches:
                which = ", ".join(d.source for d in matches)
                message = (
                    f"'{mention.text}' could be any of {which}; link to the decision's file to say which."
                )
            else:
                message = f"'{mention.text}' is not in the decision log; correct the number or link the file."
            problems.append(error(update.source, mention.line, message, "missing-target"))
        update.decisions = resolved
    return problems


def _repeated_weeks(log: UpdateLog) -> list[Problem]:
    """Warn about a second weekly update by the same person for the same week."""
    seen: dict[tuple[str, object], str] = {}
    problems = []
    for update in sorted(log, key=lambda u: u.sort_key):
        if update.kind != WEEKLY or update.week is None:
            continue
        key = (update.author, update.week)
        if key in seen:
            problems.append(
                warning(
                    update.source,
                    update.line_of("date"),
                    f"{seen[key]} is already {update.author}'s weekly update for {update.week.label}; "
                    "merge the two, or give this one `week:` if it reports on another week.",
                    "repeated-week",
                )
            )
        else:
            seen[key] = update.source
    return problems


def check_decision_projects(decisions: DecisionLog, log: UpdateLog | None) -> list[Problem]:
    """Report a decision whose ``projects:`` names a project the handbook does not have."""
    problems = []
    for decision in decisions:
        for key in decision_projects(decision.extra.get("projects")):
            if log is not None and key in log.by_project_key:
                continue
            known = ", ".join(p.key for p in log.projects) if log is not None and log.projects else "none"
            problems.append(
                error(
                    decision.source,
                    decision.line_of("projects"),
                    f"'{key}' is not a project (projects: {known}); correct the key in `projects`, or add "
                    "the project to the updates folder's projects.yml.",
                    "unknown-project",
                )
            )
    return problems
