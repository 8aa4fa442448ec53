"""Lets `python -m quizhinge` behave exactly like the `quizhinge` command."""

from quizhinge.command import main

main()
