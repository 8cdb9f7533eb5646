/**
 * One way to declare an endpoint: its schemas validate the request and describe it in OpenAPI.
 * Handlers get the parsed body/query and the actor, return the response body (undefined → 204).
 */
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AppError } from './errors.js';
import { controlCharFields, parse } from './validate.js';
import { hasRole, type Actor } from '../components/auth/index.js';
import type { Role } from '../../common/roles.js';

/** Collects every route's description; served at /api/openapi.json. */
export const openapiRegistry = new OpenAPIRegistry();
openapiRegistry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'gjt.sid' });
openapiRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

type Access = 'public' | 'user' | readonly Role[];

interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  summary: string;
  /** Who may call: anyone, any logged-in user, or users holding one of these roles. */
  access: Access;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  /** A download instead of JSON: its media type (the handler writes the body itself). */
  produces?: string;
  status?: number;
  description?: string;
}

interface Ctx<B, Q, A> {
  req: Request;
  res: Response;
  actor: A;
  body: B;
  query: Q;
}
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Handler<B, Q, A> = (ctx: Ctx<B, Q, A>) => Promise<unknown> | unknown;
type ActorOf<A extends Access> = A extends 'public' ? Actor | null : Actor;

function requireAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw AppError.unauthenticated();
  if (access !== 'user' && !hasRole(actor, ...access)) throw AppError.forbidden();
}

const openapiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

/** In tests every answer is checked against its declared response schema, so a drifting contract fails the suite. */
const checkResponses = process.env.NODE_ENV === 'test';
function checkResponse(schema: z.ZodType, result: unknown, route: string): void {
  // The wire shape: dates as ISO strings, undefined dropped.
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(result)));
  if (!parsed.success) throw new Error(`response of ${route} does not match its schema: ${z.prettifyError(parsed.error)}`);
}

/** An Express router whose routes are validated and documented from the same zod schemas. */
export function apiRouter(tag: string) {
  const router = express.Router();
  const add =
    (method: 'get' | 'post' | 'put' | 'patch' | 'delete') =>
    <B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, A extends Access = Access>(
      path: string,
      spec: RouteSpec<B, Q> & { access: A },
      handler: Handler<Out<B>, Out<Q>, ActorOf<A>>,
    ) => {
      const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const status = spec.status ?? (method === 'post' ? 201 : method === 'delete' && !spec.response ? 204 : 200);
      openapiRegistry.registerPath({
        method,
        path: openapiPath(path),
        tags: [tag],
        summary: spec.summary,
        description: spec.description,
        security: spec.access === 'public' ? [] : [{ cookie: [] }, { bearer: [] }],
        request: {
          params: params.length ? z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) : undefined,
          query: spec.query as z.ZodObject | undefined,
          body: spec.body ? { content: { 'application/json': { schema: spec.body } } } : undefined,
        },
        responses: {
          [status]: spec.response
            ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
            : spec.produces
              ? { description: 'OK', content: { [spec.produces]: { schema: z.string().meta({ format: 'binary' }) } } }
              : { description: 'OK' },
          // Any endpoint that reads the database (health reports its own 503 body).
          ...(path === '/api/health' ? {} : { 503: { description: '依赖暂时不可用：db_unavailable（数据库重启或故障中，按 Retry-After 重试）', content: { 'application/json': { schema: errorBodySchema } } } }),
          default: { description: 'Error', content: { 'application/json': { schema: errorBodySchema } } },
        },
      });
      router[method](path, async (req: Request, res: Response) => {
        const actor = (req.user as Actor | undefined) ?? null;
        requireAccess(spec.access, actor);
        const badParams = controlCharFields(req.params, ['params']);
        if (badParams.length) throw AppError.validation(badParams);
        const body = (spec.body ? parse(spec.body, req.body ?? {}) : undefined) as Out<B>;
        const query = (spec.query ? parse(spec.query, req.query, ['query']) : undefined) as Out<Q>;
        const result = await handler({ req, res, actor: actor as ActorOf<A>, body, query });
        if (res.headersSent) return;
        if (result === undefined) res.status(204).end();
        else {
          if (checkResponses && spec.response) checkResponse(spec.response, result, `${method.toUpperCase()} ${path}`);
          res.status(status).json(result);
        }
      });
    };
  return { router, get: add('get'), post: add('post'), put: add('put'), patch: add('patch'), delete: add('delete') };
}
