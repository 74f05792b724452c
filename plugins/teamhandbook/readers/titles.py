"""What file and folder names say: a decision's number, its date, its title in words, a template."""

from __future__ import annotations

import datetime as dt
import re

from .vocabulary import normal_word, vocabulary

_DATED_NAME = re.compile(r"^((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?=$|[-_ .])")
_DATE_SHAPED = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}-\d{2}|\d{4})(?=$|[-_ .])")
_NUMBER_IN_NAME = re.compile(
    r"^(?:[a-z][a-z0-9]*[-_ ])*?(?:adr|dr|rfc|madr|decision|record|add|ard)[-_ ]?0*(\d{1,6})(?=$|[-_ .])"
    r"|^0*(\d{1,6})(?=$|[-_ .])",
    re.I,
)
_UNNUMBERED_PREFIX = re.compile(
    r"^(?:[a-z][a-z0-9]*[-_ ])*?(?:adr|dr|rfc|madr|decision)[-_ ]?(?:x{2,}|n{2,}|#+|\?+)(?=$|[-_ .])", re.I
)
_NAME_PREFIX = re.compile(
    r"^(?:(?:19|20)\d{2}-?\d{2}-?\d{2}|(?:[a-z][a-z0-9]*[-_ ])*?(?:adr|dr|rfc|madr|decision|record)"
    r"[-_ ]?(?:\d+|x{2,}|n{2,})|\d+)[-_ .]*",
    re.I,
)
_TITLE_NUMBER = re.compile(
    r"^(?:(?:[a-z]+[-\s])?(?:adr|dr|rfc|madr|decision|record)[-\s#]*(?:\d+|x{2,}|n{2,})\s*[:.\-–—]?\s+"
    r"|#?\d+\.\s+|#?\d+\s*[:\-–—]\s+)",
    re.I,
)
_EMPHASIS = re.compile(r"(\*\*|__|~~)(.+?)\1")
_CODE = re.compile(r"`([^`]*)`")


def date_in_name(stem: str) -> dt.date | None:
    """Return the date a file or folder name starts with: ``20200924-slug``, ``2022-03-15-slug``."""
    match = _DATED_NAME.match(stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def number_in_name(stem: str) -> int | None:
    """Return the decision number a name carries: ``0005-x``, ``adr-005-x``, ``ADR-005_x``,
    ``PREFIX-ADR-0005-x`` → 5; None for dated names and ``ADR-XXX`` drafts."""
    if _DATE_SHAPED.match(stem) or _UNNUMBERED_PREFIX.match(stem):
        return None  # 2022-21-11-slug is a (mistyped) date, not decision 2022
    match = _NUMBER_IN_NAME.match(stem)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def title_from_name(stem: str) -> str:
    """Make a title from a file or folder name: ``0005-use-postgres`` → ``Use postgres``."""
    words = _NAME_PREFIX.sub("", stem, count=1)
    words = " ".join(words.replace("-", " ").replace("_", " ").split()) or stem
    return words[:1].upper() + words[1:]


def clean_title(heading: str) -> str:
    """Drop a number, emphasis and code marks from a heading: ``ADR-012: Use **X**`` → ``Use X``."""
    text = _CODE.sub(r"\1", _EMPHASIS.sub(r"\2", heading.strip()))
    text = " ".join(text.split())
    cleaned = _TITLE_NUMBER.sub("", text, count=1).strip()
    return cleaned or text


def is_template_name(stem: str) -> bool:
    """Tell whether a name is a template's by convention: ``template``, ``adr-template``,
    ``0000-template``, ``YYYY-MM-DD-template``, ``ADR-nnn_Any_Decision_Record_Template``.

    A decision whose title mentions templates (``0042-use-a-template-engine``) is not one.
    """
    words = vocabulary()
    lowered = stem.lower()
    if not any(word in lowered for word in words.template_name_words):
        return False
    tokens = [normal_word(t) for t in re.split(r"[-_ .]+", stem) if t]
    tokens = [t for t in tokens if not t.isdigit()]
    if not any(t in words.template_name_words for t in tokens):
        return False
    allowed = words.template_name_words | words.template_name_companions
    return all(t in allowed for t in tokens)


def is_index_name(stem: str) -> bool:
    """Tell whether a name is a log's index or table of contents: ``README``, ``index``, ``toc``."""
    return normal_word(stem) in vocabulary().index_names
