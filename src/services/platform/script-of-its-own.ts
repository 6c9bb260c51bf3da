import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";

// Modules of this folder run as the entry of a thread or a process of their own: the built
// JavaScript as it is, or, when the service runs from its TypeScript source (tests, `npm run dev`),
// compiled as they load.
const FROM_SOURCE = extname(__filename) === ".ts";
const moduleFile = (name: string) => join(__dirname, `${name}${FROM_SOURCE ? ".ts" : ".js"}`);

/** The arguments to `node` that run module `name` of this folder as a process. */
export function processArguments(name: string): string[] {
  return FROM_SOURCE ? ["--require", "@swc-node/register", moduleFile(name)] : [moduleFile(name)];
}

/** A thread running module `name` of this folder, given `workerData`. */
export function threadOn(name: string, workerData: unknown): Worker {
  if (!FROM_SOURCE) return new Worker(moduleFile(name), { workerData });
  // Not swc's loader, as the processes use: it is a native addon, and loaded by a thread after
  // an earlier thread that loaded it has ended, it crashes the process (a segmentation fault under
  // Jest, whose own thread never loads it). TypeScript's compiler is JavaScript.
  const compiler = require.resolve("typescript");
  const loader = `
    const ts = require(${JSON.stringify(compiler)});
    require.extensions[".ts"] = (module, filename) => {
      const source = require("node:fs").readFileSync(filename, "utf8");
      const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
      module._compile(ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText, filename);
    };
    require(${JSON.stringify(moduleFile(name))});`;
  return new Worker(loader, { eval: true, workerData });
}
