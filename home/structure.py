"""The page tree's stable skeleton: ``/``, ``/studios/``, ``/cases/``, ``/handbooks/``, ``/resources/``,
``/notices/``; and, for the demo, the 平台信息 with its 网站声明 page."""

from django.db import transaction
from wagtail.models import Page, Site

from cases.models import CaseIndexPage
from core.models import SiteIdentity
from core.structure import builds_site_structure, ensure_page_root
from notices.models import NoticeIndexPage
from resources.models import HandbookIndexPage, ResourceIndexPage
from studios.models import StudioIndexPage

from .models import HomePage, InfoPage


@builds_site_structure
@transaction.atomic
def ensure_site_structure():
    """Create the home page and the section index pages where missing; return the home page.

    Idempotent. Replaces Wagtail's default welcome page with a :class:`HomePage`
    and points the default site at it.
    """
    home = HomePage.objects.first()
    if home is None:
        ensure_page_root()
        root = Page.get_first_root_node()
        welcome = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save(update_fields=["slug"])
        home = root.add_child(
            instance=HomePage(
                title="班主任工作室成果平台",
                slug="home",
                intro="汇聚全国班主任工作室的建设成果、典型案例、工作手册与育人资源。",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="班主任工作室成果平台"
            )
        else:
            site.root_page = home
            site.site_name = "班主任工作室成果平台"
            site.save()
        if welcome is not None:
            welcome.delete()

    sections = [
        (StudioIndexPage, "studios", "工作室", "各地班主任工作室的建设情况、团队与工作动态。"),
        (
            CaseIndexPage,
            "cases",
            "典型案例",
            "班级文化建设、重点学生帮扶、典型学生教育、家校沟通协调、突发事件处置五类典型案例。",
        ),
        (
            HandbookIndexPage,
            "handbooks",
            "工作手册",
            "班主任工作手册与指南：班情分析、班风学风建设、班级管理、师生互动、学生评价、家校企社多元共育。",
        ),
        (
            ResourceIndexPage,
            "resources",
            "资源库",
            "班级建设方案、班级制度、班级活动、专题教育、课件、视频与研究成果。",
        ),
        (NoticeIndexPage, "notices", "通知公告", "班主任工作室建设的通知公告与政策文件。"),
    ]
    for model, slug, title, intro in sections:
        if not model.objects.child_of(home).exists():
            home.add_child(instance=model(title=title, slug=slug, intro=intro))
    # Every page reads the 平台信息 setting: its row exists before the first visitor (made on
    # a page view instead, it would empty the page cache then).
    for site in Site.objects.all():
        SiteIdentity.for_site(site)
    return home


STATEMENT_SLUG = "shengming"
STATEMENT_BODY = """
<h2>一、平台性质</h2>
<p>本平台是汇聚班主任工作室培育建设成果的公益性展示平台，免费向班主任、学校管理者、学生和家长开放，用于交流学习，不以营利为目的。</p>
<h2>二、版权说明</h2>
<p>平台发布的工作室介绍、工作动态、典型案例、工作手册和资源，著作权归原作者及其所在工作室所有。转载或引用时，请注明出处和原作者；用于出版、汇编或其他商业用途，须事先征得作者书面同意。</p>
<h2>三、内容与隐私</h2>
<p>典型案例中出现的学生、家长均已化名，能识别个人身份的信息已作处理。如发现内容有误，或涉及本人隐私需要更正、撤下，请通过页脚的联系方式告知，平台核实后将及时处理。</p>
<p>浏览本平台无需注册，平台不收集访客的个人信息；资源下载只统计次数，不记录下载者。</p>
<h2>四、外部链接</h2>
<p>平台中指向其他网站的链接仅为方便读者查阅，相关内容由其运营单位负责。</p>
"""

# What the demo shows in the footer; marked as a demo, since no real body runs it.
DEMO_IDENTITY = {
    "organizer": "班主任工作室建设项目组（演示）",
    "operator": "平台运行维护组（演示）",
    "icp_number": "京ICP备20260000号-1（演示）",
    "police_number": "京公网安备11010800000000号（演示）",
    "contact_phone": "010-00000000（演示）",
    "contact_email": "contact@bzr.example.cn",
    "contact_address": "北京市海淀区（演示地址） 邮编 100000",
}


@transaction.atomic
def ensure_demo_identity():
    """Fill the default site's 平台信息 for the demo where it is empty, with a 网站声明 page."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if site is None or home is None:
        return None
    identity = SiteIdentity.for_site(site)
    statement = InfoPage.objects.child_of(home).filter(slug=STATEMENT_SLUG).first()
    if statement is None:
        statement = home.add_child(instance=InfoPage(title="网站声明", slug=STATEMENT_SLUG, body=STATEMENT_BODY))
        statement.save_revision().publish()
    changed = [name for name, value in DEMO_IDENTITY.items() if not getattr(identity, name)]
    for name in changed:
        setattr(identity, name, DEMO_IDENTITY[name])
    if identity.statement_page_id is None:
        identity.statement_page = statement
        changed.append("statement_page")
    if changed:
        identity.save()
    return identity
