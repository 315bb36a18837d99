from django.core.management.base import BaseCommand, CommandError

from selection.models import Programme
from selection.programmes import STAGE_LABELS, STAGES, move_to_stage


class Command(BaseCommand):
    help = (
        "把评选项目的日程移到某一阶段（演示和培训用）："
        "apply 申报中、school 学校推荐中、review 专家评审中、publicity 公示中、closed 公示已结束。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="评选项目的网址名，如 moe-zhongzhi-2026")
        parser.add_argument("stage", choices=list(STAGES), help="阶段")

    def handle(self, *args, slug, stage, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(f"没有网址名为“{slug}”的评选项目。")
        move_to_stage(programme, stage)
        self.stdout.write(f"{programme.title}：日程已移到“{STAGE_LABELS[stage]}”阶段。")
