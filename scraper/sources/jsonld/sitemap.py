"""XML sitemaps (sitemaps.org 0.9): the page URLs of a `<urlset>` or the child sitemaps of a
`<sitemapindex>`, from plain or gzip-compressed XML (no I/O).

The XML parser never loads DTDs, never resolves entities and never touches the network, so a
hostile sitemap cannot expand entities or read files; a gzip body is inflated only up to a cap.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from jobtrends.scraper.errors import ParseError

SitemapKind = Literal["urlset", "sitemapindex"]
GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


@dataclass(frozen=True, slots=True)
class Sitemap:
    """`urlset`: `locations` are pages; `sitemapindex`: `locations` are further sitemaps."""

    kind: SitemapKind
    locations: list[str]


def parse_sitemap(
    content: bytes, *, source: str, url: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> Sitemap:
    """The `<loc>` entries of one sitemap file; `ParseError` when it is not a sitemap."""
    if content.startswith(GZIP_MAGIC):
        content = _gunzip(content, source=source, url=url, max_bytes=max_bytes)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(source, url, f"the sitemap is not valid XML ({exc})") from None
    if root is None:
        raise ParseError(source, url, "the sitemap is empty")
    kind = _local_name(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ParseError(source, url, f"expected <urlset> or <sitemapindex>, found <{kind}>")
    entry = "url" if kind == "urlset" else "sitemap"
    locations: list[str] = []
    for child in root:
        if _local_name(child.tag) != entry:
            continue
        for field in child:
            if _local_name(field.tag) == "loc" and field.text and field.text.strip():
                locations.append(field.text.strip())
    return Sitemap("urlset" if kind == "urlset" else "sitemapindex", locations)


def _local_name(tag: object) -> str:
    """`{namespace}name` -> `name`; comments and processing instructions have no name."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _gunzip(content: bytes, *, source: str, url: str, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(content, max_bytes + 1)
    except zlib.error as exc:
        raise ParseError(source, url, f"the gzip sitemap is corrupt ({exc})") from None
    if len(data) > max_bytes:
        raise ParseError(source, url, f"the sitemap inflates to more than {max_bytes} bytes")
    return data
