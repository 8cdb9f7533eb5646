/** Sessions, Passport strategies, CSRF origin check and login rate limits. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import passportPkg from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { activeActor, actorFromToken, authenticate, type Actor } from './auth.service.js';

export const SESSION_COOKIE = 'gjt.sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthWeb {
  session: RequestHandler;
  passport: passportPkg.PassportStatic;
  /** Authenticates a request: bearer token if present, else the session. */
  authenticate: RequestHandler;
  csrf: RequestHandler;
  loginLimiter: LoginLimiter;
  close(): void;
}

export function createAuthWeb(config: Config, db: Db, sessionSecret: string): AuthWeb {
  const PgStore = connectPgSimple(session);
  // No touch on every request: a session row is written at login, not on each read (saves a write per API call).
  const store = new PgStore({ pool: db.$client, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 15 * 60, disableTouch: true });
  const sessionMw = session({
    name: SESSION_COOKIE,
    secret: sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: config.trustProxy,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: 14 * 24 * 3600 * 1000 },
  });

  const passport = new passportPkg.Passport() as unknown as passportPkg.PassportStatic;
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: false }, (email, password, done) => {
      authenticate(db, email, password).then((a) => done(null, a ?? false), done);
    }),
  );
  passport.use(new BearerStrategy((token, done) => void actorFromToken(db, token).then((a) => done(null, a ?? false), done)));
  passport.serializeUser((user, done) => done(null, (user as Actor).id));
  passport.deserializeUser((id: string, done) => void activeActor(db, id).then((a) => done(null, a ?? false), done));

  const sessionAuth = passport.session();
  const authenticateMw: RequestHandler = (req, res, next) => {
    if (req.headers.authorization?.startsWith('Bearer ')) {
      passport.authenticate('bearer', { session: false }, (err: unknown, actor: Actor | false) => {
        if (err) return next(err);
        if (!actor) return next(new AppError('unauthenticated', '访问令牌无效或已撤销'));
        req.user = actor;
        next();
      })(req, res, next);
      return;
    }
    sessionMw(req, res, (err?: unknown) => (err ? next(err) : sessionAuth(req, res, next)));
  };

  return {
    session: sessionMw,
    passport,
    authenticate: authenticateMw,
    csrf: csrfGuard(config.publicOrigins),
    loginLimiter: createLoginLimiter(config, db),
    close: () => store.close(),
  };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}

/**
 * Cookie-authenticated writes must come from our own origin. Browsers send Origin on every
 * cross-site and same-origin POST; a write carrying our session cookie without Origin or Referer is refused.
 * Bearer-token requests carry no ambient credentials and are exempt.
 */
export function csrfGuard(allowedOrigins: string[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return next();
    const origin = req.get('origin') ?? originOf(req.get('referer'));
    const self = `${req.protocol}://${req.get('host')}`;
    if (origin) {
      if (origin === self || allowedOrigins.includes(origin)) return next();
      return next(new AppError('csrf_failed', '请求来源校验失败（跨站请求已拦截）'));
    }
    if ((req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)) {
      return next(new AppError('csrf_failed', '请求缺少来源信息，已拦截'));
    }
    next();
  };
}

export interface LoginLimiter {
  /**
   * Reserves one attempt for the IP and the account before the password is checked, so concurrent
   * guesses cannot overrun the limits; throws 429 when either is used up.
   */
  reserve(ip: string, email: string): Promise<void>;
  /** A correct password: the account's failures are forgiven and the IP's reservation returned (successes do not count). */
  succeeded(ip: string, email: string): Promise<void>;
  /** The check could not run (a dependency failed): both reservations are returned. */
  release(ip: string, email: string): Promise<void>;
}

/**
 * Failed logins per IP and per account, counted in PostgreSQL so that every process shares them.
 * Answered with 429 and Retry-After.
 */
function createLoginLimiter(config: Config, db: Db): LoginLimiter {
  const { maxPerIp, maxPerAccount, windowSeconds } = config.login;
  const store = { storeClient: db.$client, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, duration: windowSeconds };
  const byIp = new RateLimiterPostgres({ ...store, keyPrefix: 'login_ip', points: maxPerIp });
  const byAccount = new RateLimiterPostgres({ ...store, keyPrefix: 'login_acct', points: maxPerAccount });
  const tooMany = (ms: number) => {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return new AppError('rate_limited', `登录尝试次数过多，请 ${seconds} 秒后再试`, { retryAfter: seconds }, { 'Retry-After': String(seconds) });
  };
  const account = (email: string) => email.trim().toLowerCase();
  const consume = (limiter: RateLimiterPostgres, key: string) =>
    limiter.consume(key).catch((r: unknown) => {
      throw r instanceof RateLimiterRes ? tooMany(r.msBeforeNext) : r;
    });
  return {
    async reserve(ip, email) {
      await consume(byIp, ip);
      try {
        await consume(byAccount, account(email));
      } catch (err) {
        await byIp.reward(ip, 1).catch(() => undefined);
        throw err;
      }
    },
    async succeeded(ip, email) {
      await Promise.all([byAccount.delete(account(email)), byIp.reward(ip, 1)]);
    },
    async release(ip, email) {
      await Promise.all([byAccount.reward(account(email), 1), byIp.reward(ip, 1)]).catch(() => undefined);
    },
  };
}
