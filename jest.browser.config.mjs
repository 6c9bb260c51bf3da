// The browser test (`npm run test:browser`): a real Chromium against the service's entry point.
// Apart from `npm test`, whose testMatch its *.browser-spec.ts names do not match.
/** @type {import('jest').Config} */
const config = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.browser-spec.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 120000,
};
export default config;
