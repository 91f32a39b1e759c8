from django.urls import path

from kenes.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="indicators"),
    path("new/", views.indicator_create, name="indicator_create"),
    path("discrepancies/", views.discrepancy_list, name="discrepancies"),
    path("figures/", views.observation_list, name="observations"),
    path("targets/", views.target_list, name="targets"),
    path("iati.json", views.iati_results, name="iati"),
    path("rates/", views.rate_list, name="rates"),
    path("rates/new/", views.rate_create, name="rate_create"),
    path("rates/<int:pk>/edit/", views.rate_edit, name="rate_edit"),
    path("<int:pk>/", views.indicator_detail, name="indicator"),
    path("<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/", views.target_detail, name="target"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("observations/new/", views.observation_create, name="observation_create"),
    path("observations/<int:pk>/", views.observation_detail, name="observation"),
    path("observations/<int:pk>/edit/", views.observation_edit, name="observation_edit"),
]

urlpatterns += [
    path("import/", views.observation_import, name="observation_import"),
    path("<int:pk>/import/", views.observation_import, name="indicator_import"),
]
