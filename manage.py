#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    # Production settings by default: they refuse to start without a real
    # SECRET_KEY. `make run` and `make test` choose the dev and test settings.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
