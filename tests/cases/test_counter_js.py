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
  table: api.countCharacters(api.valueText(input.table))
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
    result = run_counter(node, {"samples": SAMPLES, "draftail": draftail, "table": table})
    assert result["counts"] == [count_characters(sample) for sample in SAMPLES]
    assert result["draftail"] == count_characters("第一段，有全角标点。第二段\u3000有全角空格")
    assert result["table"] == count_characters("工作安排措施" + html_to_text("<b>次数</b>") + "12 次")
