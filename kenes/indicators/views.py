"""Indicator, target and observation pages. Thin: visibility applied on reading, services for writing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kenes.core.views import (
    record_form_page,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.directory.models import Party
from kenes.indicators import exports, services
from kenes.indicators.charts import build_chart
from kenes.indicators.forms import IndicatorForm, ObservationForm, RateForm, TargetForm
from kenes.indicators.lists import INDICATOR_COLUMNS, OBSERVATION_COLUMNS, TARGET_COLUMNS
from kenes.indicators.models import ConversionRate, Indicator, Observation, Target, format_value
from kenes.indicators.progress import Rates, target_progress
from kenes.operations.exports import record_bulk_export
from kenes.web.lists import Listing

DEFAULT_THRESHOLD = "5"  # percent: below it, two statistical offices' figures are taken to agree


def _visible_or_404(request, model, pk):
    record, _moved = record_or_redirect(request, model, pk)  # indicators are not merged: never moved
    return record


def _unit(request, record) -> str:
    """The record's unit, or its indicator's when it has none and the reader may see the indicator."""
    indicator = visible_related(record.indicator, request.user)
    return record.unit or (indicator.unit if indicator else "")


def indicator_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "unit")}
    indicators = services.search_indicators(request.user, filters["q"], unit=filters["unit"])
    listing = Listing(request, indicators, INDICATOR_COLUMNS, name="indicators", title=_("Indicators"),
                      default_sort="name")
    if response := listing.download():
        return response
    units = sorted(set(Indicator.objects.visible_to(request.user).exclude(unit="").values_list("unit", flat=True)))
    context = {"listing": listing, "page": listing.page, "filters": filters, "units": units}
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, "indicators/_indicator_rows.html" if partial else "indicators/indicator_list.html",
                      context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _threshold(request) -> Decimal:
    """The discrepancy threshold as a share, from ``?threshold=`` in percent (5 when absent or nonsense)."""
    try:
        value = Decimal(request.GET.get("threshold", "").replace(",", ".").strip() or DEFAULT_THRESHOLD)
    except InvalidOperation:
        value = Decimal(DEFAULT_THRESHOLD)
    if not value.is_finite() or not 0 <= value <= 1000:
        value = Decimal(DEFAULT_THRESHOLD)
    return value / 100


def indicator_detail(request, pk):
    indicator = _visible_or_404(request, Indicator, pk)
    progress = services.indicator_progress(request.user, indicator)
    threshold = _threshold(request)
    context = {
        "indicator": indicator,
        "progress": progress,
        "chart": build_chart(progress, none_label=_("Other sources")),
        "table": services.observations_by_party(request.user, indicator),
        "discrepancies": services.discrepancies(request.user, threshold=threshold, indicator=indicator),
        "threshold": threshold,
        **record_page_context(request, indicator),
    }
    return render(request, "indicators/indicator_detail.html", context)


def discrepancy_list(request):
    """Where the two sides' figures differ by more than a threshold, across the indicators the reader may see."""
    threshold = _threshold(request)
    indicators = services.by_display_name(Indicator.objects.visible_to(request.user))
    chosen = request.GET.get("indicator", "")
    indicator = indicators.filter(pk=chosen).first() if chosen.isdigit() and len(chosen) < 19 else None
    context = {"rows": services.discrepancies(request.user, threshold=threshold, indicator=indicator),
               "threshold": threshold, "threshold_percent": format_value(threshold * 100),
               "indicators": indicators, "indicator": indicator, "show_indicator": indicator is None}
    return render(request, "indicators/discrepancies.html", context)


def target_detail(request, pk):
    target = _visible_or_404(request, Target, pk)
    indicator = visible_related(target.indicator, request.user)
    context = {
        "progress": (target_progress(target, services.visible_observations(request.user, indicator=indicator),
                                     rates=Rates(ConversionRate.objects.visible_to(request.user)))
                     if indicator else None),
        "set_at_meeting": visible_related(target.set_at_meeting, request.user),
        "set_by": [*visible_many(target.set_by_parties.all(), request.user),
                   *visible_many(target.set_by_organizations.all(), request.user),
                   *visible_many(target.set_by_people.all(), request.user)],
        "measures": visible_many(target.measures.all(), request.user),
        "target": target,
        # Its indicator only when the reader may see it (the value is public, the indicator may not be).
        "indicator": visible_related(target.indicator, request.user),
        "unit": _unit(request, target),
        "superseded_by": visible_related(target.superseded_by, request.user),
        "supersedes": services.visible_targets(request.user, superseded_by=target),
        **record_page_context(request, target),
    }
    return render(request, "indicators/target_detail.html", context)


def observation_detail(request, pk):
    observation = _visible_or_404(request, Observation, pk)
    context = {
        "observation": observation,
        "indicator": visible_related(observation.indicator, request.user),
        "unit": _unit(request, observation),
        "revises": visible_related(observation.revises, request.user),
        "revisions": services.visible_observations(request.user, revises=observation),
        **record_page_context(request, observation),
    }
    return render(request, "indicators/observation_detail.html", context)


def _initial_indicator(request) -> dict:
    value = request.GET.get("indicator", "")
    if value.isdigit() and len(value) < 19 and Indicator.objects.live().filter(pk=value).exists():
        return {"indicator": int(value)}
    return {}


@login_required
def indicator_create(request):
    return record_form_page(request, None, IndicatorForm, "indicators/indicator_form.html",
                      create=services.create_indicator, update=services.update_indicator)


@login_required
def indicator_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Indicator.objects.live(), pk=pk), IndicatorForm,
                      "indicators/indicator_form.html", create=services.create_indicator,
                      update=services.update_indicator)


@login_required
def target_create(request):
    require_secretariat(request)
    return record_form_page(request, None, TargetForm, "indicators/target_form.html", create=services.create_target,
                      update=services.update_target, initial=_initial_indicator(request))


@login_required
def target_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Target.objects.live(), pk=pk), TargetForm,
                      "indicators/target_form.html", create=services.create_target, update=services.update_target)


@login_required
def observation_create(request):
    require_secretariat(request)
    return record_form_page(request, None, ObservationForm, "indicators/observation_form.html",
                      create=services.create_observation, update=services.update_observation,
                      initial=_initial_indicator(request))


@login_required
def observation_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Observation.objects.live(), pk=pk), ObservationForm,
                      "indicators/observation_form.html", create=services.create_observation,
                      update=services.update_observation)


def rate_list(request):
    """The conversion rates on record: the only way figures in one currency meet a target in another."""
    rates = ConversionRate.objects.visible_to(request.user)
    return render(request, "indicators/rate_list.html",
                  {"rates": rates, "can_edit": getattr(request.user, "is_secretariat", False)})


@login_required
def rate_create(request):
    return record_form_page(request, None, RateForm, "indicators/rate_form.html", create=services.create_rate,
                      update=services.update_rate)


@login_required
def rate_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(ConversionRate.objects.live(), pk=pk), RateForm,
                      "indicators/rate_form.html", create=services.create_rate, update=services.update_rate)


def _listing_page(request, records, columns, *, name, title, template, default_sort, extra=None):
    listing = Listing(request, records, columns, name=name, title=title, default_sort=default_sort)
    if response := listing.download():
        return response
    return render(request, template, {"listing": listing, "page": listing.page, **(extra or {})})


def observation_list(request):
    """Every figure the reader may see, filtered by indicator, side and period; downloads of exactly these."""
    filters = {key: request.GET.get(key, "").strip() for key in ("indicator", "party", "period")}
    indicators = services.by_display_name(Indicator.objects.visible_to(request.user))
    observations = services.visible_observations(request.user).filter(
        indicator__in=Indicator.objects.visible_to(request.user))
    if filters["indicator"].isdigit() and len(filters["indicator"]) < 19:
        observations = observations.filter(indicator_id=filters["indicator"])
    if filters["party"]:
        observations = observations.filter(reporting_party__code=filters["party"].upper()[:10])
    if filters["period"]:
        observations = observations.filter(period__startswith=filters["period"][:15])
    return _listing_page(request, observations, OBSERVATION_COLUMNS, name="figures", title=_("Reported figures"),
                         template="indicators/observation_list.html", default_sort="period",
                         extra={"filters": filters, "indicators": indicators,
                                "parties": Party.objects.order_by("code")})


def target_list(request):
    targets = services.visible_targets(request.user).filter(indicator__in=Indicator.objects.visible_to(request.user))
    return _listing_page(request, targets, TARGET_COLUMNS, name="targets", title=_("Targets"),
                         template="indicators/target_list.html", default_sort="deadline")


def iati_results(request):
    """The indicators the reader may see as IATI-style results (JSON), for download."""
    response = JsonResponse(exports.iati_results(request.user), json_dumps_params={"ensure_ascii": False, "indent": 1})
    record_bulk_export(request.user, "indicators IATI JSON", *exports.iati_records(request.user))
    response["Content-Disposition"] = 'attachment; filename="kenes-indicators-iati.json"'
    return response
# Importing figures from a table: upload → preview (nothing written) → import exactly what was previewed.

PENDING_IMPORTS = "indicator_imports"  # session key: token → what the preview was made with


@login_required
def observation_import(request, pk=None):
    # Imported here rather than at the top: this section is kept self-contained at the end of the module.
    from kenes.indicators import importing
    from kenes.indicators.forms import ObservationImportForm

    require_secretariat(request)
    indicator = get_object_or_404(Indicator.objects.live(), pk=pk) if pk else None
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request, indicator)
    form = ObservationImportForm(request.POST or None, request.FILES or None)
    checked, token = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        checked = importing.check(upload, indicator=indicator)
        if not checked.problem and checked.to_write:
            token = importing.keep_pending(upload)
            pending = dict(request.session.get(PENDING_IMPORTS, {}))
            for old in list(pending)[:-4]:  # a few previews open in other tabs stay valid
                importing.discard_pending(old)
                pending.pop(old)
            pending[token] = {"indicator": indicator.pk if indicator else None, "fingerprint": checked.fingerprint(),
                              "visibility": form.cleaned_data["visibility"],
                              "only_valid": form.cleaned_data["only_valid"], "name": upload.name[:200]}
            request.session[PENDING_IMPORTS] = pending
    return _import_page(request, indicator, form, checked, token)


def _import_page(request, indicator, form, checked, token, *, only_valid=None, status=200):
    if only_valid is None:
        only_valid = bool(form.is_bound and form.is_valid() and form.cleaned_data["only_valid"])
    context = {"indicator": indicator, "form": form, "checked": checked, "token": token, "only_valid": only_valid,
               "can_import": bool(checked and token and checked.to_write and (only_valid or not checked.bad))}
    return render(request, "indicators/observation_import.html", context, status=status)


def _import_confirm(request, indicator):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kenes.indicators import importing
    from kenes.indicators.forms import ObservationImportForm

    token = request.POST.get("token", "")
    pending = request.session.get(PENDING_IMPORTS, {})
    preview = pending.get(token)
    content = importing.pending(token) if preview else None
    if content is None or preview["indicator"] != (indicator.pk if indicator else None):
        messages.error(request, _("This preview is no longer available (it was imported already, expired or "
                                  "belongs to another session): upload the file again."))
        return _import_page(request, indicator, ObservationImportForm(), None, "", status=400)
    upload = SimpleUploadedFile(preview["name"], content)
    form = ObservationImportForm(initial={"visibility": preview["visibility"], "only_valid": preview["only_valid"]})
    try:
        checked, result = importing.apply_previewed(
            request.user, upload, fingerprint=preview["fingerprint"], indicator=indicator,
            only_valid=preview["only_valid"], visibility=preview["visibility"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        checked = importing.check(upload, indicator=indicator)
        return _import_page(request, indicator, form, checked, token, only_valid=preview["only_valid"], status=400)
    if result is None:
        preview["fingerprint"] = checked.fingerprint()
        request.session.modified = True
        messages.warning(request, _("The figures on record changed since the preview: check this new preview, "
                                    "then import."))
        return _import_page(request, indicator, form, checked, token, only_valid=preview["only_valid"], status=409)
    importing.discard_pending(token)
    pending.pop(token, None)
    request.session.modified = True
    messages.success(request, result.message())
    indicators = {row.data["indicator"] for row in checked.to_write}
    target = indicator or (indicators.pop() if len(indicators) == 1 else None)
    return redirect(target or "indicators:indicators")
