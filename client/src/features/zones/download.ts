import { ApiError, serverLanguage } from '../../shared/api';

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** GETs a file with the session cookie and saves it under the server's name; server errors become ApiError. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': serverLanguage() } });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', message: 'network error', fromServer: false });
  }
  if (!response.ok) {
    let message = '';
    let code = 'bad_response';
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      message = body.error?.message ?? '';
      code = body.error?.code ?? code;
    } catch {
      // not JSON
    }
    throw new ApiError({ status: response.status, code, message: message || `HTTP ${response.status}`, fromServer: Boolean(message) });
  }
  const blob = await response.blob();
  const name = dispositionName(response.headers.get('Content-Disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
