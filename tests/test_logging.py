"""Structured logs: JSON lines in production, one record per moderation action,
and nothing a reader wrote (phone number, comment text) in any record."""

import json
import logging
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from comments import moderation
from comments.models import Comment
from longbien.logging import JSONFormatter
from tests.factories import CommentFactory
from tests.test_faults import production_environment

ROOT = Path(__file__).resolve().parent.parent


def test_a_record_becomes_one_json_line_with_its_extra_fields():
    record = logging.makeLogRecord(
        {
            "name": "longbien.moderation",
            "levelname": "INFO",
            "msg": "Comments moderated: %d set to %s",
            "args": (2, "approved"),
            "moderator_id": 7,
            "count": 2,
        }
    )
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Comments moderated: 2 set to approved"
    assert (entry["level"], entry["logger"]) == ("INFO", "longbien.moderation")
    assert (entry["moderator_id"], entry["count"]) == (7, 2)
    assert entry["time"].endswith("+00:00")


def test_a_request_is_logged_as_method_and_path_only():
    request = RequestFactory().post(
        "/binh-luan/cay-xanh/?ref=rss", {"phone": "0912 345 678", "content": "Nội dung"}
    )
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (request.path,),
            sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
    entry = json.loads(JSONFormatter().format(record))
    assert (entry["method"], entry["path"], entry["status_code"]) == (
        "POST",
        "/binh-luan/cay-xanh/",
        500,
    )
    assert "ValueError: hỏng" in entry["exception"]
    assert "0912" not in json.dumps(entry)
    assert "ref=rss" not in json.dumps(entry)


def test_each_moderation_action_logs_who_how_many_and_the_status_never_the_comment(
    moderator, caplog
):
    comments = CommentFactory.create_batch(2, phone="+84912345678")
    with caplog.at_level(logging.INFO, logger="longbien.moderation"):
        moderation.approve(Comment.objects.filter(pk__in=[c.pk for c in comments]), moderator)
    [record] = [r for r in caplog.records if r.name == "longbien.moderation"]
    assert (record.moderator_id, record.count, record.status) == (moderator.pk, 2, "approved")
    line = JSONFormatter().format(record)
    for private in ("912345678", comments[0].content, comments[0].title, comments[0].name):
        assert private not in line


def test_production_writes_json_lines_to_standard_error():
    environment = production_environment(ALLOWED_HOSTS="tin.longbien.example.vn")
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.security.DisallowedHost').error('Invalid HTTP_HOST header')"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [line] = result.stderr.splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["logger"]) == ("ERROR", "django.security.DisallowedHost")
