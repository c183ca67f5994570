#!/usr/bin/env node
import { main } from "../dist/scanner/cli.js";

process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
