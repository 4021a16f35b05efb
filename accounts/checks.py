"""System checks of citizen accounts: the GSIS stand-in never goes to production."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def gsis_standin_off(app_configs, **kwargs):
    """`check --deploy` fails while the local stand-in for GSIS is mounted."""
    if not settings.GSIS_STANDIN:
        return []
    return [
        Error(
            "GSIS_STANDIN is on: the local stand-in for TAXISnet is mounted at /gsis-standin/.",
            hint="Unset GSIS_STANDIN and set GSIS_BASE_URL, GSIS_CLIENT_ID and "
            "GSIS_CLIENT_SECRET to the real GSIS service (docs/DEPLOY.md).",
            id="accounts.E001",
        )
    ]
