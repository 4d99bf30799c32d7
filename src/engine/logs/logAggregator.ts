import type { LogEvent, LogLevel } from '../model';
import type { AssembledEvent } from './eventAssembler';
import { atLeast, maxLevel } from './levels';
import type { LocationStat, TemplateStat } from './logTypes';
import { messageTemplate } from './messageTemplate';
import type { PathMapper } from './pathMapper';
import { CappedTimes } from './timeSeries';

export interface AggregateOptions {
  mapper?: PathMapper;
  /** Events below it are counted (errors/warnings) but not aggregated. Default 'warn'. */
  minLevel?: LogLevel;
  /** In-repo frames per event that become locations. Default 8. */
  maxDepth?: number;
  timesCap?: number;
  sampleLimit?: number;
}

const MAX_KEYS = 20_000;
const OVERFLOW_TEMPLATE = '<other messages>';
const SAMPLE_MESSAGE = 2000;
const SAMPLE_FRAMES = 20;
const TEMPLATE_LOCATIONS = 20;
const KINDS_PER_LOCATION = 8;

interface LocAcc {
  stat: Omit<LocationStat, 'times' | 'kindTimes'>;
  times: CappedTimes;
  /** The message templates seen here (capped): with the file they name this location's kinds of event. */
  kinds: Set<string>;
}
interface TplAcc {
  stat: Omit<TemplateStat, 'times' | 'locations'>;
  times: CappedTimes;
  locations: Set<string>;
}

/** Folds events into per-location and per-template counts, times and samples. */
export class LogAggregator {
  errors = 0;
  warnings = 0;
  firstErrorAt: number | undefined;
  private readonly locs = new Map<string, LocAcc>();
  private readonly tpls = new Map<string, TplAcc>();
  /** Times per message template and file, whatever the line: one kind of event across deploys that shift lines. */
  private readonly sites = new Map<string, CappedTimes>();
  private samples: { e: LogEvent; seq: number }[] = [];
  private untimed: LogEvent[] = [];
  private seq = 0;
  private readonly minLevel: LogLevel;
  private readonly maxDepth: number;
  private readonly timesCap: number;
  private readonly sampleLimit: number;

  constructor(private readonly opts: AggregateOptions = {}) {
    this.minLevel = opts.minLevel ?? 'warn';
    this.maxDepth = opts.maxDepth ?? 8;
    this.timesCap = opts.timesCap ?? 5000;
    this.sampleLimit = opts.sampleLimit ?? 500;
  }

  add(e: AssembledEvent): void {
    if (e.level === 'error' || e.level === 'fatal') {
      this.errors++;
      if (Number.isFinite(e.time) && (this.firstErrorAt === undefined || e.time < this.firstErrorAt)) this.firstErrorAt = e.time;
    } else if (e.level === 'warn') this.warnings++;
    if (!atLeast(e.level, this.minLevel)) return;

    let template = messageTemplate(e.message);
    if (!this.tpls.has(template) && this.tpls.size >= MAX_KEYS) template = OVERFLOW_TEMPLATE;
    const top = this.addLocations(e, template);
    this.addTemplate(e, top, template);
    this.addSample(e);
  }

  locations(): LocationStat[] {
    // Each site's times sorted once: the locations of one file share them.
    const sorted = new Map<string, number[]>();
    const siteTimes = (k: string) => {
      let t = sorted.get(k);
      if (!t) sorted.set(k, (t = this.sites.get(k)?.sorted() ?? []));
      return t;
    };
    return [...this.locs.values()]
      .map((a) => ({ ...a.stat, times: a.times.sorted(), kindTimes: kindTimes(a, siteTimes) }))
      .sort((a, b) => b.count - a.count || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  }

  templates(): TemplateStat[] {
    return [...this.tpls.values()]
      .map((a) => ({ ...a.stat, times: a.times.sorted(), locations: [...a.locations] }))
      .sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
  }

  /** The earliest and the latest events by time (untimed ones only fill leftover room). */
  sampleEvents(): LogEvent[] {
    this.trimSamples(this.sampleLimit);
    const out = this.samples.map((s) => s.e);
    for (const e of this.untimed) if (out.length < this.sampleLimit) out.push(e);
    return out;
  }

  /** Returns the top in-repo location ('file:line') of the event, if any. */
  private addLocations(e: AssembledEvent, template: string): string | undefined {
    const seen = new Set<string>();
    const files = new Set<string>();
    let depth = 0;
    let top: string | undefined;
    for (let i = 0; i < e.frames.length && i < 64 && depth < this.maxDepth; i++) {
      const f = e.frames[i];
      const file = this.opts.mapper ? this.opts.mapper.map(f.rawPath, f.javaPackage ? { javaPackage: f.javaPackage } : undefined) : f.rawPath.replace(/\\/g, '/');
      if (!file) continue;
      const key = `${file}:${f.line ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      top ??= f.line === undefined ? file : key;
      let acc = this.locs.get(key);
      if (!acc) {
        if (this.locs.size >= MAX_KEYS) {
          depth++;
          continue;
        }
        acc = {
          stat: { file, depth, level: e.level, count: 0, firstAt: NaN, lastAt: NaN, sample: e.message.slice(0, 500) },
          times: new CappedTimes(this.timesCap),
          kinds: new Set(),
        };
        if (f.line !== undefined) acc.stat.line = f.line;
        if (f.func) acc.stat.func = f.func;
        this.locs.set(key, acc);
      }
      const s = acc.stat;
      s.count++;
      s.depth = Math.min(s.depth, depth);
      s.level = maxLevel(s.level, e.level);
      if (!s.func && f.func) s.func = f.func;
      spanTime(s, e.time);
      acc.times.add(e.time);
      if (acc.kinds.size < KINDS_PER_LOCATION) acc.kinds.add(template);
      if (!files.has(file)) {
        files.add(file);
        const k = siteKey(template, file);
        let site = this.sites.get(k);
        if (!site && this.sites.size < 2 * MAX_KEYS) this.sites.set(k, (site = new CappedTimes(this.timesCap)));
        site?.add(e.time);
      }
      depth++;
    }
    return top;
  }

  private addTemplate(e: AssembledEvent, top: string | undefined, template: string): void {
    let acc = this.tpls.get(template);
    if (!acc) {
      acc = {
        stat: { template, level: e.level, count: 0, firstAt: NaN, lastAt: NaN, sample: e.message.slice(0, 500) },
        times: new CappedTimes(this.timesCap),
        locations: new Set(),
      };
      this.tpls.set(template, acc);
    }
    acc.stat.count++;
    acc.stat.level = maxLevel(acc.stat.level, e.level);
    spanTime(acc.stat, e.time);
    acc.times.add(e.time);
    if (top && acc.locations.size < TEMPLATE_LOCATIONS) acc.locations.add(top);
  }

  private addSample(e: AssembledEvent): void {
    const slim: LogEvent = {
      ...e,
      message: e.message.length > SAMPLE_MESSAGE ? `${e.message.slice(0, SAMPLE_MESSAGE)}…` : e.message,
      frames: e.frames.slice(0, SAMPLE_FRAMES),
    };
    if (!Number.isFinite(e.time)) {
      if (this.untimed.length < this.sampleLimit) this.untimed.push(slim);
      return;
    }
    this.samples.push({ e: slim, seq: this.seq++ });
    if (this.samples.length >= 4 * this.sampleLimit) this.trimSamples(2 * this.sampleLimit);
  }

  /** Keeps the `keep/2` earliest and latest; everything is sorted by time afterwards. */
  private trimSamples(keep: number): void {
    this.samples.sort((a, b) => a.e.time - b.e.time || a.seq - b.seq);
    if (this.samples.length <= keep) return;
    const half = Math.floor(keep / 2);
    this.samples = [...this.samples.slice(0, half), ...this.samples.slice(this.samples.length - (keep - half))];
  }
}

/** The times of the kinds of event seen at a location, from its file at any line (sorted; shared when one kind). */
function kindTimes(a: LocAcc, siteTimes: (key: string) => number[]): number[] {
  const parts = [...a.kinds].map((t) => siteTimes(siteKey(t, a.stat.file)));
  return parts.length === 1 ? parts[0] : parts.flat().sort((x, y) => x - y);
}

function siteKey(template: string, file: string): string {
  return `${template}\u0000${file}`;
}

function spanTime(s: { firstAt: number; lastAt: number }, t: number): void {
  if (!Number.isFinite(t)) return;
  if (!(t >= s.firstAt)) s.firstAt = t;
  if (!(t <= s.lastAt)) s.lastAt = t;
}
