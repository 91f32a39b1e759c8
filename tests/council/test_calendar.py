"""The calendar: times across zones, the month page, the public and personal iCalendar feeds."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from kenes.core import services as core
from kenes.council import feeds, services
from kenes.council.calendar import build_month
from kenes.council.models import Event, Meeting
from kenes.council.timezones import MeetingTimesMixin, NonexistentTime, is_ambiguous, to_utc

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def _local(zone: str, *args) -> datetime.datetime:
    return to_utc(datetime.datetime(*args), zone)


def _event(actor, **data) -> Event:
    return core.create(actor, Event, data, allowed=core.editable_fields(Event))


@pytest.fixture
def agenda(alice):
    """A season of meetings and events, one of each kind of date and of each visibility."""
    meeting = services.create_meeting
    return {
        "tashkent": meeting(alice, title_en="Third meeting in Tashkent", title_ru="Третье заседание в Ташкенте",
                            starts_at=_local("Asia/Tashkent", 2024, 8, 28, 10), time_zone="Asia/Tashkent",
                            ends_at=_local("Asia/Tashkent", 2024, 8, 28, 12), place="Tashkent", status="confirmed",
                            visibility="public"),
        "astana": meeting(alice, title_en="Fourth meeting in Astana", starts_at=_local("Asia/Almaty", 2025, 3, 12, 10),
                          time_zone="Asia/Almaty", visibility="public"),
        "internal": meeting(alice, title_en="Closed working session", date="2024-08-20", visibility="internal"),
        "restricted": meeting(alice, title_en="Secretariats only", date="2024-08-21", visibility="restricted"),
        "deleted": core.delete(alice, meeting(alice, title_en="Deleted meeting", date="2024-08-22",
                                              visibility="public")),
        "month_only": meeting(alice, title_en="Meeting some day in August", date="2024-08", visibility="public"),
        "year_only": meeting(alice, title_en="Meeting some time in 2024", date="2024", visibility="public"),
        "cancelled": meeting(alice, title_en="Cancelled round", date="2024-08-15", status="cancelled",
                             visibility="public"),
        "forum": _event(alice, title_en="Water forum", start_date="2024-08-05", end_date="2024-08-07",
                        place="Samarkand", visibility="public"),
    }


# Time zones.

def test_it_reads_zone_rules_where_astana_moved_to_utc_plus_5():
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    assert datetime.datetime(2025, 6, 1, 12, tzinfo=almaty).utcoffset() == datetime.timedelta(hours=5)
    # History stays: before 1 March 2024 Astana was an hour ahead of Tashkent.
    assert datetime.datetime(2023, 6, 1, 12, tzinfo=almaty).utcoffset() == datetime.timedelta(hours=6)
    # The rules are the pinned tzdata package's, not whatever the machine happens to have.
    assert zoneinfo.TZPATH == ()


def test_it_turns_a_time_typed_in_the_meetings_zone_into_utc():
    assert to_utc(datetime.datetime(2024, 8, 28, 10), "Asia/Tashkent") == _utc(2024, 8, 28, 5)
    assert to_utc(datetime.datetime(2025, 3, 12, 10), "Asia/Almaty") == _utc(2025, 3, 12, 5)
    assert to_utc(datetime.datetime(2023, 3, 12, 10), "Asia/Almaty") == _utc(2023, 3, 12, 4)


def test_it_takes_the_first_of_a_twice_passed_hour_and_refuses_a_skipped_one():
    # 27 October 2024: Berlin's clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
    fold = datetime.datetime(2024, 10, 27, 2, 30)
    assert is_ambiguous(fold, "Europe/Berlin")
    assert to_utc(fold, "Europe/Berlin") == _utc(2024, 10, 27, 0, 30)
    # 31 March 2024: from 02:00 straight to 03:00; 02:30 never happens.
    with pytest.raises(NonexistentTime, match="does not exist in Berlin"):
        to_utc(datetime.datetime(2024, 3, 31, 2, 30), "Europe/Berlin")
    assert not is_ambiguous(datetime.datetime(2024, 8, 1, 2, 30), "Europe/Berlin")


class MeetingTimesForm(MeetingTimesMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title_en", "starts_at", "ends_at", "time_zone"]


def test_it_reads_a_form_in_the_meetings_zone_whatever_the_editors_zone():
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        form = MeetingTimesForm({"title_en": "Talks", "starts_at": "2024-10-27T02:30", "ends_at": "2024-10-27 04:00",
                                 "time_zone": "Europe/Berlin"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == _utc(2024, 10, 27, 0, 30)
    assert form.cleaned_data["ends_at"] == _utc(2024, 10, 27, 3)
    gap = MeetingTimesForm({"title_en": "Talks", "starts_at": "2024-03-31T02:30", "time_zone": "Europe/Berlin"})
    assert not gap.is_valid()
    assert "clocks go forward" in gap.errors["starts_at"][0]
    bad = MeetingTimesForm({"title_en": "Talks", "starts_at": "tomorrow-ish", "time_zone": "Asia/Tashkent"})
    assert not bad.is_valid() and "starts_at" in bad.errors


def test_it_shows_a_stored_meeting_on_the_meetings_own_clock_when_edited(alice, agenda):
    form = MeetingTimesForm(instance=agenda["tashkent"])
    assert 'value="2024-08-28T10:00"' in str(form["starts_at"])
    assert 'type="datetime-local"' in str(form["starts_at"])


# The page.

def test_it_shows_a_meeting_in_the_readers_zone_with_the_meetings_beside_it(client, mark, agenda):
    mark.time_zone = "Europe/Moscow"
    mark.save()
    client.force_login(mark)
    page = client.get(reverse("council:calendar"), {"month": "2024-08"}).content.decode()
    assert "08:00 Moscow" in page and "10:00 Tashkent" in page
    client.logout()
    # Anonymous readers get the site's zone: Astana, on Tashkent's clock since March 2024.
    page = client.get(reverse("council:calendar"), {"month": "2024-08"}).content.decode()
    assert "10:00 Astana" in page and "08:00" not in page


def test_it_lets_a_person_choose_their_zone_and_refuses_one_that_does_not_exist(client, rita):
    client.force_login(rita)
    assert rita.time_zone == "Asia/Almaty"
    assert 'value="Asia/Tashkent"' in client.get(reverse("accounts:profile")).content.decode()
    client.post(reverse("accounts:time_zone"), {"time_zone": "Europe/Moscow"})
    rita.refresh_from_db()
    assert rita.time_zone == "Europe/Moscow"
    page = client.post(reverse("accounts:time_zone"), {"time_zone": "Mars/Olympus_Mons"}, follow=True)
    assert "Mars/Olympus_Mons is not a time zone" in page.content.decode()
    rita.refresh_from_db()
    assert rita.time_zone == "Europe/Moscow"


def _days(month) -> dict:
    return {day.date.isoformat(): [item.entry.title for item in day.entries] for week in month.weeks for day in week}


def test_it_places_records_on_their_days_and_a_month_alone_under_the_month(agenda):
    month = build_month(None, datetime.date(2024, 8, 1), today=datetime.date(2024, 8, 28))
    days = _days(month)
    assert days["2024-08-28"] == ["Third meeting in Tashkent"]
    assert [days[f"2024-08-0{n}"] for n in (5, 6, 7)] == [["Water forum"]] * 3
    assert days["2024-08-08"] == []
    assert [entry.title for entry in month.month_only] == ["Meeting some day in August"]
    everything = str(days) + str(month.month_only)
    for hidden in ("Closed working session", "Secretariats only", "Deleted meeting", "Meeting some time in 2024"):
        assert hidden not in everything


def test_it_puts_a_late_utc_start_on_the_readers_next_day(alice):
    services.create_meeting(alice, title_en="Night call", starts_at=_utc(2024, 8, 31, 23, 30),
                            time_zone="Europe/London", visibility="public")
    with timezone.override(zoneinfo.ZoneInfo("Asia/Almaty")):
        september = _days(build_month(None, datetime.date(2024, 9, 1)))
    assert september["2024-09-01"] == ["Night call"] and september["2024-08-31"] == []
    # London is on summer time (UTC+1): already 1 September there too. Only on UTC is it 31 August.
    with timezone.override(zoneinfo.ZoneInfo("Europe/London")):
        assert _days(build_month(None, datetime.date(2024, 8, 1)))["2024-08-31"] == []
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert _days(build_month(None, datetime.date(2024, 8, 1)))["2024-08-31"] == ["Night call"]


def test_it_shows_members_what_they_may_see_and_strikes_through_the_cancelled(client, mark, agenda):
    url = reverse("council:calendar")
    anonymous = client.get(url, {"month": "2024-08"}).content.decode()
    assert "Closed working session" not in anonymous and "Secretariats only" not in anonymous
    assert f'<s><a href="{agenda["cancelled"].get_absolute_url()}">Cancelled round</a></s>' in anonymous
    assert "day not yet fixed" in anonymous and "Meeting some day in August" in anonymous
    client.force_login(mark)
    member = client.get(url, {"month": "2024-08"}).content.decode()
    assert "Closed working session" in member
    assert "Secretariats only" not in member and "Deleted meeting" not in member


def test_it_marks_today_and_links_the_months_around(client, agenda):
    page = client.get(reverse("council:calendar")).content.decode()
    today = timezone.localdate().isoformat()
    assert re.search(rf'<td class="[^"]*today" aria-current="date">\s*<time class="day-number" datetime="{today}"', page)
    assert page.count('aria-current="date"') == 1  # the grid's cell; the phone list shows only days with entries
    page = client.get(reverse("council:calendar"), {"month": "2024-01"}).content.decode()
    assert "?month=2023-12" in page and "?month=2024-02" in page


@pytest.mark.parametrize("month", ["abc", "99999-99", "2024-13", "0999-01", "2024-08-01"])
def test_it_answers_a_month_that_is_not_one_with_a_clear_page(client, month):
    response = client.get(reverse("council:calendar"), {"month": month})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Here is this month instead." in page
    assert timezone.localdate().strftime("%Y-%m-01") in page  # this month's grid is still there


# The feeds.

def _feed(client, url, **query) -> icalendar.Calendar:
    response = client.get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar) -> dict:
    return {str(component["uid"]): component for component in calendar.walk("VEVENT")}


def test_it_publishes_public_records_with_their_utc_times(client, agenda):
    events = _events(_feed(client, reverse("council:feed_public")))
    tashkent = events[f"meeting-{agenda['tashkent'].pk}@kenes"]
    assert tashkent.decoded("dtstart") == _utc(2024, 8, 28, 5)
    assert tashkent.decoded("dtend") == _utc(2024, 8, 28, 7)
    assert tashkent["status"] == "CONFIRMED" and tashkent["location"] == "Tashkent"
    assert str(tashkent["url"]).endswith(agenda["tashkent"].get_absolute_url())
    assert "10:00–12:00 Tashkent" in str(tashkent["description"])
    assert events[f"meeting-{agenda['astana'].pk}@kenes"].decoded("dtstart") == _utc(2025, 3, 12, 5)
    forum = events[f"event-{agenda['forum'].pk}@kenes"]
    # All day, and the end is the day after the last (RFC 5545 counts it exclusive).
    assert forum.decoded("dtstart") == datetime.date(2024, 8, 5)
    assert forum.decoded("dtend") == datetime.date(2024, 8, 8)
    cancelled = events[f"meeting-{agenda['cancelled'].pk}@kenes"]
    assert cancelled["status"] == "CANCELLED" and cancelled.decoded("dtstart") == datetime.date(2024, 8, 15)
    titles = {str(event["summary"]) for event in events.values()}
    assert titles == {"Third meeting in Tashkent", "Fourth meeting in Astana", "Cancelled: Cancelled round",
                      "Water forum"}


def test_it_writes_times_as_utc_text(client, agenda):
    body = client.get(reverse("council:feed_public")).content.decode()
    assert "DTSTART:20240828T050000Z" in body and "DTSTART:20250312T050000Z" in body
    assert "DTSTART;VALUE=DATE:20240805" in body
    assert "X-PUBLISHED-TTL:PT1H" in body and "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body


def test_it_titles_the_feed_in_the_language_asked_for(client, agenda):
    response = client.get(reverse("council:feed_public"), {"lang": "ru"})
    assert response["Content-Language"] == "ru"
    events = _events(icalendar.Calendar.from_ical(response.content))
    assert str(events[f"meeting-{agenda['tashkent'].pk}@kenes"]["summary"]) == "Третье заседание в Ташкенте"
    # No Russian title: the English one rather than nothing.
    assert str(events[f"event-{agenda['forum'].pk}@kenes"]["summary"]) == "Water forum"


def test_it_counts_changes_in_the_sequence(client, alice, agenda):
    uid = f"meeting-{agenda['tashkent'].pk}@kenes"
    assert _events(_feed(client, reverse("council:feed_public")))[uid]["sequence"] == 0
    services.update_meeting(alice, agenda["tashkent"], place="Samarkand")
    moved = _events(_feed(client, reverse("council:feed_public")))[uid]
    assert moved["sequence"] == 1 and moved["location"] == "Samarkand"


def _personal_url(user) -> str:
    return reverse("council:feed_personal", args=[feeds.feed_for(user).token])


def test_it_gives_a_member_what_they_may_see_and_no_more(client, mark, alice, agenda):
    summaries = {str(e["summary"]) for e in _events(_feed(client, _personal_url(mark))).values()}
    assert "Closed working session" in summaries and "Third meeting in Tashkent" in summaries
    assert "Secretariats only" not in summaries and "Deleted meeting" not in summaries
    assert "Meeting some day in August" not in summaries and "Meeting some time in 2024" not in summaries
    secretariat = {str(e["summary"]) for e in _events(_feed(client, _personal_url(alice))).values()}
    assert "Secretariats only" in secretariat and "Deleted meeting" not in secretariat


def test_it_gives_a_reader_only_public_records(client, rita, agenda):
    summaries = {str(e["summary"]) for e in _events(_feed(client, _personal_url(rita))).values()}
    assert "Closed working session" not in summaries and "Third meeting in Tashkent" in summaries


def test_it_stops_an_old_address_once_replaced(client, mark, agenda):
    old = _personal_url(mark)
    client.force_login(mark)
    page = client.post(reverse("council:feed_settings"), follow=True).content.decode()
    assert "The old one no longer works" in page
    client.logout()
    assert client.get(old).status_code == 404
    new = _personal_url(mark)
    assert new != old and client.get(new).status_code == 200
    assert client.get(reverse("council:feed_personal", args=["not-a-token"])).status_code == 404


def test_it_closes_the_feed_of_a_disabled_account(client, mark, agenda):
    url = _personal_url(mark)
    mark.is_active = False
    mark.save()
    assert client.get(url).status_code == 404


def test_it_caches_the_public_feed_publicly_and_a_personal_one_privately(client, mark, agenda):
    public = client.get(reverse("council:feed_public"))
    assert "public" in public["Cache-Control"] and "max-age=900" in public["Cache-Control"]
    assert client.get(reverse("council:feed_public"), HTTP_IF_NONE_MATCH=public["ETag"]).status_code == 304
    personal = client.get(_personal_url(mark))
    assert "private" in personal["Cache-Control"] and "public" not in personal["Cache-Control"]
    assert personal["Referrer-Policy"] == "no-referrer"


def test_it_shows_the_personal_address_and_says_it_is_secret(client, mark):
    assert client.get(reverse("council:feed_settings")).status_code == 302  # sign in first
    client.force_login(mark)
    page = client.get(reverse("council:feed_settings")).content.decode()
    token = mark.calendar_feed.token
    assert f"http://testserver/council/calendar/feed/{token}.ics?lang=en" in page
    assert "Keep this address secret" in page and "internal meetings included" in page
    assert "known only by their month or year" in page
    # Reloading the page keeps the address.
    client.get(reverse("council:feed_settings"))
    mark.calendar_feed.refresh_from_db()
    assert mark.calendar_feed.token == token
