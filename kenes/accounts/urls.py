from django.urls import path

from kenes.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("time-zone/", views.set_time_zone, name="time_zone"),
    path("tokens/", views.create_token, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="token_revoke"),
    path("security-events/", views.security_events, name="security_events"),
]
