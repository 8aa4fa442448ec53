"""quizhinge: learn the hip hinge with spaced repetition."""

__version__ = "0.1.0"
