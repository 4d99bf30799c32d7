import type { Language } from '../model';
import type { Block } from './blocks';
import { blockChain, type SourceModel } from './sourceModel';

/** Files whose functions serve requests by convention. */
export const HANDLER_PATH = /(^|\/)(handlers?|controllers?|routes?|routers?|api|endpoints?|views?|resolvers?|rest|web|server)(\/|[._-][^/]*$)/i;

const GO_HANDLER = /http\s*\.\s*ResponseWriter|\*\s*http\s*\.\s*Request\b|\*\s*gin\s*\.\s*Context|\becho\s*\.\s*Context|\bfiber\s*\.\s*Ctx|\bfasthttp\s*\.\s*RequestCtx|\bchi\s*\.\s*Router/;
const JS_HANDLER = /\(\s*(req|request)\b[^)]*,\s*(res|response|reply|h)\b|\b(app|router|server|api|route|routes|fastify|r)\s*\.\s*(get|post|put|patch|delete|all|use|route|handle|head|options)\s*\(|\(\s*ctx\b[^)]*,\s*next\b|^(export\s+)?(default\s+)?(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|handler|middleware)\b/;
const JS_DECORATOR = /@(Get|Post|Put|Patch|Delete|All|Head|Options)\s*\(/;
const PY_DECORATOR = /@\s*[\w.]*\.\s*(route|get|post|put|patch|delete|api_route|websocket|head|options)\s*\(|@api_view\b|@action\b|@require_http_methods\b|@(app|router|bp|blueprint|api)\s*\./;
const PY_VIEW = /^(async\s+)?def\s+\w+\s*\(\s*(self\s*,\s*)?request\b/;
const JAVA_MAPPING = /@(Get|Post|Put|Delete|Patch|Request)Mapping\b|@(GET|POST|PUT|DELETE|PATCH|Path)\b|@MessageMapping\b/;
const JAVA_CONTROLLER = /@(RestController|Controller)\b/;

export interface RequestContext {
  /** The function that serves the request, when recognised by its signature or annotations. */
  handler?: Block;
  /** Only the file path suggests a request path. */
  byPathOnly: boolean;
  /** The handler runs on an event loop (async def, async JS function, reactive Java). */
  eventLoop: boolean;
  /** Short description for messages. */
  how: string;
}

function isHandler(b: Block, language: Language, classDecorators: string): boolean {
  const h = b.header;
  switch (language) {
    case 'go': return GO_HANDLER.test(h);
    case 'typescript':
    case 'javascript': return JS_HANDLER.test(h) || JS_DECORATOR.test(b.decorators);
    case 'python': return PY_DECORATOR.test(b.decorators) || PY_VIEW.test(h);
    case 'java': return JAVA_MAPPING.test(b.decorators) || JAVA_MAPPING.test(h) || (JAVA_CONTROLLER.test(classDecorators) && /^public\b/.test(h));
    default: return false;
  }
}

/**
 * Whether line n of a file runs while serving a request: inside a handler
 * (by signature/annotation) or, failing that, inside a function of a
 * handlers/controllers/routes file. Code in a goroutine, thread or executor
 * spawned from the handler does not hold the request. Undefined when not.
 */
export function requestContext(m: SourceModel, n: number, path: string): RequestContext | undefined {
  const chain = blockChain(m, n);
  const cls = chain.find((b) => b.kind === 'class');
  const classDecorators = cls ? cls.decorators + ' ' + cls.header : '';
  for (const b of chain) {
    if (b.concurrent) return undefined;
    if (!b.fn) continue;
    if (isHandler(b, m.language, classDecorators)) {
      // Node serves every request on one thread, so any handler there is on the event loop.
      const eventLoop = m.language === 'python' ? /^async\s+def\b/.test(b.header)
        : m.language === 'java' ? /\b(Mono|Flux)\s*</.test(b.header)
          : m.language === 'typescript' || m.language === 'javascript';
      return { handler: b, byPathOnly: false, eventLoop, how: `handler at line ${b.headerLine}` };
    }
  }
  const fn = chain.find((b) => b.fn);
  if (fn && HANDLER_PATH.test(path)) {
    return { byPathOnly: true, eventLoop: m.language === 'typescript' || m.language === 'javascript', how: `function at line ${fn.headerLine} of a request-handling file` };
  }
  return undefined;
}
