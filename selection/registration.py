"""Self-registration of applicants with e-mail verification.

The account is created inactive; the link in the e-mail (a signed token, valid three days,
django.core.signing) activates it. Schools may also create accounts in the admin.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core import signing
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import reverse

SALT = "selection.registration"
MAX_AGE = 3 * 24 * 3600


class RegistrationForm(UserCreationForm):
    first_name = forms.CharField(label="姓名", max_length=50)
    email = forms.EmailField(label="电子邮箱", help_text="用于接收验证邮件，验证后账号才能登录")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "email"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("这个邮箱已经注册过账号，请直接登录或找回密码。")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_active = False
        if commit:
            user.save()
        return user


def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        token = signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)
        link = request.build_absolute_uri(reverse("selection:confirm", args=[token]))
        send_mail(
            "请验证您在班主任工作室成果平台注册的邮箱",
            f"{user.first_name}老师：\n\n请在三天内打开下面的链接完成验证，之后即可登录并在线申报班主任工作室：\n{link}\n\n"
            "如果不是您本人注册，请忽略这封邮件。",
            None,
            [user.email],
        )
        return render(request, "selection/register_sent.html", {"email": user.email})
    return render(request, "selection/register.html", {"form": form})


def confirm(request, token):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        messages.error(request, "验证链接已过期（有效期三天），请重新注册。")
        return redirect("selection:register")
    except signing.BadSignature:
        messages.error(request, "验证链接无效，请检查邮件中的链接是否完整。")
        return redirect("selection:register")
    user = get_user_model().objects.filter(pk=data["user"], email=data["email"]).first()
    if user is None:
        messages.error(request, "验证链接对应的账号不存在，请重新注册。")
        return redirect("selection:register")
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    messages.success(request, "邮箱已验证，请登录后在线申报。")
    return redirect("selection:login")
