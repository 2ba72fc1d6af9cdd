"""PDF: the text layer page by page, line breaks as the PDF has them (the repair stage reflows).

pdfplumber reads first; pypdf is the second opinion when pdfplumber fails to parse the file or its text looks
wrong: (cid:N) placeholders, or Chinese that reads as mojibake. pdfminer maps CIDs through the font's declared
CMap, so a PDF that declares the wrong one (ReportLab 4-5 writes MSung-Light with UniGB-UCS2-H) comes out as
random characters, while pypdf reads the UCS-2 codes directly and gets it right.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pdfplumber
import pypdf
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from eastwatch.errors import InputError
from eastwatch.load.encoding import plausibility, score
from eastwatch.load.metadata import clean, clean_date
from eastwatch.model import Meta

# %PDF- opens a file and %%EOF closes it (PDF 32000-1, 7.5.2 and 7.5.5); Acrobat accepts either within
# 1024 bytes of its end of the file, and so do we.
HEADER_WINDOW = 1024
EOF_WINDOW = 1024
# pdfminer renders a glyph it cannot map to Unicode as "(cid:123)": no text, so it is dropped.
CID_TOKEN = re.compile(r"\(cid:\d+\)")
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Word's PDF export titles a file after the document's name: "Microsoft Word - 報告初稿.docx".
OFFICE_TITLE = re.compile(r"^Microsoft (?:Word|PowerPoint|Excel) - (.+?)(?:\.(?:docx?|pptx?|xlsx?))?$")
# Both libraries raise their own classes, but on damaged files also these built-ins from deep in their parsers
# (found by fuzzing a valid PDF with random byte changes and cuts).
PARSER_ERRORS = (ValueError, KeyError, TypeError, IndexError, NotImplementedError)
PDFMINER_ERRORS = (PdfminerException, MalformedPDFException, PSException, *PARSER_ERRORS)
PYPDF_ERRORS = (pypdf.errors.PyPdfError, *PARSER_ERRORS)
# They log a warning for every damaged object they step over: hundreds of lines for one bad file in a batch.
CHATTY_LOGGERS = ("pdfminer", "pypdf")

NO_TEXT_HINT = "it looks scanned (pages are images); run OCR on it first (e.g. ocrmypdf) and load the result"
ENCRYPTED_HINT = "remove the password (print it to a new PDF) and try again"


@dataclass(frozen=True, slots=True)
class Extraction:
    text: str
    info: dict[str, object]  # the document information dictionary, keys without the leading "/"


def read(data: bytes, path: str, encoding: str | None = None) -> tuple[str, Meta]:
    """`encoding` is ignored: a PDF's text layer says its own encoding."""
    _check_envelope(data, path)
    with _quiet(CHATTY_LOGGERS):
        found = _extract(data, path)
    text = CID_TOKEN.sub("", found.text)
    if not text.strip():
        raise InputError(path, "no-text", "PDF has no text layer", NO_TEXT_HINT)
    return text, _meta(path, found.info)


def _extract(data: bytes, path: str) -> Extraction:
    try:
        found = _pdfplumber(data)
    except PDFMINER_ERRORS as err:
        if _encrypted(err):
            raise InputError(path, "bad-pdf", "encrypted PDF (needs a password)", ENCRYPTED_HINT) from err
        try:
            found = _pypdf(data)
        except PYPDF_ERRORS:
            raise InputError(path, "bad-pdf", f"unreadable PDF ({_first_line(err)})",
                             "re-save it from a PDF viewer, or re-download it") from err
    else:
        if _doubtful(found.text):
            found = _second_opinion(found, data)
    return found


@contextmanager
def _quiet(names: tuple[str, ...]) -> Iterator[None]:
    """Raise the libraries' log level to CRITICAL for the duration; the InputError says what matters."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _check_envelope(data: bytes, path: str) -> None:
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise InputError(path, "bad-pdf", "not a PDF (no %PDF- header)", "check that the file really is a PDF")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise InputError(path, "truncated-pdf", "truncated PDF (no end-of-file marker)",
                         "re-save or re-download it")


def _pdfplumber(data: bytes) -> Extraction:
    pages: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(page.extract_text() or "")
            page.close()  # drops the page's layout cache: memory stays flat over a 300-page report
        return Extraction("\n".join(pages), dict(pdf.metadata or {}))


def _pypdf(data: bytes) -> Extraction:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")  # an empty user password opens most "protected" PDFs; if not, reading pages raises
    pages = [(page.extract_text() or "").removesuffix("\n") for page in reader.pages]  # pypdf ends each page with one
    info = {key.lstrip("/"): value for key, value in (reader.metadata or {}).items()}
    return Extraction("\n".join(pages), info)


def _second_opinion(first: Extraction, data: bytes) -> Extraction:
    """pypdf's text when it reads better than pdfplumber's; pdfplumber's metadata is kept either way."""
    try:
        second = _pypdf(data)
    except PYPDF_ERRORS:
        return first  # the second opinion is optional: pdfplumber's text stands

    def quality(found: Extraction) -> tuple[float, int]:
        text = CID_TOKEN.sub("", found.text)
        return plausibility(text), len("".join(text.split()))

    if quality(second) > quality(first):
        return Extraction(second.text, first.info or second.info)
    return first


def _doubtful(text: str) -> bool:
    """Text worth a second opinion: none, unmapped glyphs, or Chinese that reads as mojibake."""
    return not text.strip() or "(cid:" in text or score(text) is None


def _encrypted(err: Exception) -> bool:
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    return isinstance(cause, PDFEncryptionError)


def _first_line(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def _meta(path: str, info: dict[str, object]) -> Meta:
    title = clean(info.get("Title"))  # bytes and PDF names (non-str) are nothing we can use
    if title and (office := OFFICE_TITLE.match(title)):
        title = clean(office.group(1))
    return Meta(path=path, format="pdf", title=title, author=clean(info.get("Author")),
                date=clean_date(pdf_date(clean(info.get("CreationDate")))))


def pdf_date(value: str | None) -> str | None:
    """A PDF date ("D:20230115103000+08'00'") as an ISO day (or month, or year) as written, without a zone shift."""
    match = PDF_DATE.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day if month else None) if part)
