from django.urls import path

from kenes.inventory import views

app_name = "inventory"

urlpatterns = [
    path("", views.measure_list, name="measures"),
    path("new/", views.measure_create, name="measure_create"),
    path("<int:pk>/", views.measure_detail, name="measure"),
    path("<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("<int:pk>/status/", views.measure_transition, name="measure_transition"),
    path("<int:pk>/side-status/", views.measure_side_status, name="measure_side_status"),
    path("<int:pk>/assess/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/state/", views.assessment_move, name="assessment_move"),
    path("compliance/", views.compliance, name="compliance"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
]
