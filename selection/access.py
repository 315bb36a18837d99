"""Who may see and do what in a selection round. Every view asks here; nothing is left to templates.

- applicant: their own applications only;
- school reviewer (promotions.ReviewerProfile, role 学校审核员): submitted applications of their school;
- province reviewer (role 省级审核员): recommended applications of programmes their province organises;
  the Ministry's administrators organise the programmes without a province (and may review any);
- expert (selection.Expert): the applications assigned to them, never their own school's;
- the public: only the 公示 page.
"""

from django.core.exceptions import PermissionDenied

from promotions.models import ReviewerRole

from .choices import EXPERT_STATUSES, PROVINCIAL_STATUSES, Status
from .models import Application, Assignment, Programme


def _profile(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "reviewer_profile", None)


def school_of(user):
    """The school a school reviewer recommends for, or None."""
    profile = _profile(user)
    if profile is not None and profile.role == ReviewerRole.SCHOOL and profile.school:
        return profile.school
    return None


def organised_programmes(user):
    """Programmes whose provincial review ``user`` runs."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.all()
    profile = _profile(user)
    if profile is None:
        return Programme.objects.none()
    if profile.role == ReviewerRole.MINISTRY:
        return Programme.objects.all()
    if profile.role == ReviewerRole.PROVINCE and profile.province:
        return Programme.objects.filter(province=profile.province)
    return Programme.objects.none()


def expert_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "selection_expert", None)


def has_desk(user):
    """Whether ``user`` has a selection desk to work at: an applicant, a school, an organiser or an expert.

    The admin menu offers 评选工作台 only to them; a studio editor has nothing to do there.
    """
    if not user.is_authenticated:
        return False
    return bool(
        user.is_superuser
        or school_of(user)
        or expert_of(user)
        or organised_programmes(user).exists()
        or Application.objects.filter(applicant=user).exists()
    )


def school_applications(user):
    school = school_of(user)
    if school is None:
        return Application.objects.none()
    return Application.objects.filter(school=school).exclude(status=Status.DRAFT)


def provincial_applications(user, programme):
    if not organised_programmes(user).filter(pk=programme.pk).exists():
        raise PermissionDenied("您不是该评选项目的省级评审组织者。")
    return programme.applications.filter(status__in=PROVINCIAL_STATUSES)


def expert_assignments(user):
    expert = expert_of(user)
    if expert is None:
        return Assignment.objects.none()
    # A conflicted assignment (added in the admin by mistake) is never shown, nor an application
    # that has not passed the 资格审核 (a draft, or one the school has not recommended).
    return (
        expert.assignments.filter(application__status__in=EXPERT_STATUSES)
        .exclude(application__school=expert.school)
        .select_related("application__programme")
    )


def can_view_application(user, application):
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.pk or user.is_superuser:
        return True
    if application.status != Status.DRAFT and school_of(user) == application.school:
        return True
    if (
        application.status in PROVINCIAL_STATUSES
        and organised_programmes(user).filter(pk=application.programme_id).exists()
    ):
        return True
    return expert_assignments(user).filter(application=application).exists()


def can_see_personal_details(user, application):
    """Phones and e-mail addresses: the applicant and the reviewers who need them, not experts."""
    if application.applicant_id == user.pk or user.is_superuser:
        return True
    if school_of(user) == application.school:
        return True
    return organised_programmes(user).filter(pk=application.programme_id).exists()


def require(condition, message):
    if not condition:
        raise PermissionDenied(message)
