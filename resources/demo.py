"""Demo handbooks and resources for ``load_demo`` (idempotent)."""


def load(stdout):
    """Create the demo handbooks and resources below the live demo studios."""
    stdout.write("资源与手册演示数据：尚未实现。")
