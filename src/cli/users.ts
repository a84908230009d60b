import type { Command } from 'commander';
import { findUserForLogin, insertApiToken } from '../identity/queries.js';
import { staffRoles } from '../identity/roles.js';
import { hashSecret, newSecret } from '../identity/tokens.js';
import { createStaffUser } from '../identity/users.js';
import { CliError, withDatabase } from './database.js';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('staff accounts and API tokens');

  user
    .command('create')
    .description('create a staff account (the password comes from --password or SUIVI_PASSWORD)')
    .requiredOption('--email <email>', 'login e-mail address')
    .requiredOption('--name <displayName>', 'name shown to colleagues and customers')
    .requiredOption('--role <role>', `one of ${staffRoles.join(', ')}`)
    .requiredOption('--site <code>', 'site code, e.g. VIT, COL, CAS, NCY')
    .option('--password <password>', 'at least 12 characters')
    .action(async (options: { email: string; name: string; role: string; site: string; password?: string }) => {
      const password = options.password ?? process.env.SUIVI_PASSWORD;
      if (!password || password.length < 12)
        throw new CliError('--password (or SUIVI_PASSWORD) must have at least 12 characters');
      if (!(staffRoles as string[]).includes(options.role))
        throw new CliError(`--role must be one of ${staffRoles.join(', ')}`);
      await withDatabase(async ({ db }) => {
        const site = await db
          .selectFrom('sites')
          .select('id')
          .where('code', '=', options.site.toUpperCase())
          .executeTakeFirst();
        if (!site) throw new CliError(`--site: no site has the code ${options.site}`);
        const created = await createStaffUser(
          db,
          { email: options.email, displayName: options.name, role: options.role, siteId: site.id, password },
          null,
        );
        if (created === 'email_taken') throw new CliError(`--email: an account already uses ${options.email}`);
        if (created === 'unknown_site') throw new CliError(`--site: no site has the code ${options.site}`);
        console.log(`Created ${created.role} ${created.email} (${created.id}) at ${created.site?.name}`);
      });
    });

  user
    .command('token')
    .description('create a personal API token for a staff account; printed once')
    .requiredOption('--email <email>', 'the account')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (options: { email: string; name: string }) => {
      await withDatabase(async ({ db }) => {
        const account = await findUserForLogin(db, options.email);
        if (!account) throw new CliError(`--email: no account uses ${options.email}`);
        if (account.role === 'subscriber') throw new CliError('API tokens are for staff accounts');
        const token = newSecret('suivi_');
        await insertApiToken(db, {
          userId: account.id,
          name: options.name,
          tokenHash: hashSecret(token),
          createdBy: null,
        });
        console.log(token);
      });
    });
}
