from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from . import roles, search, signals, versions

        post_migrate.connect(roles.ensure_roles_after_migrate, dispatch_uid="news.ensure_roles")
        signals.connect()
        search.connect()
        versions.register()
