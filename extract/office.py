"""Office attachments -> :class:`OfficeContent`: their kind by content, their text and tables.

The kind comes from the bytes, never the file name (``.wps`` files are often Word files, and an
``.xls`` link may answer with an HTML error page):

* ``.docx`` (python-docx): paragraphs and tables in document order;
* ``.xlsx`` (openpyxl) and legacy ``.xls`` (xlrd): every sheet as one table;
* legacy ``.doc`` and WPS Writer ``.wps`` files in Word's binary format (OLE2 with a
  ``WordDocument`` stream, as WPS Office writes them): text by Debian's ``antiword`` (its table
  rows ``|a|b|`` become tables), else ``catdoc``; without either the file is recorded with its
  kind and size and no text;
* anything else Office-like (``.ppt``, ``.pptx``, ``.ofd``, older WPS formats) is recorded
  with its kind and size only.

Tables are ``PdfTable(page=n, rows=...)`` with ``n`` the sheet or table number, so they take the
same path to table facts as a PDF's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field

from extract.errors import ExtractionError
from extract.types import PdfTable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "ofd": "application/ofd",
    "ole": "application/x-ole-storage",
    "zip": "application/zip",
    "badzip": "application/zip",
    "html": "text/html",
    "unknown": "application/octet-stream",
}
READABLE = {"docx", "xlsx", "xls", "doc"}
_MAX_SHEET_ROWS = 5000  # a statistical annex rarely has more; a dump is cut there
_MAX_CELLS = 200_000
_TOOL_TIMEOUT = 60


class NotAnOfficeFile(ExtractionError):
    """An attachment link answered with something else (an HTML page, ...)."""


@dataclass
class OfficeContent:
    """An attachment's kind (``docx``, ``xls`` ...), text and tables."""

    kind: str
    text: str = ""
    tables: list[PdfTable] = field(default_factory=list)
    title: str | None = None
    reader: str | None = None  # the library or tool that read it; None: recorded only

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.kind, CONTENT_TYPES["unknown"])


def sniff(body: bytes) -> str:
    """The file kind by its bytes: pdf, docx, xlsx, pptx, ofd, zip, badzip (cut or damaged),
    doc, xls, ppt, ole, html, unknown."""
    head = body[:1100]
    if re.match(rb"^\s{0,1024}%PDF-", head, re.S):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return "badzip"
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"),
                             ("Doc_", "ofd"), ("OFD.xml", "ofd")):
            if any(n.startswith(prefix) for n in names):
                return kind
        return "zip"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(body)
    if re.search(rb"<(!doctype\s+html|html|head|body)\b", head[:1024], re.I):
        return "html"
    return "unknown"


def _ole_kind(body: bytes) -> str:
    import olefile

    try:
        with olefile.OleFileIO(body) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir()}
    except (OSError, ValueError, IndexError, TypeError):
        return "ole"
    if "worddocument" in streams:
        return "doc"
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "powerpoint document" in streams:
        return "ppt"
    return "ole"


def extract_office(body: bytes, url: str = "") -> OfficeContent:
    """Kind, text and tables of an attachment; raises :class:`ExtractionError` when a file of
    a readable kind is damaged and :class:`NotAnOfficeFile` for HTML answers."""
    kind = sniff(body)
    if kind == "html":
        raise NotAnOfficeFile(f"attachment answered with an HTML page: {url or '<no url>'}")
    if kind == "badzip":
        raise ExtractionError(f"damaged or cut-off Office (zip) file: {url or '<no url>'}")
    readers = {"docx": _read_docx, "xlsx": _read_xlsx, "xls": _read_xls, "doc": _read_doc}
    reader = readers.get(kind)
    if reader is None:
        return OfficeContent(kind)
    try:
        content = reader(body)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - libraries raise many types on damaged files
        raise ExtractionError(f"damaged {kind} file ({type(exc).__name__}): "
                              f"{url or '<no url>'}") from exc
    content.title = content.title or _first_line(content.text)
    return content


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _rows_text(name: str | None, rows: list[list[str | None]]) -> str:
    lines = [name] if name else []
    lines += [" ".join(c for c in row if c) for row in rows]
    return "\n".join(line for line in lines if line)


def _keep_rows(rows: list[list[str | None]]) -> list[list[str | None]]:
    kept = [row for row in rows if any(row)]
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in kept),
                default=0)
    return [row[:width] for row in kept]


def _read_docx(body: bytes) -> OfficeContent:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(body))
    lines: list[str] = []
    tables: list[PdfTable] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                lines.append(text)
        elif isinstance(block, Table):
            rows = _keep_rows([[_cell(c.text) for c in row.cells] for row in block.rows])
            if rows:
                tables.append(PdfTable(page=len(tables) + 1, rows=rows))
                lines.append(_rows_text(None, rows))
    title = (document.core_properties.title or "").strip() or None
    return OfficeContent("docx", "\n".join(lines), tables, title, "python-docx")


def _read_xlsx(body: bytes) -> OfficeContent:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in book.worksheets:
            rows = [[_cell(v) for v in row]
                    for row in sheet.iter_rows(values_only=True, max_row=_MAX_SHEET_ROWS)]
            sheets.append((sheet.title, _keep_rows(rows)))
    finally:
        book.close()
    return _sheets_content("xlsx", sheets, "openpyxl")


def _read_xls(body: bytes) -> OfficeContent:
    import xlrd

    book = xlrd.open_workbook(file_contents=body, on_demand=True)
    sheets = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        rows = []
        for r in range(min(sheet.nrows, _MAX_SHEET_ROWS)):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(_cell(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                else:
                    row.append(_cell(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None))
            rows.append(row)
        sheets.append((sheet.name, _keep_rows(rows)))
        book.unload_sheet(index)
    return _sheets_content("xls", sheets, "xlrd")


def _sheets_content(kind: str, sheets: list[tuple[str, list]], reader: str) -> OfficeContent:
    tables, parts, cells = [], [], 0
    for number, (name, rows) in enumerate(sheets, start=1):
        cells += sum(len(r) for r in rows)
        if not rows or cells > _MAX_CELLS:
            continue
        tables.append(PdfTable(page=number, rows=rows))
        parts.append(_rows_text(name, rows))
    return OfficeContent(kind, "\n".join(parts), tables, None, reader)


def _read_doc(body: bytes) -> OfficeContent:
    """Word binary (.doc, and .wps saved in Word's format) by antiword, else catdoc."""
    for tool, args in (("antiword", ["-w", "0", "-m", "UTF-8.txt", "-"]),
                       ("catdoc", ["-d", "utf-8", "-w"])):
        path = shutil.which(tool)
        if path is None:
            continue
        done = subprocess.run([path, *args] if tool == "antiword" else [path, *args, "-"],
                              input=body, capture_output=True, timeout=_TOOL_TIMEOUT,
                              check=False)
        if done.returncode == 0 and done.stdout.strip():
            text = done.stdout.decode("utf-8", "replace")
            lines, tables = _tool_tables(text)
            return OfficeContent("doc", "\n".join(lines), tables, None, tool)
        raise ExtractionError(f"{tool} could not read this Word file (exit {done.returncode})")
    return OfficeContent("doc")  # no reader installed: recorded with its kind and size


_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")  # antiword


def _row_cells(line: str) -> list[str] | None:
    """Cells of a table row as antiword (``|a |b |``) or catdoc (``a<TAB>b``) print it."""
    match = _PIPE_ROW.match(line)
    if match:
        return match.group(1).split("|")
    return line.split("\t") if "\t" in line.strip() else None


def _tool_tables(text: str) -> tuple[list[str], list[PdfTable]]:
    """Text lines, with the tool's table rows turned into tables."""
    lines: list[str] = []
    tables: list[PdfTable] = []
    current: list[list[str | None]] = []
    for raw in text.splitlines():
        cells = _row_cells(raw)
        if cells is not None:
            current.append([_cell(c) for c in cells])
            continue
        if current:
            tables.append(PdfTable(page=len(tables) + 1, rows=_keep_rows(current)))
            lines.append(_rows_text(None, tables[-1].rows))
            current = []
        if raw.strip():
            lines.append(raw.strip())
    if current:
        tables.append(PdfTable(page=len(tables) + 1, rows=_keep_rows(current)))
        lines.append(_rows_text(None, tables[-1].rows))
    return lines, tables


def _first_line(text: str) -> str | None:
    return next((line.strip()[:120] for line in text.split("\n") if line.strip()), None)
