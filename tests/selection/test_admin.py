"""The admin side: administrators configure programmes and experts; reviewers and applicants cannot."""

import json

import pytest
from django.urls import reverse

from promotions.models import ReviewerRole
from selection.models import Programme

from .builders import PASSWORD, guizhou_programme, make_reviewer, make_user, school_reviewer

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_selection_programme:add"


def programme_form(**overrides):
    data = {
        "title": "2027年黔中市中职班主任工作室评选",
        "slug": "qianzhong-2027",
        "year": "2027",
        "issuing_body": "黔中市教育局",
        "document_number": "",
        "province": "guizhou",
        "school_type": "vocational",
        "studio_level": "city",
        "apply_deadline": "2027-03-01",
        "school_deadline": "2027-03-15",
        "review_deadline": "2027-04-15",
        "publicity_start": "2027-05-01",
        "publicity_end": "2027-05-07",
        "cycle_start_year": "2027",
        "cycle_years": "2",
        "school_quota": "",
        "rules": json.dumps([{"kind": "head_teacher_years", "at_least": 3}]),
        "criteria": json.dumps([{"key": "plan", "name": "建设方案", "max": 100}]),
        "objection_contact": "黔中市教育局德育科",
        "notice": "",
    }
    data.update(overrides)
    return data


def test_an_administrator_configures_a_programme_and_bad_rules_are_explained(client):
    admin = make_user("boss", is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    bad = programme_form(rules=json.dumps([{"kind": "age", "at_least": 35}]))
    response = client.post(reverse(ADD_URL), bad)
    assert "第 1 条资格条件的类型无效" in response.content.decode()
    assert not Programme.objects.exists()
    response = client.post(reverse(ADD_URL), programme_form())
    assert response.status_code == 302
    assert Programme.objects.get().rule_objects[0].describe() == "连续从事班主任工作 3 年及以上"


@pytest.mark.parametrize("role", [ReviewerRole.SCHOOL, ReviewerRole.PROVINCE, None])
def test_reviewers_and_applicants_cannot_change_programmes_in_the_admin(client, role):
    programme = guizhou_programme()
    user = make_reviewer(role, school="筑城师范学院") if role else make_user()
    client.login(username=user.username, password=PASSWORD)
    edit = reverse("wagtailsnippets_selection_programme:edit", args=[programme.pk])
    response = client.post(edit, programme_form(title="改过的项目"))
    assert response.status_code in (302, 403)
    programme.refresh_from_db()
    assert programme.title == "2024年贵州省高校班主任工作室评选"
    assert client.get(reverse("wagtailsnippets_selection_expert:list")).status_code in (302, 403)


def test_the_selection_desk_is_in_the_admin_menu_only_for_those_who_work_there(client):
    from django.contrib.auth.models import Permission

    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    reviewer = school_reviewer("筑城师范学院")
    reviewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user, shown in ((editor, False), (reviewer, True)):
        client.login(username=user.username, password=PASSWORD)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ("selection-desk" in page) is shown, user  # the sidebar menu item, by name
