/** Builds the Express app (no listen): used by server/index.ts and in-process by the tests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import crypto from 'node:crypto';
import type { Config } from './config.js';
import { isDbUnavailable, type Db } from './lib/db.js';
import type { Search } from './lib/search.js';
import { AppError } from './lib/errors.js';
import { localizeError, parseAcceptLanguage } from './lib/i18n.js';
import { logger as rootLogger, type Logger } from './lib/logger.js';
import { openapiDocument } from './lib/openapi.js';
import { authRoutes, createAuthWeb, membershipRoutes, reassignMembers, type AuthWeb } from './components/auth/index.js';
import { createMailer, type Mailer } from './lib/mail.js';
import { healthRoutes } from './components/health/index.js';
import { organizationRoutes, type OrganizationReassigner } from './components/organizations/index.js';
import { taxonomyRoutes } from './components/taxonomy/index.js';
import { fileRoutes, reassignFilesOrganization } from './components/files/index.js';
import { createSearchSync, listingRoutes, reassignListingsOrganization, savedSearchRoutes, startSavedSearchNotifier, type ListingsDeps, type SavedSearchDeps, type SearchSync } from './components/listings/index.js';
import { notificationRoutes, notificationSockets } from './components/notifications/index.js';
import { matchingRoutes, reassignMatchingOrganization, startMatchRefresher, type MatchingDeps } from './components/matching/index.js';
import type { Jobs } from './lib/jobs.js';
import { createRealtime } from './lib/realtime.js';
import type http from 'node:http';
import type { ServerOptions, Server as SocketServer } from 'socket.io';
import { contractRoutes, reassignContractsOrganization } from './components/contracts/index.js';
import { reassignVerifications, verificationRoutes } from './components/verification/index.js';
import { auditRoutes } from './components/audit/index.js';
import { indicatorRoutes } from './components/indicators/index.js';
import { newsRoutes } from './components/news/index.js';
import { portalRoutes, spaPage } from './components/portal/index.js';
import { dealRoutes, dealsMergeConflict, negotiationSockets, reassignDealsOrganization, type DealsDeps } from './components/deals/index.js';
import { reassignRoadshowsOrganization, roadshowRoutes, roadshowSockets } from './components/roadshows/index.js';
import { wireComponents } from './components/wiring.js';

export interface AppDeps {
  config: Config;
  db: Db;
  search: Search;
  sessionSecret: string;
  logger?: Logger;
  /** The search outbox drain; created here (without a job queue) when not given. */
  sync?: SearchSync;
  /** The job queue for durable retries (absent in tests: retries then stay in-process). */
  jobs?: Jobs;
  /** Password-reset mail; by default an SMTP mailer when SMTP_URL is set. */
  mailer?: Mailer | null;
  /** Index of this node:cluster worker (1…WORKERS), shown in `X-Worker` and in Socket.IO session ids; null in a single process. */
  worker?: number | null;
  /** Socket.IO server options: the PostgreSQL adapter and the transports (server/serve.ts). */
  socketOptions?: Partial<ServerOptions>;
}

export interface BuiltApp {
  app: express.Express;
  auth: AuthWeb;
  listings: ListingsDeps;
  matching: MatchingDeps & { idle(): Promise<void> };
  /** Saved searches: the matcher that notifies new listings (idle: tests). */
  savedSearches: SavedSearchDeps & { idle(): Promise<void> };
  /** Socket.IO namespaces (/notifications, /negotiation, /roadshow) on the HTTP server that serves this app. */
  attachSockets(server: http.Server): SocketServer;
  close(): Promise<void>;
}

const DEMO_MEDIA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../seed/roadshows/media');
const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client/dist');

export function createApp(deps: AppDeps): BuiltApp {
  wireComponents();
  const { config, db, search } = deps;
  const log = deps.logger ?? rootLogger;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const worker = deps.worker ?? null;
  if (worker !== null) {
    // Which worker answered: for operators reading logs and for the multi-process tests.
    app.use((_req, res, next) => {
      res.setHeader('X-Worker', String(worker));
      next();
    });
  }

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Ant Design injects its CSS at run time; ECharts draws on canvas.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': config.production ? [] : null,
        },
      },
      hsts: config.production,
    }),
  );
  // gzip or brotli (whichever the browser takes) for JSON, HTML, scripts and styles; uploads and sockets pass through.
  app.use(compression());
  app.use(express.json({ limit: '1mb' }));

  const auth = createAuthWeb(config, db, deps.sessionSecret);
  app.use('/api', auth.csrf, auth.authenticate);

  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapiDocument());
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerUrl: '/api/openapi.json', customSiteTitle: '桂技通 API 文档' }));

  app.use(healthRoutes(db, search));
  app.use(taxonomyRoutes(db));
  const sync = deps.sync ?? createSearchSync(db, search, log);
  // Merging two organization records: each component moves its own rows (order: members first).
  const reassigners: OrganizationReassigner[] = [
    { name: 'members', reassign: reassignMembers },
    { name: 'listings', reassign: reassignListingsOrganization, afterCommit: () => sync.kick() },
    { name: 'contracts', reassign: reassignContractsOrganization },
    { name: 'deals', reassign: reassignDealsOrganization, conflict: dealsMergeConflict },
    { name: 'roadshows', reassign: reassignRoadshowsOrganization },
    { name: 'verifications', reassign: reassignVerifications },
    { name: 'matchFeedback', reassign: reassignMatchingOrganization },
    { name: 'files', reassign: reassignFilesOrganization },
  ];
  app.use(organizationRoutes({ db, reassigners }));
  app.use(authRoutes({ db }, auth));
  app.use(membershipRoutes({ db }, { mailer: deps.mailer ?? (config.smtp ? createMailer(config.smtp) : null), log }));
  app.use(fileRoutes(db, config.filesDir, config.uploadMaxBytes));
  const listings: ListingsDeps = { db, sync, expiryMonths: config.listingExpiryMonths };
  app.use(listingRoutes(listings, search));
  const matchingDeps: MatchingDeps = { db, search, log };
  const refresher = startMatchRefresher(matchingDeps, sync, deps.jobs);
  app.use(matchingRoutes(matchingDeps));
  const savedSearchDeps: SavedSearchDeps = { db, search, log };
  const savedSearchNotifier = startSavedSearchNotifier(savedSearchDeps, sync, deps.jobs);
  app.use(savedSearchRoutes(savedSearchDeps));
  app.use(notificationRoutes(db));
  app.use(contractRoutes(db));
  app.use(indicatorRoutes(db));
  app.use(newsRoutes(db));
  app.use(portalRoutes(db));
  const dealsDeps: DealsDeps = { db };
  app.use(dealRoutes(dealsDeps));
  app.use(verificationRoutes({ db }));
  app.use(auditRoutes(db));
  app.use(roadshowRoutes({ db }));

  app.use('/api', (_req, _res, next) => next(new AppError('not_found', '接口不存在')));

  // The tiny HLS fixture of the demo roadshows and the browser test (seed/roadshows/media/README.md).
  if (config.seedDemo || config.env === 'test') app.use('/demo-media', express.static(DEMO_MEDIA, { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('.mpegts') && res.setHeader('Content-Type', 'video/mp2t') }));

  if (fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    // Built assets carry a content hash in their names: cached for a year, never revalidated.
    app.use('/assets', express.static(path.join(CLIENT_DIST, 'assets'), { index: false, maxAge: '1y', immutable: true }));
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, spaPage(db, path.join(CLIENT_DIST, 'index.html'), log));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain; charset=utf-8').send('桂技通 API is running. The web client is not built yet: run `npm run build`.');
    });
  }

  app.use(errorHandler);
  let io: SocketServer | null = null;
  const unsubscribes: (() => void)[] = [];
  return {
    app,
    auth,
    listings,
    matching: { ...matchingDeps, idle: refresher.idle },
    savedSearches: { ...savedSearchDeps, idle: savedSearchNotifier.idle },
    attachSockets: (server) => {
      const realtime = createRealtime(server, { db, session: auth.session, publicOrigins: config.publicOrigins, trustProxy: config.trustProxy, options: deps.socketOptions });
      io = realtime.io;
      if (worker !== null) {
        // The engine.io session id names its worker (`w2-…`), so a connection can be traced to its process.
        const generateId = realtime.io.engine.generateId.bind(realtime.io.engine);
        realtime.io.engine.generateId = (req) => `w${worker}-${String(generateId(req))}`;
      }
      const room = { ...config.roadshow, sensitiveWords: readWordList(config.roadshow.sensitiveWordsFile, log) };
      unsubscribes.push(notificationSockets(realtime), negotiationSockets(realtime, dealsDeps), roadshowSockets(realtime, { db, log, room }), realtime.close);
      return realtime.io;
    },
    close: async () => {
      for (const off of unsubscribes.splice(0)) off();
      await io?.close();
      await refresher.stop();
      await savedSearchNotifier.stop();
      auth.close();
      if (!deps.sync) await sync.stop();
    },
  };
}

/** One word a line; blank lines and # comments skipped. A missing file leaves the list empty (logged). */
function readWordList(file: string, log: Logger): string[] {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  } catch {
    log.warn('roadshow sensitive-word list not readable; chat is not masked');
    return [];
  }
}

/** The one place errors become responses: stable codes, no stack traces or SQL, messages in the caller's language. */
function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  let error: AppError;
  if (err instanceof AppError) error = err;
  else if (isBodyParserError(err, 'entity.parse.failed')) error = new AppError('invalid_json', '请求体不是有效的 JSON');
  else if (isBodyParserError(err, 'entity.too.large')) error = new AppError('payload_too_large', '请求体过大');
  else if (isDbUnavailable(err)) {
    req.log?.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'database unavailable');
    error = new AppError('db_unavailable', '数据库暂时不可用，请稍后重试', undefined, { 'Retry-After': '5' });
  } else {
    req.log?.error({ err }, 'unhandled error');
    error = new AppError('internal', `服务器内部错误，请稍后重试（请求编号 ${String(req.id ?? '')}）`);
  }
  if (error.headers) res.set(error.headers);
  // The message (and field messages) in the caller's language: Chinese unless Accept-Language prefers English.
  const lang = parseAcceptLanguage(req.headers['accept-language']);
  res.set('Content-Language', lang).vary('Accept-Language');
  res.status(error.status).json({ error: localizeError({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }, lang) });
}

function isBodyParserError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === type;
}
