/** The whole product for a browser test: a fresh database, the real server, Debian's Chromium. */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createDatabaseForChildProcess } from '../test/test-database.js';
import { launchBrowser } from './browser.js';
import { type RunningServer, startServer } from './server.js';

export const screenshots = 'e2e/screenshots';

export interface Product {
  server: RunningServer;
  browser: Browser;
  database: Awaited<ReturnType<typeof createDatabaseForChildProcess>>;
  /** Environment the server runs with, to start it again on the same data. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startProduct(demoCustomers: number): Promise<Product> {
  mkdirSync(screenshots, { recursive: true });
  const database = await createDatabaseForChildProcess();
  // Many logins in a row from one address: the login rate limit has its own API test.
  const env = { ...database.env, SUIVI_DEMO_CUSTOMERS: String(demoCustomers), LOGIN_RATE_LIMIT: '1000' };
  const product: Product = {
    server: await startServer(env),
    browser: await launchBrowser(),
    database,
    env,
    async stop() {
      await product.browser.close();
      await product.server.stop();
      await database.dispose();
    },
  };
  return product;
}

export async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('demo-suivi');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}
