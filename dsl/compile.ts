import type { Model } from './model.js';
import { emitCfg } from './emit/cfg.js';
import { emitModule } from './emit/module.js';
import { buildSourceMap, serializeSourceMap, type SourceMap } from './map/sourcemap.js';
import { SpanResolver } from './map/spans.js';

/** Everything one model emits, as file name → contents, plus the parsed source map. */
export interface Artifacts {
  readonly module: string;
  readonly files: ReadonlyMap<string, string>;
  readonly sourceMap: SourceMap;
  readonly configs: readonly { readonly name: string; readonly cfgFile: string }[];
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
  return { module: m.name, files, sourceMap, configs };
}
