from django.urls import path

from kenes.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.upload, name="upload"),
    path("new/status/", views.upload_status, name="upload_status"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/original/", views.document_original, name="original"),
]
