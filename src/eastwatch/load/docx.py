"""Word (.docx): body paragraphs and tables in document order, one paragraph a line; core properties -> Meta.

Headings are paragraphs too, so each keeps its own line for the structure stage. Page headers, footers and
comments are left out: they repeat on every page or are not the author's text.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import docx
from docx.opc.coreprops import CoreProperties
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from eastwatch.errors import InputError
from eastwatch.load.metadata import clean, clean_date
from eastwatch.model import Meta

# Opening a damaged package fails in the zip reader, in python-docx's part lookup (a KeyError naming the
# missing part) or in the XML parser.
DOCX_ERRORS = (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError)
MISSING_PART = re.compile(r"no item named '([^']+)'")


def read(data: bytes, path: str, encoding: str | None = None) -> tuple[str, Meta]:
    """`encoding` is ignored: a .docx is always UTF-8 XML."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, "bad-docx", "not a .docx (not a zip archive)",
                         "re-save it from Word as .docx (old .doc files are not supported)")
    try:
        document = docx.Document(io.BytesIO(data))
    except DOCX_ERRORS as err:
        raise InputError(path, "bad-docx", _detail(err), "re-save it from Word as .docx") from err
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines.extend([block.text] if isinstance(block, Paragraph) else _table_lines(block))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "no-text", "the document holds no text",
                         "if it is a scanned image pasted into Word, run OCR on it first")
    return text, _meta(path, document.core_properties)


def _table_lines(table: Table) -> list[str]:
    """One line a cell, row by row; a merged cell (which python-docx repeats) once; nested tables after it."""
    lines: list[str] = []
    seen: set[object] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # same XML cell object = a merged cell seen already
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                lines.extend([block.text] if isinstance(block, Paragraph) else _table_lines(block))
    return [line for line in lines if line.strip()]


def _detail(err: Exception) -> str:
    # zipfile says "There is no item named 'word/document.xml' in the archive" when a part is missing
    if isinstance(err, KeyError) and (part := MISSING_PART.search(str(err))):
        return f"not a Word document (no {part.group(1)} inside)"
    first = str(err).strip().splitlines()
    return f"damaged .docx ({first[0] if first else type(err).__name__})"


def _meta(path: str, props: CoreProperties) -> Meta:
    created = props.created
    return Meta(path=path, format="docx", title=clean(props.title), author=clean(props.author),
                date=clean_date(created.date().isoformat()) if isinstance(created, datetime) else None)
