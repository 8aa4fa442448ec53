"""Widgets of the quizhinge TUI: they render what the session returns, no rules."""
