// Structured logs for operators: ids and events only, never free text or card payloads.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: "loft" },
    // A last line of defence: these keys may hold what a practitioner wrote.
    redact: { paths: ["text", "answers", "value", "payload", "*.text", "*.answers", "*.value"], censor: "[redacted]" },
  });
}
