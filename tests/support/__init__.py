"""Helpers the tests share (the tests folder is on sys.path: `from support.x
import y`): a clock, cards and catalogs, bad database files, the app under a
pilot, exam cards, and Anki on a phone."""
