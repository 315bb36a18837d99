"""The gate for spreadsheet and Word imports: each cell scanned, reported per row and column."""

from . import detector
from .content import split_names


def cell_findings(cells, names=(), *, work_contacts_allowed=False, images=0):
    """``(blocking, warnings)``: ``[(column, reason)]`` for the text cells ``{column: text}``.

    ``images``: pictures in the row's body (each asks for the consent of the people shown).
    """
    blocking, warnings = [], []
    for column, text in cells.items():
        if not isinstance(text, str) or not text:
            continue
        for finding in detector.scan(text, names, work_contacts_allowed=work_contacts_allowed):
            if finding.blocking:
                blocking.append((column, f"含有{finding.label} {finding.masked}，请删除或改写后再导入"))
            else:
                warnings.append((column, f"{finding.label} {finding.masked}：请核实已使用化名或取得书面同意"))
    if images:
        warnings.append(("正文文件", f"含有 {images} 张图片：请确认已取得图中人物（或其监护人）的书面同意"))
    return blocking, warnings


def names_in(*values):
    """Public names from cells such as 作者、主持人、成员 (“王芳、李明”)."""
    names = set()
    for value in values:
        names.update(split_names(value if isinstance(value, str) else ""))
    return names
