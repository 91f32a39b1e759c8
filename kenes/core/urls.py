from django.urls import path

from kenes.core import views

app_name = "core"

urlpatterns = [
    path("deleted/", views.deleted_records, name="deleted"),
    path("<str:label>/<int:pk>/delete/", views.delete, name="delete"),
    path("<str:label>/<int:pk>/restore/", views.restore, name="restore"),
    path("<str:label>/<int:pk>/merge/", views.merge, name="merge"),
    path("<str:label>/<int:pk>/history/", views.history, name="history"),
    path("merges/<int:merge_id>/undo/", views.undo_merge, name="undo_merge"),
]
