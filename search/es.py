"""Elasticsearch configuration and connection (off unless ``ELASTICSEARCH_URL`` is set).

Configuration comes from the environment (or, when defined, the
``settings.ELASTICSEARCH`` mapping with the same keys – the test settings set it
to ``{}`` so the rest of the suite never talks to a cluster by accident):

``ELASTICSEARCH_URL``           comma-separated nodes, e.g. ``https://es1:9200,https://es2:9200``
``ELASTICSEARCH_INDEX_PREFIX``  default ``bzr``: indices ``bzr-documents-<timestamp>`` behind
                                the alias ``bzr-documents``
``ELASTICSEARCH_TIMEOUT``       seconds a public search waits before falling back (default 2)
``ELASTICSEARCH_USERNAME`` / ``ELASTICSEARCH_PASSWORD`` or ``ELASTICSEARCH_API_KEY``
``ELASTICSEARCH_CA_CERTS``      path of the CA bundle of the cluster's certificates
``ELASTICSEARCH_VERIFY_CERTS``  ``false`` to skip certificate checks (test clusters only)
``ELASTICSEARCH_FALLBACK_SECONDS``  after a failure, public search uses the database engine
                                for this long before trying the cluster again (default 10)
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

KEYS = (
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_INDEX_PREFIX",
    "ELASTICSEARCH_TIMEOUT",
    "ELASTICSEARCH_USERNAME",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_CA_CERTS",
    "ELASTICSEARCH_VERIFY_CERTS",
    "ELASTICSEARCH_FALLBACK_SECONDS",
)


def _bool(raw, default=True):
    if raw is None or str(raw).strip() == "":
        return default
    return str(raw).strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Config:
    urls: tuple[str, ...] = ()
    prefix: str = "bzr"
    timeout: float = 2.0
    username: str = ""
    password: str = ""
    api_key: str = ""
    ca_certs: str = ""
    verify_certs: bool = True
    fallback_seconds: float = 10.0

    @property
    def enabled(self) -> bool:
        return bool(self.urls)

    @property
    def alias(self) -> str:
        """The name every read and write uses; it points at one versioned index."""
        return f"{self.prefix}-documents"

    @property
    def index_pattern(self) -> str:
        return f"{self.alias}-*"

    def new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"

    @classmethod
    def from_mapping(cls, env) -> Config:
        urls = tuple(u.strip().rstrip("/") for u in (env.get("ELASTICSEARCH_URL") or "").split(",") if u.strip())
        return cls(
            urls=urls,
            prefix=(env.get("ELASTICSEARCH_INDEX_PREFIX") or "bzr").strip().lower(),
            timeout=float(env.get("ELASTICSEARCH_TIMEOUT") or 2),
            username=env.get("ELASTICSEARCH_USERNAME") or "",
            password=env.get("ELASTICSEARCH_PASSWORD") or "",
            api_key=env.get("ELASTICSEARCH_API_KEY") or "",
            ca_certs=env.get("ELASTICSEARCH_CA_CERTS") or "",
            verify_certs=_bool(env.get("ELASTICSEARCH_VERIFY_CERTS")),
            fallback_seconds=float(env.get("ELASTICSEARCH_FALLBACK_SECONDS") or 10),
        )


def get_config() -> Config:
    """The current configuration: ``settings.ELASTICSEARCH`` when defined, else the environment."""
    mapping = getattr(settings, "ELASTICSEARCH", None)
    return Config.from_mapping(os.environ if mapping is None else mapping)


def enabled() -> bool:
    return get_config().enabled


_clients: dict[Config, object] = {}
_lock = threading.Lock()


def get_client(config: Config | None = None):
    """A shared ``Elasticsearch`` client for ``config`` (thread-safe; one per configuration).

    Requests time out after ``config.timeout`` seconds and are not retried on a
    timeout (a slow cluster must not hold a visitor longer than that); a refused
    connection is retried once per other node.
    """
    from elasticsearch import Elasticsearch

    config = config or get_config()
    if not config.enabled:
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    client = _clients.get(config)
    if client is None:
        with _lock:
            client = _clients.get(config)
            if client is None:
                kwargs = {
                    "request_timeout": config.timeout,
                    "max_retries": max(0, len(config.urls) - 1),
                    "retry_on_timeout": False,
                }
                if config.api_key:
                    kwargs["api_key"] = config.api_key
                elif config.username:
                    kwargs["basic_auth"] = (config.username, config.password)
                if config.ca_certs:
                    kwargs["ca_certs"] = config.ca_certs
                if any(u.startswith("https:") for u in config.urls):
                    kwargs["verify_certs"] = config.verify_certs
                client = _clients[config] = Elasticsearch(list(config.urls), **kwargs)
    return client


def health():
    """``/healthz``'s search report: a ping of the cluster when search uses Elasticsearch;
    otherwise the search index lives in the database itself, whose health is reported there."""
    if not enabled():
        return {"ok": True, "engine": "database"}
    try:
        ok = bool(get_client().options(request_timeout=3).ping())
    except Exception as exc:  # the engine may be down: report it, never crash the health check
        logger.error("健康检查：搜索引擎不可用：%s", exc)
        return {"ok": False, "engine": "elasticsearch", "error": str(exc)[:200]}
    return {"ok": ok, "engine": "elasticsearch", **({} if ok else {"error": "集群没有响应"})}
