"""Sub-commands of ``python -m generator``; each module is ``<name>_cmd.py``."""
