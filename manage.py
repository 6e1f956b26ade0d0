#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    # Development settings at the command line, as in djangoproject.com; the
    # WSGI entry point defaults to production, and a production shell sets
    # DJANGO_SETTINGS_MODULE=longbien.settings.production (see README).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
