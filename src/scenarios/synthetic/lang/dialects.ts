import type { Dialect, LangId } from '../types';

const withArg = (line: string, re: RegExp, add: (m: RegExpExecArray) => string): string | null => {
  const m = re.exec(line);
  return m ? line.slice(0, m.index) + add(m) + line.slice(m.index + m[0].length) : null;
};

export const DIALECTS: Record<LangId, Dialect> = {
  go: {
    comment: '//',
    indentUnit: '\t',
    funcStart: /^func .*\{$/,
    logLine: (level, msg) => `slog.${level === 'debug' ? 'Debug' : 'Info'}("${msg}")`,
    metricLine: (name) => `metrics.Inc("${name}")`,
    guard: (flag) => [`if flags.Enabled("${flag}") {`, `\tslog.Debug("${flag} enabled")`, '}'],
    helper: (name) => [`func ${name}(s string) string {`, '\treturn strings.TrimSpace(strings.ToLower(s))', '}'],
    helperInClass: false,
    appendArg: (line, svc) => withArg(line, /(slog\.(?:Info|Warn|Error|Debug)\("[^"]*"(?:, [^)]*)?)\)$/, (m) => `${m[1]}, "service", "${svc}")`),
  },
  typescript: {
    comment: '//',
    indentUnit: '  ',
    funcStart: /^\s*(export\s+)?(async\s+)?(function\s+)?(?!if\b|for\b|while\b|switch\b|catch\b|return\b)\w+\s*\([^;]*\)\s*(:\s*[^={;]+)?\{$/,
    logLine: (level, msg) => `logger.${level}('${msg}');`,
    metricLine: (name) => `metrics.increment('${name}');`,
    guard: (flag) => [`if (flags.enabled('${flag}')) {`, `  logger.debug('${flag} enabled');`, '}'],
    helper: (name) => [`export function ${name}(s: string): string {`, '  return s.trim().toLowerCase();', '}'],
    helperInClass: false,
    appendArg: (line, svc) =>
      withArg(line, /(logger\.(?:info|warn|error|debug)\('[^']*', \{ )([^}]*) \}\);$/, (m) => `${m[1]}${m[2]}, service: '${svc}' });`) ??
      withArg(line, /(logger\.(?:info|warn|error|debug)\('[^']*')\);$/, (m) => `${m[1]}, { service: '${svc}' });`),
  },
  python: {
    comment: '#',
    indentUnit: '    ',
    funcStart: /^\s*(async\s+)?def \w+\(.*\).*:$/,
    logLine: (level, msg) => `logger.${level}("${msg}")`,
    metricLine: (name) => `metrics.increment("${name}")`,
    guard: (flag) => [`if flags.enabled("${flag}"):`, `    logger.debug("${flag} enabled")`],
    helper: (name) => [`def ${name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}(s: str) -> str:`, '    return s.strip().lower()'],
    helperInClass: false,
    appendArg: (line, svc) =>
      withArg(line, /(logger\.\w+\("[^"]*", extra=\{)/, (m) => `${m[1]}"service": "${svc}", `) ??
      withArg(line, /(logger\.\w+\("[^"]*")\)$/, (m) => `${m[1]}, extra={"service": "${svc}"})`),
  },
  java: {
    comment: '//',
    indentUnit: '    ',
    funcStart: /^\s+(public|private|protected)( static)?( final)?( synchronized)? [\w<>[\], ?]+ \w+\(.*\)( throws [\w., ]+)? \{$/,
    logLine: (level, msg) => `log.${level}("${msg}");`,
    metricLine: (name) => `metrics.counter("${name}").increment();`,
    guard: (flag) => [`if (flags.enabled("${flag}")) {`, `    log.debug("${flag} enabled");`, '}'],
    helper: (name) => [`private static String ${name}(String s) {`, '    return s.trim().toLowerCase();', '}'],
    helperInClass: true,
    appendArg: (line, svc) => withArg(line, /(log\.(?:info|warn|error|debug)\("[^"]*)(")/, (m) => `${m[1]} [${svc}]${m[2]}`),
  },
};
