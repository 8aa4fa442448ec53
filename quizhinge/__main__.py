"""Lets `python -m quizhinge` behave exactly like the `quizhinge` command."""

from quizhinge.cli import main

main()
