"""Pragmatic Partners: a turn-based strategy game about the limits of Russian–Chinese cooperation."""

__version__ = "0.1.0"
