import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { fileForDownload, storeUpload, type FilesDeps } from './files.service.js';
import { createUploader } from './files.upload.js';

const fileSchema = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string(), sha256: z.string(), createdAt: z.string() }).meta({ id: 'File' });

/** `inline=1` shows an image in the page instead of downloading it; other keys (cache busters) are ignored. */
const downloadQuery = z.object({ inline: z.string().optional().meta({ description: '1: show an image inline' }) });

/** RFC 6266/5987 Content-Disposition that keeps Chinese file names. */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function fileRoutes(db: Db, filesDir: string, maxBytes: number) {
  fs.mkdirSync(filesDir, { recursive: true });
  const receive = createUploader(path.join(filesDir, 'tmp'), maxBytes);
  const api = apiRouter('files');
  const deps: FilesDeps = { db, filesDir };
  api.post(
    '/api/files',
    {
      summary: '上传附件（multipart 字段 file；PDF、PNG、JPEG、WebP、docx、xlsx、pptx；类型按文件内容判定）',
      description: '413 payload_too_large 超过大小上限；415 unsupported_file_type 类型不被接受或扩展名与内容不符；400 缺少文件。',
      access: 'user',
      response: fileSchema,
    },
    async ({ req, res, actor }) => storeUpload(deps, actor, { upload: await receive(req, res) }),
  );
  api.get('/api/files/:id', { summary: '下载附件（权限跟随其所属的成果、需求或合同）', access: 'public', params: idParams('文件'), query: downloadQuery, produces: 'application/octet-stream' }, async ({ res, actor, params, query }) => {
    const { file, path: blob } = await fileForDownload(deps, actor, params);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', contentDisposition(file.name, query.inline === '1' && file.mime.startsWith('image/') ? 'inline' : 'attachment'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=300');
    await new Promise<void>((resolve, reject) => res.sendFile(blob, { dotfiles: 'allow' }, (err) => (err ? reject(err) : resolve())));
    return undefined;
  });
  return api.router;
}
