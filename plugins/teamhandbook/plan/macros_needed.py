"""Agreement pages that quote the agreement through macros, in a site that does not render macros.

Without a macros renderer each page that uses a macro is an error naming its file and line, so a
strict build fails, rather than readers seeing ``{{ }}`` as typed.
"""

from __future__ import annotations

from ..model.agreement import Agreement
from ..model.problem import Problem, error
from ..pages.macro_guard import template_lines
from ..readers.frontmatter import split_front_matter


def missing_macros(agreement: Agreement | None, macros: bool) -> list[Problem]:
    """Report agreement pages that use macros in a site without the ``macros`` plugin."""
    if agreement is None or macros:
        return []
    problems = []
    for page in agreement.pages:
        if split_front_matter(page.text, page.source).data.get("render_macros") is False:
            continue
        lines = template_lines(page.text)
        if not lines:
            continue
        more = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
        problems.append(
            error(
                page.source,
                lines[0],
                f"this page uses macros{more}, but the `macros` plugin is not enabled, so readers "
                "would see them as typed; add `- macros` under `plugins:` in mkdocs.yml.",
                "macros-disabled",
            )
        )
    return problems
