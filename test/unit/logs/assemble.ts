import { EventAssembler, type AssembledEvent, type AssemblerCounters } from '../../../src/engine/logs/eventAssembler';

/** Runs text through an EventAssembler, as the scanner does for one file. */
export function assemble(text: string, date = '2024-01-18'): { events: AssembledEvent[]; counters: AssemblerCounters } {
  const events: AssembledEvent[] = [];
  const counters: AssemblerCounters = { formats: {}, linesSkipped: 0 };
  const a = new EventAssembler('mem.log', { date }, counters, (e) => events.push(e));
  text.split('\n').forEach((l, i) => a.line(l, i + 1));
  a.end();
  return { events, counters };
}
