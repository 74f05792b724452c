"""Settings that cannot work, and the sentence that says why."""

from __future__ import annotations

PLUGIN_NAME = "team-handbook"
"""The plugin's name in ``mkdocs.yml``, as every message about its options names it."""


class SettingsError(ValueError):
    """Settings that cannot work, such as a status alias that maps to no status."""


class OptionError(SettingsError):
    """An option of the plugin that cannot work, told as MkDocs tells its own option errors:
    ``Plugin 'team-handbook' option 'x': <sentence>``, so the build and the command line agree."""

    def __init__(self, option: str, sentence: str) -> None:
        super().__init__(option_message(option, sentence))
        self.option = option
        self.sentence = sentence


def option_message(option: str, sentence: str) -> str:
    """Return the line that reports an option, worded as MkDocs words it."""
    return f"Plugin '{PLUGIN_NAME}' option '{option}': {sentence}"
