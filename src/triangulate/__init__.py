"""triangulate: a sourced record of what happened, from a stream of news reports."""

__version__ = "0.1.0"
