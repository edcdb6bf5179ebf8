#!/usr/bin/env node
import { run } from '../dist/bundle/main.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`Internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
