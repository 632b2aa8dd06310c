"""The node images a stack names for one Kubernetes version, with URL and checksum where given.

Upstream has listed node images in several files over time: ``kubernetes.yaml`` and
``image-manager.yaml`` (openstack-image-manager lists: ``images[].versions[]`` with
``version``, ``url``, ``checksum``), ``image.yaml`` (ORC ``Image`` objects with
``spec.resource.content.download``), ``node-images.yaml`` (``openStackNodeImages[]`` with
``url`` and ``createOpts.name``). An image belongs to a version when it names that exact
Kubernetes patch (``v1.33.4``, not ``v1.33.40``). Pure.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.model import NodeImage
from generator.stacks.yamlsource import load_all_fast

IMAGE_FILES = ("kubernetes.yaml", "image-manager.yaml", "image.yaml", "node-images.yaml")


def node_images(files: dict[str, str], kubernetes: str) -> tuple[NodeImage, ...]:
    """Return the node images of Kubernetes ``kubernetes`` (X.Y.Z) named by the image files among ``files``."""
    exact = re.compile(r"(?<![0-9.])v" + re.escape(kubernetes) + r"(?![0-9])")
    found: list[NodeImage] = []
    for path in IMAGE_FILES:
        if path not in files:
            continue
        try:
            docs = [d for d in load_all_fast(files[path]) if isinstance(d, dict)]
        except yaml.YAMLError:
            continue  # a broken image list only loses its images here; the stack's own checks read YAML elsewhere
        for doc in docs:
            found.extend(image for image, named in _images(doc) if exact.search(named))
    return tuple(sorted(set(found), key=lambda i: (i.name, i.url)))


def _images(doc: dict[str, Any]) -> list[tuple[NodeImage, str]]:
    """Return each image of one document with the text that says which Kubernetes version it is for."""
    images: list[tuple[NodeImage, str]] = []
    for image in doc.get("images") or []:  # openstack-image-manager
        if not isinstance(image, dict):
            continue
        for version in image.get("versions") or []:
            if isinstance(version, dict) and version.get("url"):
                name = f"{image.get('name', '')}{image.get('separator', '-')}{version.get('version', '')}"
                listed = NodeImage(name, str(version["url"]), _str(version.get("checksum")))
                images.append((listed, f"{version.get('version', '')} {listed.url}"))
    if doc.get("kind") == "Image":  # ORC
        download = (((doc.get("spec") or {}).get("resource") or {}).get("content") or {}).get("download") or {}
        digest = download.get("hash") or {}
        checksum = f"{digest['algorithm']}:{digest['value']}" if digest.get("algorithm") and digest.get("value") else None
        if download.get("url"):
            image = NodeImage(str((doc.get("metadata") or {}).get("name", "")), str(download["url"]), checksum)
            images.append((image, f"{image.name} {image.url}"))
    for image in doc.get("openStackNodeImages") or []:  # 2023-2024 per-minor folders
        if isinstance(image, dict) and image.get("url"):
            found = NodeImage(str((image.get("createOpts") or {}).get("name", "")), str(image["url"]), None)
            images.append((found, f"{found.name} {found.url}"))
    return images


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
