"""The briefing pack laid out for reading: sections of paragraphs, a table and charts, in order.

Both renderers (``briefing_pdf``, ``briefing_docx``) draw these the same way, so the PDF
and the DOCX always hold the same words. An empty section says so in a sentence rather
than disappearing: a reader should know the agenda is not set, not wonder where it went.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from kenes.council.briefing import NBSP, Briefing, PartyFigure, TargetProgress


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # shares of the text width, adding up to 1
    main: int = 0  # the column whose first line names the row (set in bold)


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    charts: list[TargetProgress] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # after the table, in small print


def sections(briefing: Briefing) -> list[Section]:
    """The pack's sections in reading order; call inside ``override(briefing.language)``."""
    return [_agenda_section(briefing), _measures_section(briefing), _work_plan_section(briefing),
            _decisions_section(briefing), _targets_section(briefing), _participants_section(briefing)]


def _lines(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _agenda_section(briefing: Briefing) -> Section:
    section = Section(_("Agenda"))
    if not briefing.agenda:
        section.paragraphs.append(_("The agenda has not been set yet."))
        return section
    rows = [[str(entry.number),
             _lines(entry.title, entry.description,
                    _("Measures: %(list)s") % {"list": "; ".join(entry.measures)} if entry.measures else ""),
             ", ".join(entry.presenters), _("%(minutes)s min") % {"minutes": entry.minutes} if entry.minutes else ""]
            for entry in briefing.agenda]
    section.table = Table([pgettext("agenda item number", "No."), _("Item"), _("Presenters"), _("Time")], rows,
                          [0.07, 0.58, 0.23, 0.12], main=1)
    planned = sum(entry.minutes or 0 for entry in briefing.agenda)
    if planned:
        section.notes.append(_("Planned time in all: %(minutes)s minutes.") % {"minutes": planned})
    return section


def _measures_section(briefing: Briefing) -> Section:
    section = Section(_("Measures proposed since the last meeting"))
    if not briefing.previous:
        section.paragraphs.append(_("No earlier meeting of this body is on record, so there is no last meeting "
                                    "to count from."))
        return section
    section.paragraphs.append(_("Since %(meeting)s.") % {"meeting": briefing.previous})
    if not briefing.new_measures:
        section.paragraphs.append(_("No measure has been proposed since then."))
        return section
    rows = [[entry.proposed_on, _lines(entry.title, entry.occasion), ", ".join(entry.proposed_by), entry.status]
            for entry in briefing.new_measures]
    section.table = Table([_("Proposed"), _("Measure"), _("Proposed by"), _("Status")], rows,
                          [0.13, 0.45, 0.24, 0.18], main=1)
    if briefing.new_measures_more:
        section.notes.append(_("…and %(count)s more, listed in Kenes.") % {"count": briefing.new_measures_more})
    return section


def _work_plan_section(briefing: Briefing) -> Section:
    status = briefing.work_plan
    section = Section(_("Work plan"))
    if not status.total:
        section.paragraphs.append(_("The work plan has no items yet."))
        return section
    section.paragraphs.append(ngettext("%(plans)s: %(total)s item — %(counts)s.",
                                       "%(plans)s: %(total)s items — %(counts)s.", status.total) % {
        "plans": "; ".join(status.plans), "total": status.total,
        "counts": ", ".join(f"{label.lower()} {count}" for label, count in status.by_status)})
    if not status.overdue:
        section.paragraphs.append(_("No item is overdue."))
        return section
    section.paragraphs.append(_("Overdue items:"))
    rows = [[_lines(entry.title, entry.plan if len(status.plans) > 1 else ""),
             _lines(entry.due.isoformat(), ngettext("%(days)s day late", "%(days)s days late", entry.days_overdue)
                    % {"days": entry.days_overdue}),
             _lines(entry.status, f"{entry.progress}{NBSP}%"), "\n".join(entry.responsible)]
            for entry in status.overdue]
    section.table = Table([_("Work item"), _("Due"), _("Status"), _("Responsible")], rows, [0.40, 0.17, 0.15, 0.28])
    if status.overdue_more:
        section.notes.append(_("…and %(count)s more, listed in Kenes.") % {"count": status.overdue_more})
    return section


def _decisions_section(briefing: Briefing) -> Section:
    section = Section(_("Decisions of the last meeting and what became of them"))
    if not briefing.previous:
        section.paragraphs.append(_("No earlier meeting of this body is on record."))
        return section
    section.paragraphs.append(briefing.previous)
    if not briefing.decisions:
        section.paragraphs.append(_("No decision of that meeting is recorded."))
        return section
    rows = [[_lines(entry.text, entry.kind if entry.kind != _("Decision") else ""),
             _lines(entry.owner, _("due %(day)s") % {"day": entry.due.isoformat()} if entry.due else ""),
             entry.outcome] for entry in briefing.decisions]
    section.table = Table([_("Decision"), _("Owner"), _("What became of it")], rows, [0.42, 0.2, 0.38])
    return section


def _targets_section(briefing: Briefing) -> Section:
    section = Section(_("Progress towards the targets"))
    if not briefing.targets:
        section.paragraphs.append(_("No target is recorded yet."))
        return section
    rows = []
    for target in briefing.targets:
        figures = "\n".join(_figure_line(figure) for figure in target.figures) or _("No figures yet.")
        rows.append([target.indicator, _lines(target.target, target.deadline and _("by %(deadline)s") % {
            "deadline": target.deadline}), figures])
    section.table = Table([_("Indicator"), _("Target"), _("Latest figures")], rows, [0.34, 0.26, 0.40])
    section.charts = [target for target in briefing.targets if any(f.share is not None for f in target.figures)]
    return section


def _figure_line(figure: PartyFigure) -> str:
    line = f"{figure.party}, {figure.period}: {figure.text}"
    if figure.share is None:
        return line
    return line + " " + _("(%(share)s%(space)s%% of the target)") % {"share": figure.share, "space": NBSP}


def _participants_section(briefing: Briefing) -> Section:
    section = Section(_("Participants"))
    if not briefing.participants:
        section.paragraphs.append(_("No participants are recorded yet."))
        return section
    if briefing.participants_from_composition:
        section.paragraphs.append(_("No participants are listed for the meeting yet; these are the body's members "
                                    "on the day."))
    rows = [[_lines(entry.name, ", ".join(entry.other_names), entry.party),
             _lines(entry.role, *entry.positions), entry.biography or _("No biography recorded.")]
            for entry in briefing.participants]
    section.table = Table([_("Name"), _("Role"), _("Biography")], rows, [0.27, 0.25, 0.48])
    return section
