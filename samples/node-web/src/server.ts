import { createServer } from "node:http";
import pc from "picocolors";
import { greeting } from "./greeting";

const port = Number(process.env.PORT || 3000);

const server = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (request.method === "GET" && path === "/") {
    response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    response.end(greeting());
    return;
  }

  response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  response.end("Not found\n");
});

server.listen(port, () => {
  console.log(`${pc.green("listening")} on port ${port} (node ${process.version}, uid ${process.getuid?.() ?? "?"})`);
});

// As the container's first process, node would ignore SIGTERM: stop cleanly instead.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
