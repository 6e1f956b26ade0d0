from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Bình luận"

    def ready(self):
        from . import signals

        signals.connect()
