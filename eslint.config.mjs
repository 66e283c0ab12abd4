// Lint configuration (flat config). Type-aware rules need the TypeScript program, so only the
// TypeScript sources listed in tsconfig.json are linted with types; plain JS programs get the basics.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "sdk-dist/**",
      "tmp/**",
      "node_modules/**",
      "examples/real-cloud/node_modules/**",
      ".venv-contract/**",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { pulumi },
    rules: {
      "pulumi/no-output-in-template-literal": "error",
      "pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      // Unused names are already compile errors (noUnusedLocals/noUnusedParameters); `_x` marks intent.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The provider shell and lazy loads use require() on purpose: the Alibaba SDKs and client-node
      // must not load for check/diff, and the serialized shell must resolve its implementation at run time.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Tests read loosely typed JSON (stack exports, CR objects) and assert on it; node:test's
    // describe/it return promises that the runner itself tracks.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-floating-promises": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
