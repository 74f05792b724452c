"""The domain core's entry point: read every source once, build the model, check it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import check_decisions
from .checks.agreement import check_agreement
from .hours.year import scan_year
from .model.agreement import Agreement
from .model.decision import DecisionLog
from .model.problem import Problem, Severity
from .readers.agreement import read_agreement
from .readers.decision import ReadOptions
from .readers.decision_log import read_decision_log
from .readers.read_cache import ReadCache
from .readers.status import parse_aliases
from .settings import Settings, SettingsError


@dataclass
class Handbook:
    """Everything a handbook's sources say, and every problem found in them."""

    settings: Settings
    decisions: DecisionLog = field(default_factory=DecisionLog)
    agreement: Agreement | None = None
    """The working agreement; None when the handbook has no agreement folder."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make a check fail."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def load_handbook(settings: Settings, cache: ReadCache | None = None) -> Handbook:
    """Read and check a handbook. Raises ``SettingsError`` only for settings that cannot work.

    A ``cache`` kept between builds (``mkdocs serve``) spares parsing unchanged decision files.
    """
    aliases, alias_errors = parse_aliases(settings.status_aliases)
    if alias_errors:
        raise SettingsError("; ".join(alias_errors))
    handbook = Handbook(settings)
    folder = settings.decisions_path
    if folder.is_dir():
        handbook.decisions, handbook.problems = read_decision_log(
            folder, settings.root.resolve(), ReadOptions(aliases), settings.ignore, cache
        )
        handbook.problems += check_decisions(handbook.decisions)
    if settings.agreement_path.is_dir():
        handbook.agreement, problems = read_agreement(settings.agreement_path, settings.root)
        agreement = handbook.agreement
        if agreement.people:
            agreement.year = scan_year(agreement.people, agreement.core_window, settings.start_date)
        handbook.problems += problems + check_agreement(agreement)
    handbook.problems.sort(key=lambda p: (p.file, p.line))
    return handbook
