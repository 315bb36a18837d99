from django.core.management.base import BaseCommand

from promotions.accounts import ensure_all_studio_spaces, ensure_workflow
from promotions.records import refresh_all_case_levels


class Command(BaseCommand):
    help = (
        "补齐审核与推介的基础数据（可重复运行）：审核工作流与审核员用户组、每个工作室的编辑组与图片文档集合，"
        "并按推介记录更新典型案例的“推介级别”（取最高级别）。不会新建推介。"
    )

    def handle(self, *args, **options):
        ensure_workflow()
        spaces = ensure_all_studio_spaces()
        cases = refresh_all_case_levels()
        self.stdout.write(f"审核工作流已就绪；新建工作室编辑组 {spaces} 个；按推介记录更新案例推介级别 {cases} 个。")
