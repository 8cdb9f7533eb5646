/**
 * Error messages follow the caller's language through the real server: HTTP (Accept-Language) and Socket.IO
 * (the handshake's `auth.lang` or Accept-Language). Chinese by default; codes and field paths never change.
 */
import { expect } from 'chai';
import crypto from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { withTestServer } from '../setup/app.js';
import { cookieOf, registerUser, registrationBody } from '../factories/index.js';

type ErrorAnswer = { error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } } };

describe('i18n: server errors in the language of the request', () => {
  const server = withTestServer();
  const sockets: Socket[] = [];
  after(() => sockets.forEach((s) => s.disconnect()));

  /** The same request in each language: Chinese with no header, with zh-CN, English with en / en-US. */
  async function inEachLanguage(send: (lang: string | null) => Promise<{ status: number; headers: Record<string, string>; body: ErrorAnswer }>) {
    const out: Record<string, { status: number; headers: Record<string, string>; body: ErrorAnswer }> = {};
    for (const lang of [null, 'zh-CN', 'en', 'en-US,en;q=0.9,zh-CN;q=0.8']) out[lang ?? 'none'] = await send(lang);
    return out;
  }
  const withLang = <T extends { set(k: string, v: string): T }>(req: T, lang: string | null) => (lang ? req.set('Accept-Language', lang) : req);

  it('answers a validation error with English field messages for en, Chinese by default and for zh-CN; codes and paths unchanged', async () => {
    const body = { ...registrationBody('enterprise'), email: 'not-an-email', password: 'abc1', name: '' };
    const answers = await inEachLanguage((lang) => withLang(server.agent().post('/api/auth/register'), lang).send(body));
    for (const a of Object.values(answers)) {
      expect(a.status).to.equal(400);
      expect(a.body.error.code).to.equal('validation_failed');
      expect(a.headers.vary).to.match(/Accept-Language/i);
    }
    const fields = (lang: string) => Object.fromEntries(answers[lang]!.body.error.details!.fields!.map((f) => [f.path, f.message]));
    expect(Object.keys(fields('en')).sort()).to.deep.equal(Object.keys(fields('none')).sort());
    expect(fields('none').password).to.equal('密码至少 8 位');
    expect(fields('zh-CN')).to.deep.equal(fields('none'));
    expect(answers['none']!.headers['content-language']).to.equal('zh-CN');
    expect(answers['zh-CN']!.body.error.message).to.equal('提交的数据有误，请检查标出的字段');
    for (const lang of ['en', 'en-US,en;q=0.9,zh-CN;q=0.8']) {
      const a = answers[lang]!;
      expect(a.headers['content-language']).to.equal('en');
      expect(a.body.error.message).to.equal('Some of the data is invalid; check the marked fields');
      expect(fields(lang).password).to.equal('Password must be at least 8 characters');
      expect(fields(lang).email).to.equal('Invalid email address');
      for (const message of Object.values(fields(lang))) expect(message, 'no Chinese left').not.to.match(/[\u3400-\u9fff]/);
    }
  });

  it('answers a 404 naming the object in English (a composed message with a translated noun)', async () => {
    const id = crypto.randomUUID();
    const answers = await inEachLanguage((lang) => withLang(server.agent().get(`/api/news/${id}`), lang));
    expect(answers['none']!.status).to.equal(404);
    expect(answers['none']!.body.error).to.deep.equal({ code: 'not_found', message: '资讯不存在或无权查看' });
    expect(answers['zh-CN']!.body.error.message).to.equal('资讯不存在或无权查看');
    expect(answers['en']!.body.error).to.deep.equal({ code: 'not_found', message: 'The article does not exist or you cannot view it' });
    // A malformed id is a 404 naming the object too (the path id's own message).
    const malformed = await server.agent().get('/api/news/not-an-id').set('Accept-Language', 'en');
    expect(malformed.status).to.equal(404);
    expect(malformed.body.error.message).not.to.match(/[\u3400-\u9fff]/);
  });

  it('answers a 409 in English, its field details too', async () => {
    const { email } = await registerUser(server.agent(), 'enterprise');
    const again = registrationBody('enterprise', { email });
    const answers = await inEachLanguage((lang) => withLang(server.agent().post('/api/auth/register'), lang).send(again));
    expect(answers['none']!.status).to.equal(409);
    expect(answers['none']!.body.error).to.deep.equal({ code: 'conflict', message: '该邮箱已注册，请直接登录', details: { fields: [{ path: 'email', message: '该邮箱已注册' }] } });
    expect(answers['zh-CN']!.body.error).to.deep.equal(answers['none']!.body.error);
    expect(answers['en']!.body.error).to.deep.equal({ code: 'conflict', message: 'This email is already registered; please log in', details: { fields: [{ path: 'email', message: 'This email is already registered' }] } });
  });

  it('answers errors of middleware (unknown endpoint, bad JSON) in English too', async () => {
    const unknown = await server.agent().get('/api/nope').set('Accept-Language', 'en');
    expect(unknown.body.error).to.deep.equal({ code: 'not_found', message: 'No such endpoint' });
    const badJson = await server.agent().post('/api/auth/login').set('Accept-Language', 'en').set('Content-Type', 'application/json').send('{"email":');
    expect(badJson.body.error).to.deep.equal({ code: 'invalid_json', message: 'The request body is not valid JSON' });
  });

  it('acks socket errors and refuses connections in the language the client passes (auth.lang) or its Accept-Language', async () => {
    const { email } = await registerUser(server.agent(), 'enterprise');
    const cookie = await cookieOf(server, email);
    const open = (opts: { lang?: string; header?: string; cookie?: string }) => {
      const s = connect(`${server.url}/negotiation`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: opts.lang ? { lang: opts.lang } : {},
        extraHeaders: { origin: server.url, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.header ? { 'accept-language': opts.header } : {}) },
      });
      sockets.push(s);
      return s;
    };
    const joined = (s: Socket) =>
      new Promise<unknown>((resolve, reject) => {
        s.once('connect', () => resolve(s.timeout(10_000).emitWithAck('deal:join', { dealId: 'nope' })));
        s.once('connect_error', reject);
      });
    expect(await joined(open({ cookie, lang: 'en' }))).to.deep.equal({ ok: false, error: { code: 'validation_failed', message: 'Some of the data is invalid; check the marked fields', details: { fields: [{ path: 'dealId', message: 'Invalid deal id' }] } } });
    expect(await joined(open({ cookie, header: 'en-GB' }))).to.have.nested.property('error.details.fields[0].message', 'Invalid deal id');
    expect(await joined(open({ cookie }))).to.have.nested.property('error.details.fields[0].message', '洽谈编号无效');
    // auth.lang wins over the browser's header: the UI language, not the browser's.
    expect(await joined(open({ cookie, lang: 'zh-CN', header: 'en' }))).to.have.nested.property('error.details.fields[0].message', '洽谈编号无效');
    const refused = (s: Socket) => new Promise<Error & { data?: { code: string } }>((resolve) => s.once('connect_error', resolve));
    const anonymousEn = await refused(open({ lang: 'en' }));
    expect([anonymousEn.message, anonymousEn.data?.code]).to.deep.equal(['Please log in first', 'unauthenticated']);
    const anonymousZh = await refused(open({}));
    expect([anonymousZh.message, anonymousZh.data?.code]).to.deep.equal(['请先登录', 'unauthenticated']);
  });
});
