"""What each role gets at every address: the permission matrix that tests/operations/test_permission_matrix.py checks.

One entry per URL pattern of the site (by its name, ``namespace:name``), per operation of the REST API
(``"METHOD path"`` relative to the API's root, so every mount of the API shares one entry) and one rule per
kind of admin address. A new address without an entry fails the test: say here what each role gets.

Each row gives, in order, what the **anonymous** visitor, a **reader**, a council **member** and the
**secretariat** get. The outcomes:

- ``ok``: the page (200);  ``login``: sent to the sign-in page;  ``redirect``: sent elsewhere (302);
- ``403`` refused with the reason;  ``404`` not found;  ``405`` the method is not allowed;
- ``seen``: the page when the role may see the record at the visibility being tried (public, internal,
  restricted), otherwise 404 — every entry with ``on=`` is tried with its record at each of the three;
- ``refused``: 403 when the role may see the record at that visibility, 404 when it may not;
- ``seen-done``: ``done`` when the role may see the record, otherwise 404;
- ``a|b|c``: ``a`` with the record public, ``b`` internal, ``c`` restricted;
- ``public``: the page only when the record is public, for everyone (the public portal), otherwise 404;
- ``done``: not refused — the write was taken, or answered with what is wrong in the (empty) form
  (200/302 with errors, 400, 409, 422, 428 for a missing version), never 401/403/404/405.

``post=`` gives the outcomes of an empty POST (forms and buttons): for a refused role, the database must
be left exactly as it was. API writes are sent with an empty JSON object.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("anonymous", "reader", "member", "secretariat")
VISIBILITIES = ("public", "internal", "restricted")

PUBLIC = ("ok", "ok", "ok", "ok")
SIGNED_IN = ("login", "ok", "ok", "ok")
MEMBERS = ("login", "403", "ok", "ok")
SECRETARIAT = ("login", "403", "403", "ok")
SEEN = ("seen", "seen", "seen", "seen")
SEEN_SIGNED_IN = ("login", "seen", "seen", "seen")
PORTAL = ("public", "public", "public", "public")
# A write refused to all but the secretariat (an empty form answered with its errors).
WRITE = ("login", "403", "403", "done")
WRITE_SIGNED_IN = ("login", "done", "done", "done")
# A POST-only address opened with GET.
POST_ONLY = ("login", "405", "405", "405")
# The secretariat's, refused with the reason even to the anonymous visitor (no detour to sign in).
REFUSED = ("403", "403", "403", "ok")
REFUSED_WRITE = ("403", "403", "403", "done")


@dataclass(frozen=True)
class Entry:
    get: tuple[str, ...] | None = None
    post: tuple[str, ...] | None = None
    on: str | None = None  # the record the address names (TARGETS in the test), tried at each visibility


def page(get, on=None, post=None) -> Entry:
    return Entry(get=get, post=post, on=on)


def form(get, post, on=None) -> Entry:
    """A page with a form: GET shows it, an empty POST is answered with its errors (or refused)."""
    return Entry(get=get, post=post, on=on)


def button(post=WRITE, on=None) -> Entry:
    """A POST-only address (a button): GET is not allowed."""
    get = ("405",) * 4 if post[0] == "403" else POST_ONLY
    return Entry(get=get, post=post, on=on)


PAGES: dict[str, Entry] = {
    # Probes and site-wide files.
    "healthz": page(PUBLIC),
    "readyz": page(PUBLIC),
    # Prometheus metrics are off unless KENES_METRICS is on (then loopback or a token: tests/operations/test_metrics.py).
    "metrics": page(("404",) * 4),
    "sitemap": page(PUBLIC),
    "sitemap_section": page(PUBLIC, on="sitemap_section"),
    "robots": page(PUBLIC),
    "set_language": Entry(get=("redirect",) * 4, post=("redirect",) * 4),
    # Accounts.
    "login": Entry(get=("ok", "redirect", "redirect", "redirect")),
    "logout": Entry(get=("405",) * 4, post=("redirect",) * 4),
    "password_change": form(SIGNED_IN, WRITE_SIGNED_IN),
    "password_change_done": page(SIGNED_IN),
    "accounts:profile": page(SIGNED_IN),
    "accounts:time_zone": button(WRITE_SIGNED_IN),
    "accounts:token_create": button(WRITE_SIGNED_IN),
    # The member's token: the others cannot revoke it (nothing happens, back to their profile).
    "accounts:token_revoke": button(WRITE_SIGNED_IN, on="token"),
    "accounts:security_events": page(SECRETARIAT),
    # Two-factor sign-in (off in the tests' settings, and no role here has an app yet): the code page sends
    # a session that owes no code on; set-up shows a new secret; recovery codes are shown only right after
    # set-up; turning it off is a button that needs a current code.
    "accounts:two_factor": page(("login", "redirect", "redirect", "redirect")),
    "accounts:two_factor_enrol": form(SIGNED_IN, WRITE_SIGNED_IN),
    "accounts:recovery_codes": page(("login", "redirect", "redirect", "redirect"), post=WRITE_SIGNED_IN),
    "accounts:two_factor_turn_off": button(WRITE_SIGNED_IN),
    # Dashboard, search, areas.
    "web:dashboard": page(PUBLIC),
    "web:search": page(PUBLIC),
    # Every area has its own pages now: the placeholder answers none.
    "web:area": page(("404",) * 4, on="area"),
    # Records of every kind: deleted, history, merge.
    "core:deleted": page(SECRETARIAT),
    "core:delete": form(SECRETARIAT, WRITE, on="measure_label"),
    "core:restore": button(WRITE, on="measure_label"),
    "core:merge": form(SECRETARIAT, WRITE, on="measure_label"),
    "core:history": page(("403", "403", "403", "ok"), on="measure_label"),
    "core:undo_merge": button(WRITE, on="merge"),
    # Directory.
    "directory:organizations": page(PUBLIC),
    "directory:organization_create": form(SECRETARIAT, WRITE),
    "directory:organization": page(SEEN, on="organization"),
    "directory:organization_edit": form(SECRETARIAT, WRITE, on="organization"),
    "directory:people": page(PUBLIC),
    "directory:person_create": form(SECRETARIAT, WRITE),
    "directory:person": page(SEEN, on="person"),
    "directory:person_edit": form(SECRETARIAT, WRITE, on="person"),
    # The person has no photo: 404 whoever asks (the visibility check comes first: tests/directory).
    "directory:person_photo": page(("404",) * 4, on="person"),
    "directory:membership_create": button(on="person"),
    "directory:membership_edit": form(SECRETARIAT, WRITE, on="membership"),
    # Inventory.
    "inventory:measures": page(PUBLIC),
    "inventory:measure_create": form(SECRETARIAT, WRITE),
    "inventory:measure": page(SEEN, on="measure"),
    "inventory:measure_edit": form(SECRETARIAT, WRITE, on="measure"),
    "inventory:measure_transition": button(on="measure"),
    "inventory:measure_side_status": button(on="measure"),
    "inventory:assessment_create": form(SECRETARIAT, WRITE, on="measure"),
    "inventory:assessment": page(SEEN, on="assessment"),
    "inventory:assessment_edit": form(SECRETARIAT, WRITE, on="assessment"),
    "inventory:assessment_move": button(on="assessment"),
    "inventory:compliance": page(PUBLIC),
    "inventory:agreements": page(PUBLIC),
    "inventory:agreement_create": form(SECRETARIAT, WRITE),
    "inventory:agreement": page(SEEN, on="agreement"),
    "inventory:agreement_edit": form(SECRETARIAT, WRITE, on="agreement"),
    # Work plan.
    "workplan:plans": page(PUBLIC),
    "workplan:plan_create": form(SECRETARIAT, WRITE),
    "workplan:digest": page(PUBLIC),
    "workplan:plan": page(SEEN, on="plan"),
    "workplan:plan_edit": form(SECRETARIAT, WRITE, on="plan"),
    "workplan:item_create": form(SECRETARIAT, WRITE, on="plan"),
    "workplan:plan_import": form(SECRETARIAT, WRITE, on="plan"),
    "workplan:item": page(SEEN, on="item"),
    "workplan:item_edit": form(SECRETARIAT, WRITE, on="item"),
    # A progress update: whoever sees the item is answered on the form (the service decides who may post).
    "workplan:item_update": button(("login", "seen-done", "seen-done", "done"), on="item"),
    # Council: meetings, agenda, decisions, minutes.
    "council:meetings": page(PUBLIC),
    "council:meeting_create": form(SECRETARIAT, WRITE),
    "council:meeting": page(SEEN, on="meeting"),
    "council:meeting_edit": form(SECRETARIAT, WRITE, on="meeting"),
    "council:agenda_add": form(SECRETARIAT, WRITE, on="meeting"),
    "council:agenda_from_measures": form(SECRETARIAT, WRITE, on="meeting"),
    "council:agenda_edit": form(SECRETARIAT, WRITE, on="agenda_item"),
    "council:agenda_move": button(on="agenda_item"),
    "council:agenda_remove": button(on="agenda_item"),
    "council:speakers": form(SECRETARIAT, WRITE, on="agenda_item"),
    "council:participant_set": button(on="meeting"),
    "council:participant_remove": button(on="participant"),
    "council:decision_add": form(SECRETARIAT, WRITE, on="meeting"),
    "council:decision_edit": form(SECRETARIAT, WRITE, on="decision"),
    "council:decision_remove": button(on="decision"),
    "council:decision_work_item": form(SECRETARIAT, WRITE, on="decision"),
    "council:minutes": page(SEEN, on="minutes"),
    "council:minutes_draft": button(on="meeting"),
    # The demo's minutes are published: the editor sends the secretariat back to them.
    "council:minutes_edit": form(("login", "403", "403", "redirect"), WRITE, on="minutes"),
    "council:minutes_comment": button(("login", "redirect|404|404", "seen-done", "done"), on="minutes"),
    "council:minutes_resolve": button(on="minutes_comment"),
    "council:minutes_version": page(("refused", "refused", "refused", "ok"), on="minutes_version"),
    "council:minutes_action": button(on="minutes_action"),
    "council:briefing": page(("login", "403", "seen", "seen"), on="meeting"),
    # Council: events, composition, terms, calendar, experts.
    "council:events": page(PUBLIC),
    "council:event_create": form(SECRETARIAT, WRITE),
    "council:event": page(SEEN, on="event"),
    "council:event_edit": form(SECRETARIAT, WRITE, on="event"),
    "council:composition": page(SEEN, on="body"),
    "council:term_create": form(SECRETARIAT, WRITE, on="body"),
    "council:term": page(SEEN, on="term"),
    "council:term_edit": form(SECRETARIAT, WRITE, on="term"),
    "council:calendar": page(PUBLIC),
    "council:feed_public": page(PUBLIC),
    # The member's personal feed: the token is the secret, whoever holds it.
    "council:feed_personal": page(PUBLIC, on="feed"),
    "council:feed_settings": form(SIGNED_IN, WRITE_SIGNED_IN),
    "council:experts": page(PUBLIC),
    "council:expert_create": form(SECRETARIAT, WRITE),
    "council:expert": page(SEEN, on="expert"),
    "council:expert_edit": form(SECRETARIAT, WRITE, on="expert"),
    # Indicators.
    "indicators:indicators": page(PUBLIC),
    "indicators:indicator_create": form(SECRETARIAT, WRITE),
    "indicators:discrepancies": page(PUBLIC),
    "indicators:observations": page(PUBLIC),
    "indicators:targets": page(PUBLIC),
    "indicators:iati": page(PUBLIC),
    "indicators:rates": page(PUBLIC),
    "indicators:rate_create": form(SECRETARIAT, WRITE),
    "indicators:rate_edit": form(SECRETARIAT, WRITE, on="rate"),
    "indicators:indicator": page(SEEN, on="indicator"),
    "indicators:indicator_edit": form(SECRETARIAT, WRITE, on="indicator"),
    "indicators:target_create": form(SECRETARIAT, WRITE),
    "indicators:target": page(SEEN, on="target"),
    "indicators:target_edit": form(SECRETARIAT, WRITE, on="target"),
    "indicators:observation_create": form(SECRETARIAT, WRITE),
    "indicators:observation": page(SEEN, on="observation"),
    "indicators:observation_edit": form(SECRETARIAT, WRITE, on="observation"),
    "indicators:observation_import": form(SECRETARIAT, WRITE),
    "indicators:indicator_import": form(SECRETARIAT, WRITE, on="indicator"),
    # Projects.
    "projects:projects": page(PUBLIC),
    "projects:project_create": form(SECRETARIAT, WRITE),
    "projects:iati": page(PUBLIC),
    "projects:project": page(SEEN, on="project"),
    "projects:project_edit": form(SECRETARIAT, WRITE, on="project"),
    "projects:project_role": button(on="project"),
    "projects:portfolio": page(PUBLIC),
    "projects:statement_create": form(SECRETARIAT, WRITE),
    "projects:statement": page(SEEN, on="statement"),
    "projects:statement_edit": form(SECRETARIAT, WRITE, on="statement"),
    # The joint fund: anyone signed in may apply; reviewers see their own assignments.
    "fund:home": page(PUBLIC),
    "fund:fund_create": form(SECRETARIAT, WRITE),
    "fund:fund": page(SEEN, on="fund"),
    "fund:fund_edit": form(SECRETARIAT, WRITE, on="fund"),
    "fund:decisions": page(PUBLIC),
    "fund:call_create": form(SECRETARIAT, WRITE),
    "fund:call": page(SEEN, on="call"),
    "fund:call_edit": form(SECRETARIAT, WRITE, on="call"),
    "fund:call_state": button(on="call"),
    "fund:criterion_create": form(SECRETARIAT, WRITE, on="call"),
    "fund:apply": form(SEEN_SIGNED_IN, ("login", "seen-done", "seen-done", "done"), on="call"),
    "fund:call_applications": page(SECRETARIAT, on="call"),
    "fund:call_reviews": page(SECRETARIAT, on="call"),
    "fund:ranking": page(SECRETARIAT, on="call"),
    "fund:selection": form(SECRETARIAT, WRITE, on="call"),
    # The member's own application: the applicant and the secretariat.
    "fund:application": page(("seen", "seen", "ok", "ok"), on="application"),
    "fund:application_edit": form(("login", "refused", "ok", "ok"), ("login", "refused", "done", "done"),
                                  on="application"),
    "fund:application_submit": button(("login", "refused", "done", "done"), on="application"),
    "fund:application_withdraw": button(("login", "refused", "done", "done"), on="application"),
    "fund:attachment_add": button(("login", "redirect|404|404", "done", "done"), on="application"),
    "fund:attachment": page(("seen", "seen", "ok", "ok"), on="attachment"),
    "fund:assign": form(SECRETARIAT, WRITE, on="application"),
    "fund:assignments": page(SIGNED_IN),
    # The member's own review assignment.
    # Someone else's assignment: shown when its visibility allows, never theirs to fill in.
    "fund:review": form(("login", "ok|403|403", "ok", "ok"), ("login", "ok|403|403", "done", "done"),
                        on="assignment"),
    "fund:declare_conflict": button(("login", "redirect", "done", "done"), on="assignment"),
    "fund:override": button(on="selection_entry"),
    "fund:publish": button(on="selection"),
    "fund:part": page(SEEN, on="grant_part"),
    "fund:disbursement_add": button(on="grant"),
    "fund:report_add": button(on="grant"),
    # Documents: the secretariat's work.
    "documents:documents": page(PUBLIC),
    "documents:upload": form(SECRETARIAT, WRITE),
    "documents:upload_status": page(SECRETARIAT),
    "documents:document": page(SEEN, on="document"),
    "documents:review": page(REFUSED, on="document"),
    "documents:review_bulk": button(REFUSED_WRITE, on="document"),
    "documents:review_undo_last": button(REFUSED_WRITE, on="document"),
    "documents:review_decide": button(REFUSED_WRITE, on="mention"),
    "documents:review_undo": button(REFUSED_WRITE, on="mention"),
    # Without a query the search sends the secretariat back to the review.
    "documents:review_search": page(("403", "403", "403", "redirect"), on="mention"),
    "documents:text": page(SEEN, on="document"),
    "documents:original": page(SEEN, on="document"),
    # The public portal: published records only, for everyone.
    "portal:landing": page(PUBLIC),
    "portal:topics": page(PUBLIC),
    "portal:topic": page(PUBLIC, on="topic"),
    "portal:feed": page(PUBLIC, on="feed_kind"),
    "portal:topic_feed": page(PUBLIC, on="topic_feed"),
    "portal:data": page(PUBLIC),
    "portal:data_file": page(PUBLIC, on="data_file"),
    "portal:embed_target": page(PORTAL, on="target"),
    "portal:embed_target_svg": page(PORTAL, on="target"),
}

# The Django admin: the secretariat only (the site checks the role, kenes.web.admin_site).
# Rules by the shape of the address; each is tried on a sample (the index and every model's list).
# Records are view-only there (writes go through the services): adding and deleting are refused.
ADMIN_IN = ("login", "login", "login", "ok")
ADMIN_REFUSED = ("login", "login", "login", "403")
ADMIN_REDIRECT = ("login", "login", "login", "redirect")
ADMIN_RULES: dict[str, tuple[str, ...]] = {
    "index": ADMIN_IN,
    "login": ("ok", "ok", "ok", "redirect"),
    "logout": ("redirect", "redirect", "redirect", "405"),
    "password_change": ADMIN_IN,
    "password_change_done": ADMIN_IN,
    "autocomplete": ADMIN_REFUSED,  # asked without a field to complete
    "jsi18n": ADMIN_IN,
    "view_on_site": ADMIN_REDIRECT,
    "app_list": ADMIN_IN,
    "catch_all": ("login", "login", "login", "404"),
    "model:changelist": ADMIN_IN,
    # Users' groups, sign-in records and the task queue: the superuser's, not the secretariat's.
    "model:changelist outside Kenes": ADMIN_REFUSED,
    "model:add": ADMIN_REFUSED,
    "model:history": ADMIN_IN,
    "model:simple_history": ADMIN_IN,
    "model:password_change": ADMIN_REFUSED,
    "model:delete": ADMIN_REFUSED,
    "model:change": ADMIN_IN,
    "model:object": ADMIN_REDIRECT,
}

# The REST API. Reads follow the visibility rule (404 for a record the caller may not see); writes are
# the secretariat's (403 for anyone else, before the body is read; 401 for a write sent with no credentials
# at all, which is what the anonymous caller sends) unless said otherwise.
API_READ = ("ok", "ok", "ok", "ok")
API_SEEN = ("seen", "seen", "seen", "seen")
API_WRITE = ("401", "403", "403", "done")
API_WRITE_SIGNED_IN = ("401", "done", "done", "done")
API_SECRETARIAT_READ = ("401", "403", "403", "ok")
API_NOT_FOUND = ("404", "404", "404", "404")

API: dict[str, Entry] = {
    "GET /": Entry(get=API_NOT_FOUND),
    "GET openapi.json": Entry(get=API_READ),
    "GET docs": Entry(get=API_READ),
    "GET parties": Entry(get=API_READ),
    "GET organizations": Entry(get=API_READ),
    "POST organizations": Entry(post=API_WRITE),
    "GET organizations/{org_id}": Entry(get=API_SEEN, on="organization"),
    "PATCH organizations/{org_id}": Entry(post=API_WRITE, on="organization"),
    "GET people": Entry(get=API_READ),
    "POST people": Entry(post=API_WRITE),
    "GET people/{person_id}": Entry(get=API_SEEN, on="person"),
    "PATCH people/{person_id}": Entry(post=API_WRITE, on="person"),
    "GET memberships": Entry(get=API_READ),
    "POST memberships": Entry(post=API_WRITE),
    "PATCH memberships/{membership_id}": Entry(post=API_WRITE, on="membership"),
    "DELETE memberships/{membership_id}": Entry(post=API_WRITE, on="membership"),
    "GET measures": Entry(get=API_READ),
    "POST measures": Entry(post=API_WRITE),
    "GET measures/{measure_id}": Entry(get=API_SEEN, on="measure"),
    "PATCH measures/{measure_id}": Entry(post=API_WRITE, on="measure"),
    "POST measures/{measure_id}/transition": Entry(post=API_WRITE, on="measure"),
    "POST measures/{measure_id}/side-status": Entry(post=API_WRITE, on="measure"),
    "POST measures/{measure_id}/merge": Entry(post=API_WRITE, on="measure"),
    "GET measure-statuses": Entry(get=API_READ),
    "GET agreements": Entry(get=API_READ),
    "POST agreements": Entry(post=API_WRITE),
    "GET agreements/{agreement_id}": Entry(get=API_SEEN, on="agreement"),
    "PATCH agreements/{agreement_id}": Entry(post=API_WRITE, on="agreement"),
    "GET assessments": Entry(get=API_READ),
    "POST assessments": Entry(post=API_WRITE),
    "GET assessments/{assessment_id}": Entry(get=API_SEEN, on="assessment"),
    "POST assessments/{assessment_id}/state": Entry(post=API_WRITE, on="assessment"),
    "GET compliance": Entry(get=API_READ),
    "GET work-plans": Entry(get=API_READ),
    "POST work-plans": Entry(post=API_WRITE),
    "GET work-plans/{plan_id}": Entry(get=API_SEEN, on="plan"),
    "PATCH work-plans/{plan_id}": Entry(post=API_WRITE, on="plan"),
    "GET work-items": Entry(get=API_READ),
    "POST work-items": Entry(post=API_WRITE),
    "GET work-items/{item_id}": Entry(get=API_SEEN, on="item"),
    "PATCH work-items/{item_id}": Entry(post=API_WRITE, on="item"),
    "GET work-items/{item_id}/updates": Entry(get=API_SEEN, on="item"),
    "POST work-items/{item_id}/updates": Entry(post=API_WRITE_SIGNED_IN, on="item"),
    "POST indicators/import": Entry(post=API_WRITE),
    "GET indicators": Entry(get=API_READ),
    "POST indicators": Entry(post=API_WRITE),
    "GET indicators/iati": Entry(get=API_READ),
    "GET indicators/{indicator_id}": Entry(get=API_SEEN, on="indicator"),
    "PATCH indicators/{indicator_id}": Entry(post=API_WRITE, on="indicator"),
    "GET targets": Entry(get=API_READ),
    "POST targets": Entry(post=API_WRITE),
    "GET targets/{target_id}": Entry(get=API_SEEN, on="target"),
    "PATCH targets/{target_id}": Entry(post=API_WRITE, on="target"),
    "GET indicators/{indicator_id}/progress": Entry(get=API_SEEN, on="indicator"),
    "GET discrepancies": Entry(get=API_READ),
    "GET conversion-rates": Entry(get=API_READ),
    "POST conversion-rates": Entry(post=API_WRITE),
    "PATCH conversion-rates/{rate_id}": Entry(post=API_WRITE, on="rate"),
    "GET observations": Entry(get=API_READ),
    "POST observations": Entry(post=API_WRITE),
    "GET observations/{observation_id}": Entry(get=API_SEEN, on="observation"),
    "PATCH observations/{observation_id}": Entry(post=API_WRITE, on="observation"),
    "GET projects": Entry(get=API_READ),
    "POST projects": Entry(post=API_WRITE),
    "GET projects/iati": Entry(get=API_READ),
    "GET projects/{project_id}": Entry(get=API_SEEN, on="project"),
    "PATCH projects/{project_id}": Entry(post=API_WRITE, on="project"),
    "DELETE projects/{project_id}": Entry(post=API_WRITE, on="project"),
    "PUT projects/{project_id}/roles/{organization_id}": Entry(post=API_WRITE, on="project_role"),
    "GET portfolio-statements": Entry(get=API_READ),
    "POST portfolio-statements": Entry(post=API_WRITE),
    "GET portfolio-statements/{statement_id}": Entry(get=API_SEEN, on="statement"),
    "PATCH portfolio-statements/{statement_id}": Entry(post=API_WRITE, on="statement"),
    "DELETE portfolio-statements/{statement_id}": Entry(post=API_WRITE, on="statement"),
    "GET fund/calls": Entry(get=API_READ),
    "GET fund/calls/{call_id}": Entry(get=API_SEEN, on="call"),
    "GET fund/applications": Entry(get=API_READ),
    "POST fund/applications": Entry(post=API_WRITE_SIGNED_IN),
    "GET fund/applications/{application_id}": Entry(get=("seen", "seen", "ok", "ok"), on="application"),
    "POST fund/applications/{application_id}/submit": Entry(post=("401", "refused", "done", "done"),
                                                            on="application"),
    "GET fund/reviews": Entry(get=API_READ),
    # The empty body is refused before the assignment is looked up.
    "POST fund/assignments/{assignment_id}/review": Entry(post=("401", "422", "done", "done"), on="assignment"),
    "POST fund/calls/{call_id}/selection": Entry(post=("401", "refused", "refused", "done"), on="call"),
    "GET fund/decisions": Entry(get=API_READ),
    "GET meetings": Entry(get=API_READ),
    "POST meetings": Entry(post=API_WRITE),
    "GET meetings/{meeting_id}": Entry(get=API_SEEN, on="meeting"),
    "PATCH meetings/{meeting_id}": Entry(post=API_WRITE, on="meeting"),
    "GET meetings/{meeting_id}/agenda": Entry(get=API_SEEN, on="meeting"),
    "POST meetings/{meeting_id}/agenda": Entry(post=API_WRITE, on="meeting"),
    "PATCH agenda/{item_id}": Entry(post=API_WRITE, on="agenda_item"),
    "DELETE agenda/{item_id}": Entry(post=API_WRITE, on="agenda_item"),
    "PUT agenda/{item_id}/speakers": Entry(post=API_WRITE, on="agenda_item"),
    "GET meetings/{meeting_id}/participants": Entry(get=API_SEEN, on="meeting"),
    "PUT meetings/{meeting_id}/participants/{person_id}": Entry(post=API_WRITE, on="participant"),
    "DELETE meetings/{meeting_id}/participants/{person_id}": Entry(post=API_WRITE, on="participant"),
    "GET meetings/{meeting_id}/decisions": Entry(get=API_SEEN, on="meeting"),
    "POST meetings/{meeting_id}/decisions": Entry(post=API_WRITE, on="meeting"),
    "PATCH decisions/{decision_id}": Entry(post=API_WRITE, on="decision"),
    "POST decisions/{decision_id}/work-item": Entry(post=API_WRITE, on="decision"),
    "GET meetings/{meeting_id}/minutes": Entry(get=API_SEEN, on="minutes"),
    "POST meetings/{meeting_id}/minutes": Entry(post=API_WRITE, on="meeting"),
    "PATCH meetings/{meeting_id}/minutes": Entry(post=API_WRITE, on="minutes"),
    "POST meetings/{meeting_id}/minutes/circulate": Entry(post=API_WRITE, on="minutes"),
    "POST meetings/{meeting_id}/minutes/approve": Entry(post=API_WRITE, on="minutes"),
    "POST meetings/{meeting_id}/minutes/publish": Entry(post=API_WRITE, on="minutes"),
    "GET meetings/{meeting_id}/minutes/comments": Entry(get=API_SEEN, on="minutes"),
    "POST meetings/{meeting_id}/minutes/comments": Entry(post=("401", "403", "done", "done"), on="minutes"),
    "POST meetings/{meeting_id}/minutes/comments/{comment_id}/resolve": Entry(post=API_WRITE, on="minutes_comment"),
    "GET events": Entry(get=API_READ),
    "POST events": Entry(post=API_WRITE),
    "GET events/{event_id}": Entry(get=API_SEEN, on="event"),
    "PATCH events/{event_id}": Entry(post=API_WRITE, on="event"),
    "GET bodies/{body_id}/composition": Entry(get=API_SEEN, on="body"),
    "GET terms": Entry(get=API_READ),
    "POST terms": Entry(post=API_WRITE),
    "GET terms/{term_id}": Entry(get=API_SEEN, on="term"),
    "PATCH terms/{term_id}": Entry(post=API_WRITE, on="term"),
    "GET experts": Entry(get=API_READ),
    "POST experts": Entry(post=API_WRITE),
    "GET experts/{expert_id}": Entry(get=API_SEEN, on="expert"),
    "PATCH experts/{expert_id}": Entry(post=API_WRITE, on="expert"),
    "POST documents": Entry(post=API_WRITE),
    "GET documents": Entry(get=API_READ),
    "GET documents/{document_id}": Entry(get=API_SEEN, on="document"),
    # Proposals are the secretariat's work: refused before the document is looked up.
    "GET documents/{document_id}/mentions": Entry(get=API_SECRETARIAT_READ, on="document"),
    "GET search": Entry(get=API_READ),
    # Anything else under the API: a JSON 404, whoever asks.
    "GET {rest}": Entry(get=API_NOT_FOUND, on="unknown"),
    "POST {rest}": Entry(post=API_NOT_FOUND, on="unknown"),
    "PUT {rest}": Entry(post=API_NOT_FOUND, on="unknown"),
    "PATCH {rest}": Entry(post=API_NOT_FOUND, on="unknown"),
    "DELETE {rest}": Entry(post=API_NOT_FOUND, on="unknown"),
}
