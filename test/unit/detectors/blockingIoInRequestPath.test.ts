import { strict as assert } from 'node:assert';
import { blockingIoInRequestPath } from '../../../src/engine/detectors/blockingIoInRequestPath';
import { detectIn } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(blockingIoInRequestPath, path, before, after);

describe('BLOCKING_IO_IN_REQUEST_PATH', () => {
  describe('Go', () => {
    it('flags time.Sleep added in an http handler', () => {
      const after = `package api

func (h *Handler) Refund(w http.ResponseWriter, r *http.Request) {
	time.Sleep(200 * time.Millisecond)
	h.svc.Refund(r.Context(), r.URL.Query().Get("id"))
}
`;
      const f = run('internal/server.go', undefined, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 4);
      assert.match(f[0].message, /time\.Sleep added in a request path \(handler at line 3\)/);
    });
    it('does not flag sleeps in a background worker, in a goroutine spawned by a handler, or in tests', () => {
      const worker = `package jobs

func (w *Worker) Run(ctx context.Context) {
	for {
		time.Sleep(time.Second)
		w.poll(ctx)
	}
}
`;
      const spawned = `package api

func (h *Handler) Kick(w http.ResponseWriter, r *http.Request) {
	go func() {
		time.Sleep(time.Second)
		h.svc.Flush()
	}()
	w.WriteHeader(202)
}
`;
      assert.deepEqual(run('jobs/worker.go', undefined, worker), []);
      assert.deepEqual(run('api/kick.go', undefined, spawned), []);
      assert.deepEqual(run('api/kick_test.go', undefined, worker.replace('Run(ctx context.Context)', 'Run(w http.ResponseWriter, r *http.Request)')), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags readFileSync and execSync inside express routes', () => {
      const after = `import fs from 'fs';
app.get('/report', (req, res) => {
  const tpl = fs.readFileSync('report.html', 'utf8');
  res.send(tpl);
});
router.post('/convert', async (req, res) => {
  execSync('convert in.png out.jpg');
  res.sendStatus(204);
});
`;
      const f = run('src/routes.js', undefined, after);
      assert.equal(f.length, 2);
      assert.deepEqual(f.map((x) => x.line), [3, 7]);
      assert.match(f[0].message, /blocks the Node event loop/);
    });
    it('does not flag readFileSync at startup or fs.promises in a handler', () => {
      const after = `import fs from 'fs';
const tpl = fs.readFileSync('report.html', 'utf8');
app.get('/report', async (req, res) => {
  const data = await fs.promises.readFile('data.json', 'utf8');
  res.send(tpl + data);
});
`;
      assert.deepEqual(run('src/routes.ts', undefined, after), []);
    });
  });

  describe('Python', () => {
    it('flags requests and time.sleep inside an async FastAPI endpoint', () => {
      const after = `@router.get("/rates")
async def rates():
    time.sleep(0.5)
    return requests.get(RATES_URL, timeout=2).json()
`;
      const f = run('app/api.py', undefined, after);
      assert.equal(f.length, 2);
      assert.match(f[0].message, /blocks the event loop/);
      assert.ok(f[0].confidence >= 0.7);
    });
    it('flags requests without a timeout in a Flask view, but not with one, nor in a CLI script', () => {
      const view = `@app.route("/rates")
def rates():
    return requests.get(RATES_URL).json()
`;
      const withTimeout = view.replace('requests.get(RATES_URL)', 'requests.get(RATES_URL, timeout=2)');
      const cli = `def main():\n    print(requests.get(RATES_URL).json())\n`;
      assert.equal(run('app/views.py', undefined, view).length, 1);
      assert.deepEqual(run('app/views.py', undefined, withTimeout), []);
      assert.deepEqual(run('tools/fetch.py', undefined, cli), []);
    });
    it('does not flag await asyncio.sleep or asyncio.to_thread', () => {
      const after = `@app.get("/x")
async def x():
    await asyncio.sleep(1)
    return await asyncio.to_thread(requests.get, URL)
`;
      assert.deepEqual(run('app/api.py', undefined, after), []);
    });
  });

  describe('Java', () => {
    it('flags Thread.sleep in a @GetMapping method and .block() in a reactive handler', () => {
      const after = `@RestController
public class RateController {
  @GetMapping("/rates")
  public Rates rates() throws InterruptedException {
    Thread.sleep(100);
    return service.rates();
  }

  @GetMapping("/quote")
  public Mono<Quote> quote() {
    Quote q = client.get().retrieve().bodyToMono(Quote.class).block();
    return Mono.just(q);
  }
}
`;
      const f = run('src/main/java/app/RateController.java', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.deepEqual(f.map((x) => x.line), [5, 11]);
    });
    it('does not flag Thread.sleep in a scheduled job or .block() in a servlet controller', () => {
      const job = `public class Poller {
  @Scheduled(fixedDelay = 1000)
  public void poll() throws InterruptedException {
    Thread.sleep(100);
  }
}
`;
      const servlet = `@RestController
public class Q {
  @GetMapping("/q")
  public Quote q() {
    return client.get().retrieve().bodyToMono(Quote.class).block();
  }
}
`;
      assert.deepEqual(run('src/main/java/app/Poller.java', undefined, job), []);
      assert.deepEqual(run('src/main/java/app/Q.java', undefined, servlet), []);
    });
  });
});

describe('BLOCKING_IO_IN_REQUEST_PATH: per-request file reads', () => {
  it('flags file reads in Java, Go and async Python handlers at lower confidence, not at startup', () => {
    const java = `@RestController
public class P {
  @PostMapping("/process")
  public ResponseEntity<?> process() throws IOException {
    byte[] rates = Files.readAllBytes(Path.of("/etc/fx.json"));
    return ResponseEntity.ok(rates);
  }
  static final byte[] BOOT = load();
}
`;
    const j = run('src/main/java/app/P.java', undefined, java);
    assert.equal(j.length, 1);
    assert.ok(j[0].confidence < 0.5);
    const go = `package api\n\nfunc (h *H) Rates(w http.ResponseWriter, r *http.Request) {\n\tb, _ := os.ReadFile("/etc/fx.json")\n\tw.Write(b)\n}\n`;
    assert.equal(run('api/rates.go', undefined, go).length, 1);
    const py = `@app.get("/rates")\nasync def rates():\n    with open("/etc/fx.json") as f:\n        return f.read()\n`;
    assert.equal(run('app/api.py', undefined, py).length, 1);
    const startup = `import json\n\nwith open("/etc/fx.json") as f:\n    RATES = json.load(f)\n\n@app.get("/rates")\nasync def rates():\n    return RATES\n`;
    assert.deepEqual(run('app/api.py', undefined, startup), []);
  });
});
