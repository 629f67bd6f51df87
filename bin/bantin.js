#!/usr/bin/env node
// In production (NODE_ENV=production, as in the Docker image) run the
// compiled CLI from dist/ (`npm run build`); everywhere else run the
// TypeScript sources through tsx, so `npm ci && npx bantin` needs no build
// step and never runs a stale dist/.
const production = process.env.NODE_ENV === 'production';
let main;
if (production) {
  ({ main } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
