"""Documents pages. Thin: they read with visibility applied and write through services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from kenes.documents.models import Document


def document_list(request):
    documents = Document.objects.visible_to(request.user).order_by("-created_at")[:100]
    return render(request, "documents/document_list.html", {"documents": documents})


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    mentions = document.mentions.all() if request.user.is_authenticated and request.user.is_secretariat else []
    return render(request, "documents/document_detail.html", {"document": document, "mentions": mentions})
