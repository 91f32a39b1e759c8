from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kenes.core.models import Topic


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "name_ru")
    search_fields = ("code", "name_en", "name_ru")
