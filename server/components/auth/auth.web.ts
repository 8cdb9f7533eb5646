/** Sessions, Passport strategies, CSRF origin check and login rate limits. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import passportPkg from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { actorFromToken, authenticate, loadActor, type Actor } from './auth.service.js';

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
  passport.deserializeUser((id: string, done) => void loadActor(db, id).then((a) => done(null, a ?? false), done));

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
    loginLimiter: createLoginLimiter(config),
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
  /** Throws 429 when the IP or the account is locked out. */
  check(ip: string, email: string): Promise<void>;
  failed(ip: string, email: string): Promise<void>;
  succeeded(ip: string, email: string): Promise<void>;
}

/** Per-IP limit on attempts and per-account limit on failures, both answered with 429 and Retry-After. */
function createLoginLimiter(config: Config): LoginLimiter {
  const { maxPerIp, maxPerAccount, windowSeconds } = config.login;
  const byIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: maxPerIp, duration: windowSeconds });
  const byAccount = new RateLimiterMemory({ keyPrefix: 'login_acct', points: maxPerAccount, duration: windowSeconds });
  const tooMany = (ms: number) => {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return new AppError('rate_limited', `登录尝试次数过多，请 ${seconds} 秒后再试`, { retryAfter: seconds }, { 'Retry-After': String(seconds) });
  };
  const account = (email: string) => email.trim().toLowerCase();
  return {
    async check(ip, email) {
      const [i, a] = await Promise.all([byIp.get(ip), byAccount.get(account(email))]);
      if (i && i.consumedPoints >= maxPerIp) throw tooMany(i.msBeforeNext);
      if (a && a.consumedPoints >= maxPerAccount) throw tooMany(a.msBeforeNext);
      await byIp.consume(ip).catch((r: unknown) => {
        throw r instanceof RateLimiterRes ? tooMany(r.msBeforeNext) : r;
      });
    },
    async failed(_ip, email) {
      await byAccount.consume(account(email)).catch(() => undefined);
    },
    async succeeded(_ip, email) {
      await byAccount.delete(account(email));
    },
  };
}
