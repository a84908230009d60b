/**
 * A bill as an A4 PDF (pdfkit, standard Helvetica): the customer, the period, the totals with
 * VAT per rate, then every line with its amount and its plain-French explanation, flagged
 * third-party charges marked. Pure apart from pdfkit: the same bill gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { formatEuros } from './money.js';
import type { presentBill } from './present.js';

type Bill = ReturnType<typeof presentBill>;

export interface BillPdfInput {
  bill: Bill;
  customer: { civility: string; firstName: string; lastName: string; reference: string; addressLines: string[] };
}

const frenchDay = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );

const kindLabels: Record<string, string> = {
  plan: 'Forfait',
  option: 'Option',
  usage: 'Hors forfait',
  equipment: 'Équipement',
  one_off: 'Frais ponctuels',
  credit: 'Avoir',
  refund: 'Remboursement',
  third_party: 'Achat tiers',
};

// pdfkit's standard fonts are WinAnsi: characters outside it are replaced by close ones.
const winAnsi = (text: string) =>
  text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'");

export function renderBillPdf(input: BillPdfInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { bill, customer } = input;
  const issuedAt = new Date(bill.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 56, right: 56 },
    compress: options.compress ?? true,
    info: {
      Title: `Facture ${bill.reference}`,
      Author: 'Suivi',
      Creator: 'Suivi',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 56;
  const width = doc.page.width - 112;

  doc.font('Helvetica-Bold').fontSize(16).text(`Facture ${bill.reference}`, left, undefined, { width });
  doc.font('Helvetica').fontSize(10);
  doc.text(`Période du ${frenchDay(bill.periodStart)} au ${frenchDay(bill.periodEnd)}`, { width });
  doc.text(`Compte ${bill.accountReference} — client ${customer.reference}`, { width });
  doc.moveDown();
  for (const line of [`${customer.civility} ${customer.firstName} ${customer.lastName}`, ...customer.addressLines]) {
    doc.text(winAnsi(line), 330, undefined, { width: width - 274 });
  }
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(12);
  doc.text(`Total à payer : ${winAnsi(formatEuros(bill.totalInclVatCents))} TTC`, left, undefined, { width });
  doc.font('Helvetica').fontSize(10);
  doc.text(
    `dont TVA ${winAnsi(formatEuros(bill.vatCents))} (hors taxes ${winAnsi(formatEuros(bill.totalExclVatCents))}) — prélèvement le ${frenchDay(bill.paymentDueDate)}`,
    { width },
  );
  for (const rate of bill.vatBreakdown) {
    doc.text(
      `TVA ${rate.vatRateBp / 100} % : base ${winAnsi(formatEuros(rate.baseCents))}, TVA ${winAnsi(formatEuros(rate.vatCents))}`,
      { width },
    );
  }
  if (bill.flaggedLines > 0) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fillColor('#a00000');
    doc.text(
      `${bill.flaggedLines} achat(s) de tiers signalé(s) ci-dessous : vous pouvez les contester dans votre espace client, ils sont remboursés aussitôt s’ils n’ont pas été confirmés deux fois.`,
      { width },
    );
    doc.fillColor('black').font('Helvetica');
  }
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text('Détail', { width });
  doc.moveDown(0.3);
  for (const line of bill.lines) {
    const flagged = (line.thirdParty?.flags.length ?? 0) > 0;
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10);
    doc.text(winAnsi(`${kindLabels[line.kind] ?? line.kind} — ${line.label}${flagged ? ' (signalé)' : ''}`), left, y, {
      width: width - 150,
    });
    const after = doc.y;
    doc.text(winAnsi(formatEuros(line.amountInclVatCents)), left + width - 140, y, { width: 140, align: 'right' });
    doc.font('Helvetica').fontSize(8.5);
    doc.text(
      winAnsi(
        `HT ${formatEuros(line.amountExclVatCents)}, TVA ${line.vatRateBp / 100} % ${formatEuros(line.vatCents)}`,
      ),
      left + width - 140,
      undefined,
      { width: 140, align: 'right' },
    );
    doc.y = Math.max(after, doc.y);
    doc.fontSize(9).text(winAnsi(line.explanation.fr), left, undefined, { width: width - 150 });
    doc.moveDown(0.6);
  }
  doc.moveDown();
  doc.fontSize(8).fillColor('#444444');
  doc.text(
    'Le blocage des achats de tiers (Internet+, Contact+, numéros surtaxés) est gratuit et immédiat, depuis votre espace client ou auprès d’un conseiller.',
    left,
    undefined,
    { width },
  );
  doc.end();
  return done;
}
