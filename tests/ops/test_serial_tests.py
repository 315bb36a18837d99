"""Tests that commit (``transaction=True``) flush the database when they end, which takes the rows data
migrations made (the 建设标准, the default Site) from every later test of the same xdist worker. The
README's test command runs them in a process of their own: every such file must be listed there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_committing_test_file_runs_in_the_serial_process():
    listed = re.search(r"SERIAL_TESTS=\(([^)]*)\)", (ROOT / "scripts" / "test.sh").read_text()).group(1).split()
    committing = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("test_*.py")
        if path.resolve() != Path(__file__).resolve()
        and re.search(r"transaction=True|TransactionTestCase|transactional_db", path.read_text(encoding="utf-8"))
    )
    assert committing, "the search itself found nothing: the pattern or the folder is wrong"
    assert sorted(listed) == committing
