"""``python manage.py import_applications 项目网址名 FILE.xlsx --by 用户名 [--dry-run]``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from selection.importer import SHEETS, ApplicationImportError, import_applications
from selection.models import Programme


class Command(BaseCommand):
    help = (
        "导入纸质申报的申报书（.xlsx，工作表："
        + "、".join(f"《{name}》" for name in SHEETS)
        + "）。全部通过校验才写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("programme", help="评选项目的网址名，如 guizhou-2024")
        parser.add_argument("file", help="申报书汇总表（.xlsx）")
        parser.add_argument(
            "--by", required=True, help="导入人的用户名（学校审核员或评审组织者），记为推荐记录的操作人"
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args, programme, file, by, dry_run=False, **options):
        round_ = Programme.objects.filter(slug=programme).first()
        if round_ is None:
            raise CommandError(f"没有网址名为“{programme}”的评选项目。")
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(f"没有用户名为“{by}”的有效账号。")
        try:
            applications = import_applications(file, round_, user, dry_run=dry_run)
        except ApplicationImportError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"导入失败：共 {len(exc.messages)} 处问题，未写入任何数据。") from exc
        verb = "校验通过（试运行，未写入）" if dry_run else "导入完成"
        for application in applications:
            self.stdout.write(f"{application.studio_name}（{application.school}）：{application.get_status_display()}")
        self.stdout.write(self.style.SUCCESS(f"{verb}：{len(applications)} 份申报书。"))
