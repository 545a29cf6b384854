const app = require("./app");

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => console.log(`listening on port ${port} (node ${process.version})`));

// As the container's first process, node would ignore SIGTERM: stop cleanly instead.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
