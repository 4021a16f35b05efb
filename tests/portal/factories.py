import factory
from django.contrib.auth.models import Group, User

from portal.models import Department, StaffProfile
from portal.roles import Role


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Τμήμα Δοκιμών {n}")
    slug = factory.Sequence(lambda n: f"tmima-{n}")
    summary = "Δοκιμαστική υπηρεσία."
    email = factory.Sequence(lambda n: f"tmima{n}@thessaloniki.gr")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@thessaloniki.gr")
    password = factory.django.Password("pass-Δοκιμή-123")


def staff_user(
    *, department: Department | None = None, roles: tuple[Role, ...] = (), **kwargs
) -> User:
    """Create a staff user in a department with the given roles."""
    user = UserFactory(is_staff=True, **kwargs)
    if roles:
        user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    if department is not None:
        StaffProfile.objects.create(user=user, department=department)
    return user
