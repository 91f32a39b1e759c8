from django.urls import path

from kenes.workplan import views

app_name = "workplan"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("new/", views.plan_create, name="plan_create"),
    path("digest/", views.digest, name="digest"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/items/new/", views.item_create, name="item_create"),
    path("<int:pk>/import/", views.plan_import, name="plan_import"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/update/", views.item_update, name="item_update"),
]
