"""Write each version's ``release.json`` and the ``stacks/index.json`` of all of them into the staging folder."""

from __future__ import annotations

from pathlib import Path

from generator.model import Stack
from generator.release_record import release_index, release_record, to_json
from sitebuild.staging import write_page


def write_records(stacks: list[Stack], docs_dir: Path) -> None:
    """Write the records next to the pages: the engine copies them to ``/stacks/<class-name>/release.json``."""
    for stack in stacks:
        for version in stack.versions:
            write_page(docs_dir, f"stacks/{version.class_name}/release.json", to_json(release_record(version)))
    write_page(docs_dir, "stacks/index.json", to_json(release_index(stacks)))
