"""The 建设方向 rows and the site settings (平台信息, 编辑指引) move from ``home`` to ``core``.

Only the migration state moves: the tables keep their names (``db_table``), other apps'
relations are re-pointed in their own state-only migrations, and ``home`` forgets the
models after them. The content-type rows are renamed, so that permissions, revisions and
log entries that refer to them stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["direction", "editorguidance", "siteidentity"]


def rename_content_types(source, target):
    def rename(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MOVED:
            old = ContentType.objects.filter(app_label=source, model=model).first()
            if old is None:  # a new database: the rows are made after migrate
                continue
            # A row made for the new label meanwhile (post_migrate between two partial
            # migrations) would hold the name: the old row, with its permissions, wins.
            ContentType.objects.filter(app_label=target, model=model).delete()
            old.app_label = target
            old.save(update_fields=["app_label"])

    return rename


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_site_identity_info_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Direction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(choices=[('ideology', '思想引领'), ('family-school', '家校协同'), ('mental-health', '心理健康教育'), ('study', '学业指导'), ('career', '生涯规划'), ('innovation', '创新创业'), ('online-ideology', '网络思想政治教育'), ('class-management', '班级管理'), ('culture', '文化建设')], max_length=40, unique=True, verbose_name='代码')),
                    ],
                    options={
                        'verbose_name': '建设方向',
                        'verbose_name_plural': '建设方向',
                        'db_table': 'home_direction',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='EditorGuidance',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('case_writing_guide', models.ForeignKey(blank=True, help_text='编辑典型案例时，“案例类别”旁链接到这一页（如工作手册中讲案例写作的一章）', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='典型案例写作指南')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': '编辑指引',
                        'verbose_name_plural': '编辑指引',
                        'db_table': 'home_editorguidance',
                    },
                ),
                migrations.CreateModel(
                    name='SiteIdentity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(default='班主任工作室成果平台', help_text='页眉、页面标题和分享卡片中的平台名称', max_length=60, verbose_name='平台名称')),
                        ('tagline', models.CharField(blank=True, default='汇聚培育建设成果，推介典型案例，面向全国推广应用', help_text='页脚中平台名称下的一句话', max_length=100, verbose_name='平台标语')),
                        ('organizer', models.CharField(blank=True, help_text='如：某省教育厅', max_length=100, verbose_name='主办单位')),
                        ('operator', models.CharField(blank=True, help_text='如：某职业技术学院', max_length=100, verbose_name='承办单位')),
                        ('icp_number', models.CharField(blank=True, help_text='如：京ICP备12345678号-1；链接到工业和信息化部备案系统', max_length=50, verbose_name='ICP 备案号')),
                        ('police_number', models.CharField(blank=True, help_text='如：京公网安备11010802012345号；链接到全国公安机关备案网站', max_length=50, verbose_name='公安备案号')),
                        ('contact_phone', models.CharField(blank=True, help_text='如：010-12345678', max_length=50, verbose_name='联系电话')),
                        ('contact_email', models.EmailField(blank=True, help_text='读者来信、内容纠错的邮箱', max_length=254, verbose_name='联系邮箱')),
                        ('contact_address', models.CharField(blank=True, help_text='单位地址与邮编', max_length=200, verbose_name='通讯地址')),
                        ('logo', models.ForeignKey(blank=True, help_text='页眉左侧的标志（正方形，至少 96×96 像素）；不填则使用平台默认标志', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='标志图片')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                        ('statement_page', models.ForeignKey(blank=True, help_text='版权、免责与隐私说明所在的页面，页脚链接到这里', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='网站声明')),
                    ],
                    options={
                        'verbose_name': '平台信息',
                        'verbose_name_plural': '平台信息',
                        'db_table': 'home_siteidentity',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types("home", "core"), rename_content_types("core", "home")),
    ]
