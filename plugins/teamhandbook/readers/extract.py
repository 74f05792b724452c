"""One extraction for every shape of decision record: find each field wherever teams write it.

The body is read once, line by line. Each field is looked for in every place real logs put it,
and the most authoritative place wins:

1. front matter (read before, by ``frontmatter``);
2. label lines and bullets before the first section: ``Status: x``, ``* Status: x``,
   ``- **Status:** x``, ``Statut : x``, in any language of the vocabulary;
3. tables before the first section: key/value rows, or a header row of keys with the values below;
4. sections anywhere: ``## Status`` (a word, a sentence, a dated history, a checklist, adr-tools
   relation lines), ``## Status: Deprecated``, ``## Date``, ``## Links``…;
5. inline markers: a badge whose address or text spells the status, an HTML or Vue tag with a
   status attribute, an emoji line such as ``✅ Accepted``;
6. the layout (file and folder names), applied by the caller.

Every value keeps the line it came from, so problems name file and line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .dates import read_date
from .fields import KNOWN_FIELDS, Extraction, canonical_key
from .markdown_scan import Heading, strip_comments
from .status import is_choice_list, relation_clause, strip_marker
from .vocabulary import normal_word, vocabulary

RANK = {"front-matter": 0, "label": 1, "table": 2, "section": 3, "history": 3, "checklist": 3, "marker": 4}
"""How much each place is trusted; a lower rank wins."""

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t\u00a0]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
"""An ATX heading; a no-break space after the hashes is accepted, as authors meant a heading."""
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s{0,3}([*+-])\s+")
_CHECKBOX = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+\[([ xX✓✔])\]\s+(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_DELIMITER_CELL = re.compile(r"^:?-{1,}:?$")
_LABEL_CHARS = re.compile(r"^[^\W\d_][\w \t'’()/.\-]{0,38}$")
_BADGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_TAG_ATTRIBUTE = re.compile(
    r"<[A-Za-z][\w-]*\b[^>]*?\b(?:data-)?(?:adr-)?status\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I
)
_STATUS_TAG = re.compile(r"<((?:adr-?|decision-?)?status)\b([^>]*)>(?:([^<]*)</\1\s*>)?", re.I)
_TAG_VALUE = re.compile(r"\b(?:value|text|name|label|type)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_DATE_FIRST = re.compile(
    r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\s*[:\-–—|,]?\s*(.*)$"
)
_DATE_LAST = re.compile(
    r"^(.*?)\s*[:\-–—|,(]?\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\)?\s*$"
)
_THEMATIC_BREAK = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_HTML_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


@dataclass
class LabelLine:
    """A ``Label: value`` line, as written."""

    label: str
    value: str
    bullet: str
    """The list marker (``*``, ``-``, ``+``) or '' for a plain line."""

    emphasised: bool


@dataclass
class Found:
    """What the extraction found in a body: fields, the title heading and the lines to hide."""

    extraction: Extraction
    title: Heading | None = None
    """The first level-1 heading that is a title (not a placeholder, not generic)."""

    first_h1: Heading | None = None
    """The first level-1 heading at all, placeholder or not; hidden from the body."""

    title_placeholder: str | None = None
    """A heading left as the template wrote it (``[short title of solved problem]``), if any."""

    placeholder_lines: int = 0
    """Lines of prose that are whole template placeholders (``[Describe the context …]``)."""

    bullet_marker: str = ""
    """The list marker of the metadata bullets, if the status or date was a bullet."""

    plain_label: bool = False
    """True when a ``Date:``/``Status:`` line without a list marker was read (Nygard style)."""

    details_order: list[str] = field(default_factory=list)


def label_line(line: str) -> LabelLine | None:
    """Read ``Status: x``, ``* Status: x``, ``- **Status:** x``, ``**Status**: x``, ``Statut : x``."""
    text = _QUOTE.sub("", line)
    bullet = ""
    match = _BULLET.match(text)
    if match:
        bullet, text = match.group(1), text[match.end() :]
    text = text.strip()
    colon = _colon(text)
    if colon < 0:
        return None
    label, value = text[:colon], text[colon + 1 :]
    emphasised = label.lstrip().startswith(("*", "_"))
    label = label.strip().strip("*_").strip()
    value = value.strip()
    if value.startswith(("**", "__")) and emphasised and not value.startswith(("***", "___")):
        value = value[2:].strip()
    elif value[:1] in "*_" and emphasised and value[1:2] in (" ", ""):
        value = value[1:].strip()
    if not label or not _LABEL_CHARS.match(label) or len(label.split()) > 5:
        return None
    return LabelLine(label, value, bullet, emphasised)


def _colon(text: str) -> int:
    """Return the index of a label's colon (``:`` or ``：``) in the first 48 characters, or -1."""
    for i, char in enumerate(text[:48]):
        if char in ":：":
            return i
        if char in "[(<`!" and i:
            return -1  # a link, code or markup before any colon: not a label
    return -1


def field_of(label: str) -> str | None:
    """Return the canonical field a label names, in any language, or None."""
    known = vocabulary().field_labels.get(normal_word(label))
    if known is not None:
        return known
    key = canonical_key(label)
    return key if key in KNOWN_FIELDS else None


def table_cells(line: str) -> list[str] | None:
    """Return the cells of a table row (blockquoted or not, closing pipe optional), or None."""
    text = _QUOTE.sub("", line).strip()
    if "|" not in text or text.startswith(("```", "~~~")):
        return None
    if not text.startswith("|") and text.count("|") < 1:
        return None
    protected = re.sub(r"`[^`]*`", lambda m: m.group(0).replace("|", "\0"), text)
    protected = re.sub(r"\[[^\]]*\]\([^)]*\)", lambda m: m.group(0).replace("|", "\0"), protected)
    cells = protected.split("|")
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and cells:
        cells = cells[:-1]
    return [cell.replace("\0", "|").strip() for cell in cells]


def _cell_text(cell: str) -> str:
    """Return a cell's text without emphasis or code marks: ``**Status**`` → ``Status``."""
    text = strip_comments(cell).strip()
    while len(text) > 1 and text[0] in "*_`" and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text


def is_delimiter_row(cells: list[str]) -> bool:
    """Tell whether a row is a table's delimiter row: ``| --- | :--: |``."""
    return bool(cells) and all(_DELIMITER_CELL.match(c.replace(" ", "")) for c in cells if c) and any(cells)


@functools.lru_cache(maxsize=4096)
def section_kind(heading: str) -> tuple[str | None, str]:
    """Return the field a heading opens a section for, and a value written in it.

    ``Status`` → (``status``, ''); ``**Status**: Deprecated`` → (``status``, ``Deprecated``);
    ``Superseded by [X](x.md)`` → (``relation``, the heading); anything else → (None, '').
    """
    text = strip_comments(heading).strip()
    plain = text.replace("**", "").replace("__", "").strip().rstrip(":：").strip()
    kind = field_of(plain)
    if kind is not None:
        return kind, ""
    colon = _colon(plain)
    if colon > 0:
        kind = field_of(plain[:colon])
        if kind is not None:
            return kind, plain[colon + 1 :].strip()
    if relation_clause(plain) is not None:
        return "relation", plain
    return None, ""


def is_placeholder_title(text: str) -> bool:
    """Tell whether a heading is a template's placeholder: ``{short title}``, ``<title>``,
    ``[short title of solved problem and solution]``, ``TITLE``, ``...``."""
    stripped = strip_comments(text).strip().strip("*_").strip()
    if not stripped or stripped in ("...", "…", "TITLE", "Title", "NUMBER. TITLE"):
        return True
    if stripped[0] + stripped[-1] in ("{}", "<>"):
        return True
    if stripped[0] + stripped[-1] == "[]" and not stripped.startswith("[["):
        inner = normal_word(stripped[1:-1])
        return any(word in inner for word in vocabulary().title_placeholder_words) or inner in ("", "...")
    return False


def is_generic_title(text: str) -> bool:
    """Tell whether a heading only names the kind of document: ``Architecture Decision Record``."""
    words = re.findall(r"[^\W\d_]+", normal_word(text))
    generic = vocabulary().generic_title_words
    if not words or not all(word in generic for word in words):
        return False
    # one ordinary word ("Record") can be a title; two generic words, or a template's, cannot
    return len(words) >= 2 or words[0] in {"template", "adr", "madr", "title", "tbd", "todo"}


def extract_body(lines: list[str], in_code: list[bool], body_line: int) -> Found:
    """Read the body's fields in one pass; ``body_line`` is the file line of ``lines[0]``."""
    found = Found(Extraction(format=None, body_line=body_line))
    scan = _Scan(lines, in_code, body_line, found)
    scan.run()
    return found


class _Scan:
    """The state of the one pass over a body."""

    def __init__(self, lines: list[str], in_code: list[bool], body_line: int, found: Found) -> None:
        self.lines = lines
        self.in_code = in_code
        self.body_line = body_line
        self.found = found
        self.fields = found.extraction
        self.in_header = True
        self.section: tuple[str, int, int] | None = None
        """The open section: (kind, heading level, index of its heading)."""
        self.table: list[int] = []
        self.header_labels: list[tuple[int, LabelLine, str | None]] = []

    def run(self) -> None:
        """Walk the lines once."""
        lines, in_code = self.lines, self.in_code
        count = len(lines)
        i = 0
        while i < count:
            line = lines[i]
            if in_code[i]:
                if self.table:
                    self._end_table()
                i += 1
                continue
            first = line[:1]
            underlined = i + 1 < count and lines[i + 1][:1] in ("=", "-", " ")
            heading = self._heading(i) if first in ("#", " ", "\t") or underlined else None
            if heading is not None:
                self._end_table()
                self._on_heading(heading)
                i += 2 if heading.level and self._is_setext(i) else 1
                continue
            cells = table_cells(line) if "|" in line else None
            if cells is not None and (self.table or self._starts_table(i, cells)):
                self.table.append(i)
                i += 1
                continue
            if self.table:
                self._end_table()
            if self.in_header:
                self._header_line(i, line)
            elif line[-1:] in ("]", "}", ">", " ") and _is_placeholder_line(line):
                self.found.placeholder_lines += 1
            i += 1
        self._end_table()
        self._end_section(count)
        self._settle_header_labels()

    # Headings -----------------------------------------------------------------------------

    def _is_setext(self, i: int) -> bool:
        """Tell whether line ``i`` is a setext heading's text (the next line underlines it)."""
        if i + 1 >= len(self.lines):
            return False
        following = self.lines[i + 1][:1]
        if following == " ":
            following = self.lines[i + 1].lstrip()[:1]
        return (
            following in ("=", "-")
            and not self.in_code[i + 1]
            and bool(_SETEXT.match(self.lines[i + 1]))
            and bool(self.lines[i].strip())
            and not _LIST_ITEM.match(self.lines[i])
            and table_cells(self.lines[i]) is None
            and not _THEMATIC_BREAK.match(self.lines[i])
            and (self.lines[i + 1].strip()[0] == "=" or not self.lines[i].startswith((" ", "\t")))
        )

    def _heading(self, i: int) -> Heading | None:
        """Return the heading on line ``i``, if it is one."""
        line = self.lines[i]
        if line[:1] == "#" or (line[:1] == " " and line.lstrip().startswith("#")):
            match = _ATX.match(line)
            if match:
                return Heading(len(match.group(1)), (match.group(2) or "").strip(), i)
        if self._is_setext(i) and not _QUOTE.match(line):
            if self.lines[i + 1].strip()[0] == "=":
                return Heading(1, line.strip(), i)
            if not self.in_header or self.found.first_h1 is not None:
                return Heading(2, line.strip(), i)
        return None

    def _on_heading(self, heading: Heading) -> None:
        """Close the open section at a heading of its level or higher, and open a new one."""
        if self.section and heading.level <= self.section[1]:
            self._end_section(heading.index)
        if heading.level == 1:
            self._on_h1(heading)
            return
        plain = strip_comments(heading.text).replace("**", "").strip().rstrip(":：")
        if self.in_header and normal_word(plain) in vocabulary().metadata_sections:
            return  # "## Metadata": its lines are read as the header's
        self.in_header = False
        if self.section:
            return  # a sub-heading of the open section: its lines are the section's
        kind, value = section_kind(heading.text)
        if kind == "relation":
            self.fields.relation_lines.append((strip_comments(heading.text), self.body_line + heading.index))
            return
        if kind is None:
            return
        self.section = (kind, heading.level, heading.index)
        if value:
            self._put(kind, value, heading.index, "section", heading.text)

    def _on_h1(self, heading: Heading) -> None:
        """Take the first level-1 heading that is a title; note a placeholder one."""
        if self.found.first_h1 is None:
            self.found.first_h1 = heading
        if self.found.title is not None:
            return
        text = strip_comments(heading.text)
        if is_placeholder_title(text):
            self.found.title_placeholder = self.found.title_placeholder or text
            return
        if is_generic_title(text):  # digits are not words: "ADR-7: Decision Record" is generic too
            return
        kind, _ = section_kind(text)
        if (kind is not None and kind != "relation") or normal_word(text) in vocabulary().section_titles:
            return  # "# Context", "# Status": a section written as a level-1 heading
        self.found.title = heading

    # Header zone --------------------------------------------------------------------------

    def _header_line(self, i: int, line: str) -> None:
        """Read a line before the first section: a label, a marker, or prose."""
        if not line or line.isspace():
            return
        labelled = label_line(line)
        if labelled is not None:
            self.header_labels.append((i, labelled, field_of(labelled.label)))
            return
        words = line.strip().split(None, 1)
        if len(words) == 2 and field_of(words[0]) == "date" and read_date(words[1]).date is not None:
            self.header_labels.append((i, LabelLine(words[0], words[1], "", False), "date"))
            return
        if self._marker(i, line):
            return
        if _is_placeholder_line(line):
            self.found.placeholder_lines += 1

    def _marker(self, i: int, line: str) -> bool:
        """Read a status marker: a badge, an HTML or Vue tag, or an emoji before a status word."""
        value = _badge_status(line) or _tag_status(line)
        if value is None:
            stripped = _QUOTE.sub("", line).strip()
            marked = strip_marker(stripped)
            if marked and marked != stripped and len(marked.split()) <= 4:
                from .lifecycle import default_lifecycle

                if default_lifecycle().lookup(marked.rstrip(".")) is not None:
                    value = marked
        if value is None:
            return False
        if self._put("status", value, i, "marker", "Status"):
            self.fields.hidden_lines.add(i)
        return True

    def _settle_header_labels(self) -> None:
        """Record the header's label lines; keep unknown labels as details when known ones are there."""
        known = [entry for entry in self.header_labels if entry[2] is not None]
        if not known:
            return
        for i, labelled, key in self.header_labels:
            if key is None:
                if not (labelled.bullet or labelled.emphasised) or not labelled.value:
                    continue
                key = canonical_key(labelled.label)
                if key in KNOWN_FIELDS or self.fields.fields.get(key):
                    continue
            taken = self._put(key, labelled.value, i, "label", labelled.label)
            if taken and key in ("status", "date") and not self.found.bullet_marker:
                self.found.bullet_marker = labelled.bullet
                self.found.plain_label = self.found.plain_label or not labelled.bullet
            self.fields.hidden_lines.add(i)

    # Tables -------------------------------------------------------------------------------

    def _starts_table(self, i: int, cells: list[str]) -> bool:
        """Tell whether a table starts on line ``i``: the next line is its delimiter row."""
        if i + 1 >= len(self.lines) or self.in_code[i + 1]:
            return False
        following = table_cells(self.lines[i + 1])
        return following is not None and is_delimiter_row(following) and len(cells) >= 1

    def _end_table(self) -> None:
        """Read the table just ended, if it was metadata."""
        if not self.table:
            return
        rows = [(i, table_cells(self.lines[i]) or []) for i in self.table]
        self.table = []
        if self.section is not None and self.section[0] == "status":
            return  # read with the section
        if self.in_header:
            self._metadata_table(rows)

    def _metadata_table(self, rows: list[tuple[int, list[str]]]) -> None:
        """Read a key/value table, or a header row of keys with the values in the row below."""
        body = [(i, [_cell_text(c) for c in cells]) for i, cells in rows if not is_delimiter_row(cells)]
        if not body:
            return
        _, head = body[0]
        keys = [field_of(cell) if cell else None for cell in head]
        named = [cell for cell in head if cell]
        used = False
        if named and sum(k is not None for k in keys) * 2 >= len(named) and len(body) > 1:
            value_index, values = body[1]
            if not (values and field_of(values[0])):
                for cell, key, value in zip(head, keys, values, strict=False):
                    if cell and value:
                        used |= self._put(key or canonical_key(cell), value, value_index, "table", cell)
                if used:
                    self.fields.hidden_lines.update(i for i, _ in rows)
                return
        pairs = [(i, cells) for i, cells in body if len(cells) >= 2 and cells[0]]
        if not any(field_of(cells[0]) for _, cells in pairs):
            return
        for i, cells in pairs:
            key = field_of(cells[0]) or canonical_key(cells[0])
            if cells[1]:
                used |= self._put(key, cells[1], i, "table", cells[0])
        if used:
            self.fields.hidden_lines.update(i for i, _ in rows)

    # Sections -----------------------------------------------------------------------------

    def _end_section(self, end: int) -> None:
        """Read the section just ended, whose lines run up to ``end`` (excluded)."""
        if self.section is None:
            return
        kind, _, start = self.section
        indices = [i for i in range(start + 1, end) if not self.in_code[i]]
        self.section = None
        if kind == "status":
            self._status_section(indices, start)
        elif kind in ("relates-to", "supersedes", "superseded-by", "amends", "amended-by", "relation"):
            for i in indices:
                text = _LIST_ITEM.sub("", self.lines[i]).strip()
                if text and not _ATX.match(self.lines[i]):
                    if kind in ("supersedes", "superseded-by") and relation_clause(text) is None:
                        text = f"{'Supersedes' if kind == 'supersedes' else 'Superseded by'} {text}"
                    self.fields.relation_lines.append((text, self.body_line + i))
        elif kind in ("date", "deciders", "tags", "consulted", "informed"):
            items = [
                _LIST_ITEM.sub("", self.lines[i]).strip()
                for i in indices
                if self.lines[i].strip() and not _ATX.match(self.lines[i])
            ]
            items = [item for item in items if item and not _HTML_COMMENT_LINE.match(item)]
            if items and indices:
                value = items[0] if kind == "date" else ", ".join(items)
                self._put(kind, value, indices[0], "section", kind.capitalize())

    def _status_section(self, indices: list[int], start: int) -> None:
        """Read a status section: a checklist, a dated history, a word or sentence, relation lines."""
        prose = [
            i
            for i in indices
            if self.lines[i].strip()
            and not _ATX.match(self.lines[i])
            and not _HTML_COMMENT_LINE.match(self.lines[i])
            and not _THEMATIC_BREAK.match(self.lines[i])
        ]
        checked = [(i, m) for i in prose if (m := _CHECKBOX.match(_QUOTE.sub("", self.lines[i])))]
        if checked:
            ticked = [(i, m.group(2)) for i, m in checked if m.group(1) != " "]
            if ticked:
                self._put("status", ticked[-1][1], ticked[-1][0], "checklist", "Status")
            return
        history = self._history(prose)
        if history is not None:
            index, text = history
            self._put("status", text, index, "history", "Status")
        pending = ""
        pending_line = 0
        for i in prose:
            text = _QUOTE.sub("", self.lines[i]).strip()
            text = _LIST_ITEM.sub("", text).strip() if _LIST_ITEM.match(text) else text
            if table_cells(self.lines[i]) is not None and "|" in text:
                continue
            if pending:
                text, i = f"{pending} {text}", pending_line
                pending = ""
            relation = relation_clause(text)
            if relation is not None:
                self.fields.relation_lines.append((text, self.body_line + i))
                continue
            if _dangling_relation(text):
                pending, pending_line = text, i
                continue
            if history is not None or is_choice_list(text) or _is_choice_line(text):
                continue
            if (
                "status" not in self.fields.fields
                or RANK[self.fields.fields["status"].where] > RANK["section"]
            ):
                self._put("status", text, i, "section", "Status")
            # the section's later paragraphs are its history ("Accepted. Revisited in 2021 …")
            history = history or (i, text)

    def _history(self, prose: list[int]) -> tuple[int, str] | None:
        """Return the current entry of a dated status history: the latest date wins, then the last."""
        entries: list[tuple[object, int, int, str]] = []
        for i in prose:
            cells = table_cells(self.lines[i])
            if cells is not None and "|" in self.lines[i]:
                if is_delimiter_row(cells):
                    continue
                dated = [read_date(_cell_text(c)).date for c in cells]
                words = [_cell_text(c) for c, d in zip(cells, dated, strict=False) if d is None and c.strip()]
                when = next((d for d in dated if d is not None), None)
                if when is not None and words:
                    entries.append((when, len(entries), i, words[0]))
                continue
            text = _LIST_ITEM.sub("", _QUOTE.sub("", self.lines[i]).strip()).strip()
            match = _DATE_FIRST.match(text) or _DATE_LAST.match(text)
            if not match:
                continue
            date_text, rest = (
                (match.group(1), match.group(2))
                if match.re is _DATE_FIRST
                else (match.group(2), match.group(1))
            )
            when = read_date(date_text).date
            if when is not None and rest.strip(" .:-|"):
                entries.append((when, len(entries), i, rest.strip(" :-|")))
        if not entries:
            return None
        when, _, index, text = max(entries, key=lambda entry: (entry[0], entry[1]))
        return index, text

    # Recording ----------------------------------------------------------------------------

    def _put(self, key: str, value: str, index: int, where: str, label: str) -> bool:
        """Record a field found on body line ``index`` unless a more trusted place gave it."""
        value = strip_comments(value).strip() if isinstance(value, str) else value
        if value in ("", None):
            return False
        return self.fields.offer(key, value, self.body_line + index, label, where, RANK[where])


def _badge_status(line: str) -> str | None:
    """Return the status a badge spells: ``![Status: accepted](…)`` or a shields.io address."""
    for alt, url in _BADGE.findall(line):
        labelled = label_line(alt)
        if labelled is not None and field_of(labelled.label) == "status" and labelled.value:
            return labelled.value
        match = re.search(r"/badge/([^/?#]+?)(?:\.svg|\.png)?(?:[?#]|$)", url)
        if match:
            parts = re.split(r"(?<!-)-(?!-)", match.group(1))
            if len(parts) >= 2 and field_of(_shields(parts[0])) == "status":
                return _shields(parts[1])
        query = re.search(r"[?&]label=([^&]+).*?[?&]message=([^&]+)", url)
        if query and field_of(_shields(query.group(1))) == "status":
            return _shields(query.group(2))
    return None


def _shields(text: str) -> str:
    """Decode a shields.io badge part: ``on_hold`` → ``on hold``, ``--`` → ``-``, ``%20`` → space."""
    from urllib.parse import unquote

    return (
        unquote(text.replace("--", "\0").replace("__", "\1").replace("_", " "))
        .replace("\0", "-")
        .replace("\1", "_")
    )


def _tag_status(line: str) -> str | None:
    """Return the status an HTML or Vue tag gives: ``<Status value="accepted"/>``, ``data-status="x"``."""
    if "<" not in line:
        return None
    match = _TAG_ATTRIBUTE.search(line)
    if match:
        return match.group(1) or match.group(2)
    match = _STATUS_TAG.search(line)
    if match:
        attribute = _TAG_VALUE.search(match.group(2))
        value = (attribute.group(1) or attribute.group(2)) if attribute else match.group(3)
        return value.strip() if value and value.strip() else None
    return None


def _is_placeholder_line(line: str) -> bool:
    """Tell whether a line of prose is a whole template placeholder: ``[Describe the context …]``."""
    if not line.endswith(("]", "}", "-->")) and not (line[-1:] == " " and line.rstrip().endswith(("]", "}"))):
        return False
    text = _LIST_ITEM.sub("", _QUOTE.sub("", line).strip()).strip()
    text = strip_comments(text)
    return len(text) > 12 and (
        (text[0] == "{" and text[-1] == "}") or (text[0] == "[" and text[-1] == "]" and "](" not in text)
    )


def _dangling_relation(text: str) -> bool:
    """Tell whether a line is a relation phrase whose target is on the next line: ``Superseded by``."""
    phrases = dict(vocabulary().relations)
    return normal_word(text.rstrip(":： ")) in phrases


def _is_choice_line(text: str) -> bool:
    """Tell whether a line lists a template's choices after a label: ``列表：提议/通过/完成``."""
    _, colon, rest = text.replace("：", ":").partition(":")
    return bool(colon) and is_choice_list(rest)
