from django.urls import path

from kenes.council import expert_views, views

app_name = "council"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("experts/", expert_views.expert_list, name="experts"),
    path("experts/new/", expert_views.expert_create, name="expert_create"),
    path("experts/<int:pk>/", expert_views.expert_detail, name="expert"),
    path("experts/<int:pk>/edit/", expert_views.expert_edit, name="expert_edit"),
]
