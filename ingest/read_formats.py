"""Text out of HTML, PDF and DOCX, as a person would read it.

Kept apart from read.py so the heavy parsers load only when a file needs them.
Third-party parsers raise a zoo of exception types on damaged input; each
reader turns all of them into one `InputError` naming the file and the
reason, so a bad file never crashes a batch. No parser here resolves
external entities: python-docx parses with `resolve_entities=False` (no DTD
loading, no network), BeautifulSoup's html.parser never fetches anything,
and pypdf's XMP metadata (the only XML in a PDF) is not read.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from ..errors import InputError
from .records import Page

logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # damaged-file chatter; we report ourselves

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "section", "article", "ul", "ol", "blockquote", "pre", "dt", "dd"}
_HIDDEN_TAGS = ["script", "style", "noscript", "template", "head", "iframe", "object", "svg"]
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
MAX_UNZIPPED = 512 * 1024 * 1024
"""A DOCX whose parts unpack to more than this is refused (a ZIP bomb, not minutes)."""


def html_to_text(source: str, markup: str) -> str:
    """Visible text of an HTML page: scripts, styles, comments and hidden elements dropped."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

    try:
        soup = BeautifulSoup(markup, "html.parser")
    except Exception as exc:  # html.parser gives up on some malformed declarations
        raise InputError(source, f"cannot parse the HTML ({type(exc).__name__}: {exc})") from exc
    for node in soup(_HIDDEN_TAGS):
        node.decompose()
    for node in soup.find_all(lambda tag: tag.has_attr("hidden") or _HIDDEN_STYLE.search(
            str(tag.get("style", ""))) or tag.get("aria-hidden") == "true"):
        if not node.decomposed:
            node.decompose()
    kinds = (Comment, Declaration, Doctype, ProcessingInstruction)
    for special in soup.find_all(string=lambda s: isinstance(s, kinds)):
        special.extract()
    for cell in soup.find_all(["td", "th"]):
        cell.append(" | ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    text = soup.get_text()
    text = re.sub(r"[ \t]+\n", "\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"(?: \| )+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def pdf_to_text(source: str, data: bytes) -> tuple[str, tuple[Page, ...], tuple[str, ...]]:
    """Text of every page, pages joined by a blank line, page ranges kept.

    A PDF cut short (no `%%EOF` near its end) is refused: pypdf would
    otherwise rebuild what it can and we would store half a document.
    """
    if b"%%EOF" not in data[-2048:]:
        raise InputError(source, "truncated PDF (no end-of-file marker); the download or copy "
                         "is incomplete")
    try:
        return _pdf_pages(source, data)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(source, f"damaged PDF ({type(exc).__name__}: {exc})") from exc


def _pdf_pages(source: str, data: bytes) -> tuple[str, tuple[Page, ...], tuple[str, ...]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # unsupported cipher, missing 'cryptography'
            raise InputError(source, f"PDF is encrypted ({type(exc).__name__}: {exc})") from exc
        if not opened:
            raise InputError(source, "PDF is encrypted with a password",
                             hint="save an unprotected copy first")
    parts: list[str] = []
    pages: list[Page] = []
    empty: list[int] = []
    offset = 0
    for number, page in enumerate(reader.pages, start=1):
        text = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            empty.append(number)
        pages.append(Page(number, offset, offset + len(text)))
        parts.append(text)
        offset += len(text) + 2
    warnings: tuple[str, ...] = ()
    if empty and len(empty) < len(pages):
        warnings = (f"page(s) {_ranges(empty)} of {len(pages)} have no text layer (scanned?); "
                    "their content is missing",)
    return "\n\n".join(parts), tuple(pages), warnings


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def docx_to_text(source: str, data: bytes) -> str:
    """Paragraphs and tables of a Word document in body order.

    Each table row becomes one line `cell | cell | cell` (merged cells once),
    which ingest/tables.py turns into one commitment per row. Content
    controls (`w:sdt`) are unwrapped so their paragraphs are not lost.
    """
    _check_zip(source, data)
    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
        lines = _block_lines(document.element.body, document)
    except InputError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx errors on damaged files
        raise InputError(source, f"damaged or truncated DOCX ({type(exc).__name__}: {exc})"
                         ) from exc
    return "\n".join(lines).strip() + "\n"


def _check_zip(source: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except Exception as exc:
        raise InputError(source, f"damaged or truncated DOCX ({type(exc).__name__})") from exc
    if total > MAX_UNZIPPED:
        raise InputError(source, f"DOCX unpacks to {total // 2**20} MB; refused as a ZIP bomb")


def _block_lines(container, document) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in container.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines += _table_lines(Table(block, document))
            lines.append("")
        elif tag == "sdt":
            for content in block.iterchildren():
                if isinstance(content.tag, str) and content.tag.endswith("}sdtContent"):
                    lines += _block_lines(content, document)
    return lines


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines
