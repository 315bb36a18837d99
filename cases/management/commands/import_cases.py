"""``python manage.py import_cases DIR [--dry-run]``: typical cases from Word documents."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.importer import CASE_COLUMNS, INDEX_FILE, CaseImportError, import_cases, label
from core.choices import PromotionLevel


class Command(BaseCommand):
    help = (
        f"从文件夹导入典型案例：{INDEX_FILE}（第一个工作表，表头：{' | '.join(CASE_COLUMNS)}）"
        "和“正文文件”列出的 .docx 文件。全部行通过校验才写入。"
        "“推介级别”列生成推介记录须用 --by 指明执行导入的站点管理员（推介人）；不指明时该列不导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help=f"包含 {INDEX_FILE} 和 Word 正文文件的文件夹")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告将新建/更新的案例，不写入")
        parser.add_argument(
            "--by", metavar="用户名", help="执行导入的站点管理员账号：“推介级别”列生成的推介记录在其名下"
        )

    def handle(self, *args, directory, dry_run=False, by=None, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(username=by, is_active=True).first()
            if user is None:
                raise CommandError(f"找不到可用的账号“{by}”。")
        try:
            result = import_cases(directory, dry_run=dry_run, user=user)
        except CaseImportError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"导入失败：共 {len(exc.messages)} 处问题，未写入任何数据。") from exc
        for line in result.privacy_warnings:
            self.stderr.write(f"隐私提示（请核实）：{line}")

        for row in result.levels_left_out:
            self.stderr.write(
                f"第{row.row_number}行 推介级别：“{label(PromotionLevel, row.promotion_level)}”未导入，"
                "推介须由站点管理员导入（import_cases --by 用户名）。"
            )
        if dry_run:
            for row in result.rows:
                action = "更新" if row.existing_id else "新建"
                self.stdout.write(f"第{row.row_number}行 {action}：{row.title}（正文 {row.character_count} 字）")
            self.stdout.write(
                f"校验通过（试运行，未写入）：将新建 {len(result.to_create)} 个，更新 {len(result.to_update)} 个。"
            )
            return
        for case in result.created:
            self.stdout.write(f"新建：{case.title}（{case.studio.title}） {case.url}")
        for case in result.updated:
            self.stdout.write(f"更新：{case.title}（{case.studio.title}）")
        self.stdout.write(
            self.style.SUCCESS(f"导入完成：新建 {len(result.created)} 个，更新 {len(result.updated)} 个。")
        )
