"""Names of the objects the topology controller creates (``internal/topology/names``), made deterministic.

Cluster API appends five random characters (``utilrand.String(5)``) to most names. A
preview cannot know them, and a preview that changes on every run is useless, so the
stand-in here is derived from what the object is: the first five characters of the
SHA-256 of ``namespace/cluster/role``, written in the alphabet Kubernetes draws its
random suffixes from. The same Cluster always previews the same names; the real ones
will differ in exactly those five characters.
"""

from __future__ import annotations

import hashlib

from generator.gotemplate import TemplateError
from generator.topology.gotpl import render_naming_template

# k8s.io/apimachinery/pkg/util/rand: the alphabet of random name suffixes (no vowels, no confusable digits).
RANDOM_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
RANDOM_LENGTH = 5
MAX_NAME_LENGTH = 63
MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH


class NamingError(Exception):
    """A naming template that does not render; the message is Cluster API's."""


def random_stand_in(*parts: str) -> str:
    """Return the deterministic five-character stand-in for Cluster API's random suffix of one object."""
    digest = hashlib.sha256("/".join(parts).encode("utf-8")).digest()
    return "".join(RANDOM_ALPHABET[byte % len(RANDOM_ALPHABET)] for byte in digest[:RANDOM_LENGTH])


def simple_name(base: str, random: str) -> str:
    """Return ``base`` (cut to 58 characters) plus the suffix, like SimpleNameGenerator."""
    return base[:MAX_GENERATED_NAME_LENGTH] + random


def template_name(template: str, cluster_name: str, random: str, extra: dict[str, object] | None = None) -> str:
    """Render a naming template with ``.cluster.name``, ``.random`` and the role's fields; cut an overlong result like Cluster API."""
    data: dict[str, object] = dict(extra or {})
    data["cluster"] = {"name": cluster_name}
    data["random"] = random
    try:
        name = render_naming_template(template, data)
    except TemplateError as error:
        raise NamingError(f"rendering template: {error}") from None
    if len(name) > MAX_NAME_LENGTH:
        # The second random part is a stand-in too: reuse the object's own.
        name = name[:MAX_GENERATED_NAME_LENGTH] + random
    return name
