#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has produced dist/ (as in the
// Docker image), and the TypeScript sources through tsx otherwise, so
// `npm ci && npx bantin` works with no build step.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
