from django.urls import path

from kenes.council import calendar_views, views

app_name = "council"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar.ics", calendar_views.feed_public, name="feed_public"),
    path("calendar/feed/<slug:token>.ics", calendar_views.feed_personal, name="feed_personal"),
    path("calendar/feed/", calendar_views.feed_settings, name="feed_settings"),
]
