"""The search documents: one row per indexable page, the source of truth of every engine.

A row exists only for a live, public page of an indexed type (see
``search/documents.py``). Engines index these rows: the embedded engines keep a
full-text table beside them (FTS5 on SQLite, a tsvector table on PostgreSQL,
created by migration 0002) and read facets from these columns; an external
engine (Elasticsearch) receives the same rows.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    STUDIO = "studio", _("工作室")
    UPDATE = "update", _("工作动态")
    CASE = "case", _("典型案例")
    HANDBOOK = "handbook", _("工作手册")
    RESOURCE = "resource", _("资源")
    NOTICE = "notice", _("通知公告")


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_document", verbose_name=_("页面")
    )
    type = models.CharField(_("类型"), max_length=20, choices=DocumentType.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=255)
    summary = models.TextField(_("摘要"), blank=True)
    context = models.TextField(
        _("背景信息"),
        blank=True,
        help_text=_("工作室、学校、城市、省份、建设方向、类别、作者等页面周边信息，可被检索，权重低于标题"),
    )
    body = models.TextField(_("正文"), blank=True, help_text=_("原文纯文本，用于生成摘要片段"))
    url = models.CharField(_("地址"), max_length=500)
    category = models.CharField(_("案例类别"), max_length=40, blank=True, db_index=True)
    province = models.CharField(_("省份"), max_length=20, blank=True, db_index=True)
    school_type = models.CharField(_("学校类型"), max_length=20, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, db_index=True)
    promotion = models.CharField(_("推介级别"), max_length=20, blank=True, db_index=True)
    studio_id = models.IntegerField(_("工作室页面"), null=True, blank=True)
    studio_name = models.CharField(_("工作室"), max_length=255, blank=True)
    directions = models.JSONField(_("建设方向"), default=list, blank=True)
    parts = models.JSONField(
        _("组成部分"), default=list, blank=True, help_text=_("并入本文档的下级页面（手册的章节）：标题、地址、纯文本")
    )
    date = models.DateTimeField(_("发布时间"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        indexes = [
            # Covers the facet index's load (search/facetindex.py): without it, SQLite reads
            # every row's long body to reach the columns stored after it.
            models.Index(
                fields=["id", "type", "category", "province", "school_type", "year", "promotion", "date"],
                name="sitesearch_doc_facets",
            )
        ]

    def __str__(self):
        return self.title


class SearchDocumentDirection(models.Model):
    """One row per (document, direction): filtering and facet counts on a list field."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="direction_rows")
    code = models.CharField(_("建设方向"), max_length=40)

    class Meta:
        verbose_name = _("检索文档建设方向")
        verbose_name_plural = _("检索文档建设方向")
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="sitesearch_direction_unique")]
        indexes = [models.Index(fields=["code", "document"], name="sitesearch_direction_code")]

    def __str__(self):
        return self.code


class IndexOperation(models.Model):
    """The outbox of the external engine (Elasticsearch): one row per page change to apply.

    Written by ``search/sync.py`` in the same transaction as the page change (the row
    commits or rolls back with it), drained by ``python manage.py search_worker``
    (``search/outbox.py``). The worker re-reads the page's ``SearchDocument``: a row
    means index it, none means delete it, so replaying any number of times converges.
    """

    class Op(models.TextChoices):
        INDEX = "index", _("索引")
        DELETE = "delete", _("删除")

    page_id = models.IntegerField(_("页面 ID"), db_index=True)
    op = models.CharField(_("操作"), max_length=10, choices=Op.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("检索索引待办操作")
        verbose_name_plural = _("检索索引待办操作")
        ordering = ["id"]

    def __str__(self):
        return f"{self.op} {self.page_id}"
