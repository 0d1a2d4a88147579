// `npm start`: load config (one clear line on error), start everything, stop cleanly on SIGINT/SIGTERM (App Service
// sends SIGTERM and waits about 30 s: turns under way finish within SHUTDOWN_GRACE_SECONDS).
import { ConfigError, loadConfig } from "./config";
import { startApp } from "./app";
import { startTelemetry } from "./telemetry";
import { StoreDamaged } from "./store/journal";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  // Before the server exists, so its requests are traced (Azure only; nothing without a connection string).
  if (await startTelemetry(config.APPLICATIONINSIGHTS_CONNECTION_STRING)) process.stdout.write("Telemetry: Application Insights\n");
  const app = await startApp(config);
  process.stdout.write(
    `\nLøft is running at ${app.url}  (bot: ${app.url}/api/messages, tab: ${app.url}/tab/, health: ${app.url}/healthz)\n\n`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ event: "app.stopping", signal }, "stopping");
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  if (e instanceof StoreDamaged) {
    // One line: what is wrong and where, that nothing was touched, and the way out.
    const dir = process.env.DATA_DIR || ".data";
    process.stderr.write(
      `Løft will not start: the store in ${dir} is damaged — ${e.message}. Nothing was changed. ` +
        `\`npm run store:check\` shows every problem and can salvage what is whole (docs/data-model.md, "A damaged data folder").\n`,
    );
    process.exit(3);
  }
  process.stderr.write(`Løft failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
