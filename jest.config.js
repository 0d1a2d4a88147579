/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Type checking is `npm run typecheck`; here TypeScript is only transpiled, which keeps test runs fast.
  transform: {
    "^.+\\.ts$": ["ts-jest", {}],
    // strip-bom (a dependency of @microsoft/app-manifest) is ESM only; jest's CommonJS runtime needs it transpiled.
    "/strip-bom/index\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(@microsoft/app-manifest/node_modules/)?strip-bom/)"],
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // The two cores of CI: integration tests start servers, run them one file at a time.
  maxWorkers: 2,
};
