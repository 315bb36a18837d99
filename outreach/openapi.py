"""The OpenAPI 3 description of ``/api/search/`` (issue 4's contract) and the API v2 endpoints.

Written by hand as data; the page schemas are generated from ``outreach.api.PAGE_API_FIELDS``
so the description cannot drift from what the API serves. Vocabularies come from core.choices.
"""

from core.choices import CaseCategory, Direction, PromotionLevel, Province, SchoolType

SEARCH_TYPES = ["studio", "update", "case", "handbook", "resource"]

INTEGER_FIELDS = {"cycle_start_year", "cycle_years", "host_years", "year"}
ARRAY_FIELDS = {"directions", "members", "work_carriers", "body", "attachments", "files", "topics"}
OBJECT_FIELDS = {"studio", "host_photo", "cover", "host_photo_thumbnail", "cover_thumbnail"}


def _enum(choices, description):
    return {"type": "string", "enum": list(choices.values), "description": description}


def _param(name, schema, description, required=False):
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _property(name):
    if name in INTEGER_FIELDS:
        return {"type": "integer", "nullable": True}
    if name in ARRAY_FIELDS:
        return {"type": "array", "items": {}}
    if name in OBJECT_FIELDS:
        return {"type": "object", "nullable": True}
    if name.endswith("_label"):
        return {"type": "string", "description": "选项的中文名称"}
    return {"type": "string"}


def page_schemas():
    from .api import PAGE_API_FIELDS

    schemas = {}
    for label, fields in PAGE_API_FIELDS.items():
        properties = {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "meta": {"$ref": "#/components/schemas/PageMeta"},
        }
        properties.update({field.name: _property(field.name) for field in fields})
        schemas[label.split(".")[1]] = {"type": "object", "description": f"页面类型 {label}", "properties": properties}
    return schemas


def _facet_list():
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"value": {"type": "string"}, "count": {"type": "integer"}},
        },
    }


def _listing(item_ref):
    return {
        "type": "object",
        "properties": {
            "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


V2_LISTING_PARAMS = [
    _param("limit", {"type": "integer", "maximum": 50, "default": 20}, "每页条数（最多 50）"),
    _param("offset", {"type": "integer", "default": 0}, "跳过的条数"),
    _param("fields", {"type": "string"}, "额外返回的字段，逗号分隔，如 fields=summary,studio；* 为全部"),
    _param("search", {"type": "string"}, "按标题等全文检索"),
    _param("order", {"type": "string"}, "排序字段，如 -first_published_at"),
]


def openapi_document(base_url=""):
    schemas = {
        "PageMeta": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "example": "cases.CasePage"},
                "detail_url": {"type": "string", "format": "uri"},
                "html_url": {"type": "string", "format": "uri"},
                "first_published_at": {"type": "string", "format": "date-time"},
            },
        },
        "Media": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "meta": {
                    "type": "object",
                    "properties": {"download_url": {"type": "string", "format": "uri"}, "tags": {"type": "array"}},
                },
            },
        },
        "SearchResult": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "url": {"type": "string"},
                "type": {"type": "string", "enum": SEARCH_TYPES},
                "snippet": {"type": "string", "description": "原文摘录，命中词以 <mark> 标出"},
                "studio": {"type": "string", "nullable": True},
                "province": {"type": "string", "nullable": True},
                "category": {"type": "string", "nullable": True},
                "directions": {"type": "array", "items": {"type": "string"}},
                "year": {"type": "integer", "nullable": True},
                "promotion": {"type": "string", "nullable": True},
                "matched_all": {"type": "boolean", "description": "是否包含全部检索词（这些结果排在前面）"},
                "missing": {"type": "array", "items": {"type": "string"}, "description": "未包含的检索词"},
                "chapters": {
                    "type": "array",
                    "description": "工作手册中包含检索词的章节",
                    "items": {
                        "type": "object",
                        "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
                    },
                },
            },
        },
        "SearchResponse": {
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
                "searched": {
                    "type": "string",
                    "nullable": True,
                    "description": "实际检索的词（纠正错别字、拼音或去掉提问用语后），与 query 相同时为 null",
                },
                "corrections": {
                    "type": "array",
                    "description": "已自动纠正的输入（加参数 exact=1 按原词检索）",
                    "items": {
                        "type": "object",
                        "properties": {"original": {"type": "string"}, "corrected": {"type": "string"}},
                    },
                },
                "suggestion": {"type": "string", "nullable": True, "description": "您是不是要找：更常见的写法"},
                "absent": {"type": "array", "items": {"type": "string"}, "description": "在任何内容中都没有出现的词"},
                "without_absent": {
                    "type": "object",
                    "nullable": True,
                    "description": "没有结果时：去掉未出现的词后的检索词及其结果数",
                    "properties": {"query": {"type": "string"}, "total": {"type": "integer"}},
                },
                "facets": {
                    "type": "object",
                    "properties": {
                        name: _facet_list()
                        for name in ("type", "category", "direction", "province", "school_type", "year", "promotion")
                    },
                },
            },
        },
        "Error": {"type": "object", "properties": {"message": {"type": "string"}, "error": {"type": "string"}}},
        **page_schemas(),
    }
    page_refs = [{"$ref": f"#/components/schemas/{name}"} for name in page_schemas()]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "班主任工作室成果平台 API",
            "version": "1.0",
            "description": "全文检索（/api/search/）与 Wagtail API v2（/api/v2/）：只提供已发布、公开的内容。",
        },
        "servers": [{"url": base_url or "/"}],
        "paths": {
            "/api/search/": {
                "get": {
                    "summary": "全文检索：工作室、工作动态、典型案例、工作手册、资源",
                    "parameters": [
                        _param("q", {"type": "string", "maxLength": 100}, "检索词（100 字以内）"),
                        _param("type", {"type": "string", "enum": SEARCH_TYPES}, "内容类型"),
                        _param("category", _enum(CaseCategory, "案例类别"), "案例类别"),
                        _param("direction", _enum(Direction, "建设方向"), "建设方向"),
                        _param("province", _enum(Province, "省份"), "省份"),
                        _param("school_type", _enum(SchoolType, "学校类型"), "学校类型"),
                        _param("year", {"type": "integer"}, "年度"),
                        _param("promotion", _enum(PromotionLevel, "推介级别"), "推介级别"),
                        _param("page", {"type": "integer", "minimum": 1, "default": 1}, "页码"),
                        _param("page_size", {"type": "integer", "minimum": 1, "maximum": 50}, "每页条数（最多 50）"),
                        _param("exact", {"type": "string", "enum": ["1"]}, "按原词检索，不纠正错别字或拼音"),
                    ],
                    "responses": {
                        "200": {
                            "description": "检索结果与分面计数",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}
                            },
                        },
                        "400": {
                            "description": "参数无效（中文提示）",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                    },
                }
            },
            "/api/v2/pages/": {
                "get": {
                    "summary": "已发布的公开页面列表",
                    "parameters": [
                        _param(
                            "type",
                            {"type": "string"},
                            "页面类型，如 studios.StudioPage、studios.StudioUpdatePage、cases.CasePage、"
                            "resources.ResourcePage、resources.HandbookPage",
                        ),
                        _param("child_of", {"type": "integer"}, "上级页面 ID"),
                        _param("descendant_of", {"type": "integer"}, "祖先页面 ID"),
                        *V2_LISTING_PARAMS,
                    ],
                    "responses": {
                        "200": {
                            "description": "页面列表",
                            "content": {"application/json": {"schema": _listing("#/components/schemas/PageMeta")}},
                        }
                    },
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "summary": "一个页面的全部公开字段",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                    "responses": {
                        "200": {
                            "description": "页面",
                            "content": {"application/json": {"schema": {"oneOf": page_refs}}},
                        },
                        "404": {"description": "不存在、未发布或不公开"},
                    },
                }
            },
            "/api/v2/images/": {
                "get": {
                    "summary": "公开页面使用的图片",
                    "parameters": V2_LISTING_PARAMS,
                    "responses": {
                        "200": {
                            "description": "图片列表",
                            "content": {"application/json": {"schema": _listing("#/components/schemas/Media")}},
                        }
                    },
                }
            },
            "/api/v2/documents/": {
                "get": {
                    "summary": "公开页面使用的文档（附件、资源文件）",
                    "parameters": V2_LISTING_PARAMS,
                    "responses": {
                        "200": {
                            "description": "文档列表",
                            "content": {"application/json": {"schema": _listing("#/components/schemas/Media")}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
