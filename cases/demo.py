"""Demo typical cases for ``manage.py load_demo`` (filled in below)."""


def load(stdout):
    """Create the demo cases under the live studios (idempotent)."""
    stdout.write("典型案例：示例数据尚未生成。")
