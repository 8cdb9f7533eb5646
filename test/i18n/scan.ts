/**
 * Finds the Chinese texts of server errors in the source: AppError calls, zod messages (`{ error }`, `.min(n, '…')`,
 * `refine`, `ctx.addIssue`), socket refusals, and the helpers that build them (`pathId('合同')`, `yuan('合同成交额')`).
 * A template literal is reported as its skeleton, each `${…}` written `{}`; literals inside it are reported on their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FoundMessage {
  file: string;
  line: number;
  /** The text, or for a template literal its skeleton (`{}不存在或无权查看`). */
  text: string;
  template: boolean;
  /** What made it a message: the call it is passed to, or the value it flows through. */
  reason: string;
}

const CJK = /[\u3400-\u9fff]/;
/** zod methods whose string argument (or `{ error | message }`) is the message of a failed check. */
const ZOD_METHODS = new Set([
  'min', 'max', 'length', 'regex', 'refine', 'superRefine', 'check', 'nonempty', 'int', 'positive', 'nonnegative', 'negative',
  'nonpositive', 'gt', 'gte', 'lt', 'lte', 'multipleOf', 'email', 'url', 'uuid', 'addIssue', 'lowercase', 'uppercase',
]);
/** Calls whose strings are descriptions, not messages. */
const NOT_MESSAGES = new Set(['describe', 'default', 'meta', 'openapi', 'register', 'registerPath', 'registerComponent', 'info', 'warn', 'debug', 'trace', 'fatal', 'log']);
/** Properties whose strings are descriptions, not messages. */
const NOT_MESSAGE_PROPS = new Set(['summary', 'description', 'title', 'example', 'examples']);
/** Calls known to build messages in other files (found again below when their definition is scanned). */
const SEED_BUILDERS = ['refuse', 'pathId', 'idParams'];
/** Functions whose answer is an error message, reaching AppError through a hook (organizations' merge conflicts). */
const SEED_RETURNS_MESSAGE = ['dealsMergeConflict'];

function calleeName(expr: ts.Expression): string | null {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return null;
}

function rootIdentifier(expr: ts.Expression): string | null {
  let e: ts.Expression = expr;
  for (;;) {
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return null;
  }
}

type CallLike = ts.CallExpression | ts.NewExpression;
type Verdict = 'sink' | 'exclude' | 'neutral';

/**
 * `strict`: only a call on a zod chain (`z.…`, or a message builder's result) counts, not any method of that
 * name (`Math.min(n, limit)`); used to find builders, where no Chinese literal vouches for the call.
 */
function classifyCall(call: CallLike, builders: Set<string>, strict = false): Verdict {
  const callee = call.expression;
  const name = calleeName(callee);
  if (ts.isNewExpression(call)) return name === 'AppError' ? 'sink' : 'neutral';
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'AppError') return 'sink';
  if (name && NOT_MESSAGES.has(name)) return 'exclude';
  if (ts.isIdentifier(callee) && builders.has(callee.text)) return 'sink';
  const root = rootIdentifier(callee);
  if (name && ZOD_METHODS.has(name) && ts.isPropertyAccessExpression(callee) && (!strict || root === 'z' || builders.has(root ?? ''))) return 'sink';
  if (root === 'z') return 'sink';
  return 'neutral';
}

const isFunctionLike = (n: ts.Node): n is ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n);

/** The verdict for a node from its nearest deciding ancestor. */
function contextOf(node: ts.Node, builders: Set<string>, roots: Set<ts.Node>, strict = false): Verdict {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (roots.has(child)) return (lastReason = `flow ${child.getText().slice(0, 40)}`), 'sink';
    if (ts.isPropertyAssignment(p) && p.initializer === child) {
      const key = p.name.getText().replace(/['"]/g, '');
      if (NOT_MESSAGE_PROPS.has(key)) return 'exclude';
      // A field error `{ path, message }` or an error body `{ code, message }`.
      if (key === 'message' && ts.isObjectLiteralExpression(p.parent) && p.parent.properties.some((q) => q.name && ['path', 'code'].includes(q.name.getText()))) return 'sink';
    }
    // The default of a parameter that a message builder uses (`notFound(what = '对象')`).
    if (ts.isParameter(p) && p.initializer === child && isFunctionLike(p.parent) && builders.has(functionName(p.parent) ?? '')) return 'sink';
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== child) {
      const v = classifyCall(p, builders, strict);
      if (v !== 'neutral') return (lastReason = `call ${p.expression.getText().slice(-40)}`), v;
    }
    if (ts.isSourceFile(p)) break;
  }
  return 'neutral';
}

function functionName(fn: ts.Node): string | null {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) return fn.name ? fn.name.getText() : null;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return null;
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/**
 * The call whose message `n` is part of: `n` is an argument, or inside a template, `??`, `a ? b : c` or an
 * `{ error | message }` property that is one. Null when `n` is only used by the message (`${list.length}`).
 */
function messageCall(n: ts.Node): CallLike | null {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (ts.isTemplateSpan(p) || ts.isTemplateExpression(p) || ts.isParenthesizedExpression(p) || ts.isObjectLiteralExpression(p)) continue;
    if (ts.isConditionalExpression(p) && p.condition !== child) continue;
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(p.operatorToken.kind)) continue;
    if (ts.isPropertyAssignment(p) && p.initializer === child && ['error', 'message'].includes(p.name.getText())) continue;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== child) return p;
    return null;
  }
  return null;
}

/** Functions that pass one of their parameters into a message (`const id = (label) => z.uuid({ error: `${label}无效` })`). */
function findBuilders(files: ts.SourceFile[]): Set<string> {
  const builders = new Set(SEED_BUILDERS);
  for (let changed = true; changed; ) {
    changed = false;
    for (const sf of files) {
      walk(sf, (fn) => {
        if (!isFunctionLike(fn)) return;
        const name = functionName(fn);
        if (!name || builders.has(name)) return;
        const params = new Set(fn.parameters.map((p) => p.name.getText()));
        let found = false;
        walk(fn, (n) => {
          if (found || !ts.isIdentifier(n) || !params.has(n.text) || ts.isParameter(n.parent)) return;
          const call = messageCall(n);
          if (call && classifyCall(call, builders, true) === 'sink') found = true;
        });
        if (found) {
          builders.add(name);
          changed = true;
        }
      });
    }
  }
  return builders;
}

/**
 * Values named inside a message expression: the initializer of a local const, what a function returns when its
 * result is stored in such a const (`const reason = await mergeConflict(…)`, any file), and for `l.missing` the
 * local properties named `missing`.
 */
function dataFlowRoots(files: ts.SourceFile[], builders: Set<string>): Set<ts.Node> {
  const returns = new Map<string, ts.Node[]>();
  const add = (m: Map<string, ts.Node[]>, k: string, v: ts.Node) => m.set(k, [...(m.get(k) ?? []), v]);
  const returnsOf = (body: ts.Node): ts.Node[] => {
    if (!ts.isBlock(body)) return [body];
    const out: ts.Node[] = [];
    walk(body, (r) => ts.isReturnStatement(r) && r.expression && out.push(r.expression));
    return out;
  };
  const local = new Map<ts.SourceFile, { decls: Map<string, ts.Node[]>; props: Map<string, ts.Node[]> }>();
  /** Constants named in capitals (`ROADSHOW_STATUS_NAMES`), which other files import. */
  const constants = new Map<string, ts.Node[]>();
  for (const sf of files) {
    const decls = new Map<string, ts.Node[]>();
    const props = new Map<string, ts.Node[]>();
    walk(sf, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
        const init = n.initializer;
        if (isFunctionLike(init)) {
          for (const r of returnsOf(init.body)) {
            add(returns, n.name.text, r);
            add(decls, n.name.text, r);
          }
        } else {
          add(decls, n.name.text, init);
          if (/^[A-Z][A-Z0-9_]+$/.test(n.name.text)) add(constants, n.name.text, init);
        }
      } else if (ts.isFunctionDeclaration(n) && n.name && n.body) {
        for (const r of returnsOf(n.body)) {
          add(returns, n.name.text, r);
          add(decls, n.name.text, r);
        }
      } else if (ts.isPropertyAssignment(n) && CJK.test(n.initializer.getText())) add(props, n.name.getText(), n.initializer);
    });
    local.set(sf, { decls, props });
  }
  const roots = new Set<ts.Node>(SEED_RETURNS_MESSAGE.flatMap((f) => returns.get(f) ?? []));
  // The names that may carry a message, found once; each is settled when first seen inside a message.
  const candidates: { n: ts.Identifier | ts.PropertyAccessExpression; decls: Map<string, ts.Node[]>; props: Map<string, ts.Node[]> }[] = [];
  for (const sf of files) {
    const { decls, props } = local.get(sf)!;
    walk(sf, (n) => {
      if (ts.isIdentifier(n) && (decls.has(n.text) || constants.has(n.text)) && !(ts.isVariableDeclaration(n.parent) && n.parent.name === n) && !ts.isPropertyAccessExpression(n.parent)) candidates.push({ n, decls, props });
      else if (ts.isPropertyAccessExpression(n) && props.has(n.name.text) && !ts.isPropertyAccessExpression(n.parent) && !ts.isCallExpression(n.parent)) candidates.push({ n, decls, props });
    });
  }
  const settled = new Set<ts.Node>();
  for (let changed = true; changed; ) {
    changed = false;
    const mark = (targets: ts.Node[] | undefined) => {
      for (const t of targets ?? []) {
        if (roots.has(t) || !containsCjk(t)) continue;
        roots.add(t);
        changed = true;
      }
    };
    for (const { n, decls, props } of candidates) {
      if (settled.has(n) || contextOf(n, builders, roots) !== 'sink') continue;
      settled.add(n);
      if (ts.isIdentifier(n)) {
        if (!decls.has(n.text)) {
          mark(constants.get(n.text));
          continue;
        }
        for (const t of decls.get(n.text)!) {
          // `const reason = await f(…)`: what f returns.
          const call = ts.isAwaitExpression(t) ? t.expression : t;
          if (ts.isCallExpression(call)) mark(returns.get(calleeName(call.expression) ?? ''));
          else mark([t]);
        }
      } else {
        // Inside a template (`不能${t.verb}`) only plain words count, not other templates that happen to share the name.
        const values = props.get(n.name.text)!;
        mark(ts.isTemplateSpan(n.parent) ? values.filter((v) => ts.isStringLiteral(v) || ts.isConditionalExpression(v)) : values);
      }
    }
  }
  return roots;
}

function containsCjk(node: ts.Node): boolean {
  return CJK.test(node.getText());
}

export function templateSkeleton(t: ts.TemplateExpression): string {
  return t.head.text + t.templateSpans.map((s) => `{}${s.literal.text}`).join('');
}

function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'messages' && e.name !== 'migrations') visit(p);
      } else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  dirs.forEach(visit);
  return out.sort();
}

/** Every Chinese error text in the TypeScript files under `dirs`. */
/** Why the last node was taken for a message: the deciding call or data flow (shown with each finding, for debugging). */
let lastReason = '';

/** Every Chinese error text in the TypeScript files under `dirs`. */
export function scanErrorMessages(dirs: string[], base = process.cwd()): FoundMessage[] {
  return scanSources(sourceFiles(dirs).map((f) => ({ name: path.relative(base, f), text: fs.readFileSync(f, 'utf8') })));
}

/** The same for sources given as text (`name` is reported as the file). */
export function scanSources(sources: { name: string; text: string }[]): FoundMessage[] {
  const files = sources.map((f) => ts.createSourceFile(f.name, f.text, ts.ScriptTarget.Latest, true));
  const builders = findBuilders(files);
  const roots = dataFlowRoots(files, builders);
  const out: FoundMessage[] = [];
  for (const sf of files) {
    walk(sf, (n) => {
      let text: string;
      let template = false;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
      else if (ts.isTemplateExpression(n)) {
        text = templateSkeleton(n);
        template = true;
      } else return;
      if (!CJK.test(text)) return;
      // An object key is no message.
      if (ts.isPropertyAssignment(n.parent) && n.parent.name === n) return;
      if (contextOf(n, builders, roots) !== 'sink') return;
      out.push({ file: sf.fileName, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text, template, reason: lastReason });
    });
  }
  return out;
}
