"""Background work of the guide: the review reminders, run by the task worker."""

from django.tasks import task

from guide.reminders import procedure_review_reminders_send


@task
def send_review_reminders() -> int:
    """Remind each unit's editors of their procedures due for review (once per review)."""
    return procedure_review_reminders_send()
