"""gunicorn settings for longbien: `gunicorn -c deploy/gunicorn.conf.py longbien.wsgi`.

Everything that differs between servers comes from the environment:

    GUNICORN_BIND     address to listen on, behind nginx   127.0.0.1:8000
    WEB_CONCURRENCY   worker processes                     2 × CPUs + 1
    GUNICORN_TIMEOUT  seconds before a stuck worker is     30
                      killed and replaced
    LOG_FORMAT        json (one object per line) or text   json
"""

import multiprocessing
import os

from longbien.logging import FORMATTERS

wsgi_app = "longbien.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Synchronous workers: every request holds a worker until it is answered, and
# nginx buffers slow clients in front of them.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Replace each worker now and then, so a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may set X-Forwarded-Proto (HTTPS or not).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket: it is not used, and two instances on one machine
# would share its default path.
control_socket_disable = True

# Access log on standard output, errors on standard error. The access line
# uses the address nginx saw (X-Real-IP) and the time taken in milliseconds.
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
_formatter = os.environ.get("LOG_FORMAT", "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": FORMATTERS,
    "handlers": {
        "access": {
            "class": "logging.StreamHandler",
            "formatter": _formatter,
            "stream": "ext://sys.stdout",
        },
        "error": {
            "class": "logging.StreamHandler",
            "formatter": _formatter,
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "INFO", "handlers": ["error"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}


def worker_exit(server, worker):
    """Write the article reads this worker has counted but not yet stored
    (news/counters.py), so a restart or a deploy loses none."""
    from news.counters import flush

    flush()
