from django.core.management.base import BaseCommand

from promotions.accounts import ensure_all_studio_spaces, ensure_workflow
from promotions.sync import sync_all_cases


class Command(BaseCommand):
    help = (
        "补齐审核与推介的基础数据（可重复运行）：审核工作流与审核员用户组、每个工作室的编辑组与图片文档集合，"
        "以及按典型案例的“推介级别”字段生成推介记录。"
    )

    def handle(self, *args, **options):
        ensure_workflow()
        spaces = ensure_all_studio_spaces()
        promotions = sync_all_cases()
        self.stdout.write(f"审核工作流已就绪；新建工作室编辑组 {spaces} 个；由案例推介级别新增推介 {promotions} 条。")
