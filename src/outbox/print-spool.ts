/**
 * The letter driver: each letter is written to a spool directory that the print house's service
 * collects (the PDF when the letter has one, else its text, and an address sheet beside it).
 * Files are named after the outbox message and written then renamed, so a send repeated after a
 * crash replaces the same letter instead of printing a second one.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Transport } from './transports.js';

const REPLY_LETTER_KEY = /^reply-letter:([0-9a-f-]{36})$/;

async function writeAtomically(path: string, content: Uint8Array | string) {
  const temporary = `${path}.partial`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function letterPdf(db: Kysely<Database>, outboxId: string): Promise<Uint8Array | null> {
  const message = await db
    .selectFrom('outbox_messages')
    .select('dedupe_key')
    .where('id', '=', outboxId)
    .executeTakeFirst();
  const documentId = REPLY_LETTER_KEY.exec(message?.dedupe_key ?? '')?.[1];
  if (!documentId) return null;
  const document = await db
    .selectFrom('case_documents')
    .select('content')
    .where('id', '=', documentId)
    .executeTakeFirst();
  return document ? Buffer.from(document.content) : null;
}

export function createPrintSpoolTransport(db: Kysely<Database>, spoolDir: string): Transport {
  return {
    name: 'print-spool',
    async send(message) {
      if (message.channel !== 'letter') throw new Error('the print spool only takes letters');
      await mkdir(spoolDir, { recursive: true });
      const pdf = await letterPdf(db, message.outboxId);
      await writeAtomically(join(spoolDir, `${message.outboxId}.address.txt`), `${message.recipient}\n`);
      // The letter itself last: the print service takes a letter once its address sheet is there.
      if (pdf) await writeAtomically(join(spoolDir, `${message.outboxId}.pdf`), pdf);
      else await writeAtomically(join(spoolDir, `${message.outboxId}.txt`), `${message.subject}\n\n${message.body}\n`);
      return { providerMessageId: `print-spool:${message.outboxId}` };
    },
  };
}
