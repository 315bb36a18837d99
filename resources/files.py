"""What a visitor is told about a downloadable file: its format and its size."""

import os

from django.utils.translation import gettext_lazy as _

FORMATS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "csv": "Excel",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "txt": _("文本"),
    "zip": _("压缩包"),
}


def file_extension(filename: str) -> str:
    return os.path.splitext(filename or "")[1].lstrip(".").lower()


def format_label(filename: str) -> str:
    """``PDF``, ``Word``, ``Excel``, ``PowerPoint`` … from the file name's extension."""
    extension = file_extension(filename)
    return str(FORMATS.get(extension, extension.upper() or _("文件")))


def human_size(size: int | None) -> str:
    """``532 B``, ``12.4 KB``, ``3.1 MB`` (binary units, one decimal)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    return ""  # pragma: no cover
