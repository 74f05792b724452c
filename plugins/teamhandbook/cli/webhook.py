"""Posting JSON to a chat tool's incoming webhook: a timeout, retries when the server fails, plain errors.

A webhook's address is a secret (whoever has it can post to the channel), so no message this module
writes ever contains it: errors name the webhook, never its address.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

USER_AGENT = "teamhandbook-digest"
MAX_WAIT = 30.0
"""The longest wait between two tries, whatever a server's ``Retry-After`` asks for."""


class PostError(Exception):
    """A post that did not go through; the message says why, without the webhook's address."""


def post_json(
    url: str,
    payload: dict[str, Any],
    timeout: float = 10.0,
    retries: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Post ``payload`` as JSON and return the HTTP status of the answer that accepted it.

    A 5xx answer (the server failed) or a 429 (too many requests) is tried again, up to ``retries``
    more times, waiting 1, 2, 4… seconds or what ``Retry-After`` asks. Any other error answer, an
    unreachable server or no answer within ``timeout`` seconds raises ``PostError`` at once: a post
    that timed out may have arrived, and trying again could post the digest twice.
    """
    check_address(url)
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    for attempt in range(retries + 1):
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            answer = _answer(exc, url)
            if (exc.code >= 500 or exc.code == 429) and attempt < retries:
                sleep(_wait(exc, attempt))
                continue
            tries = f" after {attempt + 1} tries" if attempt else ""
            raise PostError(f"the webhook answered {exc.code} {exc.reason}{tries}{answer}") from None
        except (TimeoutError, urllib.error.URLError, OSError) as exc:
            raise PostError(_unreachable(exc, timeout, url)) from None
    raise AssertionError("unreachable: the last try returns or raises")  # pragma: no cover


def check_address(url: str) -> None:
    """Refuse an address that is not an http(s) address, without repeating it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PostError("the webhook address must be a full http:// or https:// address")


def _wait(error: urllib.error.HTTPError, attempt: int) -> float:
    """Return how long to wait before the next try."""
    asked = error.headers.get("Retry-After") if error.headers else None
    if asked is not None and asked.strip().isdigit():
        return min(float(asked.strip()), MAX_WAIT)
    return min(2.0**attempt, MAX_WAIT)


def _answer(error: urllib.error.HTTPError, url: str) -> str:
    """Return the start of an error answer's text (chat tools explain themselves there), or ''."""
    try:
        text = error.read(300).decode("utf-8", errors="replace")
    except OSError:
        return ""
    text = " ".join(_scrub(text, url).split())
    return f": {text[:200]}" if text else ""


def _unreachable(error: BaseException, timeout: float, url: str) -> str:
    """Say why the webhook could not be reached."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError) or "timed out" in str(reason):
        return f"the webhook did not answer within {timeout:g} seconds; nothing is known to have been posted"
    return f"could not reach the webhook: {_scrub(str(reason), url)}"


def _scrub(text: str, url: str) -> str:
    """Remove the webhook's address (and its path, which holds the secret) from a text."""
    parts = urlsplit(url)
    for secret in (url, parts.path, parts.query):
        if secret and len(secret) > 1:
            text = text.replace(secret, "…")
    return text
