"""The portal's pages: thin views over ``content``, the registry and ``opendata``, always as the public reads.

Every query here is asked as ``PUBLIC`` (an anonymous reader), never as ``request.user``: a signed-in
secretariat previewing the portal sees exactly what the public sees.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kenes.core.models import Topic
from kenes.portal import content, opendata
from kenes.portal.registry import published_kinds, topic_sections


def absolute(request, path: str) -> str:
    base = getattr(settings, "KENES_BASE_URL", "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def _feeds(topic=None) -> list[dict]:
    """The feed links of a page: all kinds together, then each kind, as Atom and RSS."""
    args = [topic.code] if topic else []
    prefix = "portal:topic_feed" if topic else "portal:feed"
    links = [{"title": _("Everything newly published"), "atom": reverse(prefix, args=[*args, "all", "atom"]),
              "rss": reverse(prefix, args=[*args, "all", "rss"])}]
    links += [{"title": kind.title, "atom": reverse(prefix, args=[*args, kind.key, "atom"]),
               "rss": reverse(prefix, args=[*args, kind.key, "rss"])}
              for kind in published_kinds() if kind.in_feeds]
    return links


@require_GET
def landing(request):
    canonical = absolute(request, reverse("portal:landing"))
    ld = {"@context": "https://schema.org", "@type": "WebPage", "url": canonical, "name": _("Public portal"),
          "inLanguage": request.LANGUAGE_CODE,
          "about": {"@type": "GovernmentOrganization", "name": _("Kazakhstan–Uzbekistan Expert Council")},
          "hasPart": {"@type": "DataCatalog", "name": _("Open data"), "url": absolute(request, reverse("portal:data"))}}
    context = {**content.landing(), "feeds": _feeds(), "canonical": canonical, "ld": ld}
    return render(request, "portal/landing.html", context)


@require_GET
def topic_list(request):
    tallies = content.measure_tallies() if apps.is_installed("kenes.inventory") else None
    counts = {tally.code: tally.count for tally in tallies["topics"]} if tallies else {}
    topics = [(topic, counts.get(topic.code)) for topic in Topic.objects.all()]
    return render(request, "portal/topic_list.html", {"topics": topics,
                                                      "canonical": absolute(request, reverse("portal:topics"))})


@require_GET
def topic_detail(request, code):
    topic = get_object_or_404(Topic, code=code)
    sections = []
    for section in topic_sections():
        records = list(section.records(topic))
        sections.append({"section": section, "records": records,
                         "rows": [(record, section.detail(record) if section.detail else "") for record in records],
                         "more_url": section.more_url(topic) if section.more_url and records else None})
    canonical = absolute(request, reverse("portal:topic", args=[topic.code]))
    ld = {"@context": "https://schema.org", "@type": "CollectionPage", "url": canonical, "name": topic.name,
          "inLanguage": request.LANGUAGE_CODE, "about": {"@type": "Thing", "name": topic.name, "identifier": topic.code},
          "hasPart": [{"@type": "CreativeWork", "name": str(record), "url": absolute(request, record.get_absolute_url())}
                      for block in sections for record in block["records"]]}
    context = {"topic": topic, "sections": sections, "feeds": _feeds(topic), "canonical": canonical, "ld": ld}
    return render(request, "portal/topic_detail.html", context)


@require_GET
def open_data(request):
    directory = opendata.current()
    canonical = absolute(request, reverse("portal:data"))
    files = opendata.files(directory)
    ld = {"@context": "https://schema.org", "@type": "Dataset", "url": canonical, "name": _("Kenes open data"),
          "description": _("Every public record of the Kazakhstan–Uzbekistan Expert Council's platform."),
          "license": opendata.LICENSE or None, "isAccessibleForFree": True,
          "distribution": [{"@type": "DataDownload", "encodingFormat": opendata.MEDIA_TYPES[item["format"]],
                            "contentUrl": absolute(request, reverse("portal:data_file", args=[item["path"]]))}
                           for item in files]}
    context = {"files": files, "version": directory.name, "canonical": canonical, "ld": ld}
    return render(request, "portal/open_data.html", context)


@require_GET
def open_data_file(request, name):
    directory = opendata.current()
    # Only a file the package lists: a name from the request never walks the disk.
    listed = {item["path"]: item for item in opendata.files(directory)}
    if name not in listed:
        raise Http404
    item = listed[name]
    response = FileResponse((directory / name).open("rb"), content_type=opendata.MEDIA_TYPES[item["format"]]
                            + ("; charset=utf-8" if item["format"] in ("csv", "json", "jsonl") else ""),
                            as_attachment=item["format"] in ("csv", "xlsx", "jsonl"), filename=name)
    response["ETag"] = f'"{directory.name}-{name}"'
    patch_cache_control(response, public=True, max_age=300)
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site's scripts may fetch it
    return response


@require_GET
def robots(request):
    lines = ["User-agent: *", "Disallow: /accounts/", "Disallow: /admin/", "Disallow: /api/",
             f"Sitemap: {absolute(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

