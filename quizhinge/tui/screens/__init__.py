"""The screens of the quizhinge TUI, one module each."""
