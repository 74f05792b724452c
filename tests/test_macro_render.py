"""Pages rendered with the handbook's macros outside MkDocs, as ``handbook render`` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.macros.render import PageContext, macro_environment, render_page
from teamhandbook.pages.macro_guard import Markers
from teamhandbook.settings import Settings

from .conftest import decision, write_files

PAGES = [
    # (page text, expected text in the output, problem line or None)
    (
        "# Home\n\nRead {{ decision_link(1) }}.\n",
        "[ADR-0001: Use PostgreSQL](decisions/0001-use-postgres.md)",
        None,
    ),
    ("{{ decision_count(status='accepted') }} accepted\n", "1 accepted", None),
    ("```yaml\ntoken: ${{ secrets.TOKEN }}\n```\n", "${{ secrets.TOKEN }}", None),
    ("Inline `{{ github.ref }}` stays.\n", "`{{ github.ref }}`", None),
    ("---\nrender_macros: false\n---\n{{ not_run() }}\n", "{{ not_run() }}", None),
    ("# Title\n\nFine.\n\n{{ nobody_defined_this() }}\n", "{{ nobody_defined_this() }}", 5),
    ("---\ntitle: T\n---\n# T\n\n{{ decision_link(1) \n", "{{ decision_link(1) ", 6),
]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory):
    """A macro environment over a handbook with one accepted decision."""
    root = tmp_path_factory.mktemp("render")
    write_files(root, {"decisions/0001-use-postgres.md": decision({"status": "accepted"}, "Use PostgreSQL")})
    context = PageContext(load_handbook(Settings(root=Path(root))))
    context.current = "index.md"
    return macro_environment(context)


@pytest.mark.parametrize(("text", "expected", "problem_line"), PAGES)
def test_macros_are_evaluated_as_mkdocs_macros_would(environment, text, expected, problem_line) -> None:
    """Macros run in prose, code is left as written, and a failing page is kept and reported."""
    rendered, problems = render_page(text, "docs/index.md", environment)
    assert expected in rendered
    if problem_line is None:
        assert problems == []
    else:
        assert [(p.file, p.line) for p in problems] == [("docs/index.md", problem_line)]
        assert rendered == text


def test_a_sites_own_markers_are_read_and_kept_in_code() -> None:
    """With mkdocs-macros' markers changed, macros are read in the site's markers, code in those
    markers is kept as written, and Jinja's usual ``{{ }}`` and ``{% %}`` are text."""
    markers = Markers.from_jinja(
        {
            "variable_start_string": "[[",
            "variable_end_string": "]]",
            "block_start_string": "<%",
            "block_end_string": "%>",
        }
    )
    environment = macro_environment(None, "strict", markers)
    text = "<% if true %>[[ 1 + 1 ]]<% endif %> and {{ 2 }} {% x %}, `[[ kept() ]]`\n"
    rendered, problems = render_page(text, "docs/index.md", environment)
    assert (rendered, problems) == ("2 and {{ 2 }} {% x %}, `[[ kept() ]]`\n", [])
