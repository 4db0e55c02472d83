import type { Model } from './model.js';
import type * as ir from './ir/nodes.js';
import { emitCfg } from './emit/cfg.js';
import { emitModule } from './emit/module.js';
import type { SpanEntry } from './emit/writer.js';
import { buildSourceMap, serializeSourceMap, type SourceMap } from './map/sourcemap.js';
import { SpanResolver } from './map/spans.js';

/** Everything one model emits, as file name → contents, plus the parsed source map. */
export interface Artifacts {
  readonly module: string;
  readonly files: ReadonlyMap<string, string>;
  /** The map as written to `Module.map.json`. */
  readonly sourceMap: SourceMap;
  /** The emitter's spans, each with its IR node's own location object (`SpanEntry.dsl`): what a checker locates expressions by. */
  readonly spans: readonly SpanEntry[];
  readonly configs: readonly { readonly name: string; readonly cfgFile: string }[];
  /** The module text of every model it instantiates (`m.instance`), by module name: TLC reads them beside it. */
  readonly instanced: ReadonlyMap<string, string>;
}

/** `Module.tla`, `Module.<config>.cfg` for each config, and `Module.map.json`. */
export function compile(model: Model, resolver = new SpanResolver()): Artifacts {
  // Lowered and checked once, by model(): this only prints.
  const m = model.module;
  const { text, spans } = emitModule(m);
  const sourceMap = buildSourceMap(m.name, spans, resolver, model.root);
  const files = new Map<string, string>([[`${m.name}.tla`, text]]);
  const configs = m.configs.map((c) => {
    const cfgFile = `${m.name}.${c.name}.cfg`;
    files.set(cfgFile, emitCfg(m, c));
    return { name: c.name, cfgFile };
  });
  files.set(`${m.name}.map.json`, serializeSourceMap(sourceMap));
  const instanced = instancedModules(m);
  for (const [name, tla] of instanced) files.set(`${name}.tla`, tla);
  return { module: m.name, files, sourceMap, spans, configs, instanced };
}

/** The modules `m` instantiates, and theirs, as emitted (the instanced model's own `gen` writes the same text). */
export function instancedModules(m: ir.Module, out = new Map<string, string>()): Map<string, string> {
  for (const i of m.instances ?? []) {
    if (out.has(i.module.name)) continue;
    out.set(i.module.name, emitModule(i.module).text);
    instancedModules(i.module, out);
  }
  return out;
}
