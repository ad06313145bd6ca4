#!/usr/bin/env node
// Runs the TypeScript CLI (cli/main.ts) over the pure core in src/, with tsx as the loader,
// so `npx consent-lens` works from a clone right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
});
