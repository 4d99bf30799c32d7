/**
 * Evaluates the small numeric expressions configuration values are written
 * in: `50`, `30_000L`, `30 * time.Second`, `Duration.ofSeconds(5)`,
 * `timedelta(minutes=5)`, `5 * 60 * 1000`, `"30s"`, `500ms`. Durations come
 * back in milliseconds with unit 'ms'; plain numbers with unit 'n'.
 */
export interface Value {
  v: number;
  unit: 'ms' | 'n';
  /** The expression as written, whitespace collapsed. */
  text: string;
}

const MS: Record<string, number> = {
  ns: 1e-6, nanosecond: 1e-6, nanoseconds: 1e-6, nanos: 1e-6,
  us: 1e-3, µs: 1e-3, microsecond: 1e-3, microseconds: 1e-3, micros: 1e-3,
  ms: 1, millisecond: 1, milliseconds: 1, millis: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60000, min: 60000, mins: 60000, minute: 60000, minutes: 60000,
  h: 3600000, hr: 3600000, hour: 3600000, hours: 3600000,
  d: 86400000, day: 86400000, days: 86400000,
};

const NUM = String.raw`\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?`;

function num(s: string): number {
  return Number(s.replace(/_/g, ''));
}

function factor(f: string): { v: number; ms: boolean } | undefined {
  let t = f.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^["'\`]?(${NUM})[lLfFdDuU]*\\s*(ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hours?|d|days?)?["'\`]?$`).exec(t))) {
    return m[2] ? { v: num(m[1]) * MS[m[2]], ms: true } : { v: num(m[1]), ms: false };
  }
  if ((m = /^time\s*\.\s*(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)$/.exec(t))) {
    return { v: MS[m[1].toLowerCase()], ms: true };
  }
  if ((m = new RegExp(`^time\\s*\\.\\s*Duration\\s*\\(\\s*(${NUM})\\s*\\)$`).exec(t))) return { v: num(m[1]), ms: false };
  if ((m = new RegExp(`^Duration\\s*\\.\\s*of(Nanos|Millis|Seconds|Minutes|Hours|Days)\\s*\\(\\s*(${NUM})[lL]?\\s*\\)$`).exec(t))) {
    return { v: num(m[2]) * MS[m[1].toLowerCase()], ms: true };
  }
  if ((m = new RegExp(`^(?:datetime\\s*\\.\\s*)?timedelta\\s*\\(\\s*(microseconds|milliseconds|seconds|minutes|hours|days)\\s*=\\s*(${NUM})\\s*\\)$`).exec(t))) {
    return { v: num(m[2]) * MS[m[1]], ms: true };
  }
  if ((m = new RegExp(`^TimeUnit\\s*\\.\\s*(NANOSECONDS|MICROSECONDS|MILLISECONDS|SECONDS|MINUTES|HOURS|DAYS)\\s*\\.\\s*to\\w+\\s*\\(\\s*(${NUM})[lL]?\\s*\\)$`).exec(t))) {
    return { v: num(m[2]) * MS[m[1].toLowerCase()], ms: true };
  }
  return undefined;
}

/** Evaluates a product of factors (`30 * time.Second`, `5 * 60 * 1000`); undefined for anything else. */
export function evaluate(expr: string): Value | undefined {
  const text = expr.replace(/\s+/g, ' ').trim().replace(/[,;]$/, '').trim();
  if (text === '' || text.length > 80) return undefined;
  const parts = text.split('*');
  let v = 1;
  let ms = false;
  for (const p of parts) {
    const f = factor(p);
    if (!f || !Number.isFinite(f.v)) return undefined;
    v *= f.v;
    ms ||= f.ms;
  }
  return { v, unit: ms ? 'ms' : 'n', text: text.replace(/^(["'`])(.*)\1$/, '$2') };
}

/**
 * The value expression at the start of `s`: up to the first top-level comma,
 * closing bracket, semicolon or end. Java's `(10, TimeUnit.SECONDS)` is taken
 * as one duration.
 */
export function leadingValue(s: string): Value | undefined {
  let depth = 0;
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) { end = i; break; }
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) { end = i; break; }
  }
  const head = evaluate(s.slice(0, end));
  if (!head) return undefined;
  const unit = /^,\s*(?:java\.util\.concurrent\.)?TimeUnit\s*\.\s*(NANOSECONDS|MICROSECONDS|MILLISECONDS|SECONDS|MINUTES|HOURS|DAYS)\b/.exec(s.slice(end));
  if (unit && head.unit === 'n') return { v: head.v * MS[unit[1].toLowerCase()], unit: 'ms', text: `${head.text} ${unit[1].toLowerCase()}` };
  return head;
}

/** `×4`, `÷6`, `×1.5`. */
export function ratioText(a: number, b: number): string {
  if (a === 0 || b === 0) return a === 0 ? 'from 0' : 'to 0';
  const r = b / a;
  const fmt = (x: number): string => (Math.abs(x - Math.round(x)) < 0.05 ? String(Math.round(x)) : x.toFixed(1));
  return r >= 1 ? `×${fmt(r)}` : `÷${fmt(1 / r)}`;
}
