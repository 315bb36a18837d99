from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from studios.models import StudioIndexPage, StudioPage

from .accounts import (
    ensure_all_studio_spaces,
    ensure_role_groups,
    ensure_studio_space,
    ensure_workflow,
    rename_studio_space,
)
from .models import Promotion, ReviewerProfile
from .records import refresh_case_level


def after_migrate(sender, apps=None, using="default", **kwargs):
    """Create the reviewer groups, the review workflow and any missing studio spaces."""
    from django.apps import apps as global_apps

    # Our post_migrate runs before some apps' permissions exist; create them first.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_workflow()
    ensure_all_studio_spaces()


@receiver(post_save, sender=StudioPage)
def studio_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_studio_space(instance)


@receiver(page_published, sender=StudioPage)
def studio_published(sender, instance, **kwargs):
    rename_studio_space(instance)


@receiver(post_save, sender=StudioIndexPage)
def studio_index_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        ensure_workflow()


@receiver(post_save, sender=ReviewerProfile)
def reviewer_saved(sender, instance, raw=False, **kwargs):
    """A reviewer belongs to exactly their role's group (so one admin step sets them up)."""
    if raw:
        return
    groups = ensure_role_groups()
    instance.user.groups.remove(*[g for role, g in groups.items() if role != instance.role])
    instance.user.groups.add(groups[instance.role])


@receiver(post_save, sender=Promotion)
def promotion_saved(sender, instance, raw=False, **kwargs):
    """The case's 推介级别 is the highest level among its promotions."""
    if not raw:
        refresh_case_level(instance.page_id)


@receiver(post_delete, sender=Promotion)
def promotion_deleted(sender, instance, origin=None, **kwargs):
    # Deleted together with its page: the page (and its search document) is going too.
    if origin is None or getattr(origin, "model", type(origin)) is Promotion:
        refresh_case_level(instance.page_id)
