"""Change a decision's status, relations and fields where its format keeps them, one line at a time.

- MADR 3/4 (front matter): the keys in the front matter.
- Nygard / adr-tools: the first line of the ``## Status`` section, and link lines such as
  ``Superseded by [4. Title](0004-title.md)`` in that section, as adr-tools writes them.
- MADR 2 / log4brains: the ``* Status:`` bullet (``superseded by [ADR-0004](0004-x.md)``) and
  bullets in the ``## Links`` section.

Every other line of the file keeps its bytes, line ending included.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model.decision import Decision, DecisionFormat, Status
from ..readers.decision import ReadOptions, read_decision
from ..readers.fields import KNOWN_FIELDS, canonical_key
from ..readers.madr import header_bullets
from ..readers.markdown_scan import code_lines, headings, leading_h1, strip_comments
from ..readers.nygard import find_status_section, is_link_line
from .lines import Lines
from .yaml_edit import EditError, FrontMatterEditor

RELATIONS = ("supersedes", "superseded-by", "relates-to", "amends", "amended-by")
"""The relations an author can write, by the name front matter uses."""

VERBS = {
    "supersedes": "Supersedes",
    "superseded-by": "Superseded by",
    "relates-to": "Relates to",
    "amends": "Amends",
    "amended-by": "Amended by",
}
"""How Nygard and MADR 2 files say each relation in a sentence."""

LABELLED_LINE = re.compile(
    r"^(?P<prefix>[ ]{0,3}(?:[*+-][ \t]+)?(?P<label>[A-Za-z][\w -]*?)[ \t]*:[ \t]*)"
    r"(?P<value>.*?)(?P<suffix>[ \t]*(?:<!--.*?-->[ \t]*)*)$"
)
_FRONT_MATTER_FORMATS = frozenset({DecisionFormat.MADR4, DecisionFormat.MADR3, DecisionFormat.MARKDOWN})
_BULLET_FORMATS = frozenset({DecisionFormat.MADR2, DecisionFormat.LOG4BRAINS})
BULLET_LABELS = {"deciders": "Deciders", "feedback-by": "Feedback by", "review-by": "Review by"}
"""How a MADR 2 or log4brains header bullet names a field, where it differs from the capitalised key."""

_HAND_EDITED = {
    "table": "table",
    "history": "dated status history",
    "checklist": "checklist",
    "marker": "badge, tag or emoji line",
}
"""Where a status can be read but not safely rewritten, by where it was read."""
_NUMBERED_HEADING = re.compile(r"^(?:NUMBER|\d+)\.\s")
"""A heading with the number in front, as adr-tools writes them: ``NUMBER. TITLE``, ``12. Title``."""


@dataclass(frozen=True)
class Target:
    """Another decision, as the edited file refers to it."""

    reference: str
    """What front matter lists: the number (``0004``) or the file name without ``.md``."""

    path: str
    """A relative link from the edited file to the target's file."""

    label: str
    """A link label: ``4. Use X`` as adr-tools writes it."""

    display_id: str
    """``ADR-0004``, as MADR 2 writes it in links."""


class DecisionEditor:
    """Edits one decision's text in memory; ``lines.to_bytes()`` is the result."""

    def __init__(self, text: str, source: str, stem: str, options: ReadOptions | None = None) -> None:
        self.lines = Lines.parse(text)
        self.source = source
        self.stem = stem
        self.options = options or ReadOptions()
        self.front = FrontMatterEditor(self.lines, source)
        self.front.bounds()  # refuses front matter that is not valid YAML, before anything changes

    def read(self) -> Decision:
        """Read the decision as it is now, edits included."""
        return read_decision(self.lines.normalised(), self.source, self.stem, self.options)[0]

    # Status ---------------------------------------------------------------------------

    def set_status(self, status: Status, successor: Target | None = None) -> None:
        """Set the status; with a successor, also record which decision supersedes this one."""
        decision = self.read()
        line = decision.lines.get("status")
        if decision.status_source in _HAND_EDITED:
            raise EditError(
                f"{self.source}:{line}: the status is written in a {_HAND_EDITED[decision.status_source]}, "
                "which this command does not rewrite; change it by hand"
            )
        if line is None:
            self._add_status(decision, status, successor)
        elif self._in_front_matter(line - 1):
            self.front.set_scalar("status", status.value)
            if successor is not None:
                self.front.add_items("superseded-by", [successor.reference])
        else:
            self._set_status_line(line - 1, decision, status, successor)

    def _set_status_line(
        self, index: int, decision: Decision, status: Status, successor: Target | None
    ) -> None:
        """Change a status written in the body: a bullet, a ``Status:`` line or a status section."""
        text = self.lines.texts[index]
        labelled = LABELLED_LINE.match(text)
        if labelled and canonical_key(labelled.group("label")) == "status":
            old = labelled.group("value")
            value = _cased(status.value, old)
            if successor is not None:
                value = _cased(_link_sentence("superseded-by", successor, decision.format), old)
                if old.lower().startswith("superseded by"):
                    value = f"{old}, {value}"
            self.lines.replace(index, labelled.group("prefix") + value + labelled.group("suffix"))
        elif is_link_line(text):  # adr-tools wrote the relation instead of a status word
            first = _link_sentence("superseded-by", successor, decision.format) if successor else None
            self.lines.insert(index, [first] if first else [status.label, ""])
        else:  # the first line of a Nygard status section: "Accepted", "Accepted. Revisited in 2021."
            indent = text[: len(text) - len(text.lstrip())]
            head, stop, rest = text.strip().partition(". ")
            if successor is not None and not stop:  # adr-tools replaces the status with the link
                self.lines.replace(
                    index, indent + _link_sentence("superseded-by", successor, decision.format)
                )
                return
            word = _cased(status.value, head) + ("." if head.endswith(".") and not stop else "")
            self.lines.replace(index, indent + word + (stop + rest if stop else ""))
            if successor is not None:  # the rest of the line is the author's history: keep it
                self._add_status_link(_link_sentence("superseded-by", successor, decision.format))

    def _add_status(self, decision: Decision, status: Status, successor: Target | None) -> None:
        """Write a status into a file that has none, where its format keeps one."""
        if decision.format in _BULLET_FORMATS:
            index, marker = self._first_header_bullet()
            value = _link_sentence("superseded-by", successor, decision.format) if successor else status.value
            self.lines.insert(index, [f"{marker} Status: {_cased(value, 'a')}"])
        elif decision.format is DecisionFormat.NYGARD and not self._front_matter_has_fields():
            value = _link_sentence("superseded-by", successor, decision.format) if successor else status.label
            self._new_status_section([value])
        else:
            self.front.set_scalar("status", status.value)
            if successor is not None:
                self.front.add_items("superseded-by", [successor.reference])

    # Relations ------------------------------------------------------------------------

    def add_relation(self, relation: str, target: Target) -> None:
        """Record that this decision supersedes, is superseded by, or relates to ``target``."""
        if relation == "superseded-by":
            self.set_status(Status.SUPERSEDED, target)
            return
        decision = self.read()
        if self._keeps_metadata_in_front_matter(decision):
            self.front.add_items(relation, [target.reference])
        elif decision.format is DecisionFormat.NYGARD:
            self._add_status_link(_link_sentence(relation, target, decision.format))
        else:
            self._add_links_bullet(_link_sentence(relation, target, decision.format))

    def remove_relation(self, relation: str, written: set[str]) -> None:
        """Remove the references of a relation that are written as one of ``written`` (as read).

        Front matter loses the list items; a Nygard link line or MADR 2 links bullet that holds
        only such a reference is deleted, with the blank line it leaves behind.
        """
        attribute = relation.replace("-", "_")
        self.front.remove_items(relation, written)
        refs = [ref for ref in getattr(self.read(), attribute) if ref.text in written and not ref.inferred]
        for index in sorted({ref.line - 1 for ref in refs}, reverse=True):
            if self._in_front_matter(index) or index >= len(self.lines):
                continue
            text = self.lines.texts[index].strip()
            if not (is_link_line(text) or text.lstrip("*+- ").startswith(VERBS[relation])):
                raise EditError(
                    f"{self.source}:{index + 1}: the line says more than the relation; edit it by hand"
                )
            blank_before = index > 0 and not self.lines.texts[index - 1].strip()
            blank_after = index + 1 >= len(self.lines) or not self.lines.texts[index + 1].strip()
            start = index - 1 if blank_before and blank_after else index
            self.lines.delete(start, index + 1)

    def _add_status_link(self, sentence: str) -> None:
        """Add an adr-tools link line at the end of the ``## Status`` section."""
        offset, body = self._body()
        section = find_status_section(body, headings(body, code_lines(body)))
        if section is None:
            self._new_status_section([sentence])
            return
        start, end = section
        last = max((i for i in range(start, end) if body[i].strip()), default=start - 1)
        self.lines.insert(offset + last + 1, ["", sentence])

    def _add_links_bullet(self, sentence: str) -> None:
        """Add a bullet to the ``## Links`` section, creating the section at the end if needed."""
        offset, body = self._body()
        _, marker = self._first_header_bullet()
        found = headings(body, code_lines(body))
        for position, heading in enumerate(found):
            if heading.level >= 2 and strip_comments(heading.text).lower() == "links":
                end = next((h.index for h in found[position + 1 :] if h.level <= heading.level), len(body))
                last = max(
                    (i for i in range(heading.index + 1, end) if body[i].strip()), default=heading.index
                )
                lead = [] if last > heading.index and body[last].lstrip()[:1] in "*+-" else [""]
                self.lines.insert(offset + last + 1, [*lead, f"{marker} {sentence}"])
                return
        last = max((i for i, text in enumerate(body) if text.strip()), default=-1)
        self.lines.insert(offset + last + 1, ["", "## Links", "", f"{marker} {sentence}"])

    # Other fields ---------------------------------------------------------------------

    def set_field(self, canonical: str, value: str | dt.date | list[str]) -> None:
        """Set a field where the file keeps it: front matter, a header bullet or a ``Date:`` line."""
        decision = self.read()
        line = decision.lines.get(canonical.replace("-", "_"))
        if line is not None and not self._in_front_matter(line - 1):
            labelled = LABELLED_LINE.match(self.lines.texts[line - 1])
            if labelled:
                text = ", ".join(value) if isinstance(value, list) else str(value)
                self.lines.replace(line - 1, labelled.group("prefix") + text + labelled.group("suffix"))
                return
        if line is None and decision.format in _BULLET_FORMATS and not self._front_matter_has_fields():
            offset, body = self._body()
            heading = leading_h1(body)
            _, used, marker = header_bullets(body, heading.index + 1 if heading else 0)
            if used:  # a new header bullet, where MADR 2 and log4brains keep their metadata
                text = ", ".join(value) if isinstance(value, list) else str(value)
                label = BULLET_LABELS.get(canonical, canonical.replace("-", " ").capitalize())
                self.lines.insert(offset + max(used) + 1, [f"{marker} {label}: {text}"])
                return
        if isinstance(value, list):
            self.front.set_list(canonical, value)
        else:
            self.front.set_scalar(canonical, value)

    def set_title(self, title: str, number: int | None = None) -> None:
        """Make ``title`` the decision's title: the ``title`` key if there is one, and the first heading.

        With ``number``, a heading numbered the adr-tools way (``# NUMBER. TITLE`` in its template,
        ``# 12. Title`` in a decision) keeps its number in front of the title.
        """
        title = " ".join(title.split())
        if self.front.find("title") is not None:
            self.front.set_scalar("title", title)
        offset, body = self._body()
        heading = leading_h1(body)
        text = title
        if heading is not None and number is not None and _NUMBERED_HEADING.match(heading.text):
            text = f"{number}. {title}"
        if heading is None:
            first = next((i for i, line in enumerate(body) if line.strip()), len(body) - 1)
            self.lines.insert(offset + first, [f"# {text}", ""])
        elif body[heading.index].lstrip().startswith("#"):
            self.lines.replace(offset + heading.index, f"# {text}")
        else:  # a setext heading: the text line, underlined by ===
            self.lines.replace(offset + heading.index, text)

    # Where things are -----------------------------------------------------------------

    def _body(self) -> tuple[int, list[str]]:
        """Return the index of the body's first line and the body's lines."""
        bounds = self.front.bounds()
        offset = bounds[1] + 1 if bounds else 0
        return offset, self.lines.texts[offset:]

    def _in_front_matter(self, index: int) -> bool:
        """Tell whether a line is inside the front matter."""
        bounds = self.front.bounds()
        return bounds is not None and bounds[0] < index < bounds[1]

    def _front_matter_has_fields(self) -> bool:
        """Tell whether the front matter holds any decision field (not only a site's own keys)."""
        return any(canonical_key(entry.key) in KNOWN_FIELDS for entry in self.front.entries())

    def _keeps_metadata_in_front_matter(self, decision: Decision) -> bool:
        """Tell whether relations belong in the front matter of this file."""
        return decision.format in _FRONT_MATTER_FORMATS or self._front_matter_has_fields()

    def _first_header_bullet(self) -> tuple[int, str]:
        """Return where the header bullets start and their marker (``*`` or ``-``)."""
        offset, body = self._body()
        heading = leading_h1(body)
        start = heading.index + 1 if heading else 0
        _, used, marker = header_bullets(body, start)
        if not used:
            return offset + start, "*"
        return offset + min(used), marker

    def _new_status_section(self, content: list[str]) -> None:
        """Add a ``## Status`` section before the first section of a Nygard file."""
        offset, body = self._body()
        first = next((h.index for h in headings(body, code_lines(body)) if h.level == 2), None)
        if first is None:
            last = max((i for i, text in enumerate(body) if text.strip()), default=-1)
            self.lines.insert(offset + last + 1, ["", "## Status", "", *content])
        else:
            self.lines.insert(offset + first, ["## Status", "", *content, ""])


def _link_sentence(relation: str, target: Target | None, form: DecisionFormat) -> str:
    """Say a relation with a link, as the format's own tools do."""
    assert target is not None
    label = target.label if form is DecisionFormat.NYGARD else target.display_id
    return f"{VERBS[relation]} [{label}]({target.path})"


def _cased(value: str, example: str) -> str:
    """Capitalise ``value`` like ``example``: ``Accepted`` where the file wrote ``Proposed``."""
    cleaned = example.lstrip("*_[` ")
    if cleaned[:1].isupper():
        return value[:1].upper() + value[1:]
    return value[:1].lower() + value[1:]


__all__ = ["RELATIONS", "DecisionEditor", "EditError", "Target"]
