from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kenes.accounts.models import ApiToken, User
from kenes.accounts.services import sync_admin_access


@admin.register(User)
class KenesUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, (_("Council role"), {"fields": ("role", "party", "person")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Council role"), {"fields": ("role", "party")}))
    list_display = ("username", "get_full_name", "role", "party", "is_active")
    list_filter = ("role", "party", "is_active", "is_superuser")
    raw_id_fields = ("person",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the groups from the form are saved, so the role has the last word.
        sync_admin_access(form.instance)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    search_fields = ("name", "user__username")

    def has_add_permission(self, request):
        # Keys are shown once at creation; that happens on the account page, not here.
        return False
