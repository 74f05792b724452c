"""The site builder's internals the adapter relies on, one test each (see ``plugin/host.py``).

When a MkDocs or ProperDocs release changes one of them, the test named after it fails, and the
adapter's one room of such code says what to adapt.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from teamhandbook.plugin import host


def _config(tmp_path: Path) -> MkDocsConfig:
    """Return a validated configuration of a site in ``tmp_path``."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs")})
    errors, _warnings = config.validate()
    assert errors == []
    return config


def _file(tmp_path: Path, config: MkDocsConfig, text: str) -> File:
    """Return the file of a page ``page.md`` of the docs folder holding ``text``."""
    (tmp_path / "docs" / "page.md").write_text(text, encoding="utf-8")
    return File("page.md", config.docs_dir, config.site_dir, config.use_directory_urls)


def test_file_content_holds_what_a_plugin_sets(tmp_path: Path) -> None:
    """``File._content``: a page built from the core's text gives MkDocs that text, and a later
    plugin's text once one sets it."""
    config = _config(tmp_path)
    page = host.ReadPage(_file(tmp_path, config, "# On disk\n"), "# Read by the core\n")
    assert page.content_string == "# Read by the core\n"
    page.content_string = "# Set by a plugin\n"
    assert page.content_string == "# Set by a plugin\n"
    assert page.content_bytes == b"# Set by a plugin\n"


def test_page_render_can_be_overridden(tmp_path: Path) -> None:
    """``Page.render``: a page subclass's ``render(config, files)`` is what MkDocs calls to convert."""
    config = _config(tmp_path)
    file = _file(tmp_path, config, "# Title\n\nText.\n")
    calls: list[str] = []

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        calls.append(page.file.src_uri)
        host.convert(page, config, files)

    page = host.CachedPage(file, config, render)
    page.read_source(config)
    page.render(config, Files([file]))
    assert calls == ["page.md"]
    assert "<p>Text.</p>" in (page.content or "")


def test_the_title_taken_from_a_rendered_page_can_be_saved_and_restored(tmp_path: Path) -> None:
    """``Page._title_from_render``: the first heading's text, which a reused conversion restores."""
    config = _config(tmp_path)
    file = _file(tmp_path, config, "# The <em>real</em> title\n\nText.\n")
    page = Page(None, file, config)
    page.read_source(config)
    host.convert(page, config, Files([file]))
    assert host.rendered_title(page) == "The real title"
    other = Page(None, file, config)
    other.read_source(config)
    host.set_rendered_title(other, "A title from an earlier conversion")
    assert other.title == "A title from an earlier conversion"


def _including(renders: list[str]) -> jinja2.Environment:
    """Return an environment whose ``page.html`` includes ``nav.html``, which notes each rendering."""
    templates = {"page.html": "[{% include 'nav.html' %}]", "nav.html": "{{ note(page) }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.globals["note"] = lambda page: renders.append(page) or f"nav for {page}"
    return env


def test_an_included_template_can_be_rendered_once_per_key() -> None:
    """``Template.root_render_func``: what Jinja calls to render an ``{% include %}``; wrapped, the
    included template renders once for all the pages with one key, and for itself without a key."""
    renders: list[str] = []
    env = _including(renders)
    assert host.share_rendering(env, "nav.html", lambda context: context["page"][0])
    pages = [env.get_template("page.html").render(page=name) for name in ("a1", "a2", "b1")]
    assert pages == ["[nav for a1]", "[nav for a1]", "[nav for b1]"]
    assert renders == ["a1", "b1"]
    renders.clear()
    env = _including(renders)
    assert host.share_rendering(env, "nav.html", lambda context: None)
    pages = [env.get_template("page.html").render(page=name) for name in ("a1", "a2")]
    assert pages == ["[nav for a1]", "[nav for a2]"]
    assert renders == ["a1", "a2"]
    assert not host.share_rendering(env, "missing.html", lambda context: None)
