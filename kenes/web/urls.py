from django.urls import path

from kenes.search import views as search_views
from kenes.web import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", search_views.search, name="search"),
    path("area/<slug:slug>/", views.area, name="area"),
]
