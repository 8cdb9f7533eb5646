/**
 * Generated downloads (certificates, ledgers, annual reports): PDFs (pdfkit) with an embedded CJK
 * font (Noto Sans SC from the npm package @embedpdf/fonts-sc) so Chinese renders on any machine, and
 * XLSX workbooks (exceljs), answered with a download name and no caching.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { contentDisposition } from '../components/files/index.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** A generated file: its download name and bytes. */
export interface DocumentFile {
  filename: string;
  body: Buffer;
}

/** An A4 PDF with the fonts `cjk` and `cjk-bold` registered; `finish()` ends it and resolves its bytes. */
export function cjkPdf(options: { margin: number; title: string }): { doc: PDFKit.PDFDocument; finish: () => Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: options.margin, info: { Title: options.title, Author: '桂技通' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', path.join(FONT_DIR, 'NotoSansHans-Regular.otf'));
  doc.registerFont('cjk-bold', path.join(FONT_DIR, 'NotoSansHans-Bold.otf'));
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

/** A workbook created by 桂技通. */
export function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '桂技通';
  wb.created = new Date();
  return wb;
}

export const workbookBytes = async (wb: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await wb.xlsx.writeBuffer());

/** Answers a generated file as a download that no cache keeps. */
export function sendDocument(res: Response, file: DocumentFile, contentType: string): undefined {
  res.status(200).set({ 'Content-Type': contentType, 'Content-Disposition': contentDisposition(file.filename), 'Cache-Control': 'no-store' }).send(file.body);
  return undefined;
}
