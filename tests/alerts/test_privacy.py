"""No alert carries personal data: plant it everywhere a complaint holds it, send every kind of
alert, and find it in none; the public summary, as a control, is there."""

from decimal import Decimal

import pytest
from django.core import mail

from alerts.models import Frequency
from complaints import services
from tests.alerts.factories import SubscriptionFactory
from tests.alerts.helpers import everything
from tests.complaints.factories import submitted_complaint
from tests.portal.factories import DepartmentFactory, staff_user

pytestmark = pytest.mark.django_db

NAME = "Ζηνοβία Πλανταγενέτη-Ξυλουργού"
EMAIL = "zinovia.planted.7731@example.gr"
PHONE = "+306944123987"
ADDRESS_NUMBER = "Κασσάνδρου 173"
DESCRIPTION = "Ιδιωτική περιγραφή με λέξη φυτευμένηλέξη που δεν δημοσιεύεται."
SUBJECT = "Θέμα με λέξη κρυφόθεμα"
NOTE = "Εσωτερική σημείωση εσωτερικόλεξη"
CLERK = "υπάλληλοςφυτευτός"
SUMMARY = "Λακκούβα στην οδό Κασσάνδρου."
PLANTED = (NAME, EMAIL, PHONE, "6944123987", ADDRESS_NUMBER, "φυτευμένηλέξη", "κρυφόθεμα")
PLANTED += ("εσωτερικόλεξη", CLERK, "40.638765", "22.951234", "40.63876", "22.95123")


@pytest.fixture
def planted(category):
    complaint, _secret = submitted_complaint(
        category=category,
        subject=SUBJECT,
        citizen_name=NAME,
        citizen_email=EMAIL,
        citizen_phone=PHONE,
        address=f"{NAME}, {ADDRESS_NUMBER}",
        description=DESCRIPTION,
        latitude=Decimal("40.638765"),
        longitude=Decimal("22.951234"),
    )
    clerk = staff_user(department=category.department, username=CLERK, first_name=CLERK)
    services.complaint_publish(
        complaint=complaint, public_summary=SUMMARY, public_area="Κασσάνδρου", actor=clerk
    )
    return complaint, clerk


def test_no_alert_carries_personal_data_and_each_goes_to_its_subscriber_alone(
    send, planted, django_capture_on_commit_callbacks
):
    complaint, clerk = planted
    register = SubscriptionFactory(
        source="complaints.register",
        criteria={"categories": [complaint.category.code]},
        frequency=Frequency.IMMEDIATE,
        subscriber__email="register.reader@example.gr",
    )
    follower = SubscriptionFactory(
        source="complaints.complaint",
        criteria={"protocol": complaint.protocol_number},
        frequency=Frequency.DAILY,
        subscriber__email="follower@example.gr",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_accept(complaint=complaint, actor=clerk, text=f"Προς {NAME}")
        services.complaint_add_note(complaint=complaint, text=f"{NOTE} {PHONE}", actor=clerk)
        services.complaint_forward(
            complaint=complaint, department=DepartmentFactory(), note=NOTE, actor=clerk
        )
        services.complaint_reply(
            complaint=complaint, text=f"Κυρία {NAME}, θα έρθει συνεργείο.", actor=clerk
        )
        services.complaint_request_information(
            complaint=complaint,
            question=f"Κυρία {NAME}, πού ακριβώς; {ADDRESS_NUMBER}",
            actor=clerk,
        )
        services.complaint_add_citizen_message(
            complaint=complaint, text=f"Είμαι η {NAME}, {PHONE}, {ADDRESS_NUMBER}"
        )
    send()

    sent = [message for message in mail.outbox if message.to != [EMAIL]]
    recipients = sorted(message.to[0] for message in sent)
    assert set(recipients) == {register.subscriber.email, follower.subscriber.email}
    for message in sent:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        text = everything(message)
        for secret in PLANTED:
            assert secret not in text, f"{secret!r} leaked to {message.to[0]}"
        # Nobody learns who else subscribed.
        others = {register.subscriber.email, follower.subscriber.email} - set(message.to)
        assert not any(other in text for other in others)
        # The control: the moderated summary and the protocol number are there.
        assert SUMMARY in text and complaint.protocol_number in text
    digest = next(message for message in sent if message.to == [follower.subscriber.email])
    # The follower hears of every public update, as headings only, as the public page shows them.
    for heading in ("Διαβιβάστηκε", "Απάντηση του Δήμου", "Ο Δήμος ζήτησε συμπληρωματικά στοιχεία"):
        assert heading in digest.body
