import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { customerIdOf } from '../seed/customers.js';
import { cleanFilename, sniffAttachmentType } from './attachments.js';

let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let claireCase = '';
let otherCase = '';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('box photo')]);
const pdf = Buffer.from('%PDF-1.4\n% facture\n');

const upload = (
  session: LoggedIn,
  caseId: string,
  body: Buffer,
  headers: Record<string, string> = { 'content-type': 'image/png', 'x-filename': 'box.png' },
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/documents`,
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
  });

const openCase = async (customerId: string) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
    payload: { customerId, type: 'device_swap', channel: 'phone_in', summary: 'Box défectueuse' },
  });
  return response.json() as { id: string; version: number };
};

beforeAll(async () => {
  t = await createTestApp({ customers: 20 });
  [advisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
  claireCase = (await openCase(customerIdOf(0))).id;
  otherCase = (await openCase(customerIdOf(1))).id;
});
afterAll(() => t.close());

describe('attachments', () => {
  it('lets the customer attach a photo to her case; both sides list and download it', async () => {
    const response = await upload(subscriber, claireCase, png, {
      'content-type': 'image/png',
      'x-filename': encodeURIComponent('Photo de la box – salon.png'),
    });
    expect(response.statusCode).toBe(201);
    const document = response.json();
    expect(document).toMatchObject({
      kind: 'attachment',
      filename: 'Photo de la box – salon.png',
      contentType: 'image/png',
      size: png.length,
      createdBy: 'Claire M.',
    });
    const file = (
      await t.app.inject({ method: 'GET', url: `/api/cases/${claireCase}`, headers: { cookie: advisor.cookie } })
    ).json();
    expect(file.documents.map((item: { id: string }) => item.id)).toContain(document.id);
    const download = await t.app.inject({ method: 'GET', url: document.url, headers: { cookie: advisor.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(png)).toBe(true);
  });

  it('stores a retried upload once, and refuses the key for another file', async () => {
    const headers = { 'content-type': 'application/pdf', 'x-filename': 'facture.pdf', 'idempotency-key': 'up-1' };
    const first = await upload(advisor, claireCase, pdf, headers);
    const again = await upload(advisor, claireCase, pdf, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await upload(advisor, claireCase, Buffer.concat([pdf, Buffer.from('x')]), headers);
    expect(other.statusCode).toBe(422);
    const stored = await t.database.db
      .selectFrom('case_documents')
      .select('id')
      .where('case_id', '=', claireCase)
      .where('filename', '=', 'facture.pdf')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('answers bad uploads with the field at fault and stores nothing', async () => {
    const before = await t.database.db.selectFrom('case_documents').select('id').execute();
    const cases: Array<[Buffer, Record<string, string>, number, string]> = [
      [png, { 'content-type': 'application/pdf', 'x-filename': 'a.pdf' }, 415, 'headers.content-type'],
      [Buffer.from('MZ not a document'), { 'content-type': 'application/pdf', 'x-filename': 'a.pdf' }, 415, 'body'],
      [Buffer.from('hello'), { 'content-type': 'text/plain', 'x-filename': 'a.txt' }, 415, 'headers.content-type'],
      [png, { 'content-type': 'image/png' }, 400, 'headers.x-filename'],
      [png, { 'content-type': 'image/png', 'x-filename': '%E0%A4%A' }, 400, 'headers.x-filename'],
      [Buffer.alloc(6 * 1024 * 1024, 0xff), { 'content-type': 'image/jpeg', 'x-filename': 'big.jpg' }, 413, 'body'],
    ];
    for (const [body, headers, status, field] of cases) {
      const response = await upload(subscriber, claireCase, body, headers);
      expect(response.statusCode, field).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors[0].field).toBe(field);
    }
    expect(await t.database.db.selectFrom('case_documents').select('id').execute()).toHaveLength(before.length);
  });

  it("hides other customers' cases and refuses files on a closed case", async () => {
    expect((await upload(subscriber, otherCase, png)).statusCode).toBe(404);
    const closing = await openCase(customerIdOf(0));
    const closed = await t.app.inject({
      method: 'PATCH',
      url: `/api/cases/${closing.id}`,
      headers: { cookie: advisor.cookie, 'x-csrf-token': advisor.csrf },
      payload: { version: closing.version, status: 'closed' },
    });
    expect(closed.statusCode).toBe(200);
    expect((await upload(subscriber, closing.id, png)).statusCode).toBe(409);
  });
});

describe('attachment checks', () => {
  it('reads the type from the bytes', () => {
    expect(sniffAttachmentType(png)).toBe('image/png');
    expect(sniffAttachmentType(pdf)).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('GIF89a'))).toBeNull();
  });

  it('keeps only a plain file name', () => {
    expect(cleanFilename('..%2F..%2Fetc%2Fpasswd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\claire\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFilename('a%0Ab.png')).toBe('ab.png');
    expect(cleanFilename('..')).toBeNull();
    expect(cleanFilename('')).toBeNull();
  });
});
