/** `npm start`: serves Suivi at http://localhost:3000 (PORT to change). */
import { loadConfig } from './platform/config.js';
import { startSuivi } from './platform/server.js';

const config = loadConfig();
const startedAt = performance.now();
const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
console.log(`Suivi is starting on ${where}…`);
const suivi = await startSuivi(config);
await suivi.app.listen({ port: config.port, host: config.host });
const address = suivi.app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
console.log(`Suivi is ready at http://localhost:${port} (${Math.round(performance.now() - startedAt)} ms)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    suivi.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
