"""python -m microinf"""

from .cli import main

main()
