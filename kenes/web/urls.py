from django.urls import path

from kenes.web import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("area/<slug:slug>/", views.area, name="area"),
]
