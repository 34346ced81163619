"""Stage 1, read: bytes -> Document.

Readers are chosen by content first (magic bytes), extension second, so a
PDF saved as `.txt` is still read as PDF. Each reader returns the text a
person would see, and page ranges where the format has pages, so evidence
can cite a page. Every character offset later in the pipeline refers to
`Document.text`, the text exactly as returned here.

Anything wrong with the input raises `InputError` naming the file and the
reason; nothing else escapes (the property tests in tests/test_properties.py
feed arbitrary bytes to hold this).
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .records import Document, Page

MAX_BYTES = int(float(os.environ.get("OVERLEG_MAX_MB", "64")) * 1024 * 1024)
"""Larger files are refused before they are read (minutes are rarely above a few MB;
a 100 MB upload is far more likely a scan or a mistake). Override with OVERLEG_MAX_MB."""

TEXT_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
              ".markdown": "text/markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
SUPPORTED = sorted([*TEXT_TYPES, *HTML_EXTENSIONS, ".pdf", ".docx"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_C1 = frozenset(range(0x80, 0xA0))


@dataclass(frozen=True)
class Read:
    """What a format reader found: text, pages, encoding, and what it had to guess."""

    text: str
    pages: tuple[Page, ...] = ()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


Reader = Callable[[str, bytes], Read]


def read_path(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read a file from disk; errors name the file. Size is checked before reading."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file" if not path.exists() else "not a regular file")
    limit = MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), f"file is {size / 2**20:.0f} MB, more than the "
                         f"{limit / 2**20:.0f} MB limit", hint="set OVERLEG_MAX_MB to raise it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror or exc})") from exc
    return read_bytes(data, source=str(path))


def read_bytes(data: bytes, source: str) -> Document:
    """Read bytes whose name is `source`; the extension is a hint, content decides."""
    if not data or not data.strip():
        raise InputError(source, "file is empty")
    media_type = sniff_media_type(data, source)
    result = READERS[media_type](source, data)
    if not result.text.strip():
        raise InputError(source, "no text found (an image-only or empty document?)",
                         hint="run OCR first, e.g. ocrmypdf")
    return Document(source=source, text=result.text, media_type=media_type,
                    sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    pages=result.pages, encoding=result.encoding, warnings=result.warnings)


def sniff_media_type(data: bytes, source: str) -> str:
    """Decide the format from magic bytes, then the extension."""
    suffix = Path(source).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        if _zip_has_word(data):
            return DOCX
        if suffix == ".docx":
            raise InputError(source, "damaged or truncated DOCX (the ZIP archive cannot be read)")
        raise InputError(source, "a ZIP archive that is not a Word .docx document")
    if suffix in {".pdf", ".docx"}:
        raise InputError(source, f"not a valid {suffix[1:].upper()} file (wrong or damaged content)")
    lowered = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in HTML_EXTENSIONS or lowered.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if suffix and suffix not in TEXT_TYPES:
        raise InputError(source, f"unsupported file type '{suffix}'",
                         hint="supported: " + ", ".join(SUPPORTED))
    if _looks_binary(data):
        raise InputError(source, "binary content, not text")
    return TEXT_TYPES.get(suffix, "text/plain")


def _zip_has_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # zipfile raises BadZipFile, NotImplementedError, ValueError, ... on junk
        return False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))  # the control bytes, counted in C
    return control > len(sample) * 0.02


# Every byte but the control bytes _looks_binary counts (0-8, 14-31, 127): deleting these leaves those.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32 or b == 127))


def decode_text(source: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode text bytes: (text, encoding, warnings).

    Order: a BOM decides; strict UTF-8; UTF-8 with a few bad bytes (replaced,
    with a warning); cp1252 when bytes 0x80-0x9F occur and are cp1252
    characters (curly quotes, euro sign); latin-1 when only 0xA0-0xFF occur;
    charset-normalizer as a last resort. Text that still looks like noise is
    refused rather than stored as mojibake.
    """
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, ()
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {encoding} byte-order mark but is not "
                                 f"valid {encoding} (byte {exc.start})") from exc
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if good > bad:
        return lenient, "utf-8", (f"{bad} byte sequence(s) are not valid UTF-8 and were "
                                  "replaced by U+FFFD",)
    high = set(data) & _C1
    if high and not high & _CP1252_UNDEFINED:
        text, encoding = data.decode("cp1252"), "cp1252"
    else:
        text, encoding = data.decode("latin-1"), "latin-1"
    if _plausible(text):
        return text, encoding, ()
    return _last_resort(source, data)


def _plausible(text: str) -> bool:
    """Western-European prose: few control characters, mostly ASCII."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True
    controls = sum(1 for ch in visible if unicodedata.category(ch) in {"Cc", "Co", "Cn"})
    foreign = sum(1 for ch in visible if ord(ch) > 127)
    return controls <= len(visible) * 0.01 and foreign <= len(visible) * 0.25


def _last_resort(source: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.1:
        try:
            return data.decode(best.encoding), best.encoding, (
                f"encoding guessed as {best.encoding}",)
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(source, "cannot decode the bytes as text (not UTF-8, cp1252 or latin-1, "
                     "and no other encoding fits)", hint="save the file as UTF-8")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(source: str, data: bytes) -> Read:
    text, encoding, warnings = decode_text(source, data)
    return Read(_normalise_newlines(text), (), encoding, warnings)


def _read_html(source: str, data: bytes) -> Read:
    from .read_formats import html_to_text

    text, encoding, warnings = decode_text(source, data)
    return Read(html_to_text(source, text), (), encoding, warnings)


def _read_pdf(source: str, data: bytes) -> Read:
    from .read_formats import pdf_to_text

    text, pages, warnings = pdf_to_text(source, data)
    return Read(text, pages, None, warnings)


def _read_docx(source: str, data: bytes) -> Read:
    from .read_formats import docx_to_text

    return Read(docx_to_text(source, data))


READERS: dict[str, Reader] = {
    "text/plain": _read_text,
    "text/markdown": _read_text,
    "text/html": _read_html,
    "application/pdf": _read_pdf,
    DOCX: _read_docx,
}
