"""The options of the ``team-handbook`` MkDocs plugin, made from the core's one table of options.

Each option of ``settings/options.py`` becomes a MkDocs config option that runs the core's own
validator, so MkDocs reports ``Plugin 'team-handbook' option 'x': <sentence>`` with the sentence
``handbook check`` prints for the same value. What each option does is documented in the table.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from ..settings import OPTIONS, Option, OptionError
from ..settings.options import OPTION_BY_NAME, unknown_option


class CoreOption(BaseConfigOption[Any]):
    """One option of the core's table, validated by the core's validator."""

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option
        self.default = option.default

    def validate(self, value: object, /) -> Any:
        """Return the value normalised (nothing written: the default), or raise MkDocs' error."""
        try:
            return self.option.value(value)
        except OptionError as exc:
            raise ValidationError(exc.sentence) from None


class _OptionTable(Config):
    """A configuration whose options come from the core's table."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Validate as MkDocs does; say of a name that is no option what ``handbook check`` says."""
        failed, warnings = super().validate()
        known = OPTION_BY_NAME
        return failed, [
            (key, message if key in known else unknown_option(str(key))) for key, message in warnings
        ]


TeamHandbookConfig = type(
    "TeamHandbookConfig",
    (_OptionTable,),
    {
        "__module__": __name__,
        "__doc__": "Options of the ``team-handbook`` plugin, as written under it in ``mkdocs.yml``.",
        **{option.name: CoreOption(option) for option in OPTIONS},
    },
)
"""The plugin's ``Config`` class: one ``CoreOption`` per option of the table, in its order."""
