"""python -m microinf"""

import sys

try:
    from microinf.cli.entry import main
except KeyboardInterrupt:  # interrupted while starting: the documented code, no traceback
    sys.exit(130)

main()
