from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kenes.accounts import two_factor
from kenes.accounts.models import ApiToken, User
from kenes.accounts.services import sync_admin_access

# django-otp's own admin pages would show each authenticator's secret key; devices are managed
# by their owners (account page) and reset with the action below, which is recorded.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class KenesUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, (_("Council role"), {"fields": ("role", "party", "person")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Council role"), {"fields": ("role", "party")}))
    list_display = ("username", "get_full_name", "role", "party", "is_active")
    list_filter = ("role", "party", "is_active", "is_superuser")
    raw_id_fields = ("person",)
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor sign-in (they set it up again at their next sign-in)"),
                  permissions=["reset_two_factor"])
    def reset_two_factor(self, request, queryset):
        # A superuser's second factor is reset by a superuser only: the secretariat cannot weaken a stronger account.
        allowed = queryset if request.user.is_superuser else queryset.filter(is_superuser=False)
        reset = [user for user in allowed
                 if two_factor.remove(user, actor=request.user, detail=f"reset by {request.user.username}")]
        self.message_user(request, ngettext("Two-factor sign-in was reset for %(count)d account.",
                                            "Two-factor sign-in was reset for %(count)d accounts.",
                                            len(reset)) % {"count": len(reset)}, messages.SUCCESS)

    def has_reset_two_factor_permission(self, request):
        # The secretariat only views accounts here, but helping a colleague who lost their phone is theirs to do.
        return getattr(request.user, "is_secretariat", False)

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
