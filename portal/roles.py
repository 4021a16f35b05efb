"""Staff roles. Each is a Django group created by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.types import Actor


class Role(models.TextChoices):
    TRANSPARENCY_STAFF = "Προσωπικό Τμήματος Διαφάνειας", _("Προσωπικό Τμήματος Διαφάνειας")
    DEPARTMENT_STAFF = "Προσωπικό Υπηρεσίας", _("Προσωπικό Υπηρεσίας")
    DEPARTMENT_HEAD = "Προϊστάμενοι Υπηρεσιών", _("Προϊστάμενοι Υπηρεσιών")
    PROCUREMENT_PUBLISHER = "Συντάκτες Προμηθειών", _("Συντάκτες Προμηθειών")
    DISCLOSURES_PUBLISHER = "Συντάκτες Δηλώσεων Περιουσίας", _("Συντάκτες Δηλώσεων Περιουσίας")
    FRONT_DESK = "Γραφείο Εξυπηρέτησης", _("Γραφείο Εξυπηρέτησης")


def has_role(user: Actor, role: Role) -> bool:
    """Tell whether the user belongs to the role's group (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role.value).exists()


def grant(apps, role: Role, app_label: str, codenames: list[str]) -> None:
    """Give a role model permissions; for data migrations of the apps that own them."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    # Permissions are normally made after all migrations; a data migration needs them now.
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.get_or_create(name=role.value)
    permissions = permission_model.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"Unknown permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)
