import sys

from oneaqita.cli import main

sys.exit(main())
