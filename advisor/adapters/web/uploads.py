"""Text out of an uploaded requirements document (txt, md, pdf, docx), to feed the interview.

Only the text is kept, capped like any message; a file that cannot be read gets one clear line.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

MAX_CHARS = 20_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _decode(raw: bytes) -> str:
    """UTF-8 first; Japanese documents are often Shift_JIS (cp932)."""
    for encoding in ("utf-8-sig", "cp932", "euc_jp"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _docx(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
    return "\n".join(p for p in paragraphs if p.strip())


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)


def read_text(path: str | None, name: str, mime: str | None = None) -> tuple[str, str | None]:
    """(text, problem): the document's text, or an empty text and what went wrong."""
    if not path or not Path(path).is_file():
        return "", "the upload did not arrive"
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".docx" or (mime or "").endswith("wordprocessingml.document"):
            text = _docx(Path(path))
        elif suffix == ".pdf" or mime == "application/pdf":
            text = _pdf(Path(path))
        elif suffix in (".txt", ".md", ".markdown", "") or (mime or "").startswith("text/"):
            text = _decode(Path(path).read_bytes())
        else:
            return "", f"{suffix or mime} files are not supported"
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return "", "the file is damaged or not a Word document"
    except Exception as exc:  # any parser failure is the user's file, not a crash of the page
        return "", f"it could not be parsed ({type(exc).__name__})"
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        return "", "it contains no text (a scanned document needs OCR first)"
    return text[:MAX_CHARS], None
