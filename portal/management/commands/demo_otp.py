"""Print the current one-time code of a demo staff account (`make otp USER=diafaneia`).

It works only for a device carrying the published demo secret of portal/seed.py, so it
opens nothing in a real installation.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.seed import demo_otp_key


class Command(BaseCommand):
    help = "Τυπώνει τον τρέχοντα κωδικό μίας χρήσης ενός λογαριασμού επίδειξης."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(
            user__username=username, key=demo_otp_key(), confirmed=True
        ).first()
        if device is None:
            raise CommandError(
                f"Ο χρήστης «{username}» δεν είναι λογαριασμός επίδειξης με το κλειδί του README."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        code = f"{totp.token():0{device.digits}d}"
        remaining = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(code)
        self.stderr.write(f"(ισχύει ακόμη {remaining} δευτερόλεπτα)")
