// Telemetry for Azure (Application Insights through OpenTelemetry): requests, dependencies (Cosmos DB, the Bot
// Connector) and Løft's own counts — jobs and messages by kind and outcome. Never free text, card payloads or names:
// only what the counters' attributes below carry. Without APPLICATIONINSIGHTS_CONNECTION_STRING nothing is set up
// and the OpenTelemetry API is a no-op (locally and in tests).
import { metrics } from "@opentelemetry/api";

let started = false;

/** Starts the Azure Monitor distro once, before the HTTP server exists (so requests are instrumented). */
export async function startTelemetry(connectionString: string | undefined): Promise<boolean> {
  if (!connectionString || started) return started;
  const { useAzureMonitor } = await import("@azure/monitor-opentelemetry");
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Requests and outgoing HTTP (Cosmos DB, the Bot Connector, Entra) only; no console or log capture (logs stay ids
    // and events on stdout, which App Service keeps).
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true }, bunyan: { enabled: false }, winston: { enabled: false } },
    enableLiveMetrics: false,
  });
  started = true;
  return true;
}

const meter = () => metrics.getMeter("loft");
let counters: { jobs: ReturnType<ReturnType<typeof meter>["createCounter"]>; messages: ReturnType<ReturnType<typeof meter>["createCounter"]> } | undefined;
const counts = () =>
  (counters ??= {
    jobs: meter().createCounter("loft.jobs.finished", { description: "Durable jobs finished, by kind and status" }),
    messages: meter().createCounter("loft.outbox.messages", { description: "Messages Løft owed, by kind and outcome" }),
  });

/** A job finished (the scheduler's and the turns' runner). */
export const countJob = (kind: string, status: string) => counts().jobs.add(1, { kind, status });
/** A message the outbox finished with: its kind and its outcome (sent, unreachable, gone, failed, unconfirmed, skipped). */
export const countMessage = (what: string, outcome: string) => counts().messages.add(1, { what, outcome });
