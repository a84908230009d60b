/**
 * The text of a PDF made with pdfkit's standard fonts, for assertions: each content stream is
 * inflated when compressed, and the hex strings of its TJ operators are decoded (WinAnsi).
 * One line of output per text object; words a justified line spreads out are joined by spaces.
 */
import { inflateSync } from 'node:zlib';

// WinAnsi is Latin-1 except 0x80–0x9F (Node's TextDecoder treats windows-1252 as Latin-1).
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = {
  decode: (bytes: Buffer) =>
    Array.from(bytes, (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte),
    ).join(''),
};

function streams(pdf: Buffer): Buffer[] {
  const found: Buffer[] = [];
  let from = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', from, 'latin1');
    if (start < 0) return found;
    const end = pdf.indexOf('\nendstream', start, 'latin1');
    if (end < 0) return found;
    const raw = pdf.subarray(start + 'stream\n'.length, end);
    try {
      found.push(inflateSync(raw));
    } catch {
      found.push(raw);
    }
    from = end + 1;
  }
}

export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const stream of streams(pdf)) {
    const content = stream.toString('latin1');
    for (const block of content.match(/BT[\s\S]*?ET/g) ?? []) {
      let line = '';
      for (const array of block.match(/\[(.*?)\]\s*TJ/g) ?? []) {
        for (const part of array.matchAll(/<([0-9a-fA-F]*)>|(-?\d+(?:\.\d+)?)/g)) {
          if (part[1] !== undefined) line += winAnsi.decode(Buffer.from(part[1], 'hex'));
          // A large negative kerning is a justified gap between words.
          else if (Number(part[2]) < -100) line += ' ';
        }
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
