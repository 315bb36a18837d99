"""The editor's live counter (JavaScript) counts like cases.rules (Python).

Runs cases/static/cases/js/case-body-counter.js in Node with a minimal DOM stub;
skipped with a reason when Node is not installed.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cases.rules import count_characters, html_to_text

SCRIPT = Path(__file__).resolve().parents[2] / "cases" / "static" / "cases" / "js" / "case-body-counter.js"

SAMPLES = [
    "班级\u3000文化，“建设”！\n\t 共\u00a0同 成长。",
    "全角标点：；？！（）【】《》……——",
    "emoji 🙂 与生僻字 𠀀 各算一个",
    "\ufeff零宽不换行空格\u2028行分隔\u202f窄空格",
    "ASCII words and 123 numbers",
]

HARNESS = """
global.window = {};
global.document = {
  readyState: "complete",
  querySelectorAll: function () { return []; },
  createElement: function () {
    var element = { textContent: "" };
    Object.defineProperty(element, "innerHTML", {
      set: function (html) { element.textContent = html.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&"); }
    });
    return element;
  }
};
require(process.argv[1]);
var api = window.caseBodyCounter;
var input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  counts: input.samples.map(api.countCharacters),
  draftail: api.countCharacters(api.valueText(input.draftail)),
  table: api.countCharacters(api.valueText(input.table)),
  empty: api.countCharacters(api.valueText("null")),
  states: input.counts.map(function (n) { return api.describe(n, 3000, 2700); })
}));
"""


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node") or shutil.which("nodejs")
    if not path:
        pytest.skip("Node.js 未安装，无法运行编辑器字数统计脚本")
    return path


def run_counter(node, payload):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [node, "-e", HARNESS, str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_javascript_counts_like_python(node):
    draftail = json.dumps(
        {
            "blocks": [
                {"key": "a", "text": "第一段，有全角标点。", "type": "unstyled"},
                {"key": "b", "text": "第二段\u3000有全角空格", "type": "unordered-list-item"},
            ],
            "entityMap": {},
        }
    )
    table = json.dumps({"data": [["措施", "<b>次数</b>"], [None, "12 次"]], "table_caption": "工作安排"})
    result = run_counter(node, {"samples": SAMPLES, "draftail": draftail, "table": table, "counts": []})
    assert result["counts"] == [count_characters(sample) for sample in SAMPLES]
    assert result["draftail"] == count_characters("第一段，有全角标点。第二段\u3000有全角空格")
    assert result["table"] == count_characters("工作安排措施" + html_to_text("<b>次数</b>") + "12 次")


def test_an_empty_body_counts_zero(node):
    """An empty Draftail editor submits ``null``: it read as four characters."""
    result = run_counter(node, {"samples": [], "draftail": "null", "table": "null", "counts": []})
    assert result["empty"] == 0
    assert result["draftail"] == 0


def test_amber_from_2700_and_red_above_3000_with_what_to_cut(node):
    from cases.rules import MAX_BODY_CHARACTERS, WARN_BODY_CHARACTERS

    assert (MAX_BODY_CHARACTERS, WARN_BODY_CHARACTERS) == (3000, 2700)
    counts = [0, 2699, 2700, 3000, 3001, 3120]
    result = run_counter(node, {"samples": [], "draftail": "", "table": "", "counts": counts})
    states = dict(zip(counts, result["states"], strict=True))
    assert [states[n]["state"] for n in counts] == ["ok", "ok", "near", "near", "over", "over"]
    assert states[2700]["note"] == "还可写 300 字"
    assert states[3120]["note"] == "超出 120 字，请删减"
    assert states[0]["note"] == ""
