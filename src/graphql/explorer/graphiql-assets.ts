import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** One browser file GraphiQL needs, served by this server from its npm package. */
export interface GraphiqlAsset {
  /** Its path under `/explorer/assets/`, with the package version so browsers may cache it for good. */
  name: string;
  kind: "script" | "stylesheet";
  /** Where it is on disk. */
  file: string;
}

// The UMD builds, in the order the page loads them: GraphiQL expects React and ReactDOM as
// globals, and the explorer plugin expects GraphiQL.
const SOURCES = [
  { packageName: "react", path: "umd/react.production.min.js", kind: "script" },
  { packageName: "react-dom", path: "umd/react-dom.production.min.js", kind: "script" },
  { packageName: "graphiql", path: "graphiql.min.js", kind: "script" },
  { packageName: "@graphiql/plugin-explorer", path: "dist/index.umd.js", kind: "script" },
  { packageName: "graphiql", path: "graphiql.min.css", kind: "stylesheet" },
  { packageName: "@graphiql/plugin-explorer", path: "dist/style.css", kind: "stylesheet" },
] as const;

/** Every file the GraphiQL page loads; nothing else under node_modules is served. */
export function resolveGraphiqlAssets(): GraphiqlAsset[] {
  return SOURCES.map(({ packageName, path, kind }) => {
    // Through package.json: the packages' `exports` do not list their UMD files.
    const manifest = require.resolve(`${packageName}/package.json`);
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
    const extension = kind === "script" ? "js" : "css";
    const baseName = packageName.replace("@graphiql/", "graphiql-");
    return { name: `${baseName}-${version}.${extension}`, kind, file: join(dirname(manifest), path) };
  });
}
