// Bundle the editor's entry modules with esbuild in one run (called by sitebuild/editor.py) and
// write {"<entry path>": "<bundled source>", …} as JSON to stdout. Each argument is
// "<format>:<entry path>": "esm" for modules (the worker, CodeMirror), "iife" for a classic
// script (the page script, which must run while the page is parsed).
// Deterministic: no source map, no banner with a date, fixed target; paths are never embedded.
import { createRequire } from "node:module";
import process from "node:process";

const require = createRequire(import.meta.url);
const esbuild = require("esbuild");

const entries = process.argv.slice(2).map((argument) => {
  const colon = argument.indexOf(":");
  return { format: argument.slice(0, colon), entry: argument.slice(colon + 1) };
});
const bundled = {};
// One build per entry: each bundle must stand alone (no shared chunks), and one process
// start serves them all.
await Promise.all(
  entries.map(async ({ format, entry }) => {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format,
      minify: true,
      target: ["chrome100", "firefox100", "safari15"],
      write: false,
      legalComments: "none",
      charset: "utf8",
      logLevel: "error",
    });
    bundled[entry] = result.outputFiles[0].text;
  }),
);
process.stdout.write(JSON.stringify(bundled));
