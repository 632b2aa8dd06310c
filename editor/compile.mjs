// Compile the editor's Python archive to bytecode with the pinned Pyodide runtime itself, so the
// bytecode matches the interpreter the browser runs. Called by sitebuild/bytecode.py:
//   node editor/compile.mjs <runtime dir> <compile_archive.py> <sources.zip> <compiled.zip> <origin>
// Problems go to stderr as `name:line: reason`, one per line, with a non-zero exit.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, compiler, sources, compiled, origin] = process.argv.slice(2);
if (!origin) {
  console.error("usage: node editor/compile.mjs <runtime dir> <compile_archive.py> <sources.zip> <compiled.zip> <origin>");
  process.exit(2);
}
try {
  const { loadPyodide } = await import(pathToFileURL(resolve(runtimeDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: resolve(runtimeDir) + "/", stdout: () => {}, stderr: (line) => console.error(line) });
  pyodide.FS.writeFile("/tmp/sources.zip", readFileSync(sources));
  const module = pyodide.runPython(readFileSync(compiler, "utf8") + "\ncompile_archive");
  const problems = module("/tmp/sources.zip", "/tmp/compiled.zip", origin).toJs();
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  writeFileSync(compiled, pyodide.FS.readFile("/tmp/compiled.zip"));
} catch (error) {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
}
