"""Writes of the portal core."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import AuditEntry


def audit_log(
    *, actor, action: str, obj: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record an action in the audit log; call it inside the action's transaction.

    `action` is a namespaced code such as ``complaints.complaint.forwarded``.
    """
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry
