/** The exit codes and environment variables each subcommand's `--help` lists. */

const CODES = {
  0: '0  every config gave the verdict its model expects (seeded bugs found count as expected)',
  1: '1  a property was violated unexpectedly, or an expected violation was not found',
  2: '2  bad input: a DSL or type error, a model file that failed to load, a wrong argument; or (gen) generated/ is stale (--check) or could not be replaced',
  3: '3  a checker crashed, timed out, rejected what was emitted, or the backends disagree; (tlc install) the download failed',
  130: '130/143/129  stopped by SIGINT/SIGTERM/SIGHUP (128 + signal); checkers stopped, temp files removed',
} as const;

const ENV = {
  TLA2TOOLS_JAR: 'TLA2TOOLS_JAR   the tla2tools.jar to use (default: $XDG_CACHE_HOME/zswap-tla/tla2tools.jar)',
  JAVA: 'JAVA            the java executable that runs TLC (default: java on PATH)',
  JAVAC: 'JAVAC           with --distributed: the javac that compiles its launcher once per jar (default: javac beside JAVA, else on PATH)',
  XDG_CACHE_HOME: 'XDG_CACHE_HOME  where `tlc install` puts the jar and `check` looks for it (default: ~/.cache)',
  GITHUB: 'GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA  in GitHub Actions: Markdown reports link to the checked commit',
  COLOR: 'FORCE_COLOR, NO_COLOR  force or turn off colour in the text report (default: colour on a terminal)',
} as const;

type Code = keyof typeof CODES;
type Env = keyof typeof ENV;

/** The text after a command's options: exit codes, then environment variables. */
export function helpFooter(codes: readonly Code[], env: readonly Env[], own: Partial<Record<Code, string>> = {}): string {
  const lines = ['', 'Exit codes:', ...codes.map((c) => `  ${own[c] !== undefined ? `${c}  ${own[c]}` : CODES[c]}`)];
  lines.push('', 'Environment:', ...(env.length ? env.map((e) => `  ${ENV[e]}`) : ['  (none read)']));
  return `${lines.join('\n')}\n`;
}

export const CHECK_HELP = helpFooter([0, 1, 2, 3, 130], ['TLA2TOOLS_JAR', 'JAVA', 'JAVAC', 'XDG_CACHE_HOME', 'GITHUB', 'COLOR']);
