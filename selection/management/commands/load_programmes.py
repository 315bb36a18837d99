from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from selection.programmes import DATA, load_programmes


class Command(BaseCommand):
    help = "从数据文件载入评选项目（默认 selection/data/programmes.json）；按网址名更新，可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATA), help="评选项目数据文件（JSON）")

    def handle(self, *args, path, **options):
        try:
            programmes = load_programmes(path)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        for programme in programmes:
            self.stdout.write(f"评选项目：{programme.title}（{programme.slug}）")
