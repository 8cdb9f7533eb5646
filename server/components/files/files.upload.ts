/**
 * The one Multer wrapper: size limit, type by magic bytes (never by name or Content-Type),
 * polyglot and double-extension checks, temp file removed on every failure.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../lib/errors.js';

/** Accepted types and the file-name extensions each may carry. */
export const ALLOWED_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
};
const OOXML = new Set(Object.keys(ALLOWED_TYPES).filter((m) => m.includes('openxmlformats')));
const DANGEROUS_EXT = /\.(exe|bat|cmd|com|scr|js|mjs|vbs|ps1|sh|php|jsp|asp|aspx|html?|svg|jar|msi|dll)(\.|$)/i;

export interface UploadedFile {
  tempPath: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

const ZIP_EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const MARKUP = /<(script|html|svg|iframe|object|embed)[\s>/]/i;

/**
 * A PDF or image that also carries a ZIP archive or HTML/script markup anywhere in the file is a
 * polyglot: refuse it. The whole file is scanned (it is within the upload size limit).
 */
async function looksPolyglot(file: string, mime: string): Promise<boolean> {
  if (OOXML.has(mime)) return false;
  const data = await fs.promises.readFile(file);
  if (data.includes(ZIP_EOCD) || data.includes(ZIP_LOCAL)) return true;
  return MARKUP.test(data.toString('latin1'));
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Receives the multipart field `file` into `tmpDir` and checks it; the caller moves or deletes the temp file. */
export function createUploader(tmpDir: string, maxBytes: number) {
  fs.mkdirSync(tmpDir, { recursive: true });
  const mw = multer({
    storage: multer.diskStorage({
      destination: tmpDir,
      filename: (_req, _file, cb) => cb(null, crypto.randomBytes(16).toString('hex')),
    }),
    limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 },
    // Browsers send UTF-8 file names; busboy's default latin1 would garble 中文文件名.
    defParamCharset: 'utf8',
  }).single('file');

  return async function receive(req: Request, res: Response): Promise<UploadedFile> {
    if (!req.is('multipart/form-data')) {
      throw AppError.validation([{ path: 'file', message: '请以 multipart/form-data 上传，字段名为 file' }]);
    }
    await new Promise<void>((resolve, reject) =>
      mw(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError) {
          if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError('payload_too_large', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`, { maxBytes }));
          return reject(AppError.validation([{ path: 'file', message: `上传格式有误：${err.code === 'LIMIT_UNEXPECTED_FILE' ? '只能上传一个名为 file 的文件' : err.message}` }]));
        }
        // System errors (disk full, permissions) carry a code; a body busboy cannot parse does not.
        if ((err as NodeJS.ErrnoException).code) return reject(err);
        reject(AppError.validation([{ path: 'file', message: '上传内容格式有误（multipart 数据不完整或已损坏），请重新上传' }]));
      }),
    );
    const f = req.file;
    if (!f) throw AppError.validation([{ path: 'file', message: '请选择要上传的文件' }]);
    try {
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      const name = path.basename(f.originalname).normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
      if (f.size === 0) throw AppError.validation([{ path: 'file', message: '文件为空' }]);
      if (DANGEROUS_EXT.test(name.slice(0, name.lastIndexOf('.') + 1 || undefined)) || DANGEROUS_EXT.test(name)) {
        throw new AppError('unsupported_file_type', '文件名含有可执行或网页类扩展名，已拒绝');
      }
      const detected = await fileTypeFromFile(f.path);
      const mime = detected?.mime;
      if (!mime || !ALLOWED_TYPES[mime]) {
        throw new AppError('unsupported_file_type', '只接受 PDF、PNG、JPEG、WebP、Word（docx）、Excel（xlsx）、PowerPoint（pptx）文件', { detected: mime ?? null });
      }
      const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
      if (!ALLOWED_TYPES[mime]!.includes(ext)) {
        throw new AppError('unsupported_file_type', `文件扩展名 .${ext || '（无）'} 与文件内容（${ALLOWED_TYPES[mime]![0]}）不符`, { detected: mime });
      }
      if (await looksPolyglot(f.path, mime)) throw new AppError('unsupported_file_type', '文件内混有压缩包或网页内容，已拒绝');
      return { tempPath: f.path, name, size: f.size, mime, sha256: await sha256Of(f.path) };
    } catch (err) {
      await fs.promises.rm(f.path, { force: true });
      throw err;
    }
  };
}
