"""Plain text of uploaded .docx, .pdf and .xlsx files, bounded before parsing (untrusted files).

A file larger than :data:`MAX_FILE_BYTES`, a zip package (.docx/.xlsx) whose members unpack to
more than :data:`MAX_UNPACKED_BYTES` or compress more than :data:`MAX_COMPRESSION_RATIO` times,
or a PDF of more than :data:`MAX_PDF_PAGES` pages is not parsed: :class:`Unreadable` says why,
and the page that links it shows a warning the editor confirms after checking the file by hand
(see ``docs/privacy.md``). At most :data:`MAX_TEXT_CHARACTERS` characters are read.
"""

import io
import zipfile

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_PDF_PAGES = 200
MAX_TEXT_CHARACTERS = 300_000
SCANNED_EXTENSIONS = {"docx", "pdf", "xlsx"}


class Unreadable(Exception):
    """The file cannot be scanned safely; the message says why, in Chinese."""


def _check_zip(data):
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise Unreadable("文件已损坏或不是有效的 Office 文件") from error
    unpacked = sum(member.file_size for member in package.infolist())
    packed = sum(member.compress_size for member in package.infolist()) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise Unreadable("文件解压后过大，无法安全检查")


def _docx_text(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(paragraph.text for paragraph in part.paragraphs)
    return "\n".join(parts)


def _xlsx_text(data):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts, size = [], 0
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                line = " ".join(str(value) for value in row if value is not None)
                parts.append(line)
                size += len(line)
                if size > MAX_TEXT_CHARACTERS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)


def _pdf_text(data):
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise Unreadable(f"PDF 超过 {MAX_PDF_PAGES} 页，无法自动检查")
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT_CHARACTERS:
                break
    except PdfReadError as error:
        raise Unreadable("PDF 文件已损坏或已加密，无法检查") from error
    return "\n".join(parts)


def extract_text(data, extension):
    """The text of a file's bytes ``data``; ``None`` for a type that is not scanned."""
    extension = extension.lower().lstrip(".")
    if extension not in SCANNED_EXTENSIONS:
        return None
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，无法自动检查")
    if extension in ("docx", "xlsx"):
        _check_zip(data)
    try:
        text = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text}[extension](data)
    except Unreadable:
        raise
    except Exception as error:  # a malformed file of an untrusted source: report, never crash the save
        raise Unreadable("文件无法读取，可能已损坏") from error
    return text[:MAX_TEXT_CHARACTERS]
