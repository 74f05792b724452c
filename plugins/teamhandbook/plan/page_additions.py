"""What the plugin adds to pages while MkDocs builds them, written into the pages themselves.

A builder that runs no plugin (Zensical, MkDocs without it, any Markdown tool) gets each page with
the line of its owner, last review and last change under the title, and, in front matter, what the
theme reads: the title, tags and status of a decision, the decision index's hidden table of
contents, and the edit link to the file an author edits (``decisions/…``, ``working-agreement/…``,
``updates/…``, never a ``docs/…`` copy that does not exist). Text fields are escaped as the
plugin escapes them, since the themes print them unescaped.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from ..model.addresses import INDEX_PATH
from ..pages import markdown as md
from ..pages.page_info import insert_info
from ..pages.safe_meta import edit_path, escape_front_matter, page_title, safe_url
from ..readers.yaml_source import Yaml11Loader, YamlSyntaxError, parse_yaml
from .site_plan import PlannedFile, Role, SitePlan

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""Front matter as MkDocs finds it (``mkdocs.utils.meta``); Zensical reads the same block."""

EDIT_URL = "edit_url"
"""The front-matter key holding a page's edit link; the written theme overrides read it."""

_DEFAULT_EDIT_URIS = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/"}
_DEFAULT_EDIT_URIS["bitbucket.org"] = "src/default/docs/"
"""The edit links MkDocs assumes for a known host when ``edit_uri`` is not set."""


@dataclass(frozen=True)
class EditLinks:
    """How a site links each page to the file an author edits, computed as MkDocs computes it."""

    repo_url: str = ""
    edit_uri: str | None = None
    """``edit_uri`` as configured; None when not set (MkDocs then assumes one for known hosts)."""

    template: str = ""
    """``edit_uri_template``, which takes precedence when set."""

    docs: Path = Path("docs")
    """The docs folder, absolute: edit links are relative to it, even for files outside it."""

    def url(self, source: Path) -> str | None:
        """Return the edit link of a file (absolute path), escaped for ``href``; None without one."""
        edit_uri = self.edit_uri
        if edit_uri is None and self.repo_url:
            edit_uri = _DEFAULT_EDIT_URIS.get(urlsplit(self.repo_url).hostname or "")
        if edit_uri and not edit_uri.endswith("/"):
            edit_uri += "/"
        if not edit_uri and not self.template:
            return None
        path = edit_path(Path(os.path.relpath(source, self.docs)).as_posix())
        if self.template:
            relative = self.template.format(path=path, path_noext=posixpath.splitext(path)[0])
        else:
            relative = f"{edit_uri}{path}"
        base = self.repo_url
        if base and not relative.startswith(("?", "#")) and not base.endswith("/"):
            base += "/"
        return safe_url(urljoin(base, relative))


def edit_links(data: dict[str, Any], docs: Path) -> EditLinks:
    """Return the edit links of a site from its configuration (``repo_url``, ``edit_uri`` …)."""
    edit_uri = data.get("edit_uri")
    return EditLinks(
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=None if edit_uri is None else str(edit_uri),
        template=str(data.get("edit_uri_template") or ""),
        docs=docs,
    )


def finish_page(text: str, file: PlannedFile, plan: SitePlan, links: EditLinks) -> str:
    """Return a page as a builder without the plugin needs it: the information line under its
    title, and its metadata and edit link in front matter."""
    meta, body, parsed = split_meta(text)
    site = plan.site
    page = site.page_by_uri(file.src_uri)
    if page is not None and file.role is not Role.UPDATE:
        body = insert_info(body, site.info_line(page))
    additions: dict[str, Any] = {}
    decision = file.decision
    if decision is not None:
        additions["title"] = page_title(md.full_title(decision))
        if decision.tags:
            additions["tags"] = [html.escape(tag, quote=False) for tag in decision.tags]
        if decision.status is not None:
            additions["status"] = decision.status.value
    elif parsed:
        escape_front_matter(meta)
    if file.src_uri == INDEX_PATH and file.role is Role.GENERATED:
        additions["hide"] = meta.get("hide", ["toc"])
    if file.path is not None and file.source:
        url = links.url(file.path)
        if url:
            additions[EDIT_URL] = url
    if not additions and not (parsed and meta):
        return text
    merged = {**meta, **additions} if parsed else additions
    head = yaml.safe_dump(merged, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{head}---\n\n{body}"


def split_meta(text: str) -> tuple[dict[str, Any], str, bool]:
    """Return a page's front matter as the builder reads it (YAML 1.1), its body, and whether it
    had front matter the builder reads; front matter it cannot read stays in the body, as there."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text, False
    try:
        data = parse_yaml(match.group(1), loader=Yaml11Loader, keep_last=True).data
    except YamlSyntaxError:
        return {}, text, False
    if not isinstance(data, dict):
        return {}, text, False
    return data, text[match.end() :].lstrip("\n"), True
