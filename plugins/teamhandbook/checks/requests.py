"""Requests that stand on their own: purpose, action wanted, deadline, context and scope.

A proposal (a decision whose status is proposed) and a request (an update of kind ``request``) are
read by people in other time zones who cannot ask a quick question. Each must state the five
things; a missing one is a warning naming the file, the line and what is missing. A criterion
counts as stated by a heading with text under it (``## Context``) or a label with a value
(``**Deadline:** Friday 2026-12-04``), in any of the wordings teams use; a ``feedback-by`` or
``deadline`` date in the front matter states the deadline.
"""

from __future__ import annotations

import re

from ..model.decision import DecisionLog, Status
from ..model.problem import Problem, warning
from ..model.updates import UpdateLog
from ..readers.markdown_scan import code_block_lines, headings
from ..readers.update_body import section_key, without_comments

REQUEST_KIND = "request"

CRITERIA: dict[str, tuple[str, frozenset[str]]] = {
    "purpose": (
        "its purpose",
        frozenset(
            {
                "purpose",
                "goal",
                "objective",
                "aim",
                "why",
                "what this is for",
                "what it is for",
                "propósito",
                "objetivo",
                "objectif",
                "zweck",
            }
        ),
    ),
    "action": (
        "the action it wants from readers",
        frozenset(
            {
                "action",
                "action wanted",
                "action needed",
                "required action",
                "actions wanted",
                "ask",
                "the ask",
                "what i need from you",
                "what we need from you",
                "what i need",
                "what we need",
                "what you need to do",
                "what to do",
                "requested action",
                "ação",
                "acción",
                "action demandée",
            }
        ),
    ),
    "deadline": (
        "a deadline",
        frozenset(
            {
                "deadline",
                "by when",
                "due",
                "due date",
                "respond by",
                "reply by",
                "feedback by",
                "decide by",
                "decision by",
                "when",
                "prazo",
                "fecha límite",
                "date limite",
                "frist",
            }
        ),
    ),
    "context": (
        "its context",
        frozenset(
            {
                "context",
                "background",
                "context and problem statement",
                "problem statement",
                "problem",
                "links",
                "references",
                "reading",
                "pre-reads",
                "contexto",
                "contexte",
                "kontext",
            }
        ),
    ),
    "scope": (
        "its scope (a skim or a detailed review)",
        frozenset(
            {
                "scope",
                "review scope",
                "depth",
                "how to read",
                "how much to read",
                "what to read",
                "escopo",
                "alcance",
                "portée",
                "umfang",
            }
        ),
    ),
}
"""Each criterion: how a message names it, and the headings and labels that state it."""

_BOLD_LABEL = re.compile(r"^\s*(?:[*+-]\s+)?(?:\*\*|__)([^*_\n]{1,60}?)\s*:?\s*(?:\*\*|__)\s*:?\s*(.*)$")
_PLAIN_LABEL = re.compile(r"^\s*(?:[*+-]\s+)?([A-Za-z][\w '’/;-]{0,40}?)\s*:\s+(\S.*)$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*$")


def stated_criteria(markdown: str) -> set[str]:
    """Return the criteria a Markdown body states, by headings with text under them and labels."""
    lines = without_comments(markdown.split("\n"))
    in_code = code_block_lines(lines)
    found: set[str] = set()
    marks = headings(lines, in_code)
    for position, heading in enumerate(marks):
        end = marks[position + 1].index if position + 1 < len(marks) else len(lines)
        filled = any(lines[i].strip() for i in range(heading.index + 1, end))
        criterion = _criterion(heading.text)
        if criterion and filled:
            found.add(criterion)
    heading_lines = {heading.index for heading in marks}
    for index, line in enumerate(lines):
        if in_code[index] or index in heading_lines:
            continue
        match = _BOLD_LABEL.match(line) or _PLAIN_LABEL.match(line)
        if match and match.group(2).strip(" \t-–—.:*_"):
            criterion = _criterion(match.group(1))
            if criterion:
                found.add(criterion)
    return found


def _criterion(label: str) -> str | None:
    """Return the criterion a heading or label names, if any."""
    key = section_key(_PARENTHESES.sub("", label))
    return next((name for name, (_, words) in CRITERIA.items() if key in words), None)


def missing_message(missing: list[str], what: str) -> str:
    """Say which criteria a proposal or request leaves out, and how to add them."""
    names = [CRITERIA[name][0] for name in missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"this {what} does not state {listed}. A request stands on its own with five things: purpose, "
        "action wanted, deadline, context and scope; add the missing ones as labelled lines "
        "(`**Deadline:** …`) or headings, as the decision-request template does."
    )


def check_requests(decisions: DecisionLog, log: UpdateLog | None) -> list[Problem]:
    """Warn about every proposal and request that leaves out one of the five criteria."""
    problems: list[Problem] = []
    for decision in decisions:
        if decision.status is not Status.PROPOSED:
            continue
        stated = stated_criteria(decision.body)
        if decision.feedback_by is not None:
            stated.add("deadline")
        missing = [name for name in CRITERIA if name not in stated]
        if missing:
            line = decision.line_of("status")
            problems.append(
                warning(decision.source, line, missing_message(missing, "proposal"), "incomplete-request")
            )
    for update in log or []:
        if update.kind != REQUEST_KIND:
            continue
        stated = stated_criteria(update.body)
        if update.deadline is not None:
            stated.add("deadline")
        missing = [name for name in CRITERIA if name not in stated]
        if missing:
            line = update.line_of("kind")
            problems.append(
                warning(update.source, line, missing_message(missing, "request"), "incomplete-request")
            )
    return problems
