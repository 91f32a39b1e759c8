from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kenes.accounts.models import ApiToken, User


@admin.register(User)
class KenesUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, (_("Council role"), {"fields": ("role", "party")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Council role"), {"fields": ("role", "party")}))
    list_display = ("username", "get_full_name", "role", "party", "is_active")
    list_filter = ("role", "party", "is_active", "is_superuser")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    search_fields = ("name", "user__username")

    def has_add_permission(self, request):
        # Keys are shown once at creation; that happens on the account page, not here.
        return False
