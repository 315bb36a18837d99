"""``python manage.py load_standards [FILE ...]``: load construction standards from data files."""

from django.core.management.base import BaseCommand, CommandError

from assessment.loader import STANDARDS_DIR, StandardFileError, load_standard, read_standard


class Command(BaseCommand):
    help = f"载入建设标准（默认载入 {STANDARDS_DIR} 下的全部 JSON 文件）；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="标准数据文件（JSON）")

    def handle(self, *args, files=(), **options):
        paths = files or sorted(str(p) for p in STANDARDS_DIR.glob("*.json"))
        try:
            standards = [load_standard(read_standard(path)) for path in paths]
        except StandardFileError as error:
            raise CommandError(str(error)) from error
        for standard in standards:
            count = standard.indicators.filter(level=3).count()
            self.stdout.write(f"已载入《{standard.name}》（{standard.version}）：{count} 个三级指标。")
