import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { openapiRegistry } from './http.js';

let doc: object | null = null;
/** The OpenAPI 3.1 document of every route registered through apiRouter (built once, after routes are mounted). */
export function openapiDocument(): object {
  doc ??= new OpenApiGeneratorV31(openapiRegistry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '桂技通 API',
      version: '0.1.0',
      description:
        '广西科技成果转移转化示范区技术交易平台公开接口。错误统一为 { error: { code, message, details? } }：code 稳定，message 与 details.fields[].message 按 Accept-Language 给出中文（默认）或英文（en、en-US…），响应带 Content-Language。',
    },
    servers: [{ url: '/' }],
  });
  return doc;
}
