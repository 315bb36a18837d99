"""Evidence uploads: size and type checked from the first bytes, before anything parses the file."""

from django.core.exceptions import ValidationError

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
# What the file's first bytes must be for each allowed extension.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_evidence(file):
    name = (getattr(file, "name", "") or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError("证明材料只能是 PDF、JPG 或 PNG 文件。")
    if file.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(f"证明材料不能超过 5 MB（当前 {file.size / 1024 / 1024:.1f} MB）。")
    if getattr(file, "_committed", False):  # already stored: checked when it was uploaded
        return
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError("证明材料的内容与文件类型不符（文件可能已损坏或被改了扩展名）。")
