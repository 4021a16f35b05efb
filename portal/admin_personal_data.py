"""The data-protection officer's tool: find, export (ZIP) and erase one citizen's data."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_pages import render_admin_page
from portal.personal_data import (
    Subject,
    personal_data_erase,
    personal_data_export,
    personal_data_find,
)

PERMISSION = "portal.handle_personal_data"


class SubjectForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    phone = forms.CharField(label=gettext_lazy("Τηλέφωνο"), max_length=30, required=False)
    confirm = forms.BooleanField(
        label=gettext_lazy("Επιβεβαιώνω τη διαγραφή (ανωνυμοποίηση) όλων των παραπάνω"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        subject = Subject(email=data.get("email") or "", phone=data.get("phone") or "")
        if not subject:
            raise forms.ValidationError(
                _("Γράψτε ένα email ή έναν αριθμό τηλεφώνου (τουλάχιστον 10 ψηφία).")
            )
        data["subject"] = subject
        return data


def personal_data_view(model_admin, request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    # The email or phone searched is personal data: it comes by POST only, so that it
    # lands in no access log, proxy log or browser history. A query string is ignored.
    form = SubjectForm(request.POST if request.method == "POST" else None)
    found = None
    erased = None
    if form.is_valid():
        subject = form.cleaned_data["subject"]
        action = request.POST.get("action")
        if action == "export":
            archive = personal_data_export(subject=subject, actor=request.user)
            response = HttpResponse(archive, content_type="application/zip")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.zip"'
            return response
        if action == "erase":
            if form.cleaned_data["confirm"]:
                erased = personal_data_erase(subject=subject, actor=request.user)
            else:
                form.add_error("confirm", _("Επιβεβαιώστε πρώτα τη διαγραφή."))
        found = personal_data_find(subject)
    return render_admin_page(
        model_admin,
        request,
        "admin/portal/personal_data.html",
        {
            "title": _("Δικαιώματα υποκειμένων: εύρεση, εξαγωγή, διαγραφή"),
            "form": form,
            "found": found,
            "erased": erased,
        },
    )
