from django.urls import path

from kenes.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("new/", views.project_create, name="project_create"),
    path("iati.json", views.iati_export, name="iati"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/role/", views.project_role, name="project_role"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("portfolio/new/", views.statement_create, name="statement_create"),
    path("portfolio/<int:pk>/", views.statement_detail, name="statement"),
    path("portfolio/<int:pk>/edit/", views.statement_edit, name="statement_edit"),
]
