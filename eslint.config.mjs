import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }],
    },
  },
  // jest wants default exports from its global setup and teardown.
  { files: ["test/support/global-setup.ts", "test/support/global-teardown.ts"], rules: { "no-restricted-syntax": "off" } },
  { files: ["jest.config.js"], languageOptions: { sourceType: "commonjs", globals: { module: "writable" } }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);
