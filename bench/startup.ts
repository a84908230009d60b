/**
 * Time and peak memory of `npm start` to its first answer (fresh data folder, then a restart on
 * the same data), and of seeding 100,000 customers with the CLI, on PGlite and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../e2e/server.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

function peakRssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function timeToFirstResponse(env: Record<string, string>): Promise<{ ms: number; rssMiB: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('server exited during the benchmark');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { ms: performance.now() - started, rssMiB: peakRssMiB(child.pid ?? 0) };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

async function timedSeed(env: Record<string, string>, customers: number): Promise<{ seconds: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/suivi.mjs', 'seed', '--customers', String(customers), '--quiet'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  let rssMiB = 0;
  const sampler = setInterval(() => {
    rssMiB = Math.max(rssMiB, peakRssMiB(child.pid ?? 0) || 0);
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`seed exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, rssMiB };
}

export async function runStartupBench(options: { seedCustomers: number; postgresUrl?: string }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'suivi-bench-'));
  try {
    const first = await timeToFirstResponse({ SUIVI_DATA_DIR: dataDir });
    figures.push({
      name: 'npm start → first response, fresh PGlite (initdb, migrate, seed 2,000 customers)',
      value: Math.round(first.ms),
      unit: 'ms',
      note: `peak RSS ${first.rssMiB} MiB`,
    });
    const second = await timeToFirstResponse({ SUIVI_DATA_DIR: dataDir });
    figures.push({
      name: 'npm start → first response, existing PGlite data',
      value: Math.round(second.ms),
      unit: 'ms',
      note: `peak RSS ${second.rssMiB} MiB`,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const seedDir = mkdtempSync(join(tmpdir(), 'suivi-bench-seed-'));
  try {
    const seeded = await timedSeed({ SUIVI_DATA_DIR: seedDir }, options.seedCustomers);
    figures.push({
      name: `suivi seed --customers ${options.seedCustomers.toLocaleString('en')} on PGlite`,
      value: Math.round(seeded.seconds * 10) / 10,
      unit: 's',
      note: `${Math.round(options.seedCustomers / seeded.seconds)} customers/s, peak RSS ${seeded.rssMiB} MiB`,
    });
  } finally {
    rmSync(seedDir, { recursive: true, force: true });
  }

  if (options.postgresUrl) {
    const database = `suivi_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    try {
      const url = new URL(options.postgresUrl);
      url.pathname = `/${database}`;
      const seeded = await timedSeed({ DATABASE_URL: url.toString() }, options.seedCustomers);
      figures.push({
        name: `suivi seed --customers ${options.seedCustomers.toLocaleString('en')} on PostgreSQL 15`,
        value: Math.round(seeded.seconds * 10) / 10,
        unit: 's',
        note: `${Math.round(options.seedCustomers / seeded.seconds)} customers/s, peak RSS ${seeded.rssMiB} MiB`,
      });
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  }
  return figures;
}
