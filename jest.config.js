/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "<rootDir>/test/support/node-environment.ts",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts", "**/*.integration-spec.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  setupFiles: ["reflect-metadata"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
};
