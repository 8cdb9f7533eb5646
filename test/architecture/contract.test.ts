/**
 * Every endpoint declares the shape of its answer, and an answer that drifts from it fails the tests
 * (server/lib/http.ts checks each response against its schema when NODE_ENV=test).
 */
import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { z } from 'zod';
import { apiRouter, idParams, undeclaredParams } from '../../server/lib/http.js';
import { startTestServer, type TestServer } from '../setup/app.js';

interface Operation {
  responses: Record<string, { content?: unknown }>;
}

describe('architecture: the API contract', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('an answer that does not match its declared schema is an error in tests, not a silent drift', async () => {
    const api = apiRouter('probe');
    api.get('/api/probe', { summary: 'probe', access: 'public', response: z.object({ total: z.number() }) }, () => ({ total: '3' }));
    const app = express();
    app.use(api.router);
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ message: err.message });
    });
    const res = await supertest(app).get('/api/probe').expect(500);
    expect(res.body.message).to.match(/GET \/api\/probe does not match its schema/).and.to.include('total');
  });

  it('path segments are declared: a malformed id is a 404 naming the object, and OpenAPI shows its format', async () => {
    const res = await server.agent().get('/api/news/not-an-id').expect(404);
    expect(res.body.error).to.include({ code: 'not_found', message: '资讯不存在或无权查看' });
    const doc = (await server.agent().get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: { format?: string } }[] }>> };
    const id = doc.paths['/api/news/{id}']!.get!.parameters!.find((p) => p.in === 'path' && p.name === 'id');
    expect(id?.schema.format).to.equal('uuid');
  });

  it('every route declares its path segments (params), none left to the default string', () => {
    expect(undeclaredParams, 'routes whose :segments have no params schema').to.deep.equal([]);
  });

  it('a route whose params do not match its path is refused when it is declared', () => {
    const api = apiRouter('probe');
    expect(() => api.get('/api/probe/:id/:other', { summary: 'probe', access: 'public', params: idParams('探针') }, () => undefined)).to.throw(/params declares id, the path has id, other/);
  });

  it('every endpoint that answers with a body declares its schema in the OpenAPI document', async () => {
    const doc = (await server.agent().get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    const undeclared: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods))
        for (const [status, response] of Object.entries(op.responses))
          if (/^2\d\d$/.test(status) && status !== '204' && !response.content) undeclared.push(`${method.toUpperCase()} ${path} ${status}`);
    expect(undeclared, 'endpoints answering without a declared schema').to.deep.equal([]);
  });
});
