from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup, default_output_path


class Command(BaseCommand):
    help = "备份内置的 SQLite 数据库和媒体文件，生成一个带 manifest 的 .tar.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="备份文件路径（默认 var/backups/bzr-backup-<时间>.tar.gz）")

    def handle(self, *args, output=None, **options):
        output = output or default_output_path()
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{output}（数据库 {manifest['database']['bytes']} 字节，"
                f"媒体文件 {media['files']} 个，共 {media['bytes']} 字节）。"
            )
        )
