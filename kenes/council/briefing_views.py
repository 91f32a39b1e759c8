"""The briefing pack as a download: /council/meetings/<pk>/briefing/?lang=ru&format=pdf.

Thin: it reads the meeting with the one visibility rule and hands over to
``kenes.council.briefing``, which gathers only what the signed-in user may see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kenes.core.translation import reader_language
from kenes.council import briefing
from kenes.operations.exports import record_briefing_pack


@login_required
def briefing_download(request, pk):
    """The pack as PDF (default) or DOCX, in ``lang`` (default: the page's language when the pack has it)."""
    if not request.user.is_council_member:
        raise PermissionDenied(_("Briefing packs are for council members and the secretariat."))
    language = request.GET.get("lang") or (reader_language() if reader_language() in briefing.LANGUAGES else "en")
    file_format = request.GET.get("format") or "pdf"
    if language not in briefing.LANGUAGES or file_format not in briefing.FORMATS:
        message = _("Choose the language (%(languages)s) and the format (%(formats)s) of the briefing pack.") % {
            "languages": ", ".join(briefing.LANGUAGES), "formats": ", ".join(briefing.FORMATS)}
        # The site's own error page, so the visitor keeps the navigation and a way back.
        return HttpResponseBadRequest(render_to_string("400.html", {"message": message}, request))
    try:
        meeting = briefing.find_meeting(request.user, pk)
    except briefing.NotAvailable:
        raise Http404 from None
    pack = briefing.build(meeting, request.user, language)
    response = HttpResponse(briefing.render(pack, file_format), content_type=briefing.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{briefing.filename(pack, file_format)}"'
    # The pack holds what this user may see: no shared cache may keep it for another.
    response["Cache-Control"] = "private, no-store"
    record_briefing_pack(request.user, meeting, language, file_format)
    return response
