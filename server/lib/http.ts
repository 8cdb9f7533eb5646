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
  .meta({
    id: 'Error',
    description: 'code is stable; message (and details.fields[].message, with the dotted path of each bad field) is Chinese, or English when Accept-Language prefers en (Content-Language tells which).',
  });

type Access = 'public' | 'user' | readonly Role[];

type ParamsSchema = z.ZodObject<Record<string, z.ZodType<unknown, string>>>;

interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends ParamsSchema | undefined> {
  summary: string;
  /** Who may call: anyone, any logged-in user, or users holding one of these roles. */
  access: Access;
  /** The path's `:name` segments, one key each (ids with `pathId`). */
  params?: P;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  /** A download instead of JSON: its media type (the handler writes the body itself). */
  produces?: string;
  status?: number;
  description?: string;
}

interface Ctx<B, Q, P, A> {
  req: Request;
  res: Response;
  actor: A;
  params: P;
  body: B;
  query: Q;
}
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Handler<B, Q, P, A> = (ctx: Ctx<B, Q, P, A>) => Promise<unknown> | unknown;
type ActorOf<A extends Access> = A extends 'public' ? Actor | null : Actor;

function requireAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw AppError.unauthenticated();
  if (access !== 'user' && !hasRole(actor, ...access)) throw AppError.forbidden();
}

const openapiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

/** What a path segment names, for its 404 message: a noun, or one read from the raw path (e.g. from a `:kind` before it). */
type PathNoun = string | ((raw: Record<string, string>) => string);
const pathNouns = new WeakMap<z.ZodType, PathNoun>();
/** A path segment that names something: a value the schema refuses cannot name anything, so it answers 404 naming the object. */
export function pathParam<S extends z.ZodType<unknown, string>>(schema: S, noun: PathNoun): S {
  pathNouns.set(schema, noun);
  return schema;
}
/** A path id (uuid). A malformed id answers 404 naming the object, as an unknown one does. */
export function pathId(noun: PathNoun) {
  const name = typeof noun === 'string' ? noun : '';
  return pathParam(z.uuid({ error: `${name}编号无效` }).meta({ description: `${name}编号` }), noun);
}
/** The common `/:id` path. */
export const idParams = (noun: string) => z.strictObject({ id: pathId(noun) });

function parseParams(schema: ParamsSchema, raw: Record<string, string>): unknown {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const noun = pathNouns.get(schema.shape[String(issue.path[0])] as z.ZodType);
    if (noun) throw AppError.notFound(typeof noun === 'string' ? noun : noun(raw));
  }
  return parse(schema, raw, ['params']);
}

/** Routes whose path segments have no declared schema (test/architecture/contract.test.ts keeps this empty). */
export const undeclaredParams: string[] = [];

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
    <
      B extends z.ZodType | undefined = undefined,
      Q extends z.ZodType | undefined = undefined,
      P extends ParamsSchema | undefined = undefined,
      A extends Access = Access,
    >(
      path: string,
      spec: RouteSpec<B, Q, P> & { access: A },
      handler: Handler<Out<B>, Out<Q>, P extends ParamsSchema ? z.output<P> : Record<string, string>, ActorOf<A>>,
    ) => {
      const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const declared = Object.keys(spec.params?.shape ?? {});
      if (spec.params && (declared.length !== params.length || params.some((p) => !declared.includes(p))))
        throw new Error(`${method.toUpperCase()} ${path}: params declares ${declared.join(', ') || 'nothing'}, the path has ${params.join(', ')}`);
      if (params.length && !spec.params) undeclaredParams.push(`${method.toUpperCase()} ${path}`);
      const status = spec.status ?? (method === 'post' ? 201 : method === 'delete' && !spec.response ? 204 : 200);
      openapiRegistry.registerPath({
        method,
        path: openapiPath(path),
        tags: [tag],
        summary: spec.summary,
        description: spec.description,
        security: spec.access === 'public' ? [] : [{ cookie: [] }, { bearer: [] }],
        request: {
          params: spec.params ?? (params.length ? z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) : undefined),
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
        const pathParams = (spec.params ? parseParams(spec.params, req.params as Record<string, string>) : req.params) as P extends ParamsSchema ? z.output<P> : Record<string, string>;
        const body = (spec.body ? parse(spec.body, req.body ?? {}) : undefined) as Out<B>;
        const query = (spec.query ? parse(spec.query, req.query, ['query']) : undefined) as Out<Q>;
        const result = await handler({ req, res, actor: actor as ActorOf<A>, params: pathParams, body, query });
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
