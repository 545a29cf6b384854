const path = require("node:path");
const express = require("express");

const app = express();
app.use(express.static(path.join(__dirname, "public")));
app.get("/api/greeting", (request, response) => {
  response.json({ greeting: "Hello from a multi-stage Express image!", node: process.version });
});

module.exports = app;
