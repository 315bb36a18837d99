"""Demo 通知公告 and 政策文件 (idempotent: a notice already there by slug is left alone)."""

import datetime

from core.choices import NoticeKind
from core.structure import ensure_site_structure

ISSUER = "平台编辑部"

NOTICES = [
    {
        "slug": "2026-anli-zhengji",
        "title": "关于征集2026年度班主任工作典型案例的通知",
        "kind": NoticeKind.NOTICE,
        "date": datetime.date(2026, 9, 1),
        "issuer": ISSUER,
        "summary": "面向各工作室征集五类典型案例，每个工作室报送1至2篇，正文3000字以内，10月31日截止。",
        "body": (
            "<p>各班主任工作室：</p>"
            "<p>为总结推广班主任工作的有效做法，平台启动2026年度典型案例征集。现将有关事项通知如下。</p>"
            "<h2>一、征集范围</h2>"
            "<p>班级文化建设、重点学生帮扶、典型学生教育、家校沟通协调、突发事件处置五类，每个工作室报送1至2篇。</p>"
            "<h2>二、写作要求</h2>"
            "<p>案例应为本人亲历，写清背景、过程、成效与反思；正文3000字以内，学生和家长一律化名。</p>"
            "<h2>三、报送方式</h2>"
            "<p>工作室编辑在后台撰写案例并提交学校审核，经学校推荐、省级审核后发布。截止时间为10月31日。</p>"
        ),
    },
    {
        "slug": "2026-shengji-tuijie-mingdan",
        "title": "关于公布2026年度省级推介典型案例名单的公告",
        "kind": NoticeKind.NOTICE,
        "date": datetime.date(2026, 7, 15),
        "issuer": ISSUER,
        "summary": "经学校推荐、省级审核，一批典型案例获省级推介，名单已在“推介成果”栏目公布。",
        "body": (
            "<p>经学校推荐、各省级教育行政部门审核，本年度一批典型案例获得省级推介。</p>"
            "<p>获推介的案例已标注“省级推介”，可在“推介成果”栏目按级别和年度查看。欢迎各工作室学习借鉴，"
            "引用时请注明作者和所在工作室。</p>"
        ),
    },
    {
        "slug": "gongzuoshi-jianshe-biaozhun",
        "title": "班主任工作室建设基本要求（摘编）",
        "kind": NoticeKind.POLICY,
        "date": datetime.date(2026, 3, 10),
        "issuer": ISSUER,
        "summary": "工作室由1名主持人和5至10名成员组成，选择1至3个建设方向，建设周期2至3年。",
        "body": (
            "<h2>一、团队</h2>"
            "<p>工作室设主持人1名，成员5至10名。主持人应长期担任班主任，具有较强的班级管理和育人能力。</p>"
            "<h2>二、建设方向</h2>"
            "<p>围绕思想引领、家校协同、心理健康教育、学业指导、生涯规划等方向，每个工作室选择1至3个。</p>"
            "<h2>三、建设周期与成果</h2>"
            "<p>建设周期2至3年。期间形成工作手册、典型案例和资源库等成果，典型案例每篇3000字以内。</p>"
        ),
    },
    {
        "slug": "gongzuo-dongtai-tougao-shuoming",
        "title": "“工作动态”栏目投稿说明",
        "kind": NoticeKind.NOTICE,
        "date": datetime.date(2026, 4, 20),
        "issuer": ISSUER,
        "summary": "工作动态写清时间、地点、活动和收获，配2至4张现场照片，避免出现学生正脸。",
        "body": (
            "<p>工作动态记录工作室的教研会、示范课、主题班会、专题讲座等活动。</p>"
            "<p>每条动态写清时间、地点、做了什么、有什么收获，300至800字为宜；配2至4张现场照片，"
            "照片中避免出现可识别的学生正脸。动态由工作室编辑发布，无需逐级审核。</p>"
        ),
    },
]


def load(stdout):
    from .models import NoticeIndexPage, NoticePage

    ensure_site_structure()
    index = NoticeIndexPage.objects.get()
    created = 0
    for fields in NOTICES:
        if NoticePage.objects.filter(slug=fields["slug"]).exists():
            continue
        notice = index.add_child(instance=NoticePage(**fields))
        notice.save_revision().publish()
        created += 1
    stdout.write(f"通知公告演示数据：新建 {created} 条（共 {NoticePage.objects.count()} 条）。")
