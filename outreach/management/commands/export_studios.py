from django.core.management.base import BaseCommand

from core.choices import Province, value_for_label
from outreach.exports import studios_workbook
from studios.models import StudioPage


class Command(BaseCommand):
    help = "导出《工作室建设情况信息表》（与 import_studios 相同的格式）到 FILE.xlsx"

    def add_arguments(self, parser):
        parser.add_argument("file", help="输出的 .xlsx 文件")
        parser.add_argument("--province", help="只导出某省份（代码或名称，如 guizhou / 贵州省）")
        parser.add_argument("--live", action="store_true", help="只导出已发布的工作室")

    def handle(self, *args, **options):
        studios = StudioPage.objects.all()
        if options["province"]:
            province = value_for_label(Province, options["province"])
            if province is None:
                self.stderr.write(f"未知的省份：{options['province']}")
                raise SystemExit(2)
            studios = studios.filter(province=province)
        if options["live"]:
            studios = studios.live()
        workbook = studios_workbook(studios)
        workbook.save(options["file"])
        self.stdout.write(f"已导出 {workbook.active.max_row - 1} 个工作室到 {options['file']}")
