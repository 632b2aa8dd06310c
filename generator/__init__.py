"""Cluster Stacks generator: the pure-Python core shared by the CLI, the docs build and the browser editor."""

__all__: list[str] = []
