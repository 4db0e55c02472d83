/**
 * Differential fuzzing of the error paths: the ordinary fuzz models (fuzz.ts), some of their
 * guards taken away (`unguarded`), so that a step or an invariant may take the head of an empty
 * sequence, CHOOSE with no witness, fall through a CASE, divide by zero, fail an assert, or leave
 * TypeOK. The compiled verifier and TLC (one worker) search breadth first in the same order, so
 * they must stop at the same place and say the same: verdict, message, assert location, error
 * frames, the trace state by state with each step's action, parameters and location, and the
 * numbers of distinct and generated states. Only TLC can judge these (the independent evaluation does not model
 * errors, and tla-checker's messages and order are its own). A disagreement is reduced and saved
 * as a fixture with TLC's own output (test/fixtures/fuzz-errors/), which the suite checks the
 * compiled verifier against without TLC.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { evaluating, type CheckResult, type TlaLocation, type TraceState } from '../../dsl/check/result.js';
import { withoutLayout } from '../../dsl/check/values.js';
import { fuzzModelArb, loadFixtures } from './fuzz.js';
import { named, readsState, type ExprD, type FuzzModelD, type ItemD } from './fuzz-model.js';
import { emptyReport, judge, runJudgedCampaign, saveJudgedFixture, type JudgedCampaignOptions, type JudgedFixture, type JudgedOptions, type JudgedReport } from './judged.js';
import { tally } from './table.js';

export const ERROR_FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/fuzz-errors', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Taking guards away

/**
 * `d` with the guards whose turn in `flips` (one boolean per place, in a fixed walk order) is
 * true taken away: `IF Len(v) > 0 THEN Head(v) ELSE d` becomes `Head(v)`, a guarded CHOOSE a bare
 * one, a CASE loses its OTHER (or its catch-all last arm), `a \div c` divides by an integer
 * variable instead, the guard before an integer assignment, a push or a pop goes, and in a process
 * step another guard becomes an assert. Places beyond `flips` are kept.
 */
export function unguarded(d: FuzzModelD, flips: readonly boolean[]): FuzzModelD {
  return rewrite(d, (place) => flips[place] === true).d;
}

/** How many places `unguarded` may flip in `d`. */
export const guardPlaces = (d: FuzzModelD): number => rewrite(d, () => false).places;

/** `d` with each place (numbered in the walk order) rewritten where `flip` says, and how many places it has. */
function rewrite(d: FuzzModelD, take: (place: number) => boolean): { d: FuzzModelD; places: number } {
  let i = 0;
  const flip = () => take(i++);
  const ints = d.vars.filter((v) => v.sort.k === 'int').map((v) => v.name);
  const expr = (e: ExprD): ExprD => {
    const x = mapChildren(e, expr);
    switch (x.k) {
      case 'headOr': return flip() ? { k: 'head', v: x.v } : x;
      case 'chooseOr': return flip() ? { k: 'choose', v: x.v, op: x.op, e: x.e } : x;
      case 'case': case 'caseTotal': return flip() ? { k: 'casePartial', arms: x.arms } : x;
      case 'div': case 'mod': {
        if (!ints.length) return x;
        // The divisor: one of the integer variables, picked by the place's number (a description says which, no draw needed).
        // The second place: through an operator, with an argument it never uses that fails where this one may not.
        const by = ints[i % ints.length]!, unguard = flip(), viaOperator = flip();
        if (!unguard) return x;
        return viaOperator ? { k: 'opDiv', op: x.k, a: x.a, by, unused: { k: 'divBy', op: x.k === 'div' ? 'mod' : 'div', a: { k: 'lit', v: 1 }, by } } : { k: 'divBy', op: x.k, a: x.a, by };
      }
      // A function variable applied through an operator's function, which cannot be built whole;
      // or (by the place's number, no draw) through such a function one level down, passed to an
      // operator that applies it twice, or an EXCEPT of it with a path of two keys, applied twice,
      // or two levels down, an EXCEPT whose value applies its `@` twice, or passed to an operator
      // that applies it twice through a LET name of it and an IF.
      case 'app': {
        const place = i;
        if (!flip()) return x;
        const via = ([undefined, 'twice', 'except', 'atTwice', 'through'] as const)[place % 5];
        return { k: 'lazyAt', v: x.fn, key: x.key, ...(via ? { via } : {}) };
      }
      default: return x;
    }
  };
  const items = (its: readonly ItemD[], inProcess: boolean): ItemD[] => its.flatMap((it, n): ItemD[] => {
    const y = mapItem(it, expr, (sub) => items(sub, inProcess));
    if (y.k !== 'when') return [y];
    const next = its[n + 1];
    const protects = y.e.k === 'inRange' || (y.e.k === 'lt' || y.e.k === 'gt') && y.e.a.k === 'len' && (next?.k === 'push' || next?.k === 'pop');
    if (protects) return flip() ? [] : [y];
    return inProcess && flip() ? [{ k: 'assert', e: y.e }] : [y];
  });
  const out: FuzzModelD = {
    ...d,
    actions: d.actions.map((a) => ({ ...a, items: items(a.items, false) })),
    ...(d.process ? { process: { ...d.process, steps: d.process.steps.map((s) => ({ ...s, items: items(s.items, true) })) } } : {}),
    // An invariant must read the state (ZT012): one that would not without its guards keeps them.
    invariants: d.invariants.map((inv) => { const x = expr(inv); return readsState(x) ? x : inv; }),
  };
  return { d: named(out), places: i };
}

/** An expression with each sub-expression (operands, arms, bodies) replaced by `f` of it. */
function mapChildren(e: ExprD, f: (x: ExprD) => ExprD): ExprD {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (Array.isArray(v)) out[k] = v.map((c) => (Array.isArray(c) ? c.map((part) => f(part as ExprD)) : isExpr(c) ? f(c) : c));
    else out[k] = isExpr(v) ? f(v) : v;
  }
  return out as unknown as ExprD;
}
const isExpr = (x: unknown): x is ExprD => !!x && typeof x === 'object' && 'k' in x;

/** An item with its expressions replaced by `f` of them and its nested item lists by `g` of them. */
function mapItem(it: ItemD, f: (x: ExprD) => ExprD, g: (its: readonly ItemD[]) => ItemD[]): ItemD {
  switch (it.k) {
    case 'either': return { ...it, alts: it.alts.map(g) };
    case 'pick': return { ...it, items: g(it.items) };
    case 'if': return { ...it, c: f(it.c), then: g(it.then), else: g(it.else) };
    case 'update': return { ...it, key: f(it.key), e: f(it.e) };
    case 'pop': case 'clear': return it;
    default: return { ...it, e: f(it.e) };
  }
}

/**
 * Fuzz models with some of their guards taken away (each place a coin toss), half of them built
 * `shared`: an expression left unguarded is then often the same IR node as one still guarded in
 * the same scope (an action, the invariants: see `FuzzModelD.shared`), printed twice, and an
 * error must be placed at the occurrence that raised it.
 */
export const errorModelArb: fc.Arbitrary<FuzzModelD> = fuzzModelArb.chain((d) => {
  const n = guardPlaces(d);
  return fc.tuple(fc.array(fc.boolean(), { minLength: n, maxLength: n }), fc.boolean())
    .map(([flips, shared]) => ({ ...unguarded(d, flips), ...(shared ? { shared } : {}) }));
});

// ---------------------------------------------------------------------------------------------
// What a checker said, as the two are compared

export interface Said {
  readonly verdict: string;
  readonly message?: string;
  readonly location?: TlaLocation;
  readonly stack?: readonly TlaLocation[];
  readonly trace?: readonly { readonly action?: string; readonly args?: string; readonly location?: TlaLocation; readonly state: readonly string[] }[];
  readonly distinct?: number;
  readonly generated?: number;
}

const stepOf = (s: TraceState) => ({
  ...(s.action ? { action: s.action.name } : {}),
  // TLC prints the arguments (`A(p1)`); compiled names them by parameter.
  ...(s.action?.args || (s.action?.params && Object.keys(s.action.params).length) ? { args: s.action.args || Object.values(s.action.params!).join(', ') } : {}),
  ...(s.action?.location ? { location: s.action.location } : {}),
  state: Object.entries(s.vars).map(([k, v]) => `${k} = ${withoutLayout(v)}`).sort(),
});

/** The parts of a result the two must agree on. */
export function said(r: CheckResult): Said {
  const v = r.verdict;
  const { distinct, generated } = r.counts ?? {};
  const base = { verdict: v.kind === 'invariant' ? `invariant ${v.name}` : v.kind, ...(distinct !== undefined ? { distinct } : {}), ...(generated !== undefined ? { generated } : {}) };
  switch (v.kind) {
    case 'passed': return base;
    case 'invariant': case 'deadlock': return { ...base, trace: v.trace.map(stepOf) };
    case 'assert': return { ...base, message: withoutLayout(v.message), ...(v.location ? { location: v.location } : {}), trace: v.trace.map(stepOf) };
    case 'evalError': return { ...base, message: withoutLayout(v.message), stack: v.stack, trace: v.trace.map(stepOf) };
    default: return { verdict: v.kind, ...('message' in v ? { message: withoutLayout(v.message) } : {}) };
  }
}

/** The first part where `a` and `b` differ (`trace[2].state`, `message`…), or undefined. */
export function firstDifference(a: Said, b: Said): string | undefined {
  const keys: (keyof Said)[] = ['verdict', 'message', 'location', 'stack', 'trace', 'distinct', 'generated'];
  for (const k of keys) {
    if (k === 'trace' && a.trace && b.trace) {
      if (a.trace.length !== b.trace.length) return `trace length (${a.trace.length} against ${b.trace.length})`;
      for (let i = 0; i < a.trace.length; i++) {
        for (const part of ['action', 'args', 'location', 'state'] as const) {
          if (JSON.stringify(a.trace[i]![part]) !== JSON.stringify(b.trace[i]![part])) return `trace[${i}].${part}`;
        }
      }
    } else if ((k === 'distinct' || k === 'generated') && a[k] !== b[k] && (a[k] === undefined || b[k] === undefined)) {
      // TLC gives no count when an initial state is already wrong.
      if (a.trace?.length !== 1 && b.trace?.length !== 1) return k;
    } else if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One case

export interface ErrorCase {
  readonly d: FuzzModelD;
  readonly status: 'agree' | 'disagree' | 'known' | 'skipped' | 'build-error';
  /** For `known`: which of `KNOWN_ERROR_DIFFERENCES`. */
  readonly knownIssue?: string;
  readonly compiled?: Said;
  readonly tlc?: Said;
  /** TLC's own output, saved with a fixture. */
  readonly tlcOutput?: string;
  /** Where they differ, or why the case was skipped or could not be built. */
  readonly detail?: string;
  readonly files?: ReadonlyMap<string, string>;
}

/** TLC is the only judge of the error paths (the independent evaluation raises no errors). */
export type ErrorCaseOptions = JudgedOptions & Required<Pick<JudgedOptions, 'tlc'>>;

export async function runErrorCase(d: FuzzModelD, o: ErrorCaseOptions): Promise<ErrorCase> {
  const j = await judge(d, o);
  if (j.status !== 'checked') return { d, ...j };
  const compiled = said(j.compiled);
  const tlc = said(j.tlc!); // ErrorCaseOptions has TLC
  const files = j.files;
  const detail = firstDifference(compiled, tlc);
  if (!detail) return { d, status: 'agree', compiled, tlc, files };
  const known = KNOWN_ERROR_DIFFERENCES.find((k) => k.matches(compiled, tlc, j.job.tla));
  return { d, status: known ? 'known' : 'disagree', compiled, tlc, detail, ...(known ? { knownIssue: known.id } : {}), files };
}

// ---------------------------------------------------------------------------------------------
// Known differences: counted, not saved (each is described in the README)

export interface KnownErrorDifference {
  readonly id: string;
  readonly summary: string;
  /** `tla`: the module checked (to read the text a frame covers). */
  matches(compiled: Said, tlc: Said, tla: string): boolean;
}

const moduleName = (tla: string) => /MODULE (\w+)/.exec(tla)?.[1];

/** The text `at` covers in `tla`. */
function textOf(tla: string, at: TlaLocation): string {
  const lines = tla.split('\n').slice(at.startLine - 1, at.endLine);
  if (!lines.length) return '';
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, at.endCol);
  lines[0] = lines[0]!.slice(at.startCol - 1);
  return lines.join('\n');
}

export const KNOWN_ERROR_DIFFERENCES: readonly KnownErrorDifference[] = [
  {
    id: 'initial-state-text',
    summary: 'an error TLC raises as a TLCRuntimeException (a CASE with no arm true, a CHOOSE with no witness, a value outside an interval…) while checking an initial state\'s invariant or constraint: TLC appends "While working on the initial state:" and the state, its variables in SANY\'s symbol-table order, which this verifier does not model',
    matches: (c, t) => !!c.message && !!t.message && t.message.startsWith(`${c.message} While working on the initial state: `) && !firstDifference({ ...c, message: t.message }, t),
  },
  {
    id: 'no-tlc-stack',
    summary: 'an error TLC prints no location stack for, where this verifier gives the frames down to the failing expression: one raised in a function `[x \\in S |-> e]` TLC built lazily and evaluates only as it fingerprints the state, a sequence indexed past its end',
    matches: (c, t, tla) => c.verdict === 'evalError' && (c.stack?.length ?? 0) > 0 && t.stack?.length === 0 && !firstDifference({ ...c, stack: [] }, t)
      && (c.message!.startsWith('Attempted to access index ') || c.stack!.some((at) => at.module === moduleName(tla) && /^\[(\w+|<<[^>]*>>) \\in [^\n]* \|->/.test(textOf(tla, at)))),
  },
  {
    id: 'tlc-replay-stack',
    summary: 'an invariant\'s evaluation error on a state after the first: TLC takes the steps of the state before again to print a stack (ModelChecker#modelCheck: doNext with a CallStackTool, the successors it has seen passed over, the failing one among them), and prints the stack of the error that replay meets — none when it meets none — where this verifier gives the error\'s own; the states the replay adds are counted by both',
    matches: (c, t) => c.verdict === 'evalError' && evaluating(t.message ?? '')?.what === 'invariant' && (t.trace?.length ?? 0) > 1
      && JSON.stringify(c.stack) !== JSON.stringify(t.stack) && !firstDifference({ ...c, stack: t.stack }, t),
  },
  {
    id: 'tlc-trace-cut',
    summary: 'an invariant violated by a successor of a state another step of which raises an evaluation error: TLC stops at the violation before that step is taken, as this verifier does, but rebuilds the trace by generating the successors of the state before, action by action until it meets the violating state (Tool#getState), meets the error first, and prints the trace without its last state, the violating one, saying nothing of it; and as that error escapes before TLC ends the search (ModelChecker#doNextSetErr), TLC goes on with it, its count then that of a longer search',
    // TLC's trace has a state and its count is at least this verifier's: an initial state's violation (TLC gives no count there) is not this one.
    matches: (c, t) => c.verdict.startsWith('invariant ') && !!c.trace && !!t.trace && t.trace.length >= 1 && c.trace.length === t.trace.length + 1
      && t.distinct !== undefined && c.distinct !== undefined && t.distinct >= c.distinct && !firstDifference({ ...c, trace: c.trace.slice(0, -1), distinct: t.distinct, ...(t.generated !== undefined ? { generated: t.generated } : {}) }, t),
  },
];

// ---------------------------------------------------------------------------------------------
// Fixtures: a disagreement, reduced, with what TLC said (the suite checks the compiled verifier against it, TLC or not)

export interface ErrorFixture extends JudgedFixture<Said> {
  /** What TLC said (it is the judge of every error-path fixture). */
  readonly tlc: Said;
  /** A known difference (`KNOWN_ERROR_DIFFERENCES`' id) this model was kept to show, where TLC's answer is the wrong one: the compiled verifier differs from `tlc` by it alone. */
  readonly known?: string;
}

export const loadErrorFixtures = (dir = ERROR_FIXTURES_DIR) => loadFixtures<ErrorFixture>(dir);

// ---------------------------------------------------------------------------------------------
// Campaign

export type ErrorCampaignOptions = JudgedCampaignOptions<ErrorCase> & ErrorCaseOptions;

export interface ErrorCampaignReport extends JudgedReport {
  /** Known differences (`KNOWN_ERROR_DIFFERENCES`) met, by id. */
  known: Record<string, number>;
  /** How many of the models compared had each kind of guard taken away. */
  unguarded: Record<string, number>;
  /** How many of the models compared were built `shared`. */
  shared: number;
}

/** Which kinds of guard `unguarded` took away in `d` (its error-mode forms). */
export function unguardedKinds(d: FuzzModelD): string[] {
  const kinds = new Set<string>();
  const scan = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const k = (x as { k?: unknown }).k;
    if (k === 'head' || k === 'choose' || k === 'casePartial' || k === 'divBy' || k === 'opDiv' || k === 'assert') kinds.add(k);
    // The lazy forms by the way they are reached (`lazyAt`, `lazyAt-twice`, `lazyAt-except`, `lazyAt-atTwice`, `lazyAt-through`).
    if (k === 'lazyAt') { const via = (x as { via?: string }).via; kinds.add(via ? `lazyAt-${via}` : k); }
    for (const v of Object.values(x)) scan(v);
  };
  scan(d);
  return [...kinds].sort();
}

/** A difference's kind, for telling whether a reduced model still fails the same way (`trace[3].state` → `trace[].state`). */
const kindOf = (detail: string | undefined) => detail?.replace(/\[\d+\]/g, '[]').replace(/\(.*\)/, '').trim();

export function runErrorCampaign(o: ErrorCampaignOptions): Promise<ErrorCampaignReport> {
  const rep: ErrorCampaignReport = { ...emptyReport(), known: {}, unguarded: {}, shared: 0 };
  return runJudgedCampaign(o, rep, {
    arb: errorModelArb,
    fixturesDir: ERROR_FIXTURES_DIR,
    run: (d) => runErrorCase(d, o),
    verdictOf: (r) => r.compiled!.verdict,
    count: (r) => {
      for (const k of unguardedKinds(r.d)) tally(rep.unguarded, k);
      if (r.d.shared) rep.shared++;
      if (r.status === 'known') tally(rep.known, r.knownIssue!);
    },
    kindOf: (r) => kindOf(r.detail)!,
    save: saveJudgedFixture,
  });
}
