from django.urls import path

from kenes.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="indicators"),
    path("new/", views.indicator_create, name="indicator_create"),
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
