// The layering rules of docs/architecture.md, checked by test/unit/architecture.test.ts (dependency-cruiser).
// Type-only imports count: a cycle of types is still a cycle in the design.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "No module depends on itself, through any path (type imports included).", from: {}, to: { circular: true } },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain is the functional core: nothing of ours outside it, no I/O, no framework.",
      from: { path: "^src/domain/" },
      to: { pathNot: ["^src/domain/", "^node_modules/(zod|luxon|date-holidays)/", "^crypto$"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "domain-types-only-from-domain",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^(src/(store|api|auth|derive|scheduler)|bot|tab)/" },
    },
    { name: "store-over-domain", severity: "error", comment: "src/store knows the domain's types, nothing above it.", from: { path: "^src/store/" }, to: { path: "^(src/(api|auth|derive|scheduler)|bot|tab)/" } },
    { name: "derive-and-scheduler-below-the-shells", severity: "error", from: { path: "^src/(derive|scheduler)/" }, to: { path: "^(src/(api|auth)|bot|tab)/" } },
    { name: "api-beside-the-bot", severity: "error", comment: "The tab's API and the bot do not use each other.", from: { path: "^src/(api|auth)/" }, to: { path: "^(bot|tab)/" } },
    { name: "bot-beside-the-api", severity: "error", from: { path: "^bot/" }, to: { path: "^src/api/" } },
    {
      name: "only-the-composition-root-knows-the-bot",
      severity: "error",
      comment: "Outside bot/, only src/app.ts (start-up) imports it.",
      from: { path: "^src/", pathNot: "^src/app\\.ts$" },
      to: { path: "^bot/" },
    },
    { name: "botbuilder-only-in-the-bot", severity: "error", comment: "A move to the Agents SDK stays inside bot/.", from: { pathNot: "^bot/" }, to: { path: "^node_modules/botbuilder" } },
    { name: "tab-stands-alone", severity: "error", comment: "The tab is built for the browser from its own files.", from: { path: "^tab/src/" }, to: { path: "^(src|bot)/" } },
    {
      name: "only-the-router-imports-the-verb-table",
      severity: "error",
      from: { path: "^bot/", pathNot: "^bot/(turn|verbs/index)\\.ts$" },
      to: { path: "^bot/verbs/index\\.ts$" },
    },
    {
      name: "verbs-do-not-send",
      severity: "error",
      comment: "A verb answers its turn; what Løft owes someone else goes through the outbox (a port on the context).",
      from: { path: "^bot/verbs/" },
      to: { path: "^bot/(outbox/|reach|messenger|checkins|team|turn|adapter)" },
    },
    {
      name: "the-outbox-uses-views-not-flows",
      severity: "error",
      comment: "The outbox may render a verb's card, never run the turn machinery.",
      from: { path: "^bot/outbox/" },
      to: { path: "^bot/(turn|adapter|team|checkins)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "(^|/)(node_modules|\\.build)/" },
  },
};
