import { strict as assert } from 'node:assert';
import { maskSource } from '../../../src/engine/detectors/lexer';
import { blockChain, buildSourceModel, enclosingFunction } from '../../../src/engine/detectors/sourceModel';

describe('detector source model', () => {
  describe('maskSource', () => {
    it('blanks Go comments and strings but keeps lengths and line breaks', () => {
      const src = 'x := "a // b" // c\ny := `raw\n{` /* d */ + \'{\'\n';
      const m = maskSource(src, 'go');
      assert.equal(m.code.length, src.length);
      assert.equal(m.code.split('\n').length, src.split('\n').length);
      assert.doesNotMatch(m.code, /\/\/|\/\*|[abcd{]/);
      assert.match(m.keep, /"a \/\/ b"/);
      assert.doesNotMatch(m.keep, /\/\/ c|\/\* d/);
    });
    it('handles JS template literals with ${} and regex literals', () => {
      const src = 'const q = `SELECT ${cols.map((c) => `"${c}"`).join()} {`; const r = /[/"]+/g; const d = a / b; // "\n';
      const m = maskSource(src, 'typescript');
      assert.equal(m.code.length, src.length);
      assert.doesNotMatch(m.code, /SELECT|\{`/);
      assert.match(m.code, /cols\.map\(\(c\) =>/);
      assert.match(m.code, /const d = a \/ b;/);
      // No stray braces or quotes escape the literals.
      assert.equal((m.code.match(/\{/g) ?? []).length, (m.code.match(/\}/g) ?? []).length);
    });
    it('handles Python triple-quoted and prefixed strings and # comments', () => {
      const src = 'a = f"x {y}"  # c\nb = r\'\\d\'\nc = """\nq: {\n"""\n';
      const m = maskSource(src, 'python');
      assert.doesNotMatch(m.code, /[#xyqd{]/);
      assert.match(m.keep, /q: \{/);
      assert.deepEqual([...m.continuation!], [3, 4]);
    });
    it('handles Java text blocks and char literals', () => {
      const src = 'String s = """\n  SELECT "x" {\n  """; char c = \'"\'; // }\n';
      const m = maskSource(src, 'java');
      assert.doesNotMatch(m.code, /SELECT|[{}]/);
      assert.match(m.keep, /SELECT "x" \{/);
    });
  });

  describe('blocks', () => {
    it('Go: functions, multi-line signatures, loops, switch cases and goroutines', () => {
      const src = `package x

func (s *S) Handle(
	w http.ResponseWriter,
	r *http.Request,
) {
	for i := 0; i < 3; i++ {
		s.a()
	}
	switch r.Method {
	case "GET":
		s.get()
	default:
		s.other()
	}
	go func() {
		s.bg()
	}()
}
`;
      const m = buildSourceModel(src, 'go', 'x.go')!;
      const fn = enclosingFunction(m, 8)!;
      assert.equal(fn.kind, 'function');
      assert.equal(fn.headerLine, 3);
      assert.match(fn.header, /http\.ResponseWriter/);
      assert.equal(blockChain(m, 8)[0].kind, 'loop');
      assert.notEqual(m.lineBlock[12], m.lineBlock[14], 'each case is its own branch');
      assert.equal(blockChain(m, 12)[0].kind, 'case');
      const g = blockChain(m, 17)[0];
      assert.ok(g.concurrent && g.fn);
    });
    it('TypeScript: class methods with decorators, arrow callbacks as loops', () => {
      const src = `export class C {
  @Get(':id')
  async one(id: string): Promise<Map<string, number>> {
    items.forEach((i) => {
      use(i);
    });
    return new Map();
  }
}
`;
      const m = buildSourceModel(src, 'typescript', 'c.ts')!;
      const method = enclosingFunction(m, 7)!;
      assert.equal(method.kind, 'function');
      assert.match(method.decorators, /@Get/);
      const cb = blockChain(m, 5)[0];
      assert.ok(cb.loop && cb.fn);
    });
    it('Python: indentation suites, decorators, and strings that break indentation', () => {
      const src = `@app.route("/x")
def view(request):
    doc = """
not: a block
"""
    for x in xs:
        if x:
            pass
        else:
            q(x)
    return 1
`;
      const m = buildSourceModel(src, 'python', 'v.py')!;
      const fn = enclosingFunction(m, 11)!;
      assert.equal(fn.headerLine, 2);
      assert.equal(fn.endLine, 11);
      assert.match(fn.decorators, /@app\.route/);
      assert.equal(blockChain(m, 10)[0].kind, 'else');
      assert.equal(blockChain(m, 10)[1].kind, 'loop');
    });
    it('Java: annotated methods, lambdas and anonymous blocks', () => {
      const src = `@RestController
public class A {
  @Transactional(
      isolation = Isolation.SERIALIZABLE)
  public void save(List<R> rs) throws IOException {
    rs.parallelStream().forEach(r -> {
      repo.save(r);
    });
  }
}
`;
      const m = buildSourceModel(src, 'java', 'A.java')!;
      const fn = blockChain(m, 7).find((b) => b.kind === 'function')!;
      assert.equal(fn.headerLine, 5);
      assert.match(fn.decorators, /@Transactional\( isolation = Isolation\.SERIALIZABLE\)/);
      const lambda = blockChain(m, 7)[0];
      assert.ok(lambda.concurrent && lambda.loop);
      assert.match(blockChain(m, 7).find((b) => b.kind === 'class')!.decorators, /@RestController/);
    });
  });

  it('keeps block structure on over-long lines and refuses binary or huge text', () => {
    const long = 'x'.repeat(200_000);
    const src = `package x\n\nfunc f() {\n\ts := "${long}"\n\tif a {\n\t\tb()\n\t}\n}\n`;
    const m = buildSourceModel(src, 'go', 'x.go')!;
    assert.equal(m.lineCount, 9);
    assert.equal(enclosingFunction(m, 6)!.headerLine, 3);
    assert.ok(m.raw[4].length <= 4000);
    assert.equal(buildSourceModel('a\u0000b', 'go', 'x.go'), undefined);
    assert.equal(buildSourceModel('a'.repeat(2_100_000), 'go', 'x.go'), undefined);
  });
});
