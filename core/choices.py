"""The domain's fixed vocabularies, defined once (see ../shared/DOMAIN.md).

Every model, form, import and template takes its values and labels from here.
"""

import re

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    """建设方向: a studio picks 1-3."""

    IDEOLOGY = "ideology", _("思想引领")
    FAMILY_SCHOOL = "family-school", _("家校协同")
    MENTAL_HEALTH = "mental-health", _("心理健康教育")
    STUDY = "study", _("学业指导")
    CAREER = "career", _("生涯规划")
    INNOVATION = "innovation", _("创新创业")
    ONLINE_IDEOLOGY = "online-ideology", _("网络思想政治教育")
    CLASS_MANAGEMENT = "class-management", _("班级管理")
    CULTURE = "culture", _("文化建设")


class CaseCategory(models.TextChoices):
    """案例库类别."""

    CLASS_CULTURE = "class-culture", _("班级文化建设")
    KEY_STUDENT_SUPPORT = "key-student-support", _("重点学生帮扶")
    TYPICAL_STUDENT = "typical-student", _("典型学生教育")
    FAMILY_COMMUNICATION = "family-communication", _("家校沟通协调")
    EMERGENCY = "emergency", _("突发事件处置")


#: One line on what each case category covers (shown where an editor chooses it).
CASE_CATEGORY_DESCRIPTIONS = {
    CaseCategory.CLASS_CULTURE: _("班名班徽、班级公约、主题活动等凝聚班集体、形成班风学风的做法"),
    CaseCategory.KEY_STUDENT_SUPPORT: _("对学业困难、心理困扰、家庭困难等学生持续帮扶的过程与成效"),
    CaseCategory.TYPICAL_STUDENT: _("一名或一类学生的教育转化：问题、措施、转变与反思"),
    CaseCategory.FAMILY_COMMUNICATION: _("与家长沟通、化解分歧，形成家校（企社）合力的做法"),
    CaseCategory.EMERGENCY: _("校内外突发事件的发现、应对、善后与预防"),
}


class SchoolType(models.TextChoices):
    """学校类型."""

    VOCATIONAL = "vocational", _("中职")
    UNIVERSITY = "university", _("高校")


class ConstructionModel(models.TextChoices):
    """建设模式."""

    MASTER_TEACHER = "master-teacher", _("名师工作室")
    MENTORSHIP = "mentorship", _("师徒结对")
    TASK_DRIVEN = "task-driven", _("专题任务驱动")
    RESEARCH_LED = "research-led", _("专项课题引领")
    COURSE_TRAINING = "course-training", _("专门课程培训")
    MODULAR_TEAM = "modular-team", _("模块化团队协作")
    OTHER = "other", _("其他")


class WorkCarrier(models.TextChoices):
    """工作载体 (also the activity kinds of studio updates)."""

    TEACHING_RESEARCH = "teaching-research", _("教研会")
    DEMONSTRATION = "demonstration", _("示范课")
    RESOURCE_LIBRARY = "resource-library", _("资源库")
    CONSULTATION = "consultation", _("典型学生“会诊”")
    EMOTION_SALON = "emotion-salon", _("情感沙龙")
    CLASS_MEETING = "class-meeting", _("主题班会")
    SEMINAR = "seminar", _("专题研讨")
    ACADEMIC_SALON = "academic-salon", _("学术沙龙")
    EXPERIENCE_SHARING = "experience-sharing", _("经验分享")
    READING = "reading", _("读书交流")
    LECTURE = "lecture", _("专题讲座")
    OTHER = "other", _("其他活动")


class PromotionLevel(models.TextChoices):
    """推介级别 (``none`` is 无 in spreadsheets)."""

    NONE = "none", _("无")
    SCHOOL = "school", _("校级")
    PROVINCE = "province", _("省级")
    MINISTRY = "ministry", _("部级")


#: The promotion levels as numbers to sort by, highest first (部级 3 … none 0).
PROMOTION_RANKS = {PromotionLevel.MINISTRY: 3, PromotionLevel.PROVINCE: 2, PromotionLevel.SCHOOL: 1}


class NoticeKind(models.TextChoices):
    """通知公告 or 政策文件 (a notice's kind)."""

    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")


class StudioLevel(models.TextChoices):
    """工作室级别."""

    SCHOOL = "school", _("校级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


class StudioStatus(models.TextChoices):
    """工作室状态: 申报中 → 学校推荐 → 已立项(建设中) → 已验收."""

    APPLYING = "applying", _("申报中")
    RECOMMENDED = "recommended", _("学校推荐")
    BUILDING = "building", _("已立项（建设中）")
    ACCEPTED = "accepted", _("已验收")


class ResourceType(models.TextChoices):
    """资源类型."""

    HANDBOOK = "handbook", _("工作手册/指南")
    CLASS_PLAN = "class-plan", _("班级建设方案")
    CLASS_RULES = "class-rules", _("班级制度")
    CLASS_ACTIVITY = "class-activity", _("班级活动")
    THEMED_EDUCATION = "themed-education", _("专题教育")
    COURSEWARE = "courseware", _("课件")
    VIDEO = "video", _("视频")
    RESEARCH = "research", _("研究成果（论文、课题）")
    POLICY = "policy", _("制度文件")


class HandbookTopic(models.TextChoices):
    """手册主题 (from the construction standard)."""

    CLASS_ANALYSIS = "class-analysis", _("班情分析")
    CLASS_STYLE = "class-style", _("班风学风建设")
    CLASS_MANAGEMENT = "class-management", _("班级管理")
    INTERACTION = "interaction", _("师生互动")
    EVALUATION = "evaluation", _("学生评价")
    CO_EDUCATION = "co-education", _("家校企社多元共育")


class Province(models.TextChoices):
    """省级行政区."""

    BEIJING = "beijing", _("北京市")
    TIANJIN = "tianjin", _("天津市")
    HEBEI = "hebei", _("河北省")
    SHANXI = "shanxi", _("山西省")
    INNER_MONGOLIA = "inner-mongolia", _("内蒙古自治区")
    LIAONING = "liaoning", _("辽宁省")
    JILIN = "jilin", _("吉林省")
    HEILONGJIANG = "heilongjiang", _("黑龙江省")
    SHANGHAI = "shanghai", _("上海市")
    JIANGSU = "jiangsu", _("江苏省")
    ZHEJIANG = "zhejiang", _("浙江省")
    ANHUI = "anhui", _("安徽省")
    FUJIAN = "fujian", _("福建省")
    JIANGXI = "jiangxi", _("江西省")
    SHANDONG = "shandong", _("山东省")
    HENAN = "henan", _("河南省")
    HUBEI = "hubei", _("湖北省")
    HUNAN = "hunan", _("湖南省")
    GUANGDONG = "guangdong", _("广东省")
    GUANGXI = "guangxi", _("广西壮族自治区")
    HAINAN = "hainan", _("海南省")
    CHONGQING = "chongqing", _("重庆市")
    SICHUAN = "sichuan", _("四川省")
    GUIZHOU = "guizhou", _("贵州省")
    YUNNAN = "yunnan", _("云南省")
    TIBET = "tibet", _("西藏自治区")
    SHAANXI = "shaanxi", _("陕西省")
    GANSU = "gansu", _("甘肃省")
    QINGHAI = "qinghai", _("青海省")
    NINGXIA = "ningxia", _("宁夏回族自治区")
    XINJIANG = "xinjiang", _("新疆维吾尔自治区")
    XPCC = "xpcc", _("新疆生产建设兵团")


def value_for_label(choices, label):
    """Return the stored value for a Chinese label (as written in spreadsheets), or None.

    Accepts the label itself, the stored value, and for provinces the short name
    without 省/市/自治区 (e.g. 贵州 for 贵州省).
    """
    text = (label or "").strip()
    if not text:
        return None
    for value, choice_label in choices.choices:
        if text in (str(choice_label), value):
            return value
    if choices is Province:
        for value, choice_label in choices.choices:
            short = str(choice_label)
            for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
                if short.endswith(suffix) and short != "新疆生产建设兵团":
                    short = short[: -len(suffix)]
                    break
            if text == short:
                return value
    return None


LIST_SEPARATORS = "、,，;；"


def split_list(text):
    """Split a spreadsheet cell such as ``思想引领、家校协同`` into its items."""

    parts = re.split(f"[{LIST_SEPARATORS}\n]", str(text or ""))
    return [part.strip() for part in parts if part.strip()]


class ChoiceLabelsMixin:
    """``get_<field>_display()`` that translates the one label it returns, not every label.

    Django's own builds ``dict(make_hashable(field.flatchoices))``, which hashes (and so
    translates) every lazy label of the field, each time: 34 provinces for one province name.
    With Wagtail's many ``zh`` catalogues an untranslated label walks a chain of a dozen
    fallback catalogues, so a studio card spent about a millisecond on its labels. Put the
    mixin before ``Page`` in the bases of models with choice fields shown on public pages.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = dict(field.flatchoices).get(value, value)
        except TypeError:  # an unhashable value: Django's version copes with those
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
