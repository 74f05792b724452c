"""Decision file names: the next free number, in the shape the folder already uses."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..boundary import Boundary
from ..readers.decision import number_in_name
from ..readers.decision_log import is_decision_name
from ..readers.log4brains import date_in_name

_SHAPE = re.compile(
    r"^(?P<prefix>(?:adr|dr|rfc|decision)?[-_ ]?)(?P<digits>\d{1,6})(?P<separator>[-_ .]|$)", re.I
)
DEFAULT_WIDTH = 4
SLUG_LENGTH = 60


@dataclass(frozen=True)
class NamingScheme:
    """How a folder names its decisions: ``0012-use-x.md``, ``ADR-12-use-x.md``, ``20240110-use-x.md``."""

    prefix: str = ""
    width: int = DEFAULT_WIDTH
    separator: str = "-"
    dated: bool = False
    """log4brains names files by date (``YYYYMMDD-slug.md``) instead of number."""

    def file_name(self, number: int, slug: str, date: dt.date | None = None) -> str:
        """Return the file name of a new decision; a dated scheme names it by ``date``."""
        if self.dated:
            if date is None:
                raise ValueError("a log that names its records by date needs the record's date")
            return f"{date:%Y%m%d}-{slug}.md"
        return f"{self.prefix}{number:0{self.width}d}{self.separator}{slug}.md"


def naming_scheme(stems: Iterable[str]) -> NamingScheme:
    """Work out a folder's naming scheme from its decisions' file names (without ``.md``)."""
    shapes = []
    dated = 0
    for stem in stems:
        if date_in_name(stem) is not None:
            dated += 1
            continue
        match = _SHAPE.match(stem)
        if match:
            shapes.append((int(match.group("digits")), match))
    if not shapes:
        return NamingScheme(dated=dated > 0)
    padded = [len(m.group("digits")) for _, m in shapes if m.group("digits").startswith("0")]
    _, newest = max(shapes, key=lambda shape: shape[0])
    return NamingScheme(
        prefix=newest.group("prefix"),
        width=max(padded) if padded else 1,
        separator=newest.group("separator") or "-",
    )


def decision_stems(folder: Path, ignore: Iterable[str] = (), boundary: Boundary | None = None) -> list[str]:
    """Return the file names (without ``.md``) of every decision below ``folder``, as on disk now.

    Names the boundary refuses to read (a link leaving the handbook …) still take their number.
    """
    ignore = tuple(ignore)
    listing = (boundary or Boundary([folder])).walk(folder, "")
    return [
        relative.stem
        for relative in [*listing.files, *listing.refused]
        if relative.suffix.lower() == ".md" and is_decision_name(PurePosixPath(relative), ignore)
    ]


def numbers_taken(stems: Iterable[str]) -> dict[int, list[str]]:
    """Return the file names using each number."""
    taken: dict[int, list[str]] = {}
    for stem in stems:
        number = number_in_name(stem)
        if number is not None:
            taken.setdefault(number, []).append(stem)
    return taken


LATIN_LETTERS = {
    "ß": "ss",
    "ẞ": "ss",
    "ł": "l",
    "đ": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
    "ı": "i",
    "ħ": "h",
    "ŋ": "ng",
    "ĸ": "k",
}
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def slugify(title: str) -> str:
    """Make a file-name slug from a title, keeping every letter.

    Latin letters lose their accents (``Straße für Łódź`` → ``strasse-fur-lodz``); letters of other
    scripts stay as they are (``使用 PostgreSQL 数据库`` → ``使用-postgresql-数据库``), since a
    transliteration would lose what the title says. Everything else separates words.
    """
    characters = []
    for character in unicodedata.normalize("NFKC", title).lower():
        characters.append(_slug_character(character))
    slug = re.sub(r"-+", "-", "".join(characters)).strip("-") or "decision"
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0] or slug[:SLUG_LENGTH]
    return slug


def _slug_character(character: str) -> str:
    """Return what one (lower-case) character of a title becomes in a slug."""
    if character.isascii():
        return character if character.isalnum() else "-"
    if character in LATIN_LETTERS:
        return LATIN_LETTERS[character]
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    if base.isascii() and base.isalnum():
        return base
    if unicodedata.category(character)[0] in "LNM":
        return character  # a letter, digit or vowel sign of another script: kept, not guessed
    return "-"
