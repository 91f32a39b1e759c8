from django.urls import path

from kenes.fund import views

app_name = "fund"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.fund_create, name="fund_create"),
    path("<int:pk>/", views.fund_detail, name="fund"),
    path("<int:pk>/edit/", views.fund_edit, name="fund_edit"),
    path("decisions/", views.decisions, name="decisions"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/state/", views.call_state, name="call_state"),
    path("calls/<int:pk>/criteria/new/", views.criterion_create, name="criterion_create"),
    path("calls/<int:pk>/apply/", views.application_create, name="apply"),
    path("calls/<int:pk>/applications/", views.call_applications, name="call_applications"),
    path("calls/<int:pk>/reviews/", views.call_reviews, name="call_reviews"),
    path("calls/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("calls/<int:pk>/selection/", views.selection, name="selection"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("applications/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("applications/<int:pk>/reviewers/", views.assign, name="assign"),
    path("reviews/", views.my_assignments, name="assignments"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("selection-entries/<int:pk>/override/", views.override, name="override"),
    path("selections/<int:pk>/publish/", views.publish, name="publish"),
    path("parts/<slug:kind>/<int:pk>/", views.part_detail, name="part"),
    path("grants/<int:pk>/disbursements/", views.grant_record, {"kind": "disbursement"}, name="disbursement_add"),
    path("grants/<int:pk>/reports/", views.grant_record, {"kind": "report"}, name="report_add"),
]
