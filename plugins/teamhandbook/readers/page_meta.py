"""What a page's front matter says about onboarding, ownership and review.

The same fields work in every kind of page: docs pages, decisions and agreement pages::

    start-here:
      order: 20
      audience: [engineering]      # optional; without it the page is on everyone's path
      why: How we review code without waiting on each other.
      tasks: [Open your first pull request]
    owner: "@lukas"
    review-every: 6 months         # or review-by: 2027-03-01
    last-reviewed: 2026-09-14
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Collection, Mapping
from typing import Any

from ..model.decision import Decision
from ..model.page import HandbookPage, PageKind, PathStep, ReviewInterval
from ..model.problem import Problem, error
from ..settings.ranges import date_problem, interval_problem
from .dates import read_date
from .decision import title_from_name
from .frontmatter import blank_front_matter, refused, split_front_matter
from .markdown_scan import code_lines, leading_h1, strip_comments, without_spans

START_HERE = "start-here"
_UNITS = {"day": (0, 1), "week": (0, 7), "month": (1, 0), "year": (12, 0)}
_NAMED_INTERVALS = {
    "daily": (0, 1),
    "weekly": (0, 7),
    "monthly": (1, 0),
    "quarterly": (3, 0),
    "twice a year": (6, 0),
    "half-yearly": (6, 0),
    "yearly": (12, 0),
    "annually": (12, 0),
}
_INTERVAL = re.compile(r"^(?:every\s+)?(\d+|an?|one)?\s*(day|week|month|year)s?$")
_MARKUP = (  # what a reader does not read: comments, template tags, HTML tags, link targets
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"\{[{%#]"), re.compile(r"[}%#]\}")),
    (re.compile(r"<"), re.compile(r">")),
    (re.compile(r"\]\("), re.compile(r"\)")),
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def read_page(
    text: str,
    source: str,
    src_uri: str,
    kind: PageKind = PageKind.PAGE,
    audiences: Collection[str] = (),
) -> tuple[HandbookPage, list[Problem]]:
    """Read a page's title, length and onboarding and review fields; never raises."""
    front_matter = split_front_matter(text, source)
    problems = list(front_matter.problems)
    if refused(front_matter):  # the site builder must not parse it either
        text = blank_front_matter(text, front_matter)
    fields = {_key(key): value for key, value in front_matter.data.items()}
    lines = {_key(key): line for key, line in front_matter.key_lines.items()}
    lines_list = front_matter.body.split("\n")
    heading = leading_h1(lines_list)
    page = HandbookPage(
        source=source,
        src_uri=src_uri,
        title=_title(fields.get("title"), heading.text if heading else None, src_uri),
        kind=kind,
        words=count_words(front_matter.body),
        description=_one_line(fields.get("description")),
        lines=lines,
        text=text,
    )
    read_page_fields(page, fields, audiences, problems)
    return page, problems


def read_page_fields(
    page: HandbookPage, fields: Mapping[str, Any], audiences: Collection[str], problems: list[Problem]
) -> None:
    """Fill a page's onboarding and review fields from front matter, reporting what is wrong."""
    if START_HERE in fields:
        page.step, page.off_path = _step(fields[START_HERE], page, audiences, problems)
    owner = fields.get("owner")
    if isinstance(owner, list):
        owner = ", ".join(str(item) for item in owner if item is not None)
    if owner not in (None, ""):
        page.owner = _one_line(owner)
    page.review_by = _date(fields, "review-by", page, problems) if "review-by" in fields else page.review_by
    if "last-reviewed" in fields:
        page.last_reviewed = _date(fields, "last-reviewed", page, problems)
    if fields.get("review-every") not in (None, ""):
        interval, problem = read_interval(fields["review-every"])
        if problem:
            problems.append(error(page.source, page.line_of("review-every"), problem, "bad-interval"))
        page.review_every = interval


def decision_as_page(
    decision: Decision, src_uri: str, title: str, audiences: Collection[str] = ()
) -> tuple[HandbookPage, list[Problem]]:
    """Return a decision as a handbook page titled ``title``, reading the fields decisions do not model."""
    problems: list[Problem] = []
    page = HandbookPage(
        source=decision.source,
        src_uri=src_uri,
        title=title,
        kind=PageKind.DECISION,
        words=None,  # counted if a start page needs it: most decisions are on no path
        body=decision.body,
        owner=decision.owner,
        review_by=decision.review_by,
        must_read=decision.must_read,
        retired=decision.status is not None and decision.status.retired,
        lines={key.replace("_", "-"): line for key, line in decision.lines.items()},
    )
    page.review_by = _in_range(decision.review_by, "review-by", page, problems)
    fields: dict[str, Any] = {_key(key): value for key, value in decision.extra.items()}
    if decision.review_every:
        fields["review-every"] = decision.review_every
    read_page_fields(page, fields, audiences, problems)
    return page, problems


def read_interval(value: object) -> tuple[ReviewInterval | None, str | None]:
    """Read a review interval: ``6 months``, ``1 year``, ``2 weeks``, ``90 days``, ``quarterly``."""
    text = " ".join(strip_comments(str(value)).lower().split())
    if text in _NAMED_INTERVALS:
        months, days = _NAMED_INTERVALS[text]
        return ReviewInterval(months, days, text), None
    match = _INTERVAL.match(text)
    if match and (match.group(1) or "1") not in ("0",):
        digits = match.group(1) or "a"
        count = 1 if digits in ("a", "an", "one") else int(digits) if len(digits) <= 9 else 10**9
        months, days = _UNITS[match.group(2)]
        too_long = interval_problem(months * count, days * count, text)
        if too_long:
            return None, too_long + "."
        if count > 0:
            return ReviewInterval(months * count, days * count, text), None
    return None, (
        f"cannot read the review interval '{text}'; write a number and a unit, "
        "such as `6 months`, `1 year` or `90 days`, or `quarterly`."
    )


def count_words(markdown: str) -> int:
    """Count the words a reader reads: prose only, without code blocks, markup or link targets."""
    lines = markdown.split("\n")
    in_code = code_lines(lines)
    prose = "\n".join(line for line, code in zip(lines, in_code, strict=True) if not code)
    for opener, closer in _MARKUP:  # linear, whatever is left unclosed
        prose = without_spans(prose, opener, closer)
    return len(_WORD.findall(prose))


def _step(
    value: Any, page: HandbookPage, audiences: Collection[str], problems: list[Problem]
) -> tuple[PathStep | None, bool]:
    """Read ``start-here``: a mapping, a bare order number, or ``false`` for no path."""
    line = page.line_of(START_HERE)
    if value is False:
        return None, True
    if value is True:
        value = {}
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"order": value}
    if not isinstance(value, Mapping):
        problems.append(
            error(
                page.source,
                line,
                "`start-here` must be `false`, an order number, or keys such as `order`, `audience` "
                "and `why`.",
                "bad-start-here",
            )
        )
        return None, False
    fields = {_key(key): item for key, item in value.items()}
    order = fields.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int | float):
        problems.append(
            error(page.source, line, f"`order` must be a number, not '{order}'.", "bad-start-here")
        )
        order = 0
    chosen = _audiences(fields.get("audience", fields.get("audiences")), page, line, audiences, problems)
    why = _one_line(fields.get("why")) or page.description
    tasks = fields.get("tasks") or []
    if isinstance(tasks, str):
        tasks = [tasks]
    step = PathStep(
        order=order,
        audiences=chosen,
        why=why,
        tasks=tuple(_one_line(task) for task in tasks if _one_line(task)) if isinstance(tasks, list) else (),
    )
    return step, False


def _audiences(
    value: Any, page: HandbookPage, line: int, declared: Collection[str], problems: list[Problem]
) -> tuple[str, ...]:
    """Read the audiences a page is for, reporting any the handbook does not declare."""
    if value in (None, "", "everyone", "all"):
        return ()
    names = value if isinstance(value, list) else re.split(r"\s*,\s*", str(value))
    chosen: list[str] = []
    for name in (str(item).strip() for item in names):
        if not name or name in ("everyone", "all"):
            continue
        if name not in declared:
            known = ", ".join(declared) if declared else "none are declared yet"
            problems.append(
                error(
                    page.source,
                    line,
                    f"'{name}' is not an audience of this handbook ({known}); use one of them, or add "
                    "it under the team-handbook plugin's `audiences:` in mkdocs.yml.",
                    "unknown-audience",
                )
            )
            continue
        chosen.append(name)
    return tuple(dict.fromkeys(chosen))


def _date(fields: Mapping[str, Any], key: str, page: HandbookPage, problems: list[Problem]):
    """Read a date field, reporting one that cannot be read."""
    reading = read_date(fields.get(key))
    if reading.problem:
        message = reading.problem.replace("the date", f"the `{key}` date", 1)
        problems.append(error(page.source, page.line_of(key), message + ".", "bad-date"))
    return _in_range(reading.date, key, page, problems)


def _in_range(date: dt.date | None, key: str, page: HandbookPage, problems: list[Problem]) -> dt.date | None:
    """Return a date that is in range; report one that is not, and return None instead."""
    problem = date_problem(date, f"the `{key}` date") if date is not None else None
    if problem is None:
        return date
    problems.append(error(page.source, page.line_of(key), problem + ".", "bad-date"))
    return None


def _title(front_matter_title: object, heading: str | None, src_uri: str) -> str:
    """Pick a page's title as MkDocs does: front matter, else the leading heading, else the file."""
    if front_matter_title not in (None, ""):
        return _one_line(front_matter_title)
    if heading:
        return strip_comments(heading)
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem.lower() in ("index", "readme"):
        return title_from_name(posixpath.basename(folder)) if folder else "Home"
    return title_from_name(stem)


def _one_line(value: object) -> str:
    """Return a value as one line of text; '' for nothing."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _key(key: object) -> str:
    """Normalise a front-matter key: ``Review_By`` → ``review-by``."""
    return "-".join(str(key).strip().lower().replace("_", "-").split())
