"""Types shared by the apps' signatures (only the type checker reads them)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise
else:
    # Only the type checker tells a lazy translation from a str.
    StrOrPromise = str

# Who acts or asks: a signed-in account (staff, mostly) or the anonymous visitor.
# Services record it in the audit log; selectors scope what it may see.
type Actor = User | AnonymousUser

__all__ = ["Actor", "StrOrPromise"]
