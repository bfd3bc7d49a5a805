"""python -m microinf"""

from microinf.cli.app import main

main()
