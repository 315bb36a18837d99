"""Login lockout response (django-axes) and the rules for serving documents."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def cooloff_minutes():
    hours = getattr(settings, "AXES_COOLOFF_TIME", 0.25) or 0
    if hasattr(hours, "total_seconds"):
        return int(hours.total_seconds() // 60)
    return int(float(hours) * 60)


def lockout_response(request, *args, **kwargs):
    """The page shown instead of the login form while an account is locked out."""
    minutes = cooloff_minutes()
    context = {
        "message": _("登录失败次数过多，该账号已被暂时锁定。请在 %(minutes)s 分钟后再试，或联系平台管理员。")
        % {"minutes": minutes},
        "minutes": minutes,
    }
    return render(request, "ops/lockout.html", context, status=429)
