// Builds the web app when web/dist is missing or older than its sources, so that `npm start`
// and `npm test` work straight after `npm install`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public'];
const builtIndex = 'web/dist/index.html';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

if (!existsSync('web/vite.config.ts')) process.exit(0);
if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...sources.map(newestMtime))) process.exit(0);

console.log('Building the web app (first start, or its sources changed)…');
const { build } = await import('vite');
await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
