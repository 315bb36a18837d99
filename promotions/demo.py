"""Demo accounts, one per role, and demo promotions for ``manage.py load_demo`` (idempotent).

The password of every demo role account is ``DEMO_ROLE_PASSWORD`` from the
environment, ``bzr-role-2026`` by default (see docs/roles.md).
"""

import os

from django.contrib.auth import get_user_model

from cases.demo import opinion_for, planned_promotions
from cases.models import CasePage
from core.choices import PromotionLevel
from studios.models import StudioPage

from .accounts import add_editor, ensure_all_studio_spaces, ensure_workflow
from .models import Promotion, ReviewerProfile, ReviewerRole
from .records import promote

DEFAULT_PASSWORD = "bzr-role-2026"  # noqa: S105 - documented demo password, override with DEMO_ROLE_PASSWORD
DEMO_STUDIO_SLUG = "qianxing"
DEMO_YEAR = 2026


def _password():
    return os.environ.get("DEMO_ROLE_PASSWORD") or DEFAULT_PASSWORD


def _account(username, first_name, password):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.cn", "first_name": first_name}
    )
    if created or os.environ.get("DEMO_ROLE_PASSWORD"):
        user.set_password(password)
        user.save()
    return user


def _reviewer(username, first_name, password, role, school="", province=""):
    user = _account(username, first_name, password)
    ReviewerProfile.objects.update_or_create(user=user, defaults={"role": role, "school": school, "province": province})
    return user


def _demo_studio():
    studios = StudioPage.objects.live()
    return studios.filter(slug=DEMO_STUDIO_SLUG).first() or studios.order_by("pk").first()


def _promote(page, level, user, note, batch="第一批", year=DEMO_YEAR):
    if page is None or Promotion.objects.filter(page=page, level=level, year=year).exists():
        return 0
    promote(page, level, user, year=year, note=note, batch=batch)
    return 1


def _administrator():
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _planned_case_promotions(stdout):
    """The case library's promoted cases, as the administrator loading the demo marks them, each
    with the 推荐意见 its promoting body wrote about it."""
    administrator = _administrator()
    if administrator is None:
        stdout.write("审核与推介演示数据：没有站点管理员账号，跳过案例库的推介。")
        return 0
    created = 0
    for title, level, year, opinion in planned_promotions():
        case = CasePage.objects.live().filter(title=title).first()
        created += _promote(case, level, administrator, opinion, batch="", year=year)
    return created


def _case_opinion(page, level):
    """The 推荐意见 the demo data gives ``page`` at ``level``; none (nothing shown) otherwise."""
    return opinion_for(page.title, level)


def load(stdout):
    ensure_workflow()
    ensure_all_studio_spaces()
    studio = _demo_studio()
    if studio is None:
        stdout.write("审核与推介演示数据：没有已发布的工作室，跳过。")
        return
    password = _password()
    editor = _account("demo_editor", "罗静（工作室编辑）", password)
    add_editor(studio, editor)
    school = _reviewer("demo_school", "学校审核员", password, ReviewerRole.SCHOOL, studio.school, studio.province)
    province = _reviewer("demo_province", "省级审核员", password, ReviewerRole.PROVINCE, province=studio.province)
    ministry = _reviewer("demo_ministry", "部级管理员", password, ReviewerRole.MINISTRY)

    from wagtail.models import Page

    own_items = list(
        Page.objects.live().descendant_of(studio).filter(content_type__model__in=["casepage", "resourcepage"])
    )
    # The Ministry's own account promotes two demo cases the data files it under (in their year).
    ministry_titles = [
        title for title, level, _year, _opinion in planned_promotions() if level == PromotionLevel.MINISTRY
    ]
    other_cases = [
        case
        for title in ministry_titles
        for case in CasePage.objects.live().filter(title=title).exclude(pk__in=[p.pk for p in own_items])[:1]
    ][:2]
    created = _promote(studio, PromotionLevel.SCHOOL, school, "工作室团队稳定、活动扎实，推荐参加省级遴选。")
    created += _promote(studio, PromotionLevel.PROVINCE, province, "新生适应教育做法成体系，在全省中职学校推广。")
    if own_items:
        created += _promote(own_items[0], PromotionLevel.SCHOOL, school, _case_opinion(own_items[0], "school"))
        created += _promote(own_items[0], PromotionLevel.MINISTRY, ministry, _case_opinion(own_items[0], "ministry"))
    for case in other_cases:
        opinion = _case_opinion(case, PromotionLevel.MINISTRY)
        created += _promote(case, PromotionLevel.MINISTRY, ministry, opinion, year=case.year)
    created += _planned_case_promotions(stdout)

    stdout.write(f"审核与推介演示数据：新增推介 {created} 条；演示账号（密码均为 {password}）：")
    stdout.write(f"  工作室编辑：demo_editor（{studio.title}）")
    stdout.write(f"  学校审核员：demo_school（{studio.school}）")
    stdout.write(f"  省级审核员：demo_province（{studio.get_province_display()}）")
    stdout.write("  部级管理员：demo_ministry（全国）")
