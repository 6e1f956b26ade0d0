"""Log records as JSON lines, for the production log collector.

Each line is one object: time (UTC, ISO 8601), level, logger, message, the
fields a call passed in `extra`, and the traceback when there is one. A Django
request is reduced to its method and path (no query string, headers or body),
and a gunicorn access record to a few named fields.
"""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else came from `extra`.
RECORD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# The two log formats, for Django's LOGGING and gunicorn's logconfig_dict.
FORMATTERS = {
    "json": {"()": "longbien.logging.JSONFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
}

# gunicorn passes its access-log atoms as the record's arguments.
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "M": "duration_ms"}


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in RECORD_ATTRIBUTES or key.startswith("_"):
                continue
            if key == "request":
                entry["method"] = getattr(value, "method", None)
                entry["path"] = getattr(value, "path", None)
            else:
                entry[key] = value
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update({name: record.args.get(atom) for atom, name in ACCESS_FIELDS.items()})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
