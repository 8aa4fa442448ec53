"""The `quizhinge` command line: click commands (`commands.py`) and the Rich
tables they print (`report.py`). Every rule they apply is the core's; this
package reads options, calls the core and shows what it returns."""

from quizhinge.cli.commands import main

__all__ = ["main"]
