"""Uploaded requirements documents become text; edited chat settings become a what-if."""

from __future__ import annotations

import zipfile
from pathlib import Path

from advisor.adapters.web.settings import what_if_text
from advisor.adapters.web.uploads import MAX_CHARS, read_text


def _docx(path: Path, paragraphs: list[str]) -> Path:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return path


def test_text_markdown_and_shift_jis_documents(tmp_path: Path) -> None:
    md = tmp_path / "req.md"
    md.write_text("# Requirements\nPatient records stay on our servers.", encoding="utf-8")
    assert read_text(str(md), "req.md")[0].startswith("# Requirements")
    sjis = tmp_path / "要件.txt"
    sjis.write_bytes("カルテは院外に出せません。".encode("cp932"))
    assert read_text(str(sjis), "要件.txt") == ("カルテは院外に出せません。", None)
    big = tmp_path / "big.txt"
    big.write_text("x" * (MAX_CHARS + 50), encoding="utf-8")
    assert len(read_text(str(big), "big.txt")[0]) == MAX_CHARS


def test_docx_paragraphs(tmp_path: Path) -> None:
    path = _docx(tmp_path / "spec.docx", ["Volume: 1,200 tickets a day.", "No cloud."])
    assert read_text(str(path), "spec.docx") == ("Volume: 1,200 tickets a day.\nNo cloud.", None)


def test_unreadable_files_get_one_clear_problem(tmp_path: Path) -> None:
    fake = tmp_path / "spec.docx"
    fake.write_bytes(b"not a zip")
    text, problem = read_text(str(fake), "spec.docx")
    assert text == "" and problem and "damaged" in problem
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert read_text(str(exe), "tool.exe")[1] == ".exe files are not supported"
    assert read_text(None, "x.txt")[1] == "the upload did not arrive"
    empty = tmp_path / "empty.pdf"
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with empty.open("wb") as fh:
        writer.write(fh)
    assert "no text" in (read_text(str(empty), "empty.pdf")[1] or "")


def test_changed_settings_become_one_what_if_in_the_users_language() -> None:
    old = {
        "data_sensitivity": "regulated",
        "deployment": "on_prem",
        "budget_usd_month": 2000,
        "requests_per_day": 500,
    }
    assert what_if_text(old, old, "en") is None
    new = {**old, "deployment": "any", "budget_usd_month": 500}
    assert what_if_text(new, old, "en") == "What if we can use vendor APIs and the budget is $500 a month?"
    ja = what_if_text({**old, "requests_per_day": 2000}, old, "ja")
    assert ja == "1日2,000件ならどうなりますか？"
    assert what_if_text({**old, "budget_usd_month": -5}, old, "en") is None  # a negative amount is no what-if
