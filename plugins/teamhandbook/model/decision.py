"""Decision records: what one ADR says, whatever format it was written in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


class State(StrEnum):
    """Where a status puts a decision in its life; what pages, checks and feeds go by."""

    OPEN = "open"
    """Not decided yet: being written, proposed, reviewed or put on hold."""

    IN_FORCE = "in-force"
    """Decided and guiding the team: accepted, approved, implemented."""

    SUPERSEDED = "superseded"
    """Replaced by a later decision."""

    RETIRED = "retired"
    """No longer guiding the team, or never did: rejected, withdrawn, deprecated, obsolete."""


COLOURS = ("green", "teal", "blue", "indigo", "purple", "amber", "orange", "red", "grey", "brown")
"""The colours a status can have; each has a light and a dark shade in the stylesheet."""


@dataclass(frozen=True, eq=False)
class Status:
    """A status of the team's lifecycle: a stable key, a label, a colour and a state.

    Statuses are data: the handbook knows the common ones out of the box and a team declares its
    own in ``mkdocs.yml``. Two statuses are equal when their keys are; ``Status.ACCEPTED`` and the
    other constants name the core lifecycle.
    """

    key: str
    """A stable, lower-case key, used in addresses, CSS classes and ``decisions.json``: ``on-hold``."""

    label: str
    """The status as a reader sees it: ``On hold``."""

    colour: str = "grey"
    state: State = State.OPEN
    description: str = ""
    """A sentence shown in the banner of a decision with this status; empty for none."""

    DRAFT: ClassVar[Status]
    PROPOSED: ClassVar[Status]
    ACCEPTED: ClassVar[Status]
    REJECTED: ClassVar[Status]
    DEPRECATED: ClassVar[Status]
    SUPERSEDED: ClassVar[Status]

    @property
    def value(self) -> str:
        """The status's key, as the enumeration this class replaced called it."""
        return self.key

    @property
    def in_force(self) -> bool:
        """Tell whether a decision with this status guides the team."""
        return self.state is State.IN_FORCE

    @property
    def retired(self) -> bool:
        """Tell whether a decision with this status no longer guides the team (superseded included)."""
        return self.state in (State.SUPERSEDED, State.RETIRED)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Status) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.key

    def __copy__(self) -> Status:
        return self

    def __deepcopy__(self, memo: dict) -> Status:
        return self  # immutable: copies of a decision share it, so ``is`` comparisons keep working


Status.DRAFT = Status("draft", "Draft", "blue", State.OPEN, "This decision is still being written.")
Status.PROPOSED = Status(
    "proposed", "Proposed", "amber", State.OPEN, "This decision is not made yet: read it and give feedback."
)
Status.ACCEPTED = Status("accepted", "Accepted", "green", State.IN_FORCE)
Status.REJECTED = Status(
    "rejected",
    "Rejected",
    "red",
    State.RETIRED,
    "This was proposed and turned down; it is kept for the record.",
)
Status.DEPRECATED = Status(
    "deprecated", "Deprecated", "grey", State.RETIRED, "This decision no longer applies."
)
Status.SUPERSEDED = Status(
    "superseded", "Superseded", "grey", State.SUPERSEDED, "This decision no longer applies."
)

CORE_STATUSES: tuple[Status, ...] = (
    Status.DRAFT,
    Status.PROPOSED,
    Status.ACCEPTED,
    Status.REJECTED,
    Status.DEPRECATED,
    Status.SUPERSEDED,
)
"""The core lifecycle every handbook has, whatever else it declares."""

STATUS_ORDER: tuple[Status, ...] = CORE_STATUSES
"""The core statuses in the order a reader expects them listed, from first to final."""

INACTIVE_STATUSES = frozenset({Status.REJECTED, Status.DEPRECATED, Status.SUPERSEDED})
"""The core statuses of decisions that no longer guide the team; see ``Status.retired`` for any status."""


class DecisionFormat(StrEnum):
    """The conventions a decision file was read with."""

    MADR4 = "madr4"
    MADR3 = "madr3"
    MADR2 = "madr2"
    NYGARD = "nygard"
    LOG4BRAINS = "log4brains"
    MARKDOWN = "markdown"
    """No recognisable metadata: a title and a body only."""


@dataclass
class Reference:
    """A pointer to another decision, as an author wrote it."""

    text: str
    """The reference as written: ``ADR-0005``, ``5``, ``0005-use-postgres.md``…"""

    line: int
    """The line of the source file the reference is on."""

    target: str | None = None
    """The id of the decision it resolves to, once resolved."""

    inferred: bool = False
    """True when the file does not say this, but the other side of the relation does."""


@dataclass
class Decision:
    """One architecture (or team) decision record."""

    id: str
    """The file's stem, unique in the log; the page lives at ``decisions/<id>/``."""

    source: str
    """Path of the file relative to the handbook root, with forward slashes."""

    title: str
    format: DecisionFormat
    folder: str = ""
    """The subfolder of the decision folder the file is in; '' for the folder itself."""

    namespace: str = ""
    """The folder whose decisions share one numbering: ``folder`` without folders that only state
    a status (``_superseded/``). The same number in two namespaces is not a duplicate."""

    number: int | None = None
    status: Status | None = None
    status_raw: str | None = None
    """The status exactly as written, for statuses that were normalised or not understood."""

    date: dt.date | None = None
    date_raw: str | None = None
    date_source: str = "file"
    """Where the date comes from: ``file`` (written in the decision, its name or its folder's name)
    or ``git`` (the commit that first added the file, for a decision that states no date)."""

    title_source: str = "heading"
    """Where the title comes from: ``front-matter``, ``heading``, ``name`` (the file's) or ``folder``."""

    status_source: str = ""
    """Where the status was read: ``front-matter``, ``label``, ``table``, ``section``, ``history``,
    ``checklist``, ``marker``, ``relation`` or ``folder``; empty when the decision states none."""

    unknown_status: str | None = None
    """A status word no lifecycle declares, as written; reported once per build for all files."""

    template_signals: list[str] = field(default_factory=list)
    """What makes the file look like an unfilled template (a placeholder title, a list of choices
    for a status…); two or more, with the title among them, make the log leave it out."""
    deciders: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    supersedes: list[Reference] = field(default_factory=list)
    superseded_by: list[Reference] = field(default_factory=list)
    relates_to: list[Reference] = field(default_factory=list)
    amends: list[Reference] = field(default_factory=list)
    """Decisions this one changes in part, leaving the rest in force (adr-tools' ``Amends``)."""

    amended_by: list[Reference] = field(default_factory=list)
    owner: str | None = None
    review_by: dt.date | None = None
    review_every: str | None = None
    """How often to review the decision, as written: ``6 months``; read by ``readers.page_meta``."""

    feedback_by: dt.date | None = None
    must_read: bool = False
    body: str = ""
    """The Markdown shown under the decision's header: the file minus the metadata we display."""

    lines: dict[str, int] = field(default_factory=dict)
    """Where each field was read, by field name: ``{"status": 7}``."""

    extra: dict[str, object] = field(default_factory=dict)
    """Front-matter keys the handbook does not interpret, kept for templates and macros."""

    details: dict[str, str] = field(default_factory=dict)
    """Other header lines written in the body (``* Components: …``), shown in the page header."""

    file_links: list[Reference] = field(default_factory=list)
    """Relative links to Markdown files written in the body (not in code), with their lines."""

    @property
    def display_id(self) -> str:
        """A short label for the decision: ``ADR-0005``, or its id when it has no number."""
        return f"ADR-{self.number:04d}" if self.number is not None else self.id

    def line_of(self, field_name: str) -> int:
        """Return the line a field was read from, or 1 when it was not written down."""
        return self.lines.get(field_name, 1)

    def relation_ids(self, name: str) -> list[str]:
        """Return the resolved target ids of one relation (``supersedes``, ``relates_to``…)."""
        refs: list[Reference] = getattr(self, name)
        return [ref.target for ref in refs if ref.target is not None]


@dataclass
class DecisionLog:
    """Every decision of a handbook, in reading order, with fast lookups."""

    decisions: list[Decision] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Markdown files in the folder that are not decisions (index, README, templates)."""

    left_out: dict[str, str] = field(default_factory=dict)
    """Why each of ``skipped`` was left out, by source: ``a template``, ``the log's index``…"""

    assets: list[str] = field(default_factory=list)
    """Other files in the folder (images, diagrams) that decisions may link to."""

    def __post_init__(self) -> None:
        self.decisions.sort(key=sort_key)
        self.by_id: dict[str, Decision] = {d.id: d for d in self.decisions}

    def __iter__(self):
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def get(self, decision_id: str) -> Decision | None:
        """Return the decision with this id, if any."""
        return self.by_id.get(decision_id)

    def status_counts(self) -> dict[str, int]:
        """Count decisions per normalised status; ``unknown`` counts the rest."""
        counts: dict[str, int] = {}
        for decision in self.decisions:
            key = decision.status.value if decision.status else "unknown"
            counts[key] = counts.get(key, 0) + 1
        return counts


def sort_key(decision: Decision) -> tuple[int, int, str, str]:
    """Order decisions by number; unnumbered ones follow, by date and then id."""
    if decision.number is not None:
        return (0, decision.number, "", decision.id)
    return (1, 0, decision.date.isoformat() if decision.date else "9999", decision.id)
