"""The working agreement: the team's roster and the norms it agreed on, as data (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names as the data files write them; the index is ``date.weekday()``."""

DAY_MINUTES = 24 * 60


def clock(minutes: int) -> str:
    """Write minutes after midnight as a 24-hour clock time: ``570`` → ``09:30``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_names(days: tuple[int, ...]) -> str:
    """Write working days compactly: ``(0, 1, 2, 3, 4)`` → ``Mon–Fri``."""
    if not days:
        return "no days"
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAYS[ordered[0]].capitalize()}–{WEEKDAYS[ordered[-1]].capitalize()}"
    return ", ".join(WEEKDAYS[day].capitalize() for day in ordered)


@dataclass(frozen=True, order=True)
class LocalHours:
    """A span of clock time within one day, in minutes after midnight; ``end`` may be 1440."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        """How long the span is, in minutes of clock time."""
        return self.end - self.start

    @property
    def label(self) -> str:
        """The span as people write it: ``09:00–17:30``."""
        return f"{clock(self.start)}–{clock(self.end)}"

    @property
    def pair(self) -> list[str]:
        """The span as two clock times: ``["09:00", "17:30"]``."""
        return [clock(self.start), clock(self.end)]


@dataclass(frozen=True)
class Away:
    """A stretch of days, in the person's own calendar, when they are not working (leave)."""

    first: dt.date
    last: dt.date
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        """Tell whether the person is away on this local date."""
        return self.first <= day <= self.last


@dataclass
class Person:
    """One member of the team and when they work, in their own time zone."""

    handle: str
    name: str
    timezone: str
    """An IANA time zone name, such as ``Europe/Berlin``."""

    days: tuple[int, ...]
    """Working days as ``date.weekday()`` numbers: Monday is 0."""

    hours: tuple[LocalHours, ...]
    """Working hours on each working day, in local time; several for a split day."""

    role: str = ""
    note: str = ""
    """A temporary note shown with the person, such as ``On parental leave until March``."""

    away: list[Away] = field(default_factory=list)
    backup: str | None = None
    """The handle of who to ask while this person is away."""

    emails: tuple[str, ...] = ()
    """The person's e-mail addresses, lower case, so ``handbook write`` finds them from ``git config``."""

    line: int = 1
    """The line of the data file the person's entry starts on."""

    lines: dict[str, int] = field(default_factory=dict)
    """Where each of the person's fields was read: ``{"timezone": 14}``."""

    @property
    def day_minutes(self) -> int:
        """The length of one working day, in minutes: what one business day counts."""
        return sum(span.minutes for span in self.hours)

    @property
    def hours_label(self) -> str:
        """The working hours as people write them: ``10:00–13:00, 17:30–21:30``."""
        return ", ".join(span.label for span in self.hours)

    def works_on(self, day: dt.date) -> bool:
        """Tell whether a local date is one of the person's working days (leave aside)."""
        return day.weekday() in self.days

    def away_on(self, day: dt.date) -> Away | None:
        """Return the absence covering a local date, if any."""
        return next((away for away in self.away if away.covers(day)), None)

    def line_of(self, key: str) -> int:
        """Return the line a field was read from, or the line of the entry."""
        return self.lines.get(key, self.line)


@dataclass
class Team:
    """The team's roster, in the order the data file lists it."""

    source: str
    """The roster's file, relative to the handbook root."""

    people: list[Person] = field(default_factory=list)
    invalid_handles: set[str] = field(default_factory=set)
    """Handles of entries that could not be read, so references to them are not reported twice."""

    def __post_init__(self) -> None:
        self.by_handle: dict[str, Person] = {person.handle: person for person in self.people}

    def __iter__(self):
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def get(self, handle: str) -> Person | None:
        """Return the person with this handle (a leading ``@`` is allowed), if any."""
        return self.by_handle.get(handle.lstrip("@").lower())

    def with_email(self, email: str) -> Person | None:
        """Return the person who listed this e-mail address (any case), if anyone did."""
        wanted = email.strip().lower()
        return next((person for person in self.people if wanted in person.emails), None)

    def knows(self, handle: str) -> bool:
        """Tell whether a handle names someone, even someone whose entry has errors."""
        key = handle.lstrip("@").lower()
        return key in self.by_handle or key in self.invalid_handles


class Unit(StrEnum):
    """What a response time counts: the recipient's working minutes, hours or days."""

    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"


@dataclass(frozen=True)
class Duration:
    """A response time, counted in the recipient's working time."""

    amount: float
    unit: Unit
    text: str
    """As the author wrote it: ``4 business hours``."""

    @property
    def label(self) -> str:
        """The duration in one canonical wording: ``4 business hours``, ``1 business day``."""
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        word = {Unit.MINUTES: "working minute", Unit.HOURS: "business hour", Unit.DAYS: "business day"}[
            self.unit
        ]
        return f"{amount} {word}{'' if amount == 1 else 's'}"


@dataclass
class Tier:
    """An urgency level and how soon an answer is due at that level."""

    name: str
    within: Duration
    meaning: str = ""
    example: str = ""
    channels: dict[str, Duration] = field(default_factory=dict)
    """Response times that differ on one channel, by channel name."""

    line: int = 1
    channel_lines: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The tier's name as a reader sees it: ``Urgent``."""
        return self.name[:1].upper() + self.name[1:]

    def within_on(self, channel: str | None) -> Duration:
        """Return the response time on a channel, or the tier's default."""
        return self.channels.get(channel, self.within) if channel else self.within


@dataclass
class Channel:
    """A place the team talks, what it is for, and what to expect there."""

    name: str
    label: str
    purpose: str = ""
    not_for: str = ""
    expect: str = ""
    public: bool | None = None
    """Whether conversations there are visible to the whole team by default."""

    line: int = 1


@dataclass
class Escalation:
    """The separate path for truly urgent matters, so that not everything becomes urgent."""

    label: str
    purpose: str = ""
    how: str = ""
    contacts: list[str] = field(default_factory=list)
    """Handles of the people to call when the path gets no answer."""

    line: int = 1
    contact_lines: list[int] = field(default_factory=list)


@dataclass
class PublicByDefault:
    """The rule that conversations happen in the open, and its exceptions."""

    rule: str
    exceptions: list[str] = field(default_factory=list)
    line: int = 1


@dataclass
class CoreWindow:
    """The declared daily window, in UTC, when everyone is reachable in real time."""

    start: int
    end: int
    """Minutes after midnight UTC."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    """The UTC weekdays the window applies on."""

    purpose: str = ""
    note: str = ""
    line: int = 1

    @property
    def minutes(self) -> int:
        """How long the window is."""
        return self.end - self.start

    @property
    def label(self) -> str:
        """The window as people write it: ``15:00–16:00 UTC``."""
        return f"{clock(self.start)}–{clock(self.end)} UTC"


@dataclass
class FocusBlock:
    """Protected deep-work time, in each person's local time, within their working hours."""

    name: str
    hours: LocalHours
    words: str = ""
    """How the author named the hours: ``morning``, or empty for explicit clock times."""

    rule: str = ""
    line: int = 1

    @property
    def hours_label(self) -> str:
        """The block as a reader sees it: ``local mornings (until 12:00)`` or ``09:00–11:00 local``."""
        if self.words == "morning":
            return f"local mornings (until {clock(self.hours.end)})"
        if self.words == "afternoon":
            return f"local afternoons (from {clock(self.hours.start)})"
        return f"{self.hours.label} local time"


class Mode(StrEnum):
    """How a situation is best handled."""

    SYNC = "sync"
    ASYNC = "async"
    EITHER = "either"


@dataclass
class Situation:
    """A kind of situation and whether to meet or to write about it."""

    situation: str
    prefer: Mode
    sync: str = ""
    """What meeting in this situation is like: ``preferred``, ``wasteful``…"""

    async_: str = ""
    line: int = 1


@dataclass
class SyncRules:
    """When to meet and when to write."""

    default: Mode = Mode.ASYNC
    situations: list[Situation] = field(default_factory=list)
    call_after: int | None = None
    """Back-and-forths after which an async thread moves to a short call."""

    call_rule: str = ""
    line: int = 1


@dataclass
class AgreementPage:
    """A narrative page of the agreement, ``working-agreement/<name>.md``, as its author wrote it."""

    name: str
    source: str
    text: str


@dataclass
class Template:
    """A template for recurring writing, from which ``handbook new`` makes documents."""

    name: str
    source: str
    title: str
    description: str
    path: str
    """Where a document made from it is written, relative to the handbook root, with
    ``{date}``, ``{handle}`` and ``{slug}`` placeholders."""

    body: str
    lines: dict[str, int] = field(default_factory=dict)
    kind: str | None = None
    """The kind of update documents made from it are (``weekly``), when it is an update's template."""


@dataclass(frozen=True)
class Period:
    """A run of dates on which the team's overlap follows the same weekly pattern, in UTC.

    For most teams the overlap is the same every working day. For a team spread across the date
    line it depends on the UTC weekday (Monday in Los Angeles starts on Tuesday in Tokyo), so a
    period keeps the overlap per weekday.
    """

    first: dt.date
    last: dt.date
    weekdays: tuple[tuple[int, tuple[LocalHours, ...]], ...]
    """The overlap as UTC clock times, per UTC weekday of the period (empty when nobody overlaps)."""

    dates: int
    """How many of the team's working dates the period counts."""

    changes: tuple[str, ...] = ()
    """Why the overlap changed at the start of the period: ``America/Los_Angeles moved to UTC−07:00
    on 2027-03-14``."""

    @property
    def uniform(self) -> bool:
        """Tell whether the overlap is the same on every weekday of the period."""
        return len({windows for _, windows in self.weekdays}) <= 1

    @property
    def windows(self) -> tuple[LocalHours, ...]:
        """The overlap on the period's shortest day (its only one, for most teams)."""
        return min((windows for _, windows in self.weekdays), key=_total, default=())

    @property
    def minutes(self) -> int:
        """How long the overlap is on the period's shortest day."""
        return _total(self.windows)

    @property
    def max_minutes(self) -> int:
        """How long the overlap is on the period's longest day."""
        return max((_total(windows) for _, windows in self.weekdays), default=0)


def _total(windows: tuple[LocalHours, ...]) -> int:
    """Add up the minutes of some windows."""
    return sum(window.minutes for window in windows)


@dataclass(frozen=True)
class LocalWindow:
    """What the core window is in one person's local time, over a run of dates."""

    first: dt.date
    last: dt.date
    hours: LocalHours
    """The window in the person's clock time; ``end`` past 1440 when it runs past midnight."""

    day_shift: int = 0
    """-1 when the window falls on the person's previous calendar day, +1 on the next one."""


@dataclass(frozen=True)
class Shortfall:
    """A run of dates on which the core window is not wholly inside one person's working hours."""

    handle: str
    first: dt.date
    last: dt.date
    dates: int
    missing: int
    """Minutes of the window outside the person's hours on those dates."""

    local: LocalHours
    """The window in the person's local time on those dates."""

    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    """The UTC weekdays in the run that are short (all of the team's days, or some)."""


@dataclass
class YearScan:
    """The team's overlap across the coming year, computed once per build."""

    first: dt.date
    last: dt.date
    periods: list[Period] = field(default_factory=list)
    local_windows: dict[str, list[LocalWindow]] = field(default_factory=dict)
    """By handle: the core window in that person's local time, as it shifts through the year."""

    shortfalls: dict[str, list[Shortfall]] = field(default_factory=dict)
    """By handle: the dates the core window falls outside that person's hours."""


@dataclass
class Agreement:
    """Everything a handbook's ``working-agreement/`` folder says; every part is optional."""

    folder: str
    """The folder, relative to the handbook root."""

    team: Team | None = None
    data_source: str | None = None
    """The agreement's data file (``working-agreement/agreement.yml``), when there is one."""

    tiers: list[Tier] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    escalation: Escalation | None = None
    public: PublicByDefault | None = None
    core_window: CoreWindow | None = None
    focus: list[FocusBlock] = field(default_factory=list)
    sync: SyncRules | None = None
    pages: list[AgreementPage] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    """Other files in the folder (images, diagrams) that pages link to, relative to the root."""

    year: YearScan | None = None
    """The overlap across the coming year, once the core has computed it."""

    def tier(self, name: str) -> Tier | None:
        """Return the tier with this name, ignoring case."""
        wanted = name.strip().lower()
        return next((tier for tier in self.tiers if tier.name.lower() == wanted), None)

    def channel(self, name: str) -> Channel | None:
        """Return the channel with this name, ignoring case."""
        wanted = name.strip().lower()
        return next((channel for channel in self.channels if channel.name.lower() == wanted), None)

    @property
    def people(self) -> list[Person]:
        """The roster's people, or none."""
        return self.team.people if self.team is not None else []
