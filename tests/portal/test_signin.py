"""Staff sign-in: the second factor, wrong-password throttling, the audit trail, sessions."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditEntry
from portal.seed import DEMO_OTP_SECRET, demo_otp_key
from tests.portal.factories import staff_user
from tests.signin import current_code, sign_in, totp_device

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pass-Δοκιμή-123"
LOGIN = "/admin/login/"
THROTTLED = "Πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης"


def _password(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def _changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


# Second factor ---------------------------------------------------------------------------


def test_password_alone_opens_no_admin_page():
    user = staff_user(is_superuser=True)
    totp_device(user)
    client = Client()

    response = _password(client, user.username)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)
    for url in ["/admin/", "/en/admin/", *_changelists()]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:otp_verify")), url


def test_a_password_only_session_is_not_admitted_even_past_the_middleware():
    user = staff_user(is_superuser=True)
    Client().force_login(user)  # no one-time code
    request = type("Request", (), {"user": user})()

    assert not admin.site.has_permission(request)


def test_the_one_time_code_opens_the_back_office_and_a_wrong_one_does_not():
    user = staff_user(is_superuser=True)
    device = totp_device(user)
    client = Client()
    _password(client, user.username)

    with time_machine.travel(timezone.now(), tick=False) as clock:
        wrong = client.post(reverse("admin:otp_verify"), {"token": "000000", "next": "/admin/"})
        assert "Ο κωδικός δεν είναι σωστός" in wrong.content.decode()
        assert client.get("/admin/").status_code == 302

        clock.shift(timedelta(seconds=2))  # django-otp slows retries after a wrong code
        right = client.post(
            reverse("admin:otp_verify"), {"token": current_code(device), "next": "/admin/"}
        )
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="portal.otp.failed").count() == 1


def test_first_sign_in_enrols_with_a_server_drawn_qr_code_and_shows_recovery_codes_once():
    user = staff_user(is_superuser=True)
    client = Client()
    _password(client, user.username)

    assert client.get("/admin/").url.startswith(reverse("admin:otp_setup"))
    page = client.get(reverse("admin:otp_setup"))
    html = page.content.decode()
    assert "<svg" in html and "<path" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    done = client.post(reverse("admin:otp_setup"), {"token": current_code(device)})

    assert "no-store" in done["Cache-Control"]
    codes = [token.token for token in StaticToken.objects.filter(device__user=user)]
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:otp_setup")).status_code == 302  # shown once only
    assert AuditEntry.objects.filter(action="portal.otp.enrolled", object_id=str(user.pk))

    # A recovery code works once, in a new sign-in.
    other = Client()
    _password(other, user.username)
    assert other.post(reverse("admin:otp_verify"), {"token": codes[0]}).status_code == 302
    assert other.get("/admin/").status_code == 200
    again = Client()
    _password(again, user.username)
    again.post(reverse("admin:otp_verify"), {"token": codes[0]})
    assert again.get("/admin/").status_code == 302


def test_a_superuser_resets_a_device_and_the_reset_is_audited():
    root = staff_user(is_superuser=True)
    clerk = staff_user()
    clerk_client = Client()
    sign_in(clerk_client, clerk)
    StaticDevice.objects.create(user=clerk, name="recovery")
    root_client = Client()
    sign_in(root_client, root)

    response = root_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [clerk.pk]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert not StaticDevice.objects.filter(user=clerk).exists()
    entry = AuditEntry.objects.get(action="portal.otp.reset")
    assert entry.actor == root and entry.object_id == str(clerk.pk)
    # The clerk's verified session is verified no longer: next stop, enrolment.
    assert clerk_client.get("/admin/").url.startswith(reverse("admin:otp_setup"))


def test_only_a_superuser_may_reset_a_device():
    manager = staff_user()
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    clerk = staff_user()
    totp_device(clerk)
    client = Client()
    sign_in(client, manager)

    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [clerk.pk]},
    )

    assert TOTPDevice.objects.filter(user=clerk).exists()


def test_demo_code_command_prints_the_code_of_the_demo_key_only(capsys):
    demo = staff_user(username="diafaneia")
    device = TOTPDevice.objects.create(user=demo, name="demo", key=demo_otp_key(), confirmed=True)
    assert len(DEMO_OTP_SECRET) == 32

    call_command("demo_otp", "diafaneia")

    assert capsys.readouterr().out.strip() == current_code(device)
    real = staff_user(username="pragmatikos")
    totp_device(real)
    with pytest.raises(Exception, match="λογαριασμός επίδειξης"):
        call_command("demo_otp", "pragmatikos")


# Login defence ---------------------------------------------------------------------------


def test_the_eleventh_wrong_password_for_one_user_is_refused_even_when_right():
    user = staff_user()
    client = Client()
    for attempt in range(10):
        response = _password(client, user.username, "wrong", address=f"10.0.1.{attempt}")
        assert THROTTLED not in response.content.decode()

    refused = _password(client, user.username, address="10.0.2.1")

    assert refused.status_code == 200
    assert THROTTLED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="portal.auth.login_refused").count() == 1


def test_failed_attempts_from_one_address_are_throttled_across_usernames():
    for attempt in range(30):
        _password(Client(), f"nobody{attempt}", "wrong", address="10.9.9.9")
    user = staff_user()

    refused = _password(Client(), user.username, address="10.9.9.9")
    welcome = _password(Client(), user.username, address="10.9.9.10")

    assert THROTTLED in refused.content.decode()
    assert welcome.status_code == 302


def test_sign_ins_sign_outs_and_failures_are_audited_without_the_password():
    user = staff_user()
    client = Client()
    _password(client, user.username, "Λάθος-συνθηματικό-42", address="10.1.2.3")
    _password(client, user.username, address="10.1.2.3")
    client.post(reverse("admin:otp_logout"), REMOTE_ADDR="10.1.2.3")

    entries = {entry.action: entry for entry in AuditEntry.objects.all()}
    failed = entries["portal.auth.login_failed"]
    assert failed.data == {"username": user.username, "address": "10.1.2.3"}
    assert entries["portal.auth.logged_in"].actor == user
    assert entries["portal.auth.logged_in"].data["address"] == "10.1.2.3"
    assert entries["portal.auth.logged_out"].data["username"] == user.username
    every_value = str(list(AuditEntry.objects.values()))
    assert "Λάθος-συνθηματικό-42" not in every_value and PASSWORD not in every_value


# Sessions --------------------------------------------------------------------------------


def test_a_staff_session_ends_after_thirty_idle_minutes():
    user = staff_user(is_superuser=True)
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        clock.shift(timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=31))
        assert client.get("/admin/").status_code == 302
        assert "_auth_user_id" not in client.session


def test_a_staff_session_ends_after_twelve_hours_however_busy():
    user = staff_user(is_superuser=True)
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, user)
        for _step in range(24):
            clock.shift(timedelta(minutes=29))
            assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action="portal.auth.logged_out", data__reason="absolute")


def test_deactivating_ends_every_session_and_reactivating_revives_none():
    user = staff_user(is_superuser=True)
    first, second = Client(), Client()
    sign_in(first, user)
    sign_in(second, user)

    user.is_active = False
    user.save()
    assert first.get("/admin/").status_code == 302
    user.is_active = True
    user.save()

    assert second.get("/admin/").status_code == 302
    assert "_auth_user_id" not in second.session
    sign_in(first, user)
    assert first.get("/admin/").status_code == 200


def test_a_password_change_ends_every_other_session():
    user = staff_user(is_superuser=True)
    client = Client()
    sign_in(client, user)

    user.set_password("Νέο-συνθηματικό-2026")
    user.save()

    assert client.get("/admin/").status_code == 302


def test_production_cookies_carry_the_host_prefix():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HTTPS", "DEBUG", "GSIS_STANDIN"}
    }
    env.update(SECRET_KEY="x" * 50, DATABASE_URL=settings.DATABASE_URL)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
            "django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "/",
        "None",
    ]
