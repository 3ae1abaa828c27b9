#!/usr/bin/env node
// Entry point for the `haven` command: runs the TypeScript CLI through tsx, with Haven's own
// tsconfig.json (JSX settings) whatever the directory it is started from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
