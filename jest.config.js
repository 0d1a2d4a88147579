/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // Type checking is `npm run typecheck`; here TypeScript is only transpiled, which keeps test runs fast.
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // The two cores of CI: integration tests start servers, run them one file at a time.
  maxWorkers: 2,
};
