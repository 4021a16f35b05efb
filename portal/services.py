"""Writes of the portal core."""

import secrets
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from portal.models import ApiKey, AuditEntry
from portal.tokens import token_hash
from portal.types import Actor


def audit_log(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record an action in the audit log; call it inside the action's transaction.

    `action` is a namespaced code such as ``complaints.complaint.forwarded``.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        actor=user,
        actor_username=user.get_username() if user is not None else "",
        action=action,
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def api_key_create(
    *,
    name: str,
    owner: str,
    owner_email: str = "",
    hourly_quota: int = 10,
    actor: Actor | None = None,
) -> tuple[ApiKey, str]:
    """Create an API key; return it with the plain key, which is shown once and never stored."""
    prefix = secrets.token_hex(4)
    plain = f"{prefix}.{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name,
            owner=owner,
            owner_email=owner_email,
            hourly_quota=hourly_quota,
            prefix=prefix,
            key_hash=token_hash(plain),
        )
        audit_log(actor=actor, action="portal.apikey.created", obj=key, data={"prefix": prefix})
    return key, plain


def api_key_verify(plain: str) -> ApiKey | None:
    """Return the active key matching a plain key, recording its use; None otherwise."""
    if not plain or len(plain) > 200:
        return None
    key = ApiKey.objects.filter(key_hash=token_hash(plain), is_active=True).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def otp_devices_reset(*, user, actor) -> int:
    """Remove every second-factor device of `user`; they enrol again at their next sign-in.

    A session verified with a removed device is no longer verified.
    """
    from django_otp import devices_for_user

    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        audit_log(
            actor=actor,
            action="portal.otp.reset",
            obj=user,
            data={"username": user.get_username(), "devices": len(devices)},
        )
    return len(devices)
