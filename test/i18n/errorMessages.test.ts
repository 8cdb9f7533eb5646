/**
 * Server errors in English: every Chinese error text in server/ and common/ (AppError calls, zod messages, the
 * helpers that build them, the values they name) has an entry in common/messages/en.ts, and the translation
 * rules hold (patterns, nouns through the same catalogue, never half a translation, Chinese as the fallback).
 */
import { expect } from 'chai';
import { scanErrorMessages, scanSources } from './scan.js';
import { en } from '../../common/messages/en.js';
import { compileCatalogue, localizeError, parseAcceptLanguage, toEnglish, translateMessage } from '../../server/lib/i18n.js';

const untranslated = (found: ReturnType<typeof scanErrorMessages>) =>
  // A template's parts are stood in for by a value without Chinese: a pattern must cover the rest; the values it
  // names (nouns, labels) are literals found on their own.
  found.filter((m) => toEnglish(m.template ? m.text.replaceAll('{}', 'x') : m.text) === null).map((m) => `${m.file}:${m.line}  ${m.text}  (${m.reason})`);

describe('i18n: server error messages in English', function () {
  this.timeout(30_000);

  it('has an English entry for every Chinese error message in server/ and common/', () => {
    const found = scanErrorMessages(['server', 'common']);
    // The scan sees the kinds of messages it should (a scan that finds nothing would pass vacuously).
    const texts = new Set(found.map((m) => m.text));
    for (const t of ['{}不存在或无权查看', '请上传证明材料', '文件编号无效', '{}编号无效', '提交的数据有误，请检查标出的字段', '不允许的字段：{}', '您不是该洽谈的参与方', '请先进入路演直播间', '访问令牌无效或已撤销', '两个单位在同一洽谈中分属不同方', '开始直播']) {
      expect(texts.has(t), t).to.equal(true);
    }
    expect(found.length).to.be.greaterThan(800);
    expect(untranslated(found), 'add these to common/messages/en.ts').to.deep.equal([]);
  });

  it('the scan finds new messages of every kind, and reports them while they lack English', () => {
    const found = scanSources([
      {
        name: 'server/components/x/x.service.ts',
        text: `
          const id = (label: string) => z.uuid({ error: \`\${label}号码无效\` });
          const TRANSITIONS = { open: { verb: '开放一下' } };
          export const schema = z.strictObject({ a: id('某种东西'), b: z.string().min(2, '至少两个某某字').describe('这是说明，不是消息') });
          export function f(x: string) {
            if (!x) throw AppError.conflict('一条没有翻译的冲突消息');
            const errors = [{ path: 'a', message: x ? '字段甲有误' : '字段乙有误' }];
            throw AppError.conflict(\`状态不对，不能\${TRANSITIONS.open.verb}\`);
            log.warn('日志里的中文不是消息');
          }`,
      },
    ]);
    expect(found.map((m) => m.text).sort()).to.deep.equal(['{}号码无效', '一条没有翻译的冲突消息', '开放一下', '字段乙有误', '字段甲有误', '某种东西', '状态不对，不能{}', '至少两个某某字'].sort());
    expect(untranslated(found)).to.have.length(8);
  });

  it('every pattern names the same placeholders in English as in Chinese', () => {
    for (const [zh, english] of Object.entries(en)) {
      const names = (s: string) => [...s.matchAll(/\{(@?\w+)\}/g)].map((m) => m[1]!.replace('@', '')).sort();
      expect(names(english), zh).to.deep.equal(names(zh));
    }
  });

  it('translates exact texts, patterns with translated nouns, raw values, and falls back to Chinese', () => {
    const c = compileCatalogue({ 合同: 'contract', 示范区: 'zone', '{noun}不存在或无权查看': 'the {noun} does not exist', '已有同名合同「{@name}」': 'a contract named "{@name}" exists', 文件为空: 'The file is empty', '{label}最多 {n} 个字': '{label} can be at most {n} characters' });
    expect(toEnglish('文件为空', c)).to.equal('The file is empty');
    expect(toEnglish('合同不存在或无权查看', c)).to.equal('the contract does not exist');
    expect(toEnglish('示范区最多 20 个字', c)).to.equal('zone can be at most 20 characters');
    expect(toEnglish('已有同名合同「南宁糖业」', c)).to.equal('a contract named "南宁糖业" exists');
    // A noun without English: no half translation.
    expect(toEnglish('路演不存在或无权查看', c)).to.equal(null);
    expect(translateMessage('洽谈不存在或无权查看', 'en')).to.equal('The deal does not exist or you cannot view it');
    expect(translateMessage('合同不存在或无权查看', 'zh-CN')).to.equal('合同不存在或无权查看');
    expect(translateMessage('一条目录里没有的消息', 'en')).to.equal('一条目录里没有的消息');
    expect(translateMessage('Already English', 'en')).to.equal('Already English');
  });

  it('localizes the message and field messages only; code, paths and other details stay', () => {
    const body = { code: 'validation_failed', message: '提交的数据有误，请检查标出的字段', details: { fields: [{ path: 'files', message: '请上传证明材料' }, { path: 'x', message: '没有英文的消息' }], maxBytes: 5 } };
    const out = localizeError(body, 'en');
    expect(out).to.deep.equal({ code: 'validation_failed', message: 'Some of the data is invalid; check the marked fields', details: { fields: [{ path: 'files', message: 'Upload supporting documents' }, { path: 'x', message: '没有英文的消息' }], maxBytes: 5 } });
    expect(body.details.fields[0]!.message, 'the original is not changed').to.equal('请上传证明材料');
    expect(localizeError(body, 'zh-CN')).to.equal(body);
  });

  it('reads Accept-Language with weights; anything but English is Chinese', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'zh-CN'],
      ['', 'zh-CN'],
      ['en', 'en'],
      ['en-US', 'en'],
      ['EN-gb;q=0.8', 'en'],
      ['zh-CN', 'zh-CN'],
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
      ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
      ['fr-FR,en;q=0.5', 'en'],
      ['zh;q=0.4, en;q=0.6', 'en'],
      ['en;q=0, zh', 'zh-CN'],
      ['fr', 'zh-CN'],
      ['*', 'zh-CN'],
      ['en;q=abc', 'zh-CN'],
      [';;;,,,', 'zh-CN'],
    ];
    for (const [header, lang] of cases) expect(parseAcceptLanguage(header), String(header)).to.equal(lang);
  });
});
