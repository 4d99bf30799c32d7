/**
 * A message's signature: the variable parts (numbers, durations, ids,
 * addresses, quoted values) replaced by placeholders, so `timeout after 5s`
 * and `timeout after 7s` count as one kind of event. Text such as HTML is
 * kept as it is: it is data, never interpreted.
 */

const MAX_INPUT = 2000;
const MAX_TEMPLATE = 300;

const RULES: [RegExp, string][] = [
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, '<uuid>'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, '<time>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, '<ip>'],
  [/\b(?:[0-9a-fA-F]{1,4}:){4,7}[0-9a-fA-F]{1,4}\b/g, '<ip>'],
  [/\b0x[0-9a-fA-F]+\b/g, '<hex>'],
  // Hex ids and shas: at least 6 characters with both a digit and a letter.
  [/\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b/g, '<hex>'],
  // Opaque tokens (request ids, base64-ish): long runs mixing letters and digits.
  [/\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{16,}\b/g, '<id>'],
  // Prefixed ids (`ses_d6449266`, `req7f3a91b2`): words of 8+ characters mixing letters and 2+ digits.
  [/\b(?=\w*\d\w*\d)(?=\w*[A-Za-z])\w{8,}\b/g, '<id>'],
  [/"(?:[^"\\]|\\.)*"/g, '"<str>"'],
  [/(^|[\s=:([,])'(?:[^'\\\n]|\\.)*'(?=$|[\s,.;:)\]])/g, "$1'<str>'"],
  [/\b\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d)\b/g, '<dur>'],
  [/\b\d+(?:\.\d+)?\s?(?:[KMGT]i?B|[kmgt]b|bytes|B)\b/g, '<size>'],
  [/(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?!\w)/g, '<num>'],
];

// Production logs repeat the same messages verbatim; remembering them skips the regex passes.
const cache = new Map<string, string>();
const CACHE_SIZE = 10_000;

export function messageTemplate(message: string): string {
  const hit = cache.get(message);
  if (hit !== undefined) return hit;
  const t = computeTemplate(message);
  if (message.length <= 500) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(message, t);
  }
  return t;
}

function computeTemplate(message: string): string {
  let t = message.length > MAX_INPUT ? message.slice(0, MAX_INPUT) : message;
  for (const [re, repl] of RULES) t = t.replace(re, repl);
  t = t.replace(/\s+/g, ' ').trim();
  // Several placeholders in a row (e.g. `<num>/<num>/<num>`) stay distinct: their shape is part of the signature.
  return t.length > MAX_TEMPLATE ? `${t.slice(0, MAX_TEMPLATE)}…` : t;
}
