"""The crypto functions in the real Pyodide the editor runs, which ships neither cryptography nor bcrypt.

The generator must import and render there; a call to a function that needs one of
the packages fails naming the function, template, line and package.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sitebuild import editor

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
sys.path.insert(0, "/home/pyodide")
from generator.gotemplate import TemplateError
from generator.helm import load_chart, render_chart

def render(template):
    chart = load_chart({"Chart.yaml": "apiVersion: v2\\nname: c\\nversion: 0.1.0\\n", "templates/t.yaml": template})
    try:
        return render_chart(chart)["c/templates/t.yaml"]
    except TemplateError as err:
        return "error: " + str(err)

json.dumps({
    "platform": sys.platform,
    "plain": render("a: {{ randAlpha 3 | len }}\\n{{ if false }}{{ genCA \\"x\\" 1 }}{{ end }}"),
    "genCA": render('a: 1\\nb: {{ genCA "ca" 1 }}'),
    "htpasswd": render('{{ htpasswd "u" "p" }}'),
    "loaded": sorted(m for m in sys.modules if m.startswith(("cryptography", "bcrypt", "generator.gotemplate.cryptolib"))),
})
"""


def test_in_pyodide_a_crypto_call_fails_clearly_and_the_rest_renders(tmp_path: Path) -> None:
    archive, script = tmp_path / "python.zip", tmp_path / "script.py"
    archive.write_bytes(editor.python_archive(REPO_ROOT))
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(["node", str(Path(__file__).with_name("pyodide_render.mjs")), str(archive), str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["platform"] == "emscripten"
    assert result["plain"] == "a: 3\n"
    assert result["genCA"].startswith("error: template: c/templates/t.yaml:2:6: ")
    assert result["genCA"].endswith("error calling genCA: genCA needs the Python package 'cryptography', which is not available here: the browser editor does not ship it")
    assert result["htpasswd"].endswith("htpasswd needs the Python package 'bcrypt', which is not available here: the browser editor does not ship it")
    assert result["loaded"] == []
