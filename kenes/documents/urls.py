from django.urls import path

from kenes.documents import review_views, views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.upload, name="upload"),
    path("new/status/", views.upload_status, name="upload_status"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/review/", review_views.review_page, name="review"),
    path("<int:pk>/review/bulk/", review_views.bulk, name="review_bulk"),
    path("<int:pk>/review/undo-last/", review_views.undo_last, name="review_undo_last"),
    path("<int:pk>/review/<int:mention_pk>/", review_views.decide, name="review_decide"),
    path("<int:pk>/review/<int:mention_pk>/undo/", review_views.undo, name="review_undo"),
    path("<int:pk>/review/<int:mention_pk>/search/", review_views.search, name="review_search"),
    path("<int:pk>/text/", review_views.document_text, name="text"),
    path("<int:pk>/original/", views.document_original, name="original"),
]
