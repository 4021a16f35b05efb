"""Run the back office's security checks against a running portal (`make run`).

    make manage ARGS="security_audit --url http://127.0.0.1:8000"

Each check speaks HTTP to the server, as an attacker or a user would, and reads the
same database only for what a check needs to know (an unpublished request's id, the
demo second-factor key). It prints one PASS or FAIL line per check and exits 1 on a
failure. The throttling check, last, locks its probe username (never a real account)
for 15 minutes and spends 11 of the 30 wrong passwords a client address may try in 15
minutes: run the audit at most twice in half an hour from one address. `--restart-command` (e.g. "systemctl restart postgresql") adds the check
that a database restart does not stop the site.
"""

import http.cookiejar
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.apps import apps
from django.contrib import admin
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from portal.seed import demo_otp_key
from portal.signin import FAILURES_PER_USERNAME

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """A cookie-keeping HTTP client that never follows redirects."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # --url is the operator's own http(s) address.
        request = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310
        request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def post_form(self, path: str, fields: dict) -> tuple[int, str, dict]:
        _, page, _ = self.request(path)
        token = CSRF_FIELD.search(page)
        return self.request(path, {**fields, "csrfmiddlewaretoken": token[1] if token else ""})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Command(BaseCommand):
    help = "Ελέγχει την ασφάλεια του back office σε διακομιστή που τρέχει (π.χ. make run)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument(
            "--user", default="admin", help="a demo superuser: sees every changelist"
        )
        parser.add_argument("--password", default="demo-diafaneia")
        parser.add_argument("--restart-command", default="")
        parser.add_argument("--log", default="", help="the server's log file, to search too")

    def handle(self, *args, url, user, password, restart_command, log, **options):
        self.url = url
        self.log = log
        checks = [
            ("Ο κωδικός πρόσβασης μόνος δεν ανοίγει το /admin/", self.password_alone),
            ("Μη δημοσιευμένο αίτημα Open311: 404 όπως ένα άγνωστο", self.open311_unpublished),
            ("Υπερχείλιση ημερομηνίας στο admin: κανένα 500", self.date_overflow),
            ("Κανένα μυστικό στον πίνακα εργασιών ή στο log", self.secrets_at_rest),
            ("Η 11η λανθασμένη προσπάθεια για έναν χρήστη απορρίπτεται", self.throttling),
        ]
        if restart_command:
            checks.append(("Επανεκκίνηση της βάσης: ο ιστότοπος επανέρχεται", self.restart))
        failed = 0
        for title, check in checks:
            ok, detail = check(user=user, password=password, restart_command=restart_command)
            failed += not ok
            self.stdout.write(f"{'PASS' if ok else 'FAIL'}  {title}: {detail}")
        if failed:
            raise CommandError(f"{failed} έλεγχοι απέτυχαν.")

    def _signed_in(self, user: str, password: str) -> tuple[Browser, int]:
        """A browser past the password step (not the second one); the answer's status."""
        browser = Browser(self.url)
        status = browser.post_form("/admin/login/", {"username": user, "password": password})[0]
        return browser, status

    def password_alone(self, *, user, password, **_):
        browser, status = self._signed_in(user, password)
        if status != 302:
            return False, f"η σύνδεση με κωδικό απάντησε {status}"
        pages = ["/admin/", "/admin/complaints/complaint/", "/admin/portal/auditentry/"]
        answers = {page: browser.request(page)[0] for page in pages}
        opened = [page for page, code in answers.items() if code == 200]
        return not opened, f"απαντήσεις {answers}" + (f", άνοιξαν {opened}" if opened else "")

    def throttling(self, *, password, **_):
        probe = f"audit-probe-{uuid.uuid4().hex[:8]}"
        browser = Browser(self.url)
        for _attempt in range(FAILURES_PER_USERNAME):
            browser.post_form("/admin/login/", {"username": probe, "password": "wrong"})
        status, page, _ = browser.post_form(
            "/admin/login/", {"username": probe, "password": "wrong"}
        )
        refused = status == 200 and "15 λεπτά" in page
        return refused, f"11η προσπάθεια: {status}, μήνυμα φραγής {'ναι' if refused else 'όχι'}"

    def open311_unpublished(self, **_):
        complaint = apps.get_model("complaints", "Complaint")
        hidden = complaint.objects.filter(is_published=False).values_list("pk", flat=True).first()
        if hidden is None:
            return False, "δεν υπάρχει μη δημοσιευμένο αίτημα στη βάση"
        unknown = (complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        browser = Browser(self.url)
        answers = [browser.request(f"/open311/v2/requests/{pk}.json") for pk in (hidden, unknown)]
        # Byte for byte the same, but for the number asked for.
        same = answers[0][:2] == (answers[1][0], answers[1][1].replace(str(unknown), str(hidden)))
        return answers[0][0] == 404 and same, (
            f"μη δημοσιευμένο {answers[0][0]}, άγνωστο {answers[1][0]}, "
            f"ίδιο σώμα {'ναι' if same else 'όχι'}"
        )

    def date_overflow(self, *, user, password, **_):
        device = TOTPDevice.objects.filter(user__username=user, key=demo_otp_key()).first()
        if device is None:
            return False, f"ο «{user}» δεν έχει τη συσκευή επίδειξης"
        browser, _ = self._signed_in(user, password)
        code_step = browser.request("/admin/")[2].get("Location", "/admin/otp/verify/")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        # A code is accepted once: after a recent sign-in, take the next step's (within
        # the tolerance of one step that django-otp allows).
        totp.time = time.time() + device.step * max(0, (device.last_t or 0) + 1 - totp.t())
        code = f"{totp.token():0{device.digits}d}"
        browser.post_form(code_step, {"token": code})
        codes = {}
        for model, model_admin in admin.site._registry.items():
            if model_admin.date_hierarchy:
                meta = model._meta
                path = f"/admin/{meta.app_label}/{meta.model_name}/"
                query = f"?{model_admin.date_hierarchy}__year=99999999999"
                codes[path] = browser.request(path + query)[0]
        if browser.request("/admin/")[0] != 200:
            return False, "η σύνδεση με κωδικό μίας χρήσης δεν πέτυχε"
        return 500 not in codes.values(), f"απαντήσεις {codes}"

    def secrets_at_rest(self, **_):
        """File a complaint as a citizen; its private link must be in no task and no log."""
        category = (
            apps.get_model("complaints", "Category")
            .objects.filter(is_active=True)
            .exclude(questions__required=True)
            .first()
        )
        browser = Browser(self.url)
        _, form, _ = browser.request("/complaints/new/")
        key = re.search(r'name="submission_key" value="([^"]+)"', form)
        fields = {
            "kind": "complaint",
            "category": category.code if category else "",
            "subject": "Έλεγχος ασφαλείας",
            "description": "Αίτημα του ελέγχου ασφαλείας: μπορεί να διαγραφεί.",
            "address": "Αγίας Σοφίας 20",
            "citizen_name": "Έλεγχος Ασφαλείας",
            "citizen_email": "security-audit@example.org",
            "privacy_acknowledged": "on",
            "submission_key": key[1] if key else "",
        }
        status, _, _ = browser.post_form("/complaints/new/", fields)
        link = re.search(
            r'href="([^"]*/complaints/track/[^"]+)"', browser.request("/complaints/receipt/")[1]
        )
        if status != 302 or link is None:
            return False, f"η υποβολή απάντησε {status}, χωρίς ιδιωτικό σύνδεσμο"
        secret = link[1].rstrip("/").rsplit("/", 1)[-1]
        browser.request(urllib.parse.urlparse(link[1]).path)
        time.sleep(3)  # the worker sends the receipt email
        tasks = DBTaskResult.objects.all()
        at_rest = "\n".join(f"{row.args_kwargs} {row.return_value}" for row in tasks)
        places = {"πίνακας εργασιών": secret in at_rest}
        if self.log:
            with open(self.log, encoding="utf-8", errors="replace") as log:
                places["log"] = secret in log.read()
        found = [place for place, present in places.items() if present]
        return not found, f"ελέγχθηκαν {list(places)}" + (f", βρέθηκε σε {found}" if found else "")

    def restart(self, *, restart_command, **_):
        browser = Browser(self.url)
        subprocess.run(restart_command, shell=True, check=True, timeout=120)  # noqa: S602 - the operator's own command
        started = time.monotonic()
        while time.monotonic() - started < 60:
            try:
                if browser.request("/healthz")[0] == 200 and browser.request("/")[0] == 200:
                    return True, f"απαντά ξανά σε {time.monotonic() - started:.1f} s"
            except OSError:
                pass
            time.sleep(0.5)
        return False, "δεν απαντά 60 s μετά την επανεκκίνηση"
