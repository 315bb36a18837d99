"""``python manage.py audit_promotions``: the promotions that do not say who made them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from promotions.records import level_label, without_promoter


class Command(BaseCommand):
    help = (
        "列出没有推介人的推介记录（编号、级别、年度、内容、推介时间、推荐意见）。"
        "每条推介都应由有权限的审核人员或执行导入的站点管理员做出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fail", action="store_true", help="发现这样的记录时以非零状态退出（用于定期巡检）")

    def handle(self, *args, fail=False, **options):
        promotions = list(without_promoter())
        for promotion in promotions:
            created = timezone.localtime(promotion.created_at).strftime("%Y-%m-%d %H:%M")
            note = promotion.note.replace("\n", " ")[:40]
            self.stdout.write(
                f"#{promotion.pk} {level_label(promotion.level)} {promotion.year} "
                f"“{promotion.page.title}”（页面 {promotion.page_id}） 推介时间 {created} 推荐意见：{note or '—'}"
            )
        if not promotions:
            self.stdout.write("所有推介都记录了推介人。")
            return
        summary = f"共 {len(promotions)} 条推介没有推介人。"
        if fail:
            raise CommandError(summary)
        self.stdout.write(summary)
