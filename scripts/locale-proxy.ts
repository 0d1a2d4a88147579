// The Agents Playground always sends locale "en-US". To see the Danish cards, put this loopback proxy between it
// and the app: it rewrites the activities' locale and forwards everything else as is.
//   npx tsx scripts/locale-proxy.ts 3979 http://127.0.0.1:3978 da-DK
import http from "node:http";

export function startLocaleProxy(port: number, target: string, locale: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let body = Buffer.concat(chunks).toString();
      if (req.headers["content-type"]?.includes("json") && body) {
        const activity = JSON.parse(body);
        activity.locale = locale;
        body = JSON.stringify(activity);
      }
      const out = http.request(
        `${target}${req.url}`,
        { method: req.method, headers: { ...req.headers, "content-length": Buffer.byteLength(body) } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      out.on("error", () => res.writeHead(502).end());
      out.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (require.main === module) {
  const [port = "3979", target = "http://127.0.0.1:3978", locale = "da-DK"] = process.argv.slice(2);
  void startLocaleProxy(Number(port), target, locale);
}
