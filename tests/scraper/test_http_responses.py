"""PoliteClient responses: conditional requests, size caps, redirects, and parse_json."""

from __future__ import annotations

import gzip

import httpx
import pytest

from jobtrends.scraper._http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.errors import FetchError, ParseError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.settings import HttpSettings
from tests.scraper.support import (
    FAST,
    Recorder,
    chunks,
    json_response,
    run_with_client,
)


def _get(
    settings: HttpSettings,
    recorder: Recorder,
    url: str,
    *,
    params: dict[str, str | int] | None = None,
    validators: Validators | None = None,
) -> Fetched:
    async def action(client: PoliteClient) -> Fetched:
        return await client.get(url, params=params, validators=validators)

    result: Fetched = run_with_client(settings, recorder.transport, action, time=recorder.time)
    return result


def test_conditional_request_and_not_modified() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return json_response(
            [], headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Mar 2026 10:00:00 GMT"}
        )

    recorder = Recorder(handler)
    first = _get(FAST, recorder, "https://a.example/jobs")
    assert first.validators == Validators('"v1"', "Tue, 03 Mar 2026 10:00:00 GMT")
    assert not first.not_modified

    second = _get(FAST, recorder, "https://a.example/jobs", validators=first.validators)
    sent = recorder.requests[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 03 Mar 2026 10:00:00 GMT"
    assert second.not_modified and second.status == 304 and second.content == b""
    assert second.validators is not None and second.validators.etag == '"v1"'


def test_response_without_validators_has_none() -> None:
    fetched = _get(FAST, Recorder(lambda request: json_response([])), "https://a.example/")
    assert fetched.validators is None


def test_declared_size_over_the_cap_is_refused() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=b"x" * 2048))
    with pytest.raises(FetchError, match="cap"):
        _get(HttpSettings(min_delay=0.0, max_bytes=1024), recorder, "https://a.example/")


def test_size_cap_is_enforced_while_streaming() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=chunks(b"y" * 10_000)))
    with pytest.raises(FetchError, match="1000-byte cap"):
        _get(HttpSettings(min_delay=0.0, max_bytes=1000), recorder, "https://a.example/")


def test_size_cap_applies_after_decompression() -> None:
    bomb = gzip.compress(b"[" + b"0," * 50_000 + b"0]")
    assert len(bomb) < 1000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(bomb), headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError, match="cap"):
        _get(HttpSettings(min_delay=0.0, max_bytes=10_000), Recorder(handler), "https://a.example/")


def test_gzip_body_is_decoded_and_wire_bytes_are_counted() -> None:
    payload = b'{"jobs": ["' + b"x" * 5000 + b'"]}'
    packed = gzip.compress(payload)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(packed), headers={"Content-Encoding": "gzip"})

    async def action(client: PoliteClient) -> tuple[Fetched, int, int]:
        fetched = await client.get("https://a.example/")
        return fetched, client.requests, client.bytes_received

    fetched, requests, received = run_with_client(FAST, Recorder(handler).transport, action)
    assert fetched.content == payload
    assert requests == 1 and received == len(packed)


def test_redirects_are_followed_to_http_and_counted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://b.example/new"})
        return json_response({"moved": True})

    recorder = Recorder(handler)

    async def action(client: PoliteClient) -> tuple[Fetched, int]:
        return await client.get("https://a.example/old"), client.requests

    fetched, requests = run_with_client(FAST, recorder.transport, action)
    assert fetched.url == "https://b.example/new"
    assert requests == 2


def test_redirect_to_ftp_is_refused() -> None:
    recorder = Recorder(
        lambda r: httpx.Response(302, headers={"Location": "ftp://files.example/x"})
    )
    with pytest.raises(FetchError, match="only http and https"):
        _get(FAST, recorder, "https://a.example/board")
    assert len(recorder.requests) == 1


def test_redirect_loops_stop_after_five_hops() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"Location": f"/{hop + 1}"})

    recorder = Recorder(handler)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _get(FAST, recorder, "https://a.example/0")
    assert len(recorder.requests) == 6


def test_non_http_url_is_refused_before_any_request() -> None:
    recorder = Recorder(lambda request: json_response([]))
    with pytest.raises(FetchError, match="only http and https"):
        _get(FAST, recorder, "file:///etc/passwd")
    assert recorder.requests == []


def _fetched(content: bytes, content_type: str | None) -> Fetched:
    headers = {"content-type": content_type} if content_type else {}
    return Fetched("https://a.example/", 200, content, httpx.Headers(headers), None)


def test_parse_json_rejects_html_error_pages_served_with_200() -> None:
    page = _fetched(b"<html><body>Maintenance</body></html>", "text/html; charset=utf-8")
    with pytest.raises(ParseError, match="text/html"):
        parse_json("greenhouse", page)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{", "not UTF-8"),
        (b'{"jobs": [', "invalid JSON"),
        (b"[" * 100_000, "nested too deeply|invalid JSON"),
    ],
)
def test_parse_json_turns_bad_bodies_into_parse_errors(content: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_json("lever", _fetched(content, "application/json"))
    assert caught.value.source == "lever" and caught.value.url == "https://a.example/"


def test_parse_json_accepts_bom_and_missing_content_type() -> None:
    assert parse_json("x", _fetched(b'\xef\xbb\xbf{"a": 1}', None)) == {"a": 1}
