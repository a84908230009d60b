/** `suivi` — operations and planning from the command line. */
import { Command } from 'commander';
import { migrate } from '../platform/db/migrate.js';
import { CliError, withDatabase } from './database.js';
import { registerSeedCommand } from './seed.js';
import { registerUserCommands } from './users.js';
import { registerWfmCommands } from './wfm.js';

const program = new Command('suivi')
  .description('Suivi: customer care for telecom operators. Uses DATABASE_URL, or PGlite in SUIVI_DATA_DIR (./data).')
  .showHelpAfterError();

program
  .command('db')
  .description('database maintenance')
  .command('migrate')
  .description('apply pending migrations')
  .action(async () => {
    await withDatabase(async (handle) => {
      const applied = await migrate(handle);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
    });
  });

registerSeedCommand(program);
registerUserCommands(program);
registerWfmCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError) {
    console.error(`suivi: ${error.message}`);
    process.exit(error.exitCode);
  }
  throw error;
}
