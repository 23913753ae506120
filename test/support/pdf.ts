import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The text and page count of a PDF, read back by pdf.js in a process of its own (`read-pdf.ts`). */
export async function readPdf(bytes: ArrayBuffer): Promise<{ text: string; pages: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'samenspoor-pdf-'));
  try {
    const file = join(folder, 'answer.pdf');
    writeFileSync(file, new Uint8Array(bytes));
    const { stdout } = await promisify(execFile)(process.execPath, [
      '-r',
      '@swc-node/register',
      join(__dirname, 'read-pdf.ts'),
      file,
    ]);
    return JSON.parse(stdout) as { text: string; pages: number };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
