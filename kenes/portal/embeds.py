"""A target's progress for other sites: a framable page (bars and chart) and a standalone SVG of the bars.

Public targets of public indicators only; anything else is a 404, as if it did not exist. These two
views alone may be framed by any site: X-Frame-Options is lifted and the Content-Security-Policy's
``frame-ancestors`` widened for them, nowhere else.
"""

from __future__ import annotations

from csp.decorators import csp_replace
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from kenes.core.visibility import visible_related
from kenes.portal.registry import PUBLIC

FRAMABLE = {"frame-ancestors": ["*"]}
# SVG geometry of the bars (an image has no stylesheet: every colour is an attribute).
SVG_WIDTH, ROW, TOP, BAR = 480, 52, 56, 14
COLOURS = ["#1d5fa6", "#b5651d", "#4a7f3a", "#7a4a9a"]


def public_target_progress(pk: int):
    from kenes.indicators.models import ConversionRate, Target
    from kenes.indicators.progress import Rates, target_progress
    from kenes.indicators.services import visible_observations

    target = Target.objects.visible_to(PUBLIC).select_related("indicator").filter(pk=pk).first()
    indicator = visible_related(target.indicator, PUBLIC) if target else None
    if target is None or indicator is None:
        raise Http404
    observations = visible_observations(PUBLIC, indicator=indicator)
    return target_progress(target, observations, rates=Rates(ConversionRate.objects.visible_to(PUBLIC)))


def _framable(view):
    return xframe_options_exempt(csp_replace(FRAMABLE)(view))


@require_GET
@_framable
def target_embed(request, pk):
    from kenes.indicators.charts import build_chart

    progress = public_target_progress(pk)
    context = {"item": progress, "items": [progress], "indicator": progress.target.indicator,
               "chart": build_chart([progress], none_label=_("Other sources"))}
    return render(request, "portal/embed_target.html", context)


@require_GET
@_framable
def target_svg(request, pk):
    progress = public_target_progress(pk)
    rows = []
    for index, side in enumerate(side for side in progress.sides if side.latest):
        y = TOP + index * ROW
        rows.append({"y": y, "bar_y": y + 8, "text_y": y + 40, "colour": COLOURS[index % len(COLOURS)],
                     "width": (SVG_WIDTH - 32) * (side.percent or 0) / 100, "side": side})
    context = {"item": progress, "indicator": progress.target.indicator, "rows": rows, "width": SVG_WIDTH,
               "bar_width": SVG_WIDTH - 32, "height": TOP + max(len(rows), 1) * ROW + 8, "bar": BAR}
    response = render(request, "portal/embed_target.svg", context, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
