"""Programmes, applications, accounts and experts for the selection tests."""

import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from core.choices import ConstructionModel, Direction, Province, SchoolType
from promotions.models import ReviewerProfile, ReviewerRole
from selection.choices import AchievementKind, AchievementLevel, Status, TitleRank
from selection.models import Achievement, Application, ApplicationMember, Expert, Programme
from selection.programmes import load_programmes, move_to_stage

PASSWORD = "test-pass-123"  # noqa: S105
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_counter = itertools.count(1)


def at_stage(programme, stage):
    """Move ``programme``'s calendar so that today is in ``stage``."""
    return move_to_stage(programme, stage)


def guizhou_programme(stage="apply"):
    """The Guizhou 2024 programme from the data file, with its calendar moved to ``stage``."""
    load_programmes()
    return at_stage(Programme.objects.get(slug="guizhou-2024"), stage)


def vocational_programme(stage="apply"):
    load_programmes()
    return at_stage(Programme.objects.get(slug="moe-zhongzhi-2026"), stage)


def make_user(username=None, **fields):
    username = username or f"user{next(_counter)}"
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.cn", **fields
    )


def make_reviewer(role, school="", province=Province.GUIZHOU, username=None):
    user = make_user(username)
    ReviewerProfile.objects.create(user=user, role=role, school=school, province=province)
    return user


def school_reviewer(school, username=None):
    return make_reviewer(ReviewerRole.SCHOOL, school=school, username=username)


def province_reviewer(province=Province.GUIZHOU, username=None):
    return make_reviewer(ReviewerRole.PROVINCE, province=province, username=username)


def make_expert(school, name=None, username=None):
    user = make_user(username)
    return Expert.objects.create(user=user, name=name or f"专家{user.pk}", school=school)


def evidence_file(name="证书.pdf", content=PDF_BYTES):
    return ContentFile(content, name=name)


def make_application(
    programme,
    applicant=None,
    *,
    school="筑城师范学院",
    school_type=SchoolType.UNIVERSITY,
    years=6,
    rank=TitleRank.INTERMEDIATE,
    achievements=(
        (AchievementKind.PERSONAL_HONOUR, AchievementLevel.PROVINCE),
        (AchievementKind.RESEARCH, AchievementLevel.CITY),
    ),
    members=6,
    directions=(Direction.CLASS_MANAGEMENT, Direction.FAMILY_SCHOOL),
    status=Status.DRAFT,
    **fields,
):
    """A complete application that meets the Guizhou rules unless told otherwise."""
    n = next(_counter)
    application = Application.objects.create(
        programme=programme,
        applicant=applicant or make_user(),
        status=status,
        studio_name=fields.pop("studio_name", f"测试班主任工作室{n}"),
        school=school,
        school_type=school_type,
        province=fields.pop("province", Province.GUIZHOU),
        city="贵阳市",
        host_name=fields.pop("host_name", f"主持人{n}"),
        host_title="讲师",
        host_title_rank=rank,
        host_in_post=fields.pop("host_in_post", True),
        host_years=years,
        host_phone="13800000000",
        host_email="host@example.cn",
        directions=list(directions),
        construction_model=ConstructionModel.MASTER_TEACHER,
        goals="三年内形成一套可推广的班级管理做法。",
        tasks="每月开展一次专题研讨。",
        outcomes="编写工作手册一本。",
        safeguards="学校每年安排专项经费。",
        school_support="提供独立办公场地。",
        **fields,
    )
    for position in range(members):
        ApplicationMember.objects.create(
            application=application,
            name=f"成员{n}-{position}",
            role="成员",
            title="讲师",
            years=3,
            phone="13900000000",
            sort_order=position,
        )
    for number, (kind, level) in enumerate(achievements):
        Achievement.objects.create(
            application=application,
            kind=kind,
            level=level,
            title=f"业绩{n}-{number}",
            evidence=evidence_file(),
        )
    return application
