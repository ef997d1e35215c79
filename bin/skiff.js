#!/usr/bin/env node
// The skiff command: runs the compiled CLI (dist/ is built by `npm run build`, which `npm ci` runs via `prepare`).
import '../dist/cmd/run.js';
