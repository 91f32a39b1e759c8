import sys

from kenes.cli import main

sys.exit(main())
