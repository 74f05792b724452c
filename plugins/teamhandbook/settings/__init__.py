"""The handbook's settings: the plugin's options declared once, the settings made from them, and the
one clock a build or a command works as of. Free of any site builder."""

from .clock import Clock, read_clock
from .errors import OptionError, SettingsError
from .options import OPTIONS, Option, check_option, read_options, unknown_options
from .values import BUILT_IN_KINDS, BUILT_IN_PROJECT_STATUSES, PageSettings, Settings, UpdateSettings

__all__ = [
    "BUILT_IN_KINDS",
    "BUILT_IN_PROJECT_STATUSES",
    "OPTIONS",
    "Clock",
    "Option",
    "OptionError",
    "PageSettings",
    "Settings",
    "SettingsError",
    "UpdateSettings",
    "check_option",
    "read_clock",
    "read_options",
    "unknown_options",
]
