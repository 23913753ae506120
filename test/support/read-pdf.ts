/**
 * Reads a PDF as a reader would (pdf-parse, on Mozilla's pdf.js) and prints `{ text, pages }` as JSON. A process
 * of its own (`node -r @swc-node/register test/support/read-pdf.ts file.pdf`): pdf.js loads its worker by a
 * dynamic import, which Jest's module system does not run.
 */
import { readFileSync } from 'node:fs';

import { PDFParse } from 'pdf-parse';

async function main(file: string) {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(file)) });
  try {
    const { text, total } = await parser.getText();
    process.stdout.write(JSON.stringify({ text, pages: total }));
  } finally {
    await parser.destroy();
  }
}

void main(process.argv[2]!);
