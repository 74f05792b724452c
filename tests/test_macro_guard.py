"""Code stays literal in pages that mkdocs-macros renders: agreement pages, and decisions when
``render_macros: true``; macros in the prose still run."""

from __future__ import annotations

import jinja2
import pytest
from teamhandbook.pages.macro_guard import Markers, protect_code, template_lines

# name: (Markdown, what Jinja must output: the Markdown with only its prose rendered)
CASES: dict[str, tuple[str, str]] = {
    "fenced block": (
        "Text {{ 1 + 1 }}.\n\n```yaml\ntoken: ${{ secrets.TOKEN }}\n{% if x %}y{% endif %}\n```\n",
        "Text 2.\n\n```yaml\ntoken: ${{ secrets.TOKEN }}\n{% if x %}y{% endif %}\n```\n",
    ),
    "tilde fence with a blank line": ("~~~\n{{ a }}\n\n{{ b }}\n~~~\n", "~~~\n{{ a }}\n\n{{ b }}\n~~~\n"),
    "indented block": (
        "Text:\n\n    {{ .Values.tag }}\n    {# x #}\n\nAfter {{ 2 }}.\n",
        "Text:\n\n    {{ .Values.tag }}\n    {# x #}\n\nAfter 2.\n",
    ),
    "indented block under a list item": (
        "1. Set it:\n\n        image: {{ .Values.image }}\n\n2. Done {{ 3 }}.\n",
        "1. Set it:\n\n        image: {{ .Values.image }}\n\n2. Done 3.\n",
    ),
    "list continuation is prose": ("- item\n\n    more {{ 4 }}\n", "- item\n\n    more 4\n"),
    "inline code": (
        "Use `{{ github.ref }}` or ``{% raw %}`` here {{ 5 }}.\n",
        "Use `{{ github.ref }}` or ``{% raw %}`` here 5.\n",
    ),
    "raw and endraw inside code": (
        "```\n{% raw %}x{% endraw %} and {%- endraw -%}\n```\n",
        "```\n{% raw %}x{% endraw %} and {%- endraw -%}\n```\n",
    ),
    "no template syntax at all": ("```\nplain\n```\n", "```\nplain\n```\n"),
}


def render(markdown: str, markers: Markers | None = None, **options: str) -> str:
    """Render Markdown as mkdocs-macros would, keeping the final newline."""
    environment = jinja2.Environment(keep_trailing_newline=True, **options)
    return environment.from_string(protect_code(markdown, markers)).render()


@pytest.mark.parametrize("name", sorted(CASES))
def test_code_survives_jinja(name: str) -> None:
    """After Jinja, code is exactly as written; macros in the prose ran."""
    markdown, expected = CASES[name]
    assert render(markdown) == expected


def test_custom_markers_are_honoured() -> None:
    """A site that changed mkdocs-macros' markers gets its code protected in its own syntax."""
    markers = Markers("[[", "]]", "[%", "{#")
    options = {"block_start_string": "[%", "block_end_string": "%]"}
    options |= {"variable_start_string": "[[", "variable_end_string": "]]"}
    assert render("`[[ x ]]` and `[% if %]` but [[ 1 + 1 ]]\n", markers, **options) == (
        "`[[ x ]]` and `[% if %]` but 2\n"
    )


def test_lines_keep_their_numbers() -> None:
    """Protection adds no line, so line numbers in later messages still match the file."""
    markdown = CASES["indented block under a list item"][0]
    assert protect_code(markdown).count("\n") == markdown.count("\n")


def test_markers_in_indented_code_are_not_macro_use() -> None:
    """Only prose counts as using macros: the Helm value indented under a list does not."""
    assert template_lines(CASES["indented block under a list item"][0]) == [5]
