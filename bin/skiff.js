#!/usr/bin/env node
// The skiff command. Runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cmd/main.js';

main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 1; },
);
