// Bundle one editor entry module with esbuild and write it to stdout (called by sitebuild/editor.py).
// Deterministic: no source map, no banner with a date, fixed target; paths are never embedded.
import { createRequire } from "node:module";
import process from "node:process";

const require = createRequire(import.meta.url);
const esbuild = require("esbuild");

const entry = process.argv[2];
const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  format: "esm",
  minify: true,
  target: ["chrome100", "firefox100", "safari15"],
  write: false,
  legalComments: "none",
  charset: "utf8",
  logLevel: "error",
});
process.stdout.write(result.outputFiles[0].contents);
