"""Evaluation commands. Every module here that defines a click command named `command` is registered
by the CLI as `triangulate eval <command.name>`."""
