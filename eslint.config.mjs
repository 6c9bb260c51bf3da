import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Layers import one way (README, "Code map"). Relative paths name the folder they reach into.
const GRAPHQL_PACKAGES = [
  "graphql",
  "graphql/*",
  "type-graphql",
  "@apollo/*",
  "graphql-ws",
  "graphql-scalars",
  "@as-integrations/*",
];
const layer = (message, ...group) => ({ group, message });

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }],
    },
  },
  // One clock (issue 14 §3): only src/domain/calendar/clock.ts reads the system time, so tests and
  // outside suites can hold it.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/domain/calendar/clock.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports." },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            "Read the time from src/domain/calendar/clock.ts: now() for the scheme's dates, wallClock() for real time.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            "Read the time from src/domain/calendar/clock.ts: now() for the scheme's dates, wallClock() for real time.",
        },
        // Issue 15: V8 kept what such a getter closes over alive through young-generation collections,
        // promoting every request's data to the old generation.
        {
          selector: "Property[kind=/^(get|set)$/]",
          message:
            "No getters or setters in object literals: put them on a class (see PostedRequest in src/graphql/posted-operations.ts).",
        },
      ],
    },
  },
  // Issue 15 §5: class-validator's index loads every rule it has, 320 modules, as the service starts.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/schema/common/input-rules.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "class-validator",
              message:
                "Import class-validator's rules from src/schema/common/input-rules.ts, which loads only those used.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/machines/**/*.ts", "src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(
              "Machines and domain rules are pure: no TypeORM, no database.",
              "typeorm",
              "pg",
              "@electric-sql/*",
              "typeorm-pglite",
            ),
            layer("Machines and domain rules know nothing of GraphQL.", ...GRAPHQL_PACKAGES),
            layer(
              "Machines and domain rules import only machines and domain.",
              "**/entities/**",
              "**/services/**",
              "**/schema/**",
              "**/resolvers/**",
              "**/graphql/**",
              "**/migrations/**",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["src/services/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(
              "Services know nothing of GraphQL: throw a DomainError or ClientError, and map it in src/graphql.",
              ...GRAPHQL_PACKAGES,
            ),
            layer("Services do not reach up into the API layers.", "**/schema/**", "**/resolvers/**", "**/graphql/**"),
            layer("A migration is history: copy what you need from it.", "**/migrations/1*"),
          ],
        },
      ],
    },
  },
  {
    files: ["src/entities/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(
              "Entities are persistence shapes: they import no services or API layers.",
              "**/services/**",
              "**/schema/**",
              "**/resolvers/**",
              "**/graphql/**",
              ...GRAPHQL_PACKAGES,
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["src/schema/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(
              "GraphQL types import no resolvers, services or plumbing: a mapper takes an entity and returns a type.",
              "**/resolvers/**",
              "**/services/**",
              "**/graphql/**",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["src/resolvers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(
              "Resolvers are thin: they call a service and map its answer, never the database.",
              "typeorm",
              "pg",
              "**/migrations/**",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["src/migrations/1*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!typeorm$)",
              message: "A migration is history: it imports only TypeORM, so later code cannot change what it does.",
            },
          ],
        },
      ],
    },
  },
  // jest wants default exports from its global setup and teardown.
  {
    files: ["test/support/global-setup.ts", "test/support/global-teardown.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["jest.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // The outside suite's examples are plain Node scripts (README, "Testing against the service").
  {
    files: ["examples/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", fetch: "readonly", URL: "readonly" } },
  },
);
