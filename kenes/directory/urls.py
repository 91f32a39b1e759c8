from django.urls import path

from kenes.directory import views

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organization_list, name="organizations"),
    path("organisations/new/", views.organization_create, name="organization_create"),
    path("organisations/<int:pk>/", views.organization_detail, name="organization"),
    path("organisations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/photo/", views.person_photo, name="person_photo"),
    path("people/<int:pk>/roles/new/", views.membership_create, name="membership_create"),
    path("roles/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
]
