"""python -m microinf"""

from microinf.cli.entry import main

main()
