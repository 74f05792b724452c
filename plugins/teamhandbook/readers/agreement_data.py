"""The agreement's data, ``working-agreement/agreement.yml``: response times, channels, the core
window, focus blocks and when to meet rather than write."""

from __future__ import annotations

from typing import Any

from ..model.agreement import (
    DAY_MINUTES,
    Agreement,
    Channel,
    CoreWindow,
    Duration,
    Escalation,
    FocusBlock,
    LocalHours,
    Mode,
    PublicByDefault,
    Situation,
    SyncRules,
    Team,
    Tier,
)
from .clock import read_days, read_duration, read_span
from .team import unknown_handle
from .yaml_data import DataFile
from .yaml_source import YamlPath

SECTIONS = (
    "response-times",
    "channels",
    "escalation",
    "public-by-default",
    "core-hours",
    "focus",
    "sync-or-async",
)
TIER_KEYS = ("tier", "within", "for", "example", "channels")
CHANNEL_KEYS = ("name", "label", "for", "not-for", "expect", "public")
ESCALATION_KEYS = ("label", "for", "how", "contacts")
PUBLIC_KEYS = ("rule", "exceptions")
CORE_KEYS = ("utc", "days", "for", "note")
FOCUS_KEYS = ("name", "hours", "rule")
SYNC_KEYS = ("default", "situations", "escalate-to-call")
SITUATION_KEYS = ("situation", "prefer", "sync", "async")
CALL_KEYS = ("after", "rule")
FOCUS_WORDS = {"morning": LocalHours(0, 12 * 60), "afternoon": LocalHours(12 * 60, DAY_MINUTES)}
CODE = "invalid-agreement"


def read_agreement_data(file: DataFile, agreement: Agreement) -> None:
    """Fill ``agreement`` from a parsed ``agreement.yml``; problems collect in ``file``."""
    if file.data is None:
        return
    top = file.mapping(file.data, (), "the agreement")
    if top is None:
        return
    file.known_keys(top, SECTIONS, (), "the agreement")
    agreement.channels = _channels(file, top)
    agreement.tiers = _tiers(file, top, agreement)
    agreement.escalation = _escalation(file, top, agreement.team)
    agreement.public = _public(file, top)
    agreement.core_window = _core_window(file, top)
    agreement.focus = _focus(file, top)
    agreement.sync = _sync(file, top)


def _items(file: DataFile, top: dict[str, Any], key: str, keys: tuple[str, ...], what: str):
    """Yield ``(path, fields)`` for each well-formed item of a list section."""
    path = file.key_path((), key)
    for index, entry in enumerate(file.sequence(top.get(key), path, f"`{key}`")):
        fields = file.mapping(entry, (*path, index), what)
        if fields is not None:
            file.known_keys(fields, keys, (*path, index), what)
            yield (*path, index), fields


def _section(file: DataFile, top: dict[str, Any], key: str, keys: tuple[str, ...]):
    """Return ``(path, fields)`` of a mapping section, or None when it is absent or broken."""
    if top.get(key) is None:
        return None
    path = file.key_path((), key)
    fields = file.mapping(top[key], path, f"`{key}`")
    if fields is None:
        return None
    file.known_keys(fields, keys, path, f"`{key}`")
    return path, fields


def _duration(file: DataFile, fields: dict[str, Any], key: str, path: YamlPath, what: str) -> Duration | None:
    """Read a response time, reporting one that has no number or no unit."""
    reading = read_duration(fields.get(key))
    if isinstance(reading, str):
        file.error(file.key_path(path, key) if key in fields else path, f"{what}: {reading}.")
        return None
    return reading


def _tiers(file: DataFile, top: dict[str, Any], agreement: Agreement) -> list[Tier]:
    """Read the urgency tiers and their response times, per channel where a team wants that."""
    tiers: list[Tier] = []
    for path, fields in _items(file, top, "response-times", TIER_KEYS, "a response-time tier"):
        name = file.text(fields, "tier", path, "a response-time tier", required=True)
        if not name:
            continue
        what = f"the response time of tier '{name}'"
        within = _duration(file, fields, "within", path, what)
        if any(tier.name.lower() == name.lower() for tier in tiers):
            file.error(file.key_path(path, "tier"), f"the tier '{name}' is listed twice; keep one.")
            continue
        channels, channel_lines = _tier_channels(file, fields, path, name, agreement)
        if within is None:
            continue
        tiers.append(
            Tier(
                name=name,
                within=within,
                meaning=file.text(fields, "for", path, what),
                example=file.text(fields, "example", path, what),
                channels=channels,
                line=file.line(path),
                channel_lines=channel_lines,
            )
        )
    return tiers


def _tier_channels(
    file: DataFile, fields: dict[str, Any], path: YamlPath, tier: str, agreement: Agreement
) -> tuple[dict[str, Duration], dict[str, int]]:
    """Read a tier's response times on particular channels: ``channels: {email: 2 business days}``."""
    if fields.get("channels") is None:
        return {}, {}
    channels_path = file.key_path(path, "channels")
    entries = file.mapping(fields["channels"], channels_path, f"the channels of tier '{tier}'")
    result: dict[str, Duration] = {}
    lines: dict[str, int] = {}
    for channel, value in (entries or {}).items():
        where = file.key_path(channels_path, channel)
        if agreement.channel(channel) is None:
            known = ", ".join(c.name for c in agreement.channels) or "none are listed under `channels`"
            file.error(
                where,
                f"tier '{tier}' names the channel '{channel}', which is not listed (channels: {known}).",
            )
            continue
        reading = read_duration(value)
        if isinstance(reading, str):
            file.error(where, f"the response time of tier '{tier}' on {channel}: {reading}.")
            continue
        result[agreement.channel(channel).name] = reading
        lines[channel] = file.line(where)
    return result, lines


def _channels(file: DataFile, top: dict[str, Any]) -> list[Channel]:
    """Read the channels and what each is for."""
    channels: list[Channel] = []
    for path, fields in _items(file, top, "channels", CHANNEL_KEYS, "a channel"):
        name = file.text(fields, "name", path, "a channel", required=True)
        if not name:
            continue
        if any(channel.name.lower() == name.lower() for channel in channels):
            file.error(file.key_path(path, "name"), f"the channel '{name}' is listed twice; keep one.")
            continue
        what = f"channel '{name}'"
        channels.append(
            Channel(
                name=name,
                label=file.text(fields, "label", path, what) or name,
                purpose=file.text(fields, "for", path, what),
                not_for=file.text(fields, "not-for", path, what),
                expect=file.text(fields, "expect", path, what),
                public=file.flag(fields, "public", path, what),
                line=file.line(path),
            )
        )
    return channels


def _escalation(file: DataFile, top: dict[str, Any], team: Team | None) -> Escalation | None:
    """Read the escalation path for truly urgent matters, checking its contacts are on the roster."""
    section = _section(file, top, "escalation", ESCALATION_KEYS)
    if section is None:
        return None
    path, fields = section
    label = file.text(fields, "label", path, "the escalation path", required=True)
    contacts_path = file.key_path(path, "contacts")
    contacts: list[str] = []
    lines: list[int] = []
    for index, value in enumerate(file.sequence(fields.get("contacts"), contacts_path, "`contacts`")):
        handle = str(value).strip().lstrip("@").lower()
        where = (*contacts_path, index)
        if team is None:
            file.note(where, f"the contact '{handle}' cannot be checked: there is no team.yml roster.")
        elif not team.knows(handle):
            file.error(where, f"the contact '{handle}' is {unknown_handle(team)}.", "unknown-handle")
            continue
        contacts.append(handle)
        lines.append(file.line(where))
    return Escalation(
        label=label or "Escalation",
        purpose=file.text(fields, "for", path, "the escalation path"),
        how=file.text(fields, "how", path, "the escalation path"),
        contacts=contacts,
        line=file.line(path),
        contact_lines=lines,
    )


def _public(file: DataFile, top: dict[str, Any]) -> PublicByDefault | None:
    """Read the public-by-default rule and its exceptions."""
    section = _section(file, top, "public-by-default", PUBLIC_KEYS)
    if section is None:
        return None
    path, fields = section
    exceptions_path = file.key_path(path, "exceptions")
    exceptions = [
        " ".join(str(item).split())
        for item in file.sequence(fields.get("exceptions"), exceptions_path, "`exceptions`")
        if item is not None
    ]
    rule = file.text(fields, "rule", path, "`public-by-default`", required=True)
    return PublicByDefault(rule, exceptions, file.line(path))


def _core_window(file: DataFile, top: dict[str, Any]) -> CoreWindow | None:
    """Read the declared core overlap window, in UTC, and the UTC weekdays it applies on."""
    section = _section(file, top, "core-hours", CORE_KEYS)
    if section is None:
        return None
    path, fields = section
    if fields.get("utc") is None:
        file.error(path, "`core-hours` has no `utc`; write the window in UTC, e.g. `utc: 15:00-16:00`.")
        return None
    span = read_span(fields["utc"])
    if isinstance(span, str):
        file.error(file.key_path(path, "utc"), f"the core window: {span}.")
        return None
    days = read_days(fields["days"]) if fields.get("days") is not None else (0, 1, 2, 3, 4)
    if isinstance(days, str):
        file.error(file.key_path(path, "days"), f"the days of the core window: {days}.")
        return None
    return CoreWindow(
        start=span.start,
        end=span.end,
        days=days,
        purpose=file.text(fields, "for", path, "the core window"),
        note=file.text(fields, "note", path, "the core window"),
        line=file.line(file.key_path(path, "utc")),
    )


def _focus(file: DataFile, top: dict[str, Any]) -> list[FocusBlock]:
    """Read the focus blocks: ``morning``, ``afternoon`` or local clock times."""
    blocks: list[FocusBlock] = []
    for path, fields in _items(file, top, "focus", FOCUS_KEYS, "a focus block"):
        name = file.text(fields, "name", path, "a focus block", required=True)
        raw = fields.get("hours")
        words = str(raw).strip().lower() if raw is not None else ""
        if words in FOCUS_WORDS:
            hours: LocalHours | str = FOCUS_WORDS[words]
        elif raw is None:
            hours = "no `hours`; write `morning`, `afternoon` or local times such as 09:00-11:00"
        else:
            hours, words = read_span(raw), ""
        if isinstance(hours, str):
            file.error(
                file.key_path(path, "hours") if raw is not None else path, f"focus block '{name}': {hours}."
            )
            continue
        if name:
            blocks.append(
                FocusBlock(
                    name, hours, words, file.text(fields, "rule", path, "a focus block"), file.line(path)
                )
            )
    return blocks


def _mode(
    file: DataFile, fields: dict[str, Any], key: str, path: YamlPath, default: Mode | None
) -> Mode | None:
    """Read ``sync``, ``async`` or ``either``."""
    value = fields.get(key)
    if value is None:
        if default is None:
            file.error(path, f"a situation has no `{key}`; write sync, async or either.")
        return default
    try:
        return Mode(str(value).strip().lower())
    except ValueError:
        file.error(file.key_path(path, key), f"`{key}` must be sync, async or either, not '{value}'.")
        return None


def _sync(file: DataFile, top: dict[str, Any]) -> SyncRules | None:
    """Read when to meet and when to write, and when a thread should become a call."""
    section = _section(file, top, "sync-or-async", SYNC_KEYS)
    if section is None:
        return None
    path, fields = section
    rules = SyncRules(
        default=_mode(file, fields, "default", path, Mode.ASYNC) or Mode.ASYNC, line=file.line(path)
    )
    situations_path = file.key_path(path, "situations")
    for index, entry in enumerate(file.sequence(fields.get("situations"), situations_path, "`situations`")):
        item_path = (*situations_path, index)
        item = file.mapping(entry, item_path, "a situation")
        if item is None:
            continue
        file.known_keys(item, SITUATION_KEYS, item_path, "a situation")
        text = file.text(item, "situation", item_path, "a situation", required=True)
        prefer = _mode(file, item, "prefer", item_path, None)
        if text and prefer is not None:
            rules.situations.append(
                Situation(
                    text,
                    prefer,
                    file.text(item, "sync", item_path, "a situation"),
                    file.text(item, "async", item_path, "a situation"),
                    file.line(item_path),
                )
            )
    _call_rule(file, fields, path, rules)
    return rules


def _call_rule(file: DataFile, fields: dict[str, Any], path: YamlPath, rules: SyncRules) -> None:
    """Read when an async thread should move to a call: ``after: 3`` back-and-forths."""
    if fields.get("escalate-to-call") is None:
        return
    call_path = file.key_path(path, "escalate-to-call")
    call = file.mapping(fields["escalate-to-call"], call_path, "`escalate-to-call`")
    if call is None:
        return
    file.known_keys(call, CALL_KEYS, call_path, "`escalate-to-call`")
    after = call.get("after")
    if isinstance(after, bool) or not isinstance(after, int) or after < 1:
        file.error(
            file.key_path(call_path, "after") if after is not None else call_path,
            f"`after` must be how many back-and-forths make a call worth it, e.g. `after: 3`, not '{after}'.",
        )
    else:
        rules.call_after = after
    rules.call_rule = file.text(call, "rule", call_path, "`escalate-to-call`")
