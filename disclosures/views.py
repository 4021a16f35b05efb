from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from disclosures import comparison, exports, selectors
from disclosures.forms import CompareForm
from disclosures.models import Declaration, Entry, Official
from portal.pagecache import cached_page
from portal.ratelimit import limit_downloads

PAGE_SIZE = 24


def _directory_trail():
    return [(reverse("disclosures:index"), _("Δηλώσεις περιουσίας"))]


@cached_page("disclosures")
@require_safe
def index(request):
    filterset, officials = selectors.official_directory(request.GET)
    page = Paginator(officials, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosures/official_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "officials": page.object_list,
            "breadcrumb_trail": [(None, _("Δηλώσεις περιουσίας"))],
        },
    )


def _official_or_404(slug: str, selector=selectors.official_by_slug) -> Official:
    try:
        return selector(slug)
    except Official.DoesNotExist as error:
        raise Http404(_("Δεν βρέθηκε ο αιρετός.")) from error


@cached_page("disclosures")
@require_safe
def official_detail(request, slug: str):
    official = _official_or_404(slug, selectors.official_page)
    declarations = selectors.official_declarations(official)
    effective = selectors.effective_by_year(declarations)
    in_force = {d.pk for d in effective.values()}
    by_year: dict[int, list[Declaration]] = {}
    for declaration in declarations:
        declaration.in_force = declaration.pk in in_force  # type: ignore[attr-defined]
        by_year.setdefault(declaration.fiscal_year, []).append(declaration)
    return render(
        request,
        "disclosures/official_detail.html",
        {
            "official": official,
            "years": sorted(by_year.items(), reverse=True),
            "yearly_totals": selectors.yearly_totals(effective),
            "sections": Entry.Section.choices,
            "can_compare": len(by_year) > 1,
            "breadcrumb_trail": [*_directory_trail(), (None, official.name)],
        },
    )


@require_safe
def official_photo(request, slug: str):
    official = _official_or_404(slug)
    if not official.photo:
        raise Http404(_("Δεν υπάρχει φωτογραφία."))
    response = FileResponse(official.photo.open("rb"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def official_compare(request, slug: str):
    official = _official_or_404(slug)
    in_force = selectors.effective_by_year(selectors.official_declarations(official))
    years = sorted(in_force, reverse=True)
    form = CompareForm(request.GET or None, years=years)
    from_year = to_year = None
    if form.is_bound and form.is_valid():
        from_year, to_year = form.cleaned_data["from_year"], form.cleaned_data["to_year"]
    result = comparison.official_comparison(in_force, from_year, to_year)
    if not form.is_bound and result.is_possible:
        form = CompareForm(
            initial={"from_year": result.from_year, "to_year": result.to_year}, years=years
        )
    return render(
        request,
        "disclosures/official_compare.html",
        {
            "official": official,
            "form": form,
            "comparison": result,
            "chart": comparison.comparison_chart(result),
            "breadcrumb_trail": [
                *_directory_trail(),
                (official.get_absolute_url(), official.name),
                (None, _("Σύγκριση ετών")),
            ],
        },
    )


def _declaration_or_404(pk: int, *, include_drafts: bool = False) -> Declaration:
    try:
        return selectors.declaration_page(pk, include_drafts=include_drafts)
    except Declaration.DoesNotExist as error:
        raise Http404(_("Δεν βρέθηκε δημοσιευμένη δήλωση.")) from error


@cached_page("disclosures")
@require_safe
def declaration_detail(request, pk: int):
    # Staff who may see declarations in the admin may preview a draft here; nobody else.
    preview = request.user.has_perm("disclosures.view_declaration")
    declaration = _declaration_or_404(pk, include_drafts=preview)
    official = declaration.official
    correction_changes = []
    if declaration.corrects_id:
        correction_changes = [
            section
            for section in comparison.compare_declarations(declaration.corrects, declaration)
            if section.changes
        ]
    return render(
        request,
        "disclosures/declaration_detail.html",
        {
            "declaration": declaration,
            "official": official,
            "sections": selectors.declaration_sections(declaration),
            "correction_changes": correction_changes,
            "superseded_by": declaration.published_corrections[-1:],  # type: ignore[attr-defined]
            "breadcrumb_trail": [
                *_directory_trail(),
                (official.get_absolute_url(), official.name),
                (None, _("Δήλωση φορολογικού έτους %(year)s") % {"year": declaration.fiscal_year}),
            ],
        },
    )


@require_safe
def declaration_pdf(request, pk: int):
    declaration = _declaration_or_404(pk)
    if not declaration.pdf:
        raise Http404(_("Η δήλωση δεν έχει συνημμένο PDF."))
    return FileResponse(
        declaration.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"dilosi-{declaration.pk}.pdf",
    )


@require_safe
def declaration_csv(request, pk: int):
    return exports.declaration_entries_csv(_declaration_or_404(pk))


@require_safe
def declaration_json(request, pk: int):
    declaration = _declaration_or_404(pk)
    in_force = not declaration.published_corrections  # type: ignore[attr-defined]
    response = JsonResponse(
        exports.declaration_json(declaration, in_force), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = f'inline; filename="dilosi-{declaration.pk}.json"'
    return response


@require_safe
@limit_downloads
def data_csv(request):
    return exports.all_entries_csv()


@require_safe
@limit_downloads
def data_json(request):
    return exports.all_declarations_json()


@require_safe
@limit_downloads
def officials_csv(request):
    return exports.officials_csv()
