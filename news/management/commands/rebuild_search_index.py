from django.core.management.base import BaseCommand

from news import search
from news.management.commands.generate_data import Progress
from news.models import Article


class Command(BaseCommand):
    help = (
        "Lập lại chỉ mục tìm kiếm của mọi bài viết (sau khi nạp dữ liệu không qua "
        "trang quản trị, hoặc khi đổi cách lập chỉ mục)."
    )

    def handle(self, *args, **options):
        progress = Progress("Chỉ mục tìm kiếm", Article.objects.count(), self.stderr)
        total = search.rebuild(progress.advance)
        progress.done()
        self.stdout.write(f"Đã lập chỉ mục {total} bài viết.")
