"""``python manage.py load_demo``: a realistic demo site (idempotent) and an admin login."""

import importlib
import os
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.bulkload import deferred_indexing
from core.structure import is_local_hostname

# Loaded in this order; each module has ``load(stdout)`` and is idempotent.
DEMO_MODULES = [
    "studios.demo",
    "cases.demo",
    "resources.demo",
    "promotions.demo",
    "notices.demo",
    "selection.demo",
    "assessment.demo",
]

ADMIN_USERNAME = "admin"
ADMIN_DISPLAY_NAME = "平台管理员"
DEFAULT_ADMIN_PASSWORD = "bzr-demo-2026"  # noqa: S105 - documented demo login, override with DEMO_ADMIN_PASSWORD
# Where `make run` serves the demo (scripts/run.sh passes the same address).
DEFAULT_ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "载入演示数据（工作室、工作动态、典型案例、资源与手册），并创建管理员账号 admin。"
        "可重复运行，不会产生重复数据。密码取环境变量 DEMO_ADMIN_PASSWORD，默认 bzr-demo-2026。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-admin", action="store_true", help="不创建或修改管理员账号")
        parser.add_argument(
            "--address",
            default=DEFAULT_ADDRESS,
            help=f"演示站点的访问地址（主机:端口，默认 {DEFAULT_ADDRESS}）：二维码、分享、PDF 与报表中的完整链接以它开头",
        )

    def handle(self, *args, skip_admin=False, address=DEFAULT_ADDRESS, **options):
        started = time.monotonic()
        self.admin_url = f"http://{self.point_site_at(address)}/admin/"
        if not skip_admin:
            # First: the demo's promotions are recorded in the administrator's name.
            self.ensure_admin()
        with deferred_indexing():  # admin search and reference index: once per object, at the end
            for name in DEMO_MODULES:
                importlib.import_module(name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪（用时 {time.monotonic() - started:.1f} 秒）。"))

    def point_site_at(self, address):
        """Give the default Site the address the demo is served at (absolute links start with it)."""
        from wagtail.models import Site

        from home.structure import ensure_demo_identity, ensure_site_structure

        host, _sep, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--address 应为“主机:端口”，如 {DEFAULT_ADDRESS}")
        ensure_site_structure()
        ensure_demo_identity()  # the footer's 主办单位, 备案号 and 网站声明
        site = Site.objects.get(is_default_site=True)
        if not is_local_hostname(site.hostname):  # a real site's address is left alone
            self.stdout.write(f"站点地址保持为 {site.root_url}（不是本机地址，未改动）。")
            return site.root_url.split("://", 1)[1]
        if (site.hostname, site.port) != (host, int(port)):
            site.hostname, site.port = host, int(port)
            site.save()
        return f"{host}:{port}"

    def ensure_admin(self):
        """Create the superuser ``admin``; print a password only when it is the one that works."""
        requested = os.environ.get("DEMO_ADMIN_PASSWORD")
        password = requested or DEFAULT_ADMIN_PASSWORD
        user_model = get_user_model()
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user_model.objects.create_superuser(
                ADMIN_USERNAME, "admin@example.com", password, first_name=ADMIN_DISPLAY_NAME
            )
            state = "已创建"
        else:
            changed = not (user.is_superuser and user.is_staff and user.is_active and user.first_name)
            user.is_superuser = user.is_staff = user.is_active = True
            # Shown as 推介人 and in the admin: a name, not the login "admin".
            user.first_name = user.first_name or ADMIN_DISPLAY_NAME
            if requested and not user.check_password(password):
                user.set_password(password)
                changed = True
            if changed:
                user.save()
            state = "已存在"
            if not user.check_password(password):
                self.stdout.write(
                    f"管理员账号 {ADMIN_USERNAME} {state}，密码已被修改过，未作改动"
                    "（设置环境变量 DEMO_ADMIN_PASSWORD 可重设）。"
                )
                self.stdout.write(f"后台登录地址：{self.admin_url}")
                return
        self.stdout.write(f"管理员账号{state}。后台登录地址：{self.admin_url}")
        self.stdout.write(f"  用户名：{ADMIN_USERNAME}")
        self.stdout.write(f"  密码：{password}")
