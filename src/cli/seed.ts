import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { seedDemo } from '../seed/seed.js';
import { CliError, withDatabase } from './database.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('seed the demo operator, or extend it to N customers (resumable: each batch is one transaction)')
    .option('--customers <n>', 'total demo customers wanted', '2000')
    .option('--batch-size <n>', 'customers per transaction', '5000')
    .option('--quiet', 'no progress bar')
    .action(async (options: { customers: string; batchSize: string; quiet?: boolean }) => {
      const customers = Number(options.customers);
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(customers) || customers < 1) throw new CliError('--customers must be a whole number ≥ 1');
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliError('--batch-size must be a whole number ≥ 1');
      const bar = options.quiet
        ? null
        : new SingleBar({ format: 'Seeding |{bar}| {value}/{total} customers · {eta_formatted} left' });
      const started = performance.now();
      await withDatabase(async ({ db }) => {
        bar?.start(customers, 0);
        const result = await seedDemo(db, {
          customers,
          batchSize,
          stories: true,
          onProgress: (done) => {
            bar?.update(done);
            if (!bar) console.log(`seeded ${done}/${customers}`);
          },
        });
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        console.log(`${result.customers} demo customers (${result.added} added) in ${seconds.toFixed(1)} s`);
      });
    });
}
