"""Tables of contents for handbook chapters: heading blocks → stable, unique anchors.

Anchors are numbers only (``sec-<chapter>-<h2>[-<h3>[-<h4>]]``), so Chinese headings
need no slugging and two chapters' anchors never collide on the whole-handbook page.
They change only when the headings before them are added, removed or reordered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = {"h2": 1, "h3": 2, "h4": 3}


def chapter_anchor(number: int) -> str:
    return f"ch-{number}"


@dataclass
class Section:
    anchor: str
    text: str
    level: int  # 1 for h2, 2 for h3, 3 for h4
    children: list[Section] = field(default_factory=list)


@dataclass
class BodyItem:
    """One block of a chapter body; headings carry their anchor and their HTML tag."""

    block: object
    anchor: str = ""
    tag: str = ""

    @property
    def text(self):
        return self.block.value["text"] if self.anchor else ""


def build_toc(body, chapter_number: int, shift: int = 0) -> tuple[list[Section], list[BodyItem]]:
    """Return the nested sections and the body items of a chapter's StreamField.

    ``shift`` lowers every heading by that many levels (the whole-handbook page
    uses chapter titles as ``h2``, so chapter headings start at ``h3``).
    """
    counters = [0, 0, 0]
    roots: list[Section] = []
    stack: list[Section] = []
    items: list[BodyItem] = []
    for block in body:
        if block.block_type != "heading":
            items.append(BodyItem(block))
            continue
        level = LEVELS.get(block.value.get("size"), 1)
        counters[level - 1] += 1
        for deeper in range(level, len(counters)):
            counters[deeper] = 0
        anchor = "sec-" + "-".join(str(n) for n in [chapter_number, *counters[:level]])
        section = Section(anchor=anchor, text=block.value["text"], level=level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        tag_level = min(level + 1 + shift, 6)
        items.append(BodyItem(block, anchor=anchor, tag=f"h{tag_level}"))
    return roots, items
