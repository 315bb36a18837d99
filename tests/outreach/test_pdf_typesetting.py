"""The case PDF follows Chinese line-breaking rules: no line starts with closing punctuation."""

import pytest
from reportlab.platypus import Paragraph

from outreach import pdf

TEXT = (
    "周日晚上，一条视频在本地网络平台上传播，配文称学校食堂出现食品安全问题；评论区里有人转发、有人猜测，"
    "还有家长在班级群里询问：这是真的吗？我看了视频，发现画面中的场景并不是我们学校的食堂！"
    "谣言已经开始扩散（家长群里转发了十多次），我决定先核实，再回应，并把《网络信息辨别指南》发到群里。"
)


def line_starts(style, width):
    paragraph = Paragraph(TEXT, style)
    paragraph.wrap(width, 10_000)
    return [line[1][0][:1] for line in paragraph.blPara.lines]


@pytest.mark.parametrize("style_name", ["body", "summary", "meta"])
def test_no_line_of_a_pdf_paragraph_starts_with_closing_punctuation(style_name):
    pdf._register_font()  # also teaches ReportLab the Chinese rules, as every PDF does
    style = pdf._styles()[style_name]
    offenders = []
    for width in range(90, 480, 3):  # every line length from a narrow column to the A4 text width
        starts = line_starts(style, width)
        assert len(starts) > 1
        offenders += [(width, start) for start in starts[1:] if start in pdf.NO_LINE_START]
    assert not offenders, offenders[:10]
