"""One settings schema: every plugin option is accepted and refused alike by the build and the CLI.

Each option has values it accepts (with what they become) and values it refuses (with the sentence
that says so). Each is checked in the core, in the MkDocs ``Config`` class made from the same
table, and for real: a refused value stops ``mkdocs build --strict`` and ``handbook check`` with
the same line, ``Plugin 'team-handbook' option 'x': <sentence>``; accepted values build strictly
and check clean.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from teamhandbook.plugin.config import TeamHandbookConfig
from teamhandbook.readers.handbook_settings import handbook_settings
from teamhandbook.settings import OPTIONS, OptionError, Settings, check_option, read_options
from teamhandbook.settings.options import options_table

from .cli import run_cli
from .conftest import MINIMAL_CONFIG, REPOSITORY, build, decision, make_handbook

ACCEPTED: dict[str, list[tuple[Any, Any]]] = {
    "enabled": [(True, True), (False, False)],
    "decisions_dir": [("adr", "adr"), ("decisions", "decisions")],
    "status_aliases": [({"aceito": "accepted"}, {"aceito": "accepted"}), ({}, {})],
    "statuses": [
        ({"spike": "open"}, {"spike": {"state": "open"}}),
        (
            {"shipped": {"label": "Shipped", "color": "teal", "state": "in force", "words": "livré"}},
            {"shipped": {"label": "Shipped", "colour": "teal", "state": "in-force", "words": ["livré"]}},
        ),
    ],
    "status_folders": [
        ({"old-stuff": "deprecated"}, {"old-stuff": "deprecated"}),
        ({2019: "superseded"}, {"2019": "superseded"}),
    ],
    "numeric_dates": [("day-first", "day-first"), ("month-first", "month-first")],
    "agreement_dir": [("team", "team"), ("working-agreement", "working-agreement")],
    "ignore": [(["drafts/*"], ("drafts/*",)), ("drafts/*", ("drafts/*",))],
    "nav_decisions": [(-1, -1), (0, 0)],
    "render_macros": [(True, True), (False, False)],
    "mermaid": [("cdn", "cdn"), ("local", "local")],
    "audiences": [
        ({"engineering": "Engineering"}, {"engineering": "Engineering"}),
        (["design", "product-people"], {"design": "Design", "product-people": "Product people"}),
    ],
    "reading_speed": [(50, 50), (10_000, 10_000)],
    "review_due_soon": [(0, 0), (36_500, 36_500)],
    "whats_new_days": [(1, 1), (36_500, 36_500)],
    "feed_entries": [(1, 1), (10_000, 10_000)],
    "changes_exclude": [("guide/*", ("guide/*",)), (["/guide/", " x "], ("guide/", "x"))],
    "git_history": [(False, False), (True, True)],
    "updates_dir": [("journal", "journal"), ("updates", "updates")],
    "update_kinds": [
        (["Retro"], {"retro": "Retro"}),
        ({"Retro Spective": "Retro"}, {"retro-spective": "Retro"}),
    ],
    "project_statuses": [
        (["Paused"], {"paused": "Paused"}),
        ({"on-hold": "On hold"}, {"on-hold": "On hold"}),
    ],
    "feed_updates": [(True, True), (False, False)],
}
"""For each option: values it accepts, as written in mkdocs.yml, and what each becomes."""

REFUSED: dict[str, list[tuple[Any, str]]] = {
    "enabled": [("yes", "must be true or false, not 'yes'"), (1, "must be true or false, not 1")],
    "decisions_dir": [
        (2024, "must be the path of a folder, relative to mkdocs.yml, not 2024"),
        (["adr"], 'must be the path of a folder, relative to mkdocs.yml, not ["adr"]'),
    ],
    "status_aliases": [
        (["aceito"], 'must map words to statuses, e.g. `aceito: accepted`, not ["aceito"]'),
        ({"aceito": True}, "'aceito' must map to a status, not true"),
    ],
    "statuses": [
        ("open", "must map each status word to a state (open, in-force, superseded, retired)"),
        ({"spike": {"colour": "gold", "state": "open"}}, "'spike' has the colour 'gold'; use one of green"),
        ({"spike": {"state": "soon"}}, "'spike' has the state 'soon'; use one of open, in-force"),
        ({"spike": {"owner": "x"}}, "'spike' has unknown keys owner; use label, colour, state, words"),
        ({"_": "open"}, "has an empty status name ('_'); name each status with a word"),
    ],
    "status_folders": [
        ("old-stuff", "must map words to statuses, e.g. `old-stuff: deprecated`, not 'old-stuff'"),
        ({"old": ["deprecated"]}, "'old' must map to a status, not [\"deprecated\"]"),
    ],
    "numeric_dates": [
        ("dd/mm", "must be day-first or month-first, not 'dd/mm'"),
        ("", "must be day-first or month-first, not ''"),
    ],
    "agreement_dir": [(True, "must be the path of a folder, relative to mkdocs.yml, not true")],
    "ignore": [
        ([1], "must be a list of glob patterns, e.g. `[drafts/*]`, not [1]"),
        ({"a": "b"}, 'must be a list of glob patterns, e.g. `[drafts/*]`, not {"a": "b"}'),
    ],
    "nav_decisions": [
        (-2, "must be a whole number of decisions, -1 or more (-1 lists them all, 0 none), not -2"),
        ("all", "must be a whole number of decisions, -1 or more (-1 lists them all, 0 none), not 'all'"),
        (True, "must be a whole number of decisions, -1 or more (-1 lists them all, 0 none), not true"),
    ],
    "render_macros": [("no", "must be true or false, not 'no'")],
    "mermaid": [("CDN", "must be local or cdn, not 'CDN'"), ("remote", "must be local or cdn, not 'remote'")],
    "audiences": [
        ("engineering", "must map each audience to its name, e.g. `engineering: Engineering`, not"),
        ({"Engineering": "x"}, "the audience 'Engineering' cannot be part of an address"),
        ({"all": "Everyone"}, "the audience 'all' cannot be part of an address"),
    ],
    "reading_speed": [
        (49, "must be a whole number of words per minute, from 50 to 10,000, not 49"),
        (10_001, "must be a whole number of words per minute, from 50 to 10,000, not 10001"),
        ("fast", "must be a whole number of words per minute, from 50 to 10,000, not 'fast'"),
    ],
    "review_due_soon": [
        (-1, "must be a whole number of days, from 0 to 36,500, not -1"),
        (36_501, "must be a whole number of days, from 0 to 36,500, not 36501"),
    ],
    "whats_new_days": [
        (0, "must be a whole number of days, from 1 to 36,500, not 0"),
        (2.5, "must be a whole number of days, from 1 to 36,500, not 2.5"),
    ],
    "feed_entries": [
        (0, "must be a whole number of entries, from 1 to 10,000, not 0"),
        (10_001, "must be a whole number of entries, from 1 to 10,000, not 10001"),
    ],
    "changes_exclude": [
        ([1], "must be a list of page paths or patterns, e.g. `[guide/*]`, not [1]"),
        ({"guide": True}, "must be a list of page paths or patterns"),
        ([""], "must be a list of page paths or patterns"),
    ],
    "git_history": [("false", "must be true or false, not 'false'")],
    "updates_dir": [(3, "must be the path of a folder, relative to mkdocs.yml, not 3")],
    "update_kinds": [
        ("retro", "must list names, or map keys to labels: `retro: Retrospective`, not 'retro'"),
        ({"retro/x": "Retro"}, "'retro/x' cannot be part of an address; use letters, digits, spaces"),
    ],
    "project_statuses": [
        (5, "must list names, or map keys to labels: `paused: Paused`, not 5"),
        (["a/b"], "'a/b' cannot be part of an address"),
    ],
    "feed_updates": [("yes", "must be true or false, not 'yes'")],
}
"""For each option: values it refuses, and (the start of) the sentence that says why."""

RELATIONS: list[tuple[dict[str, Any], str, str]] = [
    (
        {"decisions_dir": "missing"},
        "decisions_dir",
        "the decisions folder 'missing' does not exist (looked in",
    ),
    ({"agreement_dir": "missing"}, "agreement_dir", "the agreement folder 'missing' does not exist"),
    ({"updates_dir": "missing"}, "updates_dir", "the updates folder 'missing' does not exist"),
    (
        {"status_aliases": {"ok": "fine"}},
        "status_aliases",
        "the status alias 'ok: fine' maps to an unknown status",
    ),
    (
        {"status_folders": {"old": "gone"}},
        "status_folders",
        "'old: gone' names an unknown status; use one of",
    ),
    ({"statuses": {"spike": {"label": "Spike"}}}, "statuses", "say what 'spike' means with `state:`"),
]
"""Options that can only be refused together with other options or the files: (options, option, sentence)."""

FILES = {
    "adr/0001-record-decisions.md": decision(
        {"status": "accepted", "date": "2024-01-10"}, "Record decisions"
    ),
    "decisions/0001-use-git.md": decision({"status": "accepted", "date": "2024-01-11"}, "Use git"),
    "team/README.md": "# Our agreement\n",
    "journal/.keep": "",
}
"""A handbook with every folder an accepted value names."""

REFUSALS = [(name, value, sentence) for name, rows in REFUSED.items() for value, sentence in rows]
ACCEPTANCES = [(name, value, normal) for name, rows in ACCEPTED.items() for value, normal in rows]


def config_with(options: dict[str, Any]) -> dict[str, Any]:
    """Return the minimal mkdocs.yml with these plugin options."""
    return {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": options}]}


def mkdocs_validate(options: dict[str, Any]) -> tuple[TeamHandbookConfig, list, list]:
    """Validate plugin options with the MkDocs ``Config`` class made from the table, as MkDocs does."""
    config = TeamHandbookConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    return config, failed, warnings


def test_every_option_has_values_accepted_and_refused() -> None:
    """The tables below cover every option of the schema, so a new option needs its own rows."""
    names = [option.name for option in OPTIONS]
    assert list(ACCEPTED) == names
    assert set(REFUSED) == set(names)


@pytest.mark.parametrize(
    ("name", "value", "normal"), ACCEPTANCES, ids=[f"{n}={v!r}" for n, v, _ in ACCEPTANCES]
)
def test_an_accepted_value_reads_the_same_in_the_core_and_in_mkdocs(
    name: str, value: Any, normal: Any
) -> None:
    """The core and MkDocs' Config accept the value and make the same of it; read twice, it stays."""
    assert check_option(name, value) == normal
    assert check_option(name, check_option(name, value)) == normal
    config, failed, warnings = mkdocs_validate({name: value})
    assert (failed, warnings, config[name]) == ([], [], normal)


@pytest.mark.parametrize(("name", "value", "sentence"), REFUSALS, ids=[f"{n}={v!r}" for n, v, _ in REFUSALS])
def test_a_refused_value_has_the_same_sentence_in_the_core_and_in_mkdocs(
    name: str, value: Any, sentence: str
) -> None:
    """The core refuses the value with a sentence; MkDocs' Config refuses it with the very same one."""
    with pytest.raises(OptionError) as refused:
        check_option(name, value)
    assert refused.value.sentence.startswith(sentence)
    assert str(refused.value) == f"Plugin 'team-handbook' option '{name}': {refused.value.sentence}"
    _, failed, _ = mkdocs_validate({name: value})
    assert [(key, str(error)) for key, error in failed] == [(name, refused.value.sentence)]


@pytest.mark.parametrize(("name", "value", "sentence"), REFUSALS, ids=[f"{n}={v!r}" for n, v, _ in REFUSALS])
def test_a_refused_value_stops_the_build_and_the_check_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, value: Any, sentence: str
) -> None:
    """``mkdocs build --strict`` and ``handbook check`` both stop, on the same line naming the option."""
    root = make_handbook(tmp_path / "h", FILES, config_with({name: value}))
    line = f"Plugin 'team-handbook' option '{name}': {sentence}"
    site = build(root, strict=True)
    assert site.returncode == 1 and f"ERROR   -  Config value 'plugins': {line}" in site.log, site.log
    check = run_cli(capsys, root, "check")
    assert check.code == 2 and check.err.startswith(f"handbook: {line}"), check.err
    built = re.search(r"ERROR   -  Config value 'plugins': (.*)", site.log)
    assert built is not None and check.err.strip() == f"handbook: {built.group(1)}"


@pytest.mark.parametrize(("options", "name", "sentence"), RELATIONS, ids=[r[1] for r in RELATIONS])
def test_options_that_cannot_work_together_stop_both_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: dict, name: str, sentence: str
) -> None:
    """A folder named that is not there, or a status word that leads nowhere: both stop, same line."""
    root = make_handbook(tmp_path / "h", FILES, config_with(options))
    line = f"Plugin 'team-handbook' option '{name}': {sentence}"
    site = build(root, strict=True)
    assert site.returncode == 1 and f"ERROR   -  {line}" in site.log, site.log
    check = run_cli(capsys, root, "check")
    assert check.code == 2 and check.err.startswith(f"handbook: {line}"), check.err
    built = re.search(r"ERROR   -  (Plugin .*)", site.log)
    assert built is not None and check.err.strip() == f"handbook: {built.group(1)}"


@pytest.mark.parametrize("profile", [0, 1], ids=["first values", "second values"])
def test_accepted_values_build_strictly_and_check_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], profile: int
) -> None:
    """Every option set to a value it accepts, all at once: the strict build and the check both pass."""
    options = {name: rows[profile][0] for name, rows in ACCEPTED.items()}
    options["enabled"] = True  # a plugin switched off would build nothing to check
    root = make_handbook(tmp_path / "h", FILES, config_with(options))
    site = build(root, strict=True)
    assert site.returncode == 0, site.log
    check = run_cli(capsys, root, "check")
    assert check.code == 0, check.out + check.err


def test_a_plugin_switched_off_still_has_its_options_checked(tmp_path: Path, capsys) -> None:
    """``enabled: false`` builds without the plugin, yet a value its options refuse stops both alike."""
    root = make_handbook(tmp_path / "h", FILES, config_with({"enabled": False, "feed_entries": 0}))
    site = build(root, strict=True)
    line = "Plugin 'team-handbook' option 'feed_entries': must be a whole number of entries"
    assert site.returncode == 1 and line in site.log
    assert run_cli(capsys, root, "check").err.startswith(f"handbook: {line}")
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text("utf-8").replace("feed_entries: 0", "feed_entries: 5"), "utf-8"
    )
    assert build(root, strict=True).returncode == 0


@pytest.mark.parametrize(
    ("options", "key", "line"),
    [
        (
            {"whats_new_day": 3},
            "whats_new_day",
            "Plugin 'team-handbook' option 'whats_new_day': Unrecognised configuration name: whats_new_day; "
            "did you mean 'whats_new_days'?",
        ),
        (
            {"colour_scheme": "dark"},
            "colour_scheme",
            "Plugin 'team-handbook' option 'colour_scheme': Unrecognised configuration name: colour_scheme; "
            "the guide's Configuration page lists the options",
        ),
    ],
)
def test_an_unknown_option_fails_the_strict_build_and_the_check_alike(
    tmp_path: Path, capsys, options: dict, key: str, line: str
) -> None:
    """MkDocs warns of a name that is no option (``--strict`` stops on it); ``check`` fails on it too,
    with the same sentence, on the line of the name; a build without ``--strict`` goes on."""
    root = make_handbook(tmp_path / "h", FILES, config_with(options))
    site = build(root, strict=True)
    assert site.returncode == 1 and f"WARNING -  Config value 'plugins': {line}" in site.log, site.log
    assert build(root).returncode == 0
    check = run_cli(capsys, root, "check")
    written = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    number = next(i for i, text in enumerate(written, 1) if text.strip().startswith(f"{key}:"))
    assert check.code == 1 and f"mkdocs.yml:{number}: error: {line} [unknown-option]" in check.out


def test_the_plugin_listed_twice_fails_the_strict_build_and_the_check_alike(tmp_path: Path, capsys) -> None:
    """Two ``team-handbook`` entries would each build the handbook: MkDocs warns, ``check`` fails."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", {"team-handbook": {}}]}
    root = make_handbook(tmp_path / "h", FILES, config)
    site = build(root, strict=True)
    sentence = "Plugin 'team-handbook' was specified multiple times"
    assert site.returncode == 1 and sentence in site.log
    check = run_cli(capsys, root, "check")
    assert check.code == 1 and sentence in check.out and "[plugin-twice]" in check.out


def test_options_that_are_not_a_mapping_are_refused_alike(tmp_path: Path, capsys) -> None:
    """``team-handbook: [a]`` is no set of options: both stop with MkDocs' sentence, no traceback."""
    root = make_handbook(tmp_path / "h", FILES, {**MINIMAL_CONFIG, "plugins": [{"team-handbook": ["a"]}]})
    sentence = "Invalid config options for the 'team-handbook' plugin."
    site = build(root, strict=True)
    assert site.returncode == 1 and sentence in site.log
    check = run_cli(capsys, root, "check")
    assert (check.code, check.err.strip()) == (2, f"handbook: {sentence}")


def test_the_guide_lists_every_option_with_its_default_as_the_schema_declares() -> None:
    """The options table of the guide is the schema's own; regenerate it from ``options_table()``."""
    guide = (REPOSITORY / "docs" / "guide" / "configuration.md").read_text("utf-8")
    start = guide.index("| Option | Default | What it does |")
    end = guide.index("\n\n", start)
    assert guide[start : end + 1] == options_table()


def test_settings_without_options_are_the_schemas_defaults(tmp_path: Path) -> None:
    """The defaults of ``Settings`` are the options' defaults: nothing written, nothing changed."""
    assert handbook_settings(tmp_path, "docs", read_options({})) == Settings(root=tmp_path)


@pytest.mark.parametrize("name", [o.name for o in OPTIONS if o.name != "enabled"])
def test_every_option_reaches_the_settings(tmp_path: Path, name: str) -> None:
    """Each option's first accepted value changes the settings the plugin and the CLI work from
    (``enabled`` is the adapter's switch: a plugin switched off makes no settings)."""
    for folder in ("adr", "team", "journal"):
        (tmp_path / folder).mkdir()
    value = ACCEPTED[name][0][0]
    assert check_option(name, value) != check_option(name, None)
    changed = handbook_settings(tmp_path, "docs", read_options({name: value}))
    assert changed != handbook_settings(tmp_path, "docs", read_options({}))


@pytest.mark.parametrize("option", OPTIONS, ids=[o.name for o in OPTIONS])
def test_an_option_written_without_a_value_takes_its_default(option) -> None:
    """``decisions_dir:`` with nothing after it is the default, in the core as in MkDocs."""
    config, failed, _ = mkdocs_validate({option.name: None})
    assert failed == [] and config[option.name] == check_option(option.name, None) == option.normal_default
