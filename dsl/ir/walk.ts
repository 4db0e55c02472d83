import type { Expr, ExprBody } from './nodes.js';

/**
 * Rebuild `e` bottom-up, letting `f` replace any node after its children were mapped. `f`
 * returns the node unchanged when it has nothing to say. Locations are kept.
 */
export function mapExpr(e: Expr, f: (e: Expr) => Expr): Expr {
  const m = (x: Expr) => mapExpr(x, f);
  let body: ExprBody;
  switch (e.k) {
    case 'bool': case 'int': case 'str': case 'ref': case 'bound': case 'at': case 'unchanged': case 'local': case 'self':
      return f(e);
    case 'prime': body = { k: 'prime', e: m(e.e) }; break;
    case 'call': body = { k: 'call', op: e.op, args: e.args.map(m) }; break;
    case 'builtin': body = { k: 'builtin', op: e.op, args: e.args.map(m) }; break;
    case 'infix': body = { k: 'infix', op: e.op, a: m(e.a), b: m(e.b) }; break;
    case 'not': body = { k: 'not', e: m(e.e) }; break;
    case 'neg': body = { k: 'neg', e: m(e.e) }; break;
    case 'and': body = { k: 'and', es: e.es.map(m) }; break;
    case 'or': body = { k: 'or', es: e.es.map(m) }; break;
    case 'quant': body = { k: 'quant', q: e.q, binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'choose': body = { k: 'choose', binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'setEnum': body = { k: 'setEnum', es: e.es.map(m) }; break;
    case 'setFilter': body = { k: 'setFilter', binder: e.binder, set: m(e.set), pred: m(e.pred) }; break;
    case 'setMap': body = { k: 'setMap', binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'tuple': body = { k: 'tuple', es: e.es.map(m) }; break;
    case 'record': body = { k: 'record', fields: e.fields.map(([n, v]) => [n, m(v)] as const) }; break;
    case 'recordSet': body = { k: 'recordSet', fields: e.fields.map(([n, v]) => [n, m(v)] as const) }; break;
    case 'field': body = { k: 'field', e: m(e.e), name: e.name }; break;
    case 'apply': body = { k: 'apply', f: m(e.f), arg: m(e.arg) }; break;
    case 'fn': body = { k: 'fn', binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'fnSet': body = { k: 'fnSet', dom: m(e.dom), rng: m(e.rng) }; break;
    case 'except':
      body = { k: 'except', f: m(e.f), updates: e.updates.map((u) => ({ path: u.path.map((p) => (p.k === 'idx' ? { k: 'idx' as const, e: m(p.e) } : p)), value: m(u.value) })) };
      break;
    case 'if': body = { k: 'if', c: m(e.c), t: m(e.t), e: m(e.e) }; break;
    case 'case': body = { k: 'case', arms: e.arms.map(([c, v]) => [m(c), m(v)] as const), ...(e.other ? { other: m(e.other) } : {}) }; break;
    case 'let': body = { k: 'let', name: e.name, value: m(e.value), body: m(e.body) }; break;
    case 'fair': body = { k: 'fair', strong: e.strong, action: m(e.action) }; break;
    case 'boxAction': body = { k: 'boxAction', action: m(e.action) }; break;
  }
  return f(e.loc ? { ...body, loc: e.loc } : body);
}

/** Does any node of `e` satisfy `p`? */
export function someExpr(e: Expr, p: (e: Expr) => boolean): boolean {
  let found = false;
  mapExpr(e, (x) => { if (p(x)) found = true; return x; });
  return found;
}
