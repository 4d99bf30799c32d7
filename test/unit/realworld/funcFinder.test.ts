import { strict as assert } from 'node:assert';
import { enclosingFunction, functionName } from '../../../bench/realworld/funcFinder';

const C = `#include <stdio.h>
/* a { brace in a comment */
static const struct ops table = {
	.open = open_fn,
};

static int
parse_args(int argc, char **argv)
{
	const char *s = "}{";
	if (argc > 1) {
		return 1;
	}
#ifdef WITH_X
	if (x) {
#else
	if (y) {
#endif
		argc++;
	}
	return 0;
}

int main(void) { return parse_args(0, NULL); }
`;

describe('realworld: function finder', () => {
  it('names the C function around a line (GNU style, strings, comments, #if/#else)', () => {
    assert.deepEqual(enclosingFunction('x.c', C, 12), { name: 'parse_args', startLine: 7, endLine: 22 });
    assert.equal(enclosingFunction('x.c', C, 20)?.name, 'parse_args');
    assert.equal(enclosingFunction('x.c', C, 8)?.name, 'parse_args', 'the header line itself');
    assert.equal(enclosingFunction('x.c', C, 24)?.name, 'main');
  });

  it('finds nothing outside functions (initializers, includes, blank lines)', () => {
    assert.equal(enclosingFunction('x.c', C, 1), undefined);
    assert.equal(enclosingFunction('x.c', C, 4), undefined);
    assert.equal(enclosingFunction('x.c', C, 23), undefined);
    assert.equal(enclosingFunction('README.md', C, 12), undefined);
  });

  it('reads Go methods and skips closures', () => {
    const go = 'package x\n\nfunc (s *Server) Start(ctx context.Context) error {\n\tgo func() {\n\t\ts.run()\n\t}()\n\treturn nil\n}\n';
    assert.deepEqual(enclosingFunction('a/b.go', go, 5), { name: 'Start', startLine: 3, endLine: 8 });
  });

  it('reads JavaScript methods and named functions, not arrows or control blocks', () => {
    const js = 'export class Panel extends St.Widget {\n    _onClick(actor, event) {\n        this.items.forEach(i => {\n            i.open();\n        });\n        if (event) {\n            return;\n        }\n    }\n}\nfunction helper(a) {\n    return `${a}}`;\n}\n';
    assert.equal(enclosingFunction('js/ui/panel.js', js, 4)?.name, '_onClick');
    assert.equal(enclosingFunction('js/ui/panel.js', js, 7)?.name, '_onClick');
    assert.equal(enclosingFunction('js/ui/panel.js', js, 12)?.name, 'helper');
    assert.equal(enclosingFunction('js/ui/panel.js', js, 1), undefined);
  });

  it('reads Python by indentation', () => {
    const py = 'import os\n\nclass A:\n    def run(self, x):\n        if x:\n            return 1\n\n        return 2\n\ny = 3\n';
    assert.deepEqual(enclosingFunction('t.py', py, 6), { name: 'run', startLine: 4, endLine: 8 });
    assert.equal(enclosingFunction('t.py', py, 10), undefined);
  });

  it('classifies headers', () => {
    assert.equal(functionName('static inline int __attribute__((unused)) foo(int a)', 'c'), 'foo');
    assert.equal(functionName('if (a == b)', 'c'), undefined);
    assert.equal(functionName('static struct x y[] = ', 'c'), undefined);
    assert.equal(functionName('LIST_FOR_EACH (node, list)', 'c'), undefined);
    assert.equal(functionName('func main()', 'go'), 'main');
    assert.equal(functionName('foo.connect("x", () =>', 'js'), undefined);
  });

  it('copes with unbalanced or binary text', () => {
    assert.equal(enclosingFunction('x.c', 'int f(void) {\n\tif (a) {\n', 2), undefined);
    assert.doesNotThrow(() => enclosingFunction('x.c', '\0\xff{'.repeat(10000), 3));
  });
});
