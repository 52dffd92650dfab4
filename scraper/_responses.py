"""What a response becomes: a `Fetched`, its JSON value, its cache validators, and the
conditional headers and URL checks a request needs (the HTTP client's helpers)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from jobtrends.scraper.errors import FetchError, ParseError
from jobtrends.scraper.records import Validators

_JSON_TYPES = ("json", "javascript", "text/plain")
ERROR_BODY_CAP = 64 * 1024
"""Most bytes read of an error response's body (read so they are counted)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One completed GET. `url` is the final URL after redirects; `validators` are the
    response's own ETag/Last-Modified (None when it sent neither); on a 304 `not_modified` is
    True and `content` is empty."""

    url: str
    status: int
    content: bytes
    headers: Mapping[str, str]
    validators: Validators | None
    not_modified: bool = False


def parse_json(source: str, fetched: Fetched) -> Any:
    """The JSON value of a response body; `ParseError` for a non-JSON content type (an HTML
    error page served with 200), invalid UTF-8 or invalid JSON."""
    content_type = fetched.headers.get("content-type", "").lower()
    if content_type and not any(kind in content_type for kind in _JSON_TYPES):
        raise ParseError(source, fetched.url, f"content type {content_type!r} is not JSON")
    try:
        return json.loads(fetched.content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ParseError(source, fetched.url, f"body is not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise ParseError(source, fetched.url, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise ParseError(source, fetched.url, "JSON nested too deeply") from None


def conditional_headers(validators: Validators | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def response_validators(response: httpx.Response) -> Validators | None:
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    if not etag and not last_modified:
        return None
    return Validators(etag=etag, last_modified=last_modified)


def check_scheme(url: httpx.URL, requested: str) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(requested, f"refusing to fetch {url} (only http and https are allowed)")


async def drain_error_body(response: httpx.Response) -> None:
    """Read an error response's body, up to `ERROR_BODY_CAP`, so the bytes that came over the
    wire are counted; a body already being read (a size cap hit) is left alone."""
    if response.is_stream_consumed:
        return
    try:
        async for _chunk in response.aiter_raw():
            if response.num_bytes_downloaded > ERROR_BODY_CAP:
                return
    except httpx.HTTPError:
        return
