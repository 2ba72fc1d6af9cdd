"""HTML: the article's main text by trafilatura (offline: it is handed the page, never a URL), clutter lines
dropped (clutter.yaml), title/author/date/url/site from the page's metadata.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import trafilatura
import yaml

from eastwatch.errors import InputError
from eastwatch.load.encoding import BOMS, decode
from eastwatch.load.metadata import clean
from eastwatch.model import Meta

# The HTML standard's prescan reads the first 1024 bytes for <meta charset>; old pages put long scripts first.
CHARSET_WINDOW = 4096
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels with a superset codec (WHATWG Encoding Standard): GB2312 and GBK pages decode as
# GB18030, Big5 pages as Big5 with the Microsoft and Hong Kong extensions.
SUPERSETS = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "x-gbk": ("gb18030",), "gb_2312-80": ("gb18030",),
    "euc-cn": ("gb18030",), "gb18030": ("gb18030",),
    "big5": ("cp950", "big5hkscs"), "x-x-big5": ("cp950", "big5hkscs"), "cn-big5": ("cp950", "big5hkscs"),
    "big5-hkscs": ("big5hkscs", "cp950"), "cp950": ("cp950", "big5hkscs"),
    "utf-8": ("utf-8",), "utf8": ("utf-8",),
}
CLUTTER_DATA = Path(__file__).with_name("clutter.yaml")


def read(data: bytes, path: str, encoding: str | None = None) -> tuple[str, Meta]:
    page, used = decode_page(data, path, encoding)
    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
                                        include_images=False, include_links=False, deduplicate=False)
    fields = _fields(found)
    title = clean(fields.get("title"))
    body = drop_clutter(fields.get("text") or "")
    if not body.strip():
        raise InputError(path, "no-text", "no article text found in the page",
                         "save the article page itself (not an index page, or one drawn by JavaScript)")
    meta = Meta(path=path, format="html", encoding=used, title=title, author=clean(fields.get("author")),
                date=clean(fields.get("date")), url=clean(fields.get("url")), site=clean(fields.get("sitename")))
    return with_title(body, title), meta


def decode_page(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The page as text: --encoding, a byte-order mark, the declared charset if it fits, else detection.

    A charset that does not decode strictly is a lie often enough (pages re-saved as UTF-8 keep their
    big5 meta tag) that detection goes next; only if that fails too is the declared one used leniently.
    """
    if encoding or any(data.startswith(bom) for bom, _ in BOMS):
        return decode(data, path, encoding)
    declared = declared_charset(data)
    for name in SUPERSETS.get(declared or "", ()):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue  # the next superset, then detection
    try:
        return decode(data, path)
    except InputError as err:
        if err.reason != "undecodable" or declared is None:
            raise
        name = SUPERSETS.get(declared, (declared,))[0]
        try:
            return data.decode(name, errors="replace"), name
        except LookupError:
            raise err from None


def declared_charset(data: bytes) -> str | None:
    match = DECLARED_CHARSET.search(data[:CHARSET_WINDOW])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


@cache
def clutter_patterns() -> re.Pattern[str]:
    lines = yaml.safe_load(CLUTTER_DATA.read_text(encoding="utf-8"))["lines"]
    return re.compile("|".join(f"(?:{line})" for line in lines))


def drop_clutter(text: str) -> str:
    """Every line that is, in full, a menu item, share button, photo credit or banner goes."""
    pattern = clutter_patterns()
    return "\n".join(line for line in text.split("\n") if not pattern.fullmatch(line.strip()))


def with_title(text: str, title: str | None) -> str:
    """The headline as the first line, as the page shows it; trafilatura keeps it only in the metadata."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not title or first == title:
        return text
    return f"{title}\n{text}"


def _fields(found: object) -> dict[str, object]:
    """trafilatura 2 returns a Document, 1.x a dict."""
    if found is None:
        return {}
    return found.as_dict() if hasattr(found, "as_dict") else dict(found)
