// Run a Python script in the project's Pyodide under Node, with the editor's Python archive unpacked:
// the generator exactly as the browser editor gets it (no cryptography, no bcrypt). Prints the script's value.
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [archive, script] = process.argv.slice(2);
const indexURL = fileURLToPath(new URL("../../node_modules/pyodide/", import.meta.url));
const pyodide = await loadPyodide({ indexURL });
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: "/home/pyodide" });
process.stdout.write(String(pyodide.runPython(readFileSync(script, "utf8"))));
