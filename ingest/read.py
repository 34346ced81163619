"""Stage 1, read: bytes -> Document.

Readers are chosen by content first (magic bytes), extension second, so a
PDF saved as `.txt` is still read as PDF. Each reader returns the text a
person would see, and page ranges where the format has pages, so evidence
can cite a page.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from .records import Document, Page

MAX_BYTES = 200 * 1024 * 1024
TEXT_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
              ".markdown": "text/markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
SUPPORTED = sorted([*TEXT_TYPES, *HTML_EXTENSIONS, ".pdf", ".docx"])

Reader = Callable[[str, bytes], tuple[str, tuple[Page, ...], str | None]]


def read_path(path: str | Path) -> Document:
    """Read a file from disk; errors name the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(str(path), f"file is {size // (1024 * 1024)} MB, more than the "
                         f"{MAX_BYTES // (1024 * 1024)} MB limit")
    return read_bytes(path.read_bytes(), source=str(path))


def read_bytes(data: bytes, source: str) -> Document:
    """Read bytes whose name is `source`; the extension is a hint, content decides."""
    if not data or not data.strip():
        raise InputError(source, "file is empty")
    media_type = sniff_media_type(data, source)
    reader = READERS[media_type]
    text, pages, encoding = reader(source, data)
    if not text.strip():
        raise InputError(source, "no text found (an image-only or empty document?)",
                         hint="run OCR first, e.g. ocrmypdf")
    return Document(source=source, text=text, media_type=media_type,
                    sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    pages=pages, encoding=encoding)


def sniff_media_type(data: bytes, source: str) -> str:
    """Decide the format from magic bytes, then the extension."""
    suffix = Path(source).suffix.lower()
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:4096] or _zip_has_word(data):
            return DOCX
        raise InputError(source, "a ZIP archive that is not a Word .docx document")
    if suffix in {".pdf", ".docx"}:
        raise InputError(source, f"not a valid {suffix[1:].upper()} file (wrong or damaged content)")
    lowered = head[:200].lower()
    if suffix in HTML_EXTENSIONS or lowered.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if suffix and suffix not in TEXT_TYPES:
        raise InputError(source, f"unsupported file type '{suffix}'",
                         hint="supported: " + ", ".join(SUPPORTED))
    if _looks_binary(data):
        raise InputError(source, "binary content, not text")
    return TEXT_TYPES.get(suffix, "text/plain")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip_has_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def decode_text(source: str, data: bytes) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (with or without BOM), else the best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot decode the bytes as text in any known encoding")
    encoding = "cp1252" if best.encoding in {"latin_1", "iso8859_15", "cp1250"} else best.encoding
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return str(best), best.encoding


def _read_text(source: str, data: bytes) -> tuple[str, tuple[Page, ...], str | None]:
    text, encoding = decode_text(source, data)
    return text.replace("\r\n", "\n").replace("\r", "\n"), (), encoding


def _read_html(source: str, data: bytes) -> tuple[str, tuple[Page, ...], str | None]:
    from .read_formats import html_to_text

    text, encoding = decode_text(source, data)
    return html_to_text(text), (), encoding


def _read_pdf(source: str, data: bytes) -> tuple[str, tuple[Page, ...], str | None]:
    from .read_formats import pdf_to_text

    text, pages = pdf_to_text(source, data)
    return text, pages, None


def _read_docx(source: str, data: bytes) -> tuple[str, tuple[Page, ...], str | None]:
    from .read_formats import docx_to_text

    return docx_to_text(source, data), (), None


READERS: dict[str, Reader] = {
    "text/plain": _read_text,
    "text/markdown": _read_text,
    "text/html": _read_html,
    "application/pdf": _read_pdf,
    DOCX: _read_docx,
}

_BLANK_RUN = re.compile(r"\n{3,}")
