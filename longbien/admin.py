"""Admin pieces shared by the apps."""

from django.contrib import admin


class LogAdmin(admin.ModelAdmin):
    """A log in the admin (moderation decisions, article moves): read only,
    so what it says can be neither changed nor removed, by anyone."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
