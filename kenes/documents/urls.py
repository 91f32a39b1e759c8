from django.urls import path

from kenes.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("<int:pk>/", views.document_detail, name="document"),
]
