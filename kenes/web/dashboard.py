"""The dashboard's "what needs doing": panels that each app contributes.

An app adds a `dashboard.py` module with functions decorated by @register_panel;
the modules are found the first time a dashboard is drawn, so no central list
names the apps. A panel takes the request and returns a Panel, or None when it
has nothing for this user (wrong role, or nothing to do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class PanelItem:
    label: str
    count: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    link: str | None = None
    link_text: str | None = None
    # Lower comes first, so the secretariat's most urgent queues lead.
    order: int = 100


PanelFunction = Callable[[HttpRequest], Panel | None]

_panels: list[PanelFunction] = []
_discovered = False


def register_panel(function: PanelFunction) -> PanelFunction:
    if function not in _panels:
        _panels.append(function)
    return function


def panels_for(request: HttpRequest) -> list[Panel]:
    global _discovered
    if not _discovered:
        autodiscover_modules("dashboard")
        _discovered = True
    panels = [panel for function in _panels if (panel := function(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
