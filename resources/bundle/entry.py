"""The bundle's entry point: main.main() without the source run's set-up of `.venv`."""

import sys

from main import main

if __name__ == "__main__":
    sys.exit(main())
