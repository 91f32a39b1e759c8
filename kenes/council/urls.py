from django.urls import path

from kenes.council import calendar_views, views
from kenes.council.briefing_views import briefing_download

app_name = "council"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_item_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/from-measures/", views.agenda_from_measures, name="agenda_from_measures"),
    path("agenda/<int:pk>/edit/", views.agenda_item_edit, name="agenda_edit"),
    path("agenda/<int:pk>/move/", views.agenda_item_move, name="agenda_move"),
    path("agenda/<int:pk>/remove/", views.agenda_item_remove, name="agenda_remove"),
    path("agenda/<int:pk>/speakers/", views.speakers_edit, name="speakers"),
    path("meetings/<int:pk>/participants/", views.participant_set, name="participant_set"),
    path("meetings/<int:pk>/participants/<int:person_pk>/remove/", views.participant_remove,
         name="participant_remove"),
    path("meetings/<int:pk>/decisions/new/", views.decision_add, name="decision_add"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/remove/", views.decision_remove, name="decision_remove"),
    path("decisions/<int:pk>/work-item/", views.decision_work_item, name="decision_work_item"),
    path("meetings/<int:pk>/minutes/", views.minutes_detail, name="minutes"),
    path("meetings/<int:pk>/minutes/draft/", views.minutes_draft, name="minutes_draft"),
    path("meetings/<int:pk>/minutes/edit/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/comment/", views.minutes_comment, name="minutes_comment"),
    path("meetings/<int:pk>/minutes/comments/<int:comment_pk>/resolve/", views.minutes_resolve,
         name="minutes_resolve"),
    path("meetings/<int:pk>/minutes/versions/<int:number>/", views.minutes_version, name="minutes_version"),
    path("meetings/<int:pk>/minutes/<str:action>/", views.minutes_action, name="minutes_action"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("bodies/<int:pk>/composition/", views.composition, name="composition"),
    path("bodies/<int:pk>/terms/new/", views.term_create, name="term_create"),
    path("terms/<int:pk>/", views.term_detail, name="term"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar.ics", calendar_views.feed_public, name="feed_public"),
    path("calendar/feed/<slug:token>.ics", calendar_views.feed_personal, name="feed_personal"),
    path("calendar/feed/", calendar_views.feed_settings, name="feed_settings"),
    path("meetings/<int:pk>/briefing/", briefing_download, name="briefing"),
]
