// The leaders' tab. Today it only says where it is running; the aggregated dashboard is not built yet.
import { app } from "@microsoft/teams-js";

const status = document.getElementById("status")!;

async function start() {
  try {
    await app.initialize();
    const ctx = await app.getContext();
    const en = ctx.app.locale.toLowerCase().startsWith("en");
    status.textContent = en ? "The leaders' overview is not built yet." : "Ledelsens overblik er ikke bygget endnu.";
  } catch {
    // Outside Teams (local mode, browser tests) initialize() rejects within milliseconds at top level.
    status.textContent = "Løft kører lokalt uden for Teams. Ledelsens overblik er ikke bygget endnu.";
  }
  document.body.dataset.ready = "true";
}

void start();
