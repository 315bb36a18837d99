"""立项: the approved applications become studio pages, through the studio import's own write path.

``studios.importer.write_rows`` is what ``import_studios`` uses to create (or, for a studio of the
same school and name, update) studio pages; saving a studio gives it its editors' group
(promotions.accounts.ensure_studio_space), and the applicant becomes its first editor.
Running it again creates nothing new: applications already linked to a studio are skipped.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from promotions.accounts import add_editor
from studios.importer import ImportResult, StudioRow, text_to_introduction, write_rows

from .access import organised_programmes
from .choices import Status


def studio_fields(application):
    programme = application.programme
    introduction = "\n".join(
        line
        for line in [
            f"{programme.title}立项建设。",
            f"建设目标：{application.goals}" if application.goals else "",
            f"预期成果：{application.outcomes}" if application.outcomes else "",
        ]
        if line
    )
    return {
        "title": application.studio_name,
        "province": application.province,
        "city": application.city,
        "school": application.school,
        "school_type": application.school_type,
        "level": programme.studio_level,
        "host_name": application.host_name,
        "host_title": application.host_title,
        "host_years": application.host_years,
        "host_honours": "\n".join(a.title for a in application.achievements.all()),
        "construction_model": application.construction_model,
        "cycle_start_year": programme.cycle_start_year,
        "cycle_years": programme.cycle_years,
        "introduction": text_to_introduction(introduction),
    }


def establishable(programme):
    return programme.applications.filter(status=Status.PROPOSED, objection_upheld=False, studio__isnull=True)


@transaction.atomic
def establish(programme, user, *, note):
    """党组审议通过后立项：create the studios of every 拟立项 application without an upheld objection."""
    if not organised_programmes(user).filter(pk=programme.pk).exists():
        raise PermissionDenied("您不是该评选项目的省级评审组织者。")
    if not programme.publicity_over():
        raise ValidationError(f"公示期至 {programme.publicity_end:%Y年%m月%d日}，公示结束后才能立项。")
    if not note.strip() and not programme.final_review_note:
        raise ValidationError("请填写党组审议意见（会议名称、日期和结论）。")

    applications = list(establishable(programme).prefetch_related("members").order_by("pk"))
    rows = [
        StudioRow(number, studio_fields(app), [m.name for m in app.members.all()], list(app.directions))
        for number, app in enumerate(applications, start=1)
    ]
    result = ImportResult(rows=rows)
    if rows:
        write_rows(rows, result)
    studios = result.created + result.updated
    for application, studio in zip(applications, studios, strict=True):
        details = {m.name: m for m in application.members.all()}
        members = list(studio.members.all())
        for member in members:
            source = details.get(member.name)
            if source is not None:
                member.role, member.title, member.years = source.role or "成员", source.title, source.years
        studio.members = members  # the revision below carries the details to the live page
        # Authorised above (the organiser of the round), not by page permissions.
        revision = studio.save_revision(user=user, log_action=True)
        revision.publish(user=user, log_action=True, skip_permission_checks=True)
        add_editor(studio, application.applicant)
        application.studio = studio
        application.status = Status.APPROVED
        application.save(update_fields=["studio", "status", "updated_at"])
    # Proposals withdrawn after an upheld objection are not selected.
    programme.applications.filter(status=Status.PROPOSED, objection_upheld=True).update(status=Status.NOT_SELECTED)
    if note.strip():
        programme.final_review_note = note.strip()
    programme.established_at = programme.established_at or timezone.now()
    programme.established_by = programme.established_by or user
    programme.save(update_fields=["final_review_note", "established_at", "established_by"])
    return studios
