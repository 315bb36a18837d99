#!/usr/bin/env python
"""Django's command-line utility. The configuration package ``config`` lives in ``site/``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    from config.settings.base import MissingEnvironmentVariable

    try:
        execute_from_command_line(sys.argv)
    except MissingEnvironmentVariable as error:
        sys.exit(str(error))  # the one line says what to set; a traceback would only hide it
