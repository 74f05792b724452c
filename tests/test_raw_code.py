"""Code in decision pages stays literal when mkdocs-macros renders them (``render_macros: true``)."""

from __future__ import annotations

import jinja2
import pytest
from teamhandbook.pages.raw_code import JinjaSyntax, protect_code

# name: (Markdown, what Jinja must output: the Markdown with only its prose rendered)
CASES: dict[str, tuple[str, str]] = {
    "fenced block": (
        "Text {{ 1 + 1 }}.\n\n```yaml\ntoken: ${{ secrets.TOKEN }}\n{% if x %}y{% endif %}\n```\n",
        "Text 2.\n\n```yaml\ntoken: ${{ secrets.TOKEN }}\n{% if x %}y{% endif %}\n```\n",
    ),
    "tilde fence with a blank line": ("~~~\n{{ a }}\n\n{{ b }}\n~~~\n", "~~~\n{{ a }}\n\n{{ b }}\n~~~\n"),
    "indented block": ("Text:\n\n    {{ .Values.tag }}\n    {# x #}\n\nAfter {{ 2 }}.\n", None),
    "indented block under a list item": (
        "1. Set it:\n\n        image: {{ .Values.image }}\n\n2. Done {{ 3 }}.\n",
        "1. Set it:\n\n        image: {{ .Values.image }}\n\n2. Done 3.\n",
    ),
    "list continuation is prose": ("- item\n\n    more {{ 4 }}\n", "- item\n\n    more 4\n"),
    "inline code": ("Use `{{ github.ref }}` or ``{% raw %}`` here {{ 5 }}.\n", None),
    "endraw inside code": ("```\n{% raw %}x{% endraw %} and {%- endraw -%}\n```\n", None),
    "no template syntax at all": ("```\nplain\n```\n", "```\nplain\n```\n"),
}


def render(markdown: str, jinja: JinjaSyntax | None = None, **options: str) -> str:
    """Render Markdown as mkdocs-macros would, keeping the final newline."""
    environment = jinja2.Environment(keep_trailing_newline=True, **options)
    return environment.from_string(protect_code(markdown, jinja)).render()


@pytest.mark.parametrize("name", sorted(CASES))
def test_code_survives_jinja(name: str) -> None:
    """After Jinja, code is exactly as written; prose macros still ran."""
    markdown, expected = CASES[name]
    if expected is None:
        expected = markdown.replace("{{ 2 }}", "2").replace("{{ 5 }}", "5")
    assert render(markdown) == expected


def test_custom_delimiters_are_honoured() -> None:
    """A site that changed mkdocs-macros' delimiters gets raw blocks in its own syntax."""
    jinja = JinjaSyntax("[%", "%]", "[[", "]]")
    markdown = "`[[ x ]]` and `[% endraw %]` but [[ 1 + 1 ]]\n"
    options = {"block_start_string": "[%", "block_end_string": "%]"}
    options |= {"variable_start_string": "[[", "variable_end_string": "]]"}
    assert render(markdown, jinja, **options) == "`[[ x ]]` and `[% endraw %]` but 2\n"


def test_lines_keep_their_numbers() -> None:
    """Protection adds no line, so line numbers in later messages still match the file."""
    markdown = CASES["indented block under a list item"][0]
    assert protect_code(markdown).count("\n") == markdown.count("\n")
