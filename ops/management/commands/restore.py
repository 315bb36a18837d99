from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, read_manifest, restore_backup, site_has_content
from ops.pagecache import bump_generation


class Command(BaseCommand):
    help = "从 backup 命令生成的 .tar.gz 文件恢复 SQLite 数据库和媒体文件。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（.tar.gz）")
        parser.add_argument("--force", action="store_true", help="覆盖现有的数据库和媒体文件")

    def handle(self, *args, file, force=False, **options):
        try:
            manifest = read_manifest(file)
            if site_has_content() and not force:
                raise CommandError("当前站点已有数据库或媒体文件，恢复会覆盖它们。确认要覆盖时请加上 --force。")
            manifest = restore_backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        bump_generation()
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成：备份时间 {manifest['created_at']}，媒体文件 {manifest['media']['files']} 个。"
            )
        )
        if manifest.get("kept_media"):
            self.stdout.write(f"原有媒体文件已保留在：{manifest['kept_media']}")
        self.stdout.write("如代码比备份新，请接着运行 python manage.py migrate。")
