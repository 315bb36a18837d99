"""``python manage.py import_studios FILE.xlsx [--dry-run]``: the studio information table."""

from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError

from studios.importer import STUDIO_COLUMNS, StudioImportError, import_studios


class Command(BaseCommand):
    help = (
        f"导入《工作室建设情况信息表》（.xlsx，第一个工作表，表头：{' | '.join(STUDIO_COLUMNS)}）。"
        "全部行通过校验才写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="工作室建设情况信息表（.xlsx）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告将新建/更新的工作室，不写入")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            result = import_studios(file, dry_run=dry_run)
        except StudioImportError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"导入失败：共 {len(exc.messages)} 处问题，未写入任何数据。") from exc
        for line in result.privacy_warnings:
            self.stderr.write(f"隐私提示（请核实）：{line}")

        if dry_run:
            for row in result.rows:
                action = "更新" if row.existing_id else "新建"
                self.stdout.write(f"第{row.row_number}行 {action}：{row.fields['title']}（{row.fields['school']}）")
            self.stdout.write(
                f"校验通过（试运行，未写入）：将新建 {len(result.to_create)} 个，更新 {len(result.to_update)} 个。"
            )
            return
        for studio in result.created:
            self.stdout.write(f"新建：{studio.title}（{studio.school}） {unquote(studio.url or '')}")
        for studio in result.updated:
            self.stdout.write(f"更新：{studio.title}（{studio.school}）")
        self.stdout.write(
            self.style.SUCCESS(f"导入完成：新建 {len(result.created)} 个，更新 {len(result.updated)} 个。")
        )
