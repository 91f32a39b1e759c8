from django.urls import path

from kenes.council import views
from kenes.council.briefing_views import briefing_download

app_name = "council"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/briefing/", briefing_download, name="briefing"),
]
