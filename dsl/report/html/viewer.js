// The trace viewer of `--format html`: reads the page's JSON (dsl/report/html/view.ts, PageView)
// and draws the verdict matrix or one trace as swimlanes, by the URL's hash (#trace-N).
'use strict';
(() => {
  const page = JSON.parse(document.getElementById('report-data').textContent);
  const app = document.getElementById('app');
  const matrixMode = page.traces.length !== 1 || page.matrix.cells.length > 1;

  /** h('div', { class: 'x' }, child, …): a DOM element; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c);
    return el;
  }

  function show() {
    const id = location.hash.slice(1);
    const trace = page.traces.find((t) => t.id === id) || (!matrixMode ? page.traces[0] : undefined);
    app.replaceChildren(trace ? traceView(trace) : matrixView());
    document.title = trace ? `${trace.title} — zswap-tla` : page.title;
  }

  // ---- the matrix: models down, configs across, each run's verdict linking to its trace ----
  function matrixView() {
    const m = page.matrix;
    const cell = (model, config) => {
      const c = m.cells.find((x) => x.model === model && x.config === config);
      if (!c) return h('td', { class: 'empty' }, '—');
      return h('td', { class: c.asExpected ? 'ok' : 'bad', title: `expected ${c.expected}` },
        c.runs.map((r) => h('div', {}, r.trace ? h('a', { href: `#${r.trace}` }, r.verdict) : r.verdict, h('small', {}, ` ${r.backend}`),
          r.covers ? h('div', { class: 'covers' }, h('small', {}, r.covers)) : undefined,
          notesView(r.notes, false))));
    };
    const ok = m.cells.filter((c) => c.asExpected).length;
    return h('main', { class: 'matrix' },
      h('h1', {}, page.title),
      h('p', {}, `${ok} of ${m.cells.length} configs as expected. Green: the verdict the model expects; red: not. Click a verdict to see its trace.`),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'model \\ config'), m.configs.map((c) => h('th', {}, c)))),
        h('tbody', {}, m.models.map((model) => h('tr', {}, h('th', {}, model), m.configs.map((c) => cell(model, c)))))));
  }

  // ---- one trace: header, swimlanes on the left, the selected step on the right ----
  function traceView(t) {
    const detail = h('aside', { class: 'detail' });
    const all = t.loop && t.loop.closing ? [...t.steps, t.loop.closing] : t.steps;
    const select = (i) => {
      for (const b of lanes.querySelectorAll('.step')) b.classList.toggle('selected', Number(b.dataset.pos) === i);
      detail.replaceChildren(...stepDetail(all[i], i > 0, i === t.steps.length).flat(Infinity).filter(Boolean));
    };
    const lanes = laneGrid(t, select);
    lanes.addEventListener('keydown', (e) => {
      const cur = Number(lanes.querySelector('.step.selected')?.dataset.pos ?? 0);
      const next = e.key === 'ArrowDown' ? cur + 1 : e.key === 'ArrowUp' ? cur - 1 : undefined;
      if (next === undefined || next < 0 || next >= all.length) return;
      e.preventDefault();
      select(next);
      lanes.querySelector(`.step[data-pos="${next}"]`).focus();
    });
    const p = t.problem;
    const view = h('main', { class: 'trace' },
      h('header', {},
        matrixMode ? h('a', { href: '#', class: 'back' }, '← all configs') : undefined,
        h('h1', {}, t.title),
        h('p', { class: `verdict ${t.asExpected ? 'ok' : 'bad'}` }, t.verdict, h('span', {}, ` — expected ${t.expected} ${t.asExpected ? '✓' : '✗'}`), h('small', {}, ` ${t.counts}`)),
        p ? h('details', { class: 'problem' },
          h('summary', {}, `✗ ${p.message}`, p.where ? h('code', {}, ` ${p.where}`) : undefined, ` — ${p.failsAt}`),
          p.frame ? frameView(p.frame) : undefined) : undefined,
        notesView(t.notes, true)),
      h('div', { class: 'body' }, lanes, detail));
    select(Math.max(0, t.steps.length - 1));
    return view;
  }

  /** What the checker printed besides its verdict, a block each (warnings open on a trace: one may say the trace is cut short). */
  function notesView(notes, open) {
    return (notes || []).map((b) => h('details', { class: `notes ${b.title}`, open: open && b.title === 'warnings' },
      h('summary', {}, b.title),
      h('pre', {}, b.lines.join('\n'))));
  }

  /** A CSS grid: column 1 holds the loop-back bracket, then one column per lane; one row per step. */
  function laneGrid(t, select) {
    const n = t.lanes.length || 1;
    const grid = h('section', { class: 'lanes', style: `grid-template-columns: 2.2em repeat(${n}, minmax(11em, 1fr))` });
    const row = (pos) => pos + 2;
    const rows = t.steps.length + (t.loop && t.loop.closing ? 1 : 0) + 1;
    t.lanes.forEach((l, i) => {
      grid.append(h('div', { class: 'lane-head', style: `grid-column: ${i + 2}; grid-row: 1` }, l));
      grid.append(h('div', { class: 'lane-line', style: `grid-column: ${i + 2}; grid-row: 2 / ${rows + 2}` }));
    });
    const box = (s, pos, extra) => h('button', {
      class: `step${extra ? ` ${extra.cls}` : ''}`, 'data-pos': pos, 'data-index': s.index,
      style: `grid-row: ${row(pos)}; grid-column: ${s.lane < 0 ? `2 / span ${n}` : s.lane + 2}`,
      title: s.title, onclick: () => select(pos),
    },
    h('span', { class: 'n' }, extra ? '↻' : s.index), h('b', {}, s.label),
    s.where ? h('small', { class: 'where' }, s.where) : undefined,
    extra ? h('small', { class: 'loop-text' }, extra.text) : undefined,
    s.index > 1 || extra ? s.effects.map((e) => h('code', { class: 'effect' }, e)) : undefined);
    t.steps.forEach((s, pos) => grid.append(box(s, pos)));
    let last = t.steps.length - 1;
    if (t.loop && t.loop.closing) grid.append(box(t.loop.closing, ++last, { cls: 'closing', text: t.loop.text }));
    if (t.loop && t.loop.to !== undefined) {
      grid.append(h('div', { class: 'loop', title: t.loop.text, style: `grid-column: 1; grid-row: ${row(t.loop.to - 1)} / ${row(last) + 1}` }));
    }
    const end = endNote(t);
    if (end) grid.append(h('div', { class: 'end', style: `grid-column: 2 / span ${n}; grid-row: ${row(last + 1)}` }, end));
    return grid;
  }

  /** What happens after the last state: the failure, a deadlock's waiting processes, stuttering. */
  function endNote(t) {
    if (t.waiting) {
      return [h('b', {}, '✗ deadlock: no step is enabled'), h('ul', {}, t.waiting.map((w) => h('li', {},
        `${w.actor} waits at `, h('b', {}, w.label), w.where ? h('code', {}, ` ${w.where}`) : undefined,
        w.guards.length ? [' on ', w.guards.map((g) => h('code', { title: g.where }, g.text)).reduce((a, b) => [a, ' and ', b])] : ' (no guard: its step is disabled)',
        w.values.length ? h('small', { class: 'values' }, ` where ${w.values.join('; ')}`) : undefined)))];
    }
    if (t.loop && t.loop.to === undefined) return [h('b', {}, '…then stutters forever')];
    if (t.problem && !t.loop) return [h('b', {}, `✗ ${t.problem.message}`), ` — ${t.problem.failsAt}`, t.problem.where ? h('code', {}, ` ${t.problem.where}`) : undefined];
    return undefined;
  }

  // ---- the selected step: code frames, its changes, the state after it, with a variable filter ----
  function stepDetail(s, hasPrev, closing) {
    const changed = new Set(s.changes.map((c) => c.path));
    // A state row is changed when it is a changed part, or holds one (a tuple shown whole), or lies in one.
    const within = (path, outer) => path.startsWith(`${outer}[`) || path.startsWith(`${outer}.`);
    const filter = h('input', { type: 'search', class: 'filter', placeholder: 'filter by variable', list: 'vars', 'aria-label': 'filter by variable' });
    const vars = h('datalist', { id: 'vars' }, [...new Set(s.state.map((l) => l.variable))].map((v) => h('option', { value: v })));
    const changes = h('table', { class: 'changes' },
      h('thead', {}, h('tr', {}, h('th', {}, 'changed'), h('th', {}, 'before'), h('th', {}, 'after'))),
      h('tbody', {}, s.changes.map((c) => h('tr', { 'data-var': c.variable, 'data-path': c.path },
        h('td', {}, c.path), h('td', { class: 'from' }, c.from ?? ''), h('td', {}, h('mark', {}, c.to))))));
    const reads = h('table', { class: 'reads' },
      h('tbody', {}, s.reads.map((r) => h('tr', { 'data-var': r.path.split(/[[.]/)[0], 'data-path': r.path }, h('td', {}, r.path), h('td', {}, r.value)))));
    const state = h('table', { class: 'state' },
      h('tbody', {}, s.state.map((l) => h('tr', { 'data-var': l.variable, 'data-path': l.path, class: changed.has(l.path) || [...changed].some((p) => within(l.path, p) || within(p, l.path)) ? 'changed' : undefined },
        h('td', {}, l.path), h('td', {}, l.value)))));
    filter.addEventListener('input', () => {
      const q = filter.value.trim().toLowerCase();
      for (const tr of [...changes.tBodies[0].rows, ...reads.tBodies[0].rows, ...state.tBodies[0].rows]) tr.hidden = q !== '' && !tr.dataset.path.toLowerCase().includes(q);
    });
    return [
      h('h2', {}, closing ? `↻ ${s.title} — back to state ${s.index}` : `${s.index}. ${s.title}`),
      s.frames.length ? s.frames.map(frameView) : h('p', { class: 'muted' }, 'No DSL location for this step.'),
      h('div', { class: 'filter-row' }, filter, vars),
      hasPrev ? [h('h3', {}, `Changes (${s.changes.length})`), s.changes.length ? changes : h('p', { class: 'muted' }, 'Nothing changed.')] : undefined,
      s.reads.length ? [h('h3', { title: 'every state variable the step’s expressions mention, before the step' }, 'Read, not changed'), reads] : undefined,
      h('h3', {}, closing ? `State ${s.index} (again)` : s.index === 1 ? 'Initial state' : `State after step ${s.index}`), state,
    ];
  }

  function frameView(f) {
    return h('figure', { class: 'frame' },
      h('figcaption', {}, f.caption),
      h('pre', {}, f.lines.map((line, i) => {
        const n = f.first + i;
        const hl = n >= f.from && n <= f.to;
        return h('div', { class: hl ? 'hl' : undefined }, h('span', { class: 'ln' }, `${hl ? '>' : ' '}${String(n).padStart(4)} │ `), line);
      })));
  }

  window.addEventListener('hashchange', show);
  show();
})();
