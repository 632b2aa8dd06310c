"""The editor worker's seam: one function per message type, JSON text in, JSON text out.

The Web Worker (editor/worker.js) only routes ``{id, type, payload}`` messages
to :func:`dispatch`; everything the editor does with a manifest happens here,
in the same functions the CLI and the docs build use. Nothing here imports
``js`` or ``pyodide`` and no Python object crosses the seam: answers are JSON
strings, so the worker never holds a proxy.

A :class:`Session` keeps the stack versions the page has loaded, because
sending a whole ClusterClass with every keystroke would cost more than
generating the manifest.

What the editor is told about a version before Python runs (the build's
per-version data file, :func:`version_view`) is made here too, from the same
answers the worker gives later, so the prerendered page and the live editor
cannot disagree.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from generator import manifests
from generator.manifests.diagnostics import plain
from generator.model import StackVersion

if TYPE_CHECKING:
    from generator.upgrade import Rename

log = logging.getLogger(__name__)

KINDS = ("cluster", "clusterstack")
# The seam refuses text this large before any parser sees it: the page stays responsive and the
# message says what to do. The manifests parser has its own, smaller limits for hostile structure.
MAX_TEXT_BYTES = 2 * 1024 * 1024


class MessageError(Exception):
    """A message the seam cannot answer: unknown type, malformed payload, unknown version."""


class Session:
    """The versions one worker has loaded, and the message handlers that use them."""

    def __init__(self) -> None:
        self.versions: dict[str, StackVersion] = {}
        self.topology_inputs: dict[str, dict[str, Any]] = {}  # class name -> generator.topology.preview.topology_inputs

    def version(self, class_name: str) -> StackVersion:
        """Return a loaded version or fail with a message naming it."""
        try:
            return self.versions[class_name]
        except KeyError:
            raise MessageError(f"Cluster Stack {class_name!r} is not loaded in the generator") from None

    def load_version(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Load one StackVersion (its JSON form) so later messages can name it by class name."""
        version = StackVersion.from_dict(payload)
        self.versions[version.class_name] = version
        return {"className": version.class_name}

    def generate(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Generate one manifest (``kind``: cluster | clusterstack) from its form (a Cluster beside its ``clusterstack`` form); return text and diagnostics."""
        kind = _kind(payload)
        form_data = _mapping(payload, "form")
        if kind == "cluster":
            form = manifests.ClusterForm.from_dict(form_data)
            beside = payload.get("clusterstack")  # the page's ClusterStack form: the pair must share a namespace
            stack_form = manifests.ClusterStackForm.from_dict(beside) if isinstance(beside, dict) else None
            generated = manifests.generate_cluster(self.version(form.class_name), form, stack_form)
        else:
            stack_form = manifests.ClusterStackForm.from_dict(form_data)
            generated = manifests.generate_clusterstack(self.version(stack_form.class_name), stack_form)
        return generated_answer(generated)

    def parse(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Read a manifest the user edited back into a form; diagnostics carry their line.

        With ``current`` (the page's form of that kind) the answer is an import: ``form`` takes every
        valid field and keeps ``current``'s value where a field has an error, and ``notTaken`` lists
        those errors. ``className`` names the version the text is for, known to this worker or not.
        """
        kind = _kind(payload)
        text = payload.get("text")
        if not isinstance(text, str):
            raise MessageError("parse needs the manifest text")
        refused = _refuse_large(text)
        if refused:
            return {"form": None, "diagnostics": refused, **({"notTaken": refused} if "current" in payload else {})}
        parser = manifests.parse_cluster if kind == "cluster" else manifests.parse_clusterstack
        parsed = parser(text, self.versions)
        answer: dict[str, Any] = {
            "form": parsed.form.to_dict() if parsed.form is not None else None,
            "diagnostics": [d.to_dict() for d in parsed.diagnostics],
            "className": parsed.form.class_name if parsed.form is not None else None,
        }
        current = payload.get("current")
        if isinstance(current, dict):
            form_type = manifests.ClusterForm if kind == "cluster" else manifests.ClusterStackForm
            imported = manifests.import_form(parsed, form_type.from_dict(current))
            answer["form"] = imported.form.to_dict() if imported.form is not None else None
            answer["notTaken"] = [d.to_dict() for d in imported.not_taken]
        return answer

    def load_topology(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Keep what a version's topology is computed from (its cluster-class objects and addon files)."""
        class_name = _string(payload, "className")
        self.topology_inputs[class_name] = _mapping(payload, "inputs")
        return {"className": class_name}

    def topology(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Compute what Cluster API and the Cluster Stack Operator create for the cluster form (addons only if asked)."""
        from generator.topology.preview import preview  # imported on first use: the first paint never needs it

        form = manifests.ClusterForm.from_dict(_mapping(payload, "form"))
        inputs = self.topology_inputs.get(form.class_name)
        if inputs is None:
            raise MessageError(f"the topology of {form.class_name!r} is not loaded in the generator")
        generated = manifests.generate_cluster(self.version(form.class_name), form)
        return preview(generated.objects[0], inputs, with_addons=bool(payload.get("addons")))

    def switch_version(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Move both forms to another version: keep what still applies, park what the new version lacks, restore what it has again.

        ``parked`` is the page's store of values no version since has had a place for
        (``generator.manifests.switching.Parked``); the answer's ``parked`` replaces it. ``dropped``
        says what this switch parked, ``restored`` what came back, ``stillParked`` what was parked
        before and stays so.
        """
        target = self.version(_string(payload, "to"))
        old_cluster = manifests.ClusterForm.from_dict(_mapping(payload, "cluster"))
        old_stack = manifests.ClusterStackForm.from_dict(_mapping(payload, "clusterstack"))
        parked = manifests.Parked.from_dict(payload.get("parked") if isinstance(payload.get("parked"), dict) else {})
        before = parked.describe()
        source = self.versions.get(old_cluster.class_name)
        cluster, dropped, restored = manifests.carry_cluster_form(old_cluster, target, parked, source)
        clusterstack, dropped_stack, restored_stack = manifests.carry_clusterstack_form(old_stack, target, parked)
        return {
            "cluster": cluster.to_dict(),
            "clusterstack": clusterstack.to_dict(),
            "dropped": dropped + dropped_stack,
            "restored": restored + restored_stack,
            "stillParked": [item for item in parked.describe() if item in before],
            "parked": parked.to_dict(),
        }

    def explain(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Explain a cluster.yaml (``text``, or the page's ``form`` it was generated from): its version, each variable's state, the newer versions among ``known``.

        The page explains the text a user imported (which may name variables the form cannot take),
        and the form once it changes: that needs no parse, so the worker stays free for keystrokes.

        ``known`` is every class name the page lists: the worker holds only the versions the page
        loaded, but newer versions are found by name (``generator.explain.catalog_entries``). The
        version the text uses must be loaded for its variables to be explained.
        """
        from generator.explain import explain_cluster, explain_form  # on first use, not in the cold start; warm_up imports it

        known = payload.get("known")
        if not isinstance(known, list) or not all(isinstance(name, str) for name in known):
            raise MessageError("known must be a list of class names")
        if isinstance(payload.get("form"), dict):
            return explain_form(manifests.ClusterForm.from_dict(payload["form"]), self.versions, known).to_dict()
        text = _string(payload, "text")
        refused = _refuse_large(text)
        if refused:
            return {"className": None, "known": False, "variables": [], "newer": [], "diagnostics": refused}
        return explain_cluster(text, self.versions, known).to_dict()

    def upgrade(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Move both forms to the version ``to`` as ``python -m generator upgrade`` moves a file; say what changed.

        The cluster keeps every variable the target still has, takes the declared ``renames`` of
        the target's stack, and the notes report what was dropped (with its value), suggested,
        newly required or re-defaulted. The ClusterStack keeps the running version beside the
        target's; a target of another Kubernetes minor or stack needs a second ClusterStack, and
        the answer's ``clusterstack`` is that one (``secondClusterStack`` says so).
        """
        from generator.upgrade import migrate_cluster_form, migrate_clusterstack_form  # on first use; warm_up imports it

        target = self.version(_string(payload, "to"))
        cluster = manifests.ClusterForm.from_dict(_mapping(payload, "cluster"))
        stack = manifests.ClusterStackForm.from_dict(_mapping(payload, "clusterstack"))
        migrated, notes = migrate_cluster_form(cluster, self.version(cluster.class_name), target, _renames(payload.get("renames")))
        stacks, stack_note = migrate_clusterstack_form(stack, self.version(stack.class_name), target)
        generated = manifests.generate_cluster(target, migrated, stacks[-1])
        return {
            "cluster": migrated.to_dict(),
            "clusterstack": stacks[-1].to_dict(),
            "secondClusterStack": len(stacks) > 1,
            "notes": [note.to_dict() for note in [*notes, stack_note]],
            "valid": generated.valid,
            "diagnostics": [d.to_dict() for d in generated.diagnostics],
            "plan": self._rollout_plan(cluster, stack, generated.objects[0] if generated.objects else None, target),
        }

    def _rollout_plan(self, cluster: manifests.ClusterForm, stack: manifests.ClusterStackForm, after: dict[str, Any] | None, target: StackVersion) -> dict[str, Any]:
        """Say which machines the upgrade replaces, as ``generator upgrade --plan`` does, from both versions' topology inputs.

        ``available`` is false (and ``missing`` names the versions) when the page has not loaded the
        templates of both: a release whose source moved on keeps only its ClusterClass.
        """
        missing = [name for name in (cluster.class_name, target.class_name) if name not in self.topology_inputs]
        if missing or after is None:
            return {"available": False, "missing": missing}
        from generator.rollout import plan_upgrade  # the topology engine: only plans and the third output need it

        before = manifests.generate_cluster(self.version(cluster.class_name), cluster, stack).objects[0]
        before_objects = self.topology_inputs[cluster.class_name].get("objects") or []
        plan, problems = plan_upgrade(before, before_objects, after, self.topology_inputs[target.class_name].get("objects") or [])
        return {"available": True, "replacesMachines": plan.replaces_machines, "rollouts": [str(r) for r in plan.rollouts], "changedObjects": len(plan.objects), "problems": problems}


def _refuse_large(text: str) -> list[dict[str, Any]]:
    """Return the error for text too large to read (before any parser sees it), or nothing."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_TEXT_BYTES:
        return []
    message = f"the text is {size // 1024} KiB; the editor reads manifests up to {MAX_TEXT_BYTES // 1024} KiB"
    return [plain("", message, 1).to_dict()]


def _renames(data: Any) -> list[Rename]:
    """Read the renames the build put into a version's data: ``[{"from", "to", "values": [[old, new], …]}]``."""
    from generator.upgrade import Rename
    if data is None:
        return []
    if not isinstance(data, list):
        raise MessageError("renames must be a list")
    renames = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("from"), str) or not isinstance(item.get("to"), str):
            raise MessageError("each rename needs 'from' and 'to', the old and the new variable name")
        values = item.get("values") or []
        if not isinstance(values, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in values):
            raise MessageError("a rename's values are [old, new] pairs")
        renames.append(Rename(item["from"], item["to"], tuple((old, new) for old, new in values)))
    return renames


def generated_answer(generated: manifests.Generated) -> dict[str, Any]:
    """Return a generated manifest as the editor receives it: text, validity and every diagnostic with its line."""
    return {"text": generated.text, "valid": generated.valid, "diagnostics": [d.to_dict() for d in generated.diagnostics]}


class VersionDefaults(NamedTuple):
    """A version's default forms and the manifests generated from them: made once per build, shown on its page and in the editor."""

    cluster_form: manifests.ClusterForm
    clusterstack_form: manifests.ClusterStackForm
    cluster: manifests.Generated
    clusterstack: manifests.Generated


def version_defaults(version: StackVersion) -> VersionDefaults:
    """Generate a version's default cluster.yaml and clusterstack.yaml from its default forms."""
    cluster_form = manifests.default_cluster_form(version)
    clusterstack_form = manifests.default_clusterstack_form(version)
    return VersionDefaults(
        cluster_form=cluster_form,
        clusterstack_form=clusterstack_form,
        cluster=manifests.generate_cluster(version, cluster_form, clusterstack_form),  # beside its ClusterStack, as the editor asks
        clusterstack=manifests.generate_clusterstack(version, clusterstack_form),
    )


def browser_version(version: StackVersion) -> dict[str, Any]:
    """Return the StackVersion's JSON without what the editor never reads (components, addon stages)."""
    data = version.to_dict()
    data["components"] = []
    data["addonStages"] = []
    return data


def version_view(
    version: StackVersion, defaults: VersionDefaults | None = None, topology: dict[str, Any] | None = None, renames: Sequence[Rename] = ()
) -> dict[str, Any]:
    """Return everything the editor needs for one version before Python is ready: the version to load, its form, its defaults.

    ``defaults`` are the version's :func:`version_defaults` when the caller already has them; ``topology``
    is what the worker computes the third output from, with its default (None: not available);
    ``renames`` are its stack's declared variable renames: "Upgrade to…" this version applies them.
    """
    from generator import variables  # deferred: the worker never calls this, and its start-up skips the variable rules
    from generator.clusterclass import kubernetes_versions
    from generator.variables.constraint_text import help_text

    def with_help(node: dict[str, Any]) -> dict[str, Any]:
        described = {**node, "help": help_text(node)}
        if isinstance(node.get("properties"), list):
            described["properties"] = [with_help(child) for child in node["properties"]]
        if isinstance(node.get("items"), dict):
            described["items"] = with_help(node["items"])
        return described

    defaults = defaults or version_defaults(version)
    return {
        "className": version.class_name,
        "released": version.released,  # None: the unreleased working state, which the editor marks while it is selected
        "provider": version.provider,
        "kubernetesVersion": version.kubernetes_version,
        "machineDeploymentClasses": version.machine_deployment_classes,
        "kubernetesVersions": kubernetes_versions(version.cluster_class),  # what a v1beta2 class allows; the editor offers exactly these
        "version": browser_version(version),
        "form": [with_help(node) for node in variables.form_schema(version.variables)],  # each input's help line, worded in Python
        "fields": manifests.form_inputs(version),  # the fixed inputs: keys, manifest paths, labels
        "defaults": {"cluster": defaults.cluster_form.to_dict(), "clusterstack": defaults.clusterstack_form.to_dict()},
        "manifests": {"cluster": generated_answer(defaults.cluster), "clusterstack": generated_answer(defaults.clusterstack)},
        "topology": topology,
        "renames": renames_data(renames),
    }


def renames_data(renames: Sequence[Rename]) -> list[dict[str, Any]]:
    """Write renames as :func:`_renames` reads them back: ``[old, new]`` pairs, not a map, since a YAML key need not be a string."""
    return [{"from": r.old, "to": r.new, "values": [[old, new] for old, new in r.values]} for r in renames]


def _kind(payload: dict[str, Any]) -> str:
    kind = payload.get("kind")
    if kind not in KINDS:
        raise MessageError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return str(kind)


def _mapping(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    if not isinstance(value, dict):
        raise MessageError(f"{key} must be an object")
    return value


def _string(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str):
        raise MessageError(f"{key} must be a string")
    return value


_SESSION = Session()
HANDLERS: dict[str, Callable[[Session, dict[str, Any]], dict[str, Any]]] = {
    "load_version": Session.load_version,
    "generate": Session.generate,
    "parse": Session.parse,
    "switch_version": Session.switch_version,
    "load_topology": Session.load_topology,
    "topology": Session.topology,
    "explain": Session.explain,
    "upgrade": Session.upgrade,
}


def warm_up() -> None:
    """Import what requests otherwise import on first use: the Cluster API variable rules, the topology engine, explain and upgrade.

    The editor's worker calls this on a cold boot right before it snapshots the Python heap, so a
    warm start answers its first request without importing anything. The cold boot pays nothing
    extra: it runs after "ready" is posted, and its first request would have imported them anyway.
    """
    import generator.explain  # noqa: F401 - the "explain" handler imports it
    import generator.rollout  # noqa: F401 - the "upgrade" handler's rollout plan imports it
    import generator.upgrade  # noqa: F401 - the "upgrade" handler imports it
    import generator.variables  # noqa: F401 - generator.manifests.cluster imports it when it validates
    import generator.topology.preview  # noqa: F401 - the third output's first request imports it otherwise


def dispatch(message_type: str, payload: str, session: Session | None = None) -> str:
    """Answer one worker message: ``{"result": …}`` or ``{"error": "…"}`` as JSON text, never an exception."""
    handler = HANDLERS.get(message_type)
    if handler is None:
        return json.dumps({"error": f"unknown message type {message_type!r}"})
    try:
        data = json.loads(payload)
        if not isinstance(data, dict):
            raise MessageError("the payload must be a JSON object")
        result = handler(session or _SESSION, data)
    except (MessageError, json.JSONDecodeError) as error:
        return json.dumps({"error": str(error)})
    except Exception as error:  # noqa: BLE001 - the page must get an answer, not a dead worker
        log.exception("%s failed", message_type)
        return json.dumps({"error": f"{message_type} failed: {type(error).__name__}: {error}"})
    return json.dumps({"result": result}, separators=(",", ":"))
