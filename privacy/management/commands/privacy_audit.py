"""``python manage.py privacy_audit [--format csv] [--fail]``: personal information on live pages."""

import csv

from django.core.management.base import BaseCommand, CommandError

from privacy.audit import SEVERITY_LABELS, audit_rows

COLUMNS = ["页面ID", "页面类型", "标题", "网址", "位置", "类别", "处理", "内容（已遮蔽）"]


class Command(BaseCommand):
    help = (
        "检查所有已发布的工作室、工作动态、典型案例、资源、手册及其附件中的学生个人信息"
        "（身份证号、电话、住址、学号、疑似真实姓名等），按页面列出每一处（已遮蔽）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "csv"], default="text", help="输出格式：text（默认）或 csv")
        parser.add_argument("--fail", action="store_true", help="发现须删除的信息时以非零状态退出（用于定期巡检）")

    def handle(self, *args, format="text", fail=False, **options):
        rows = audit_rows()
        records = [
            [
                page.pk,
                str(page._meta.verbose_name),
                page.title,
                page.url_path,
                item.where,
                item.finding.label,
                SEVERITY_LABELS[item.blocking],
                item.finding.masked,
            ]
            for page, item in rows
        ]
        blocking = sum(1 for _page, item in rows if item.blocking)
        pages = len({page.pk for page, _item in rows})
        if format == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(COLUMNS)
            writer.writerows(records)
        else:
            current = None
            for record in records:
                if record[0] != current:
                    current = record[0]
                    self.stdout.write(f"【{record[1]}】{record[2]}（页面 {record[0]}，{record[3]}）")
                self.stdout.write(f"  {record[6]} {record[4]}：{record[5]} {record[7]}")
            summary = f"共检查出 {len(rows)} 处（{pages} 个页面），其中须删除 {blocking} 处、须确认 {len(rows) - blocking} 处。"
            self.stdout.write(summary if rows else "已发布的内容中未发现学生个人信息。")
        if fail and blocking:
            raise CommandError(f"已发布的内容中有 {blocking} 处须删除的个人信息。")
