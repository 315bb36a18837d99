from django.core.management.base import BaseCommand

from cases.models import CasePage
from outreach.exports import export_cases_folder


class Command(BaseCommand):
    help = "导出《典型案例汇总表》（DIR/index.xlsx，与 import_cases 相同的格式另加“链接”列）和每个案例的 Word 正文"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="输出文件夹（不存在时创建）")
        parser.add_argument("--year", type=int, help="只导出某年度的案例")
        parser.add_argument("--live", action="store_true", help="只导出已发布的案例")

    def handle(self, *args, **options):
        cases = CasePage.objects.all()
        if options["year"]:
            cases = cases.filter(year=options["year"])
        if options["live"]:
            cases = cases.live()
        count = export_cases_folder(options["directory"], cases)
        self.stdout.write(f"已导出 {count} 个案例到 {options['directory']}")
