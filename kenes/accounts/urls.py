from django.urls import path

from kenes.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("time-zone/", views.set_time_zone, name="time_zone"),
    path("tokens/", views.create_token, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="token_revoke"),
    path("security-events/", views.security_events, name="security_events"),
    path("two-factor/", two_factor_views.verify, name="two_factor"),
    path("two-factor/set-up/", two_factor_views.enrol, name="two_factor_enrol"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="recovery_codes"),
    path("two-factor/turn-off/", two_factor_views.turn_off, name="two_factor_turn_off"),
]
