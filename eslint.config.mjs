// Lint TypeScript with the recommended rule sets; Prettier owns formatting.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "**/bin/", ".test-output/"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The few plain JavaScript files are CommonJS entry points that Node loads with require().
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);
