import { ApiError, serverLanguage } from './api';

/** What `POST /api/files` answers. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256?: string;
}

/** Accepted by the server (it checks the content, not the name). */
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx';

function errorFrom(xhr: XMLHttpRequest): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' && error.message ? error.message : error.code;
    const fields = (error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields;
    return new ApiError({ status: xhr.status, code: error.code, message, fields: Array.isArray(fields) ? fields : [], fromServer: Boolean(error.message) });
  }
  return new ApiError({ status: xhr.status, code: xhr.status ? 'bad_response' : 'network_error', message: `HTTP ${xhr.status}`, fromServer: false });
}

/**
 * Uploads one file as multipart field `file`, reporting progress (0–100). XMLHttpRequest, because
 * fetch cannot report upload progress. Rejects with an ApiError carrying the server's message
 * (413 too large, 415 type not accepted).
 */
export function uploadFile(file: Blob & { name?: string }, onProgress: (percent: number) => void): { promise: Promise<UploadedFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', serverLanguage());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          onProgress(100);
          resolve(JSON.parse(xhr.responseText) as UploadedFile);
        } catch {
          reject(new ApiError({ status: xhr.status, code: 'bad_response', message: 'bad response', fromServer: false }));
        }
      } else reject(errorFrom(xhr));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network_error', message: 'network error', fromServer: false }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** "1.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
