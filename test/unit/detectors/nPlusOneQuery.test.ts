import { strict as assert } from 'node:assert';
import { nPlusOneQuery } from '../../../src/engine/detectors/nPlusOneQuery';
import { detectIn, lineOf } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(nPlusOneQuery, path, before, after);

describe('N_PLUS_ONE_QUERY', () => {
  describe('Go', () => {
    it('flags a QueryRow added inside a range loop', () => {
      const before = `package orders

func (s *Store) Totals(ctx context.Context, orders []Order) {
	for _, o := range orders {
		o.Total = o.Price * o.Qty
	}
}
`;
      const after = `package orders

func (s *Store) Totals(ctx context.Context, orders []Order) {
	for _, o := range orders {
		var price int
		s.db.QueryRowContext(ctx, "SELECT price FROM products WHERE id = $1", o.ProductID).Scan(&price)
		o.Total = price * o.Qty
	}
}
`;
      const f = run('orders/store.go', before, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 6);
      assert.match(f[0].message, /QueryRowContext query runs once per item inside the loop at line 4/);
    });
    it('does not flag a batched query before the loop, a retry loop, or a query the old loop already ran', () => {
      const batched = `package orders

func (s *Store) Totals(ctx context.Context, ids []int64) {
	rows, _ := s.db.QueryContext(ctx, "SELECT id, price FROM products WHERE id = ANY($1)", pq.Array(ids))
	for rows.Next() {
		rows.Scan(&id, &price)
	}
}
`;
      const retry = `package orders

func (s *Store) Ping(ctx context.Context) (err error) {
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = s.db.ExecContext(ctx, "SELECT 1"); err == nil {
			return nil
		}
	}
	return err
}
`;
      const oldLoop = `package orders

func (s *Store) Totals(ctx context.Context, orders []Order) {
	for _, o := range orders {
		s.db.QueryRowContext(ctx, "SELECT price FROM products WHERE id = $1", o.ProductID).Scan(&o.Price)
	}
}
`;
      const refactored = oldLoop.replace('for _, o := range orders {', 'for i := range orders {\n\t\to := &orders[i]');
      assert.deepEqual(run('orders/a.go', undefined, batched), []);
      assert.deepEqual(run('orders/b.go', undefined, retry), []);
      assert.deepEqual(run('orders/c.go', oldLoop, refactored), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags findOne in a for…of loop and in an inline map', () => {
      const after = `export async function enrich(orders: Order[]) {
  for (const o of orders) {
    o.user = await User.findOne({ where: { id: o.userId } });
  }
  return Promise.all(orders.map((o) => prisma.product.findUnique({ where: { id: o.productId } })));
}
`;
      const f = run('src/orders.ts', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.equal(f[0].line, 3);
      assert.equal(f[1].line, 5);
      assert.match(f[1].message, /inline iteration/);
    });
    it('does not flag array .find in a loop or a findMany before it', () => {
      const after = `export async function enrich(orders) {
  const users = await prisma.user.findMany({ where: { id: { in: orders.map((o) => o.userId) } } });
  for (const o of orders) {
    o.user = users.find((u) => u.id === o.userId);
  }
}
`;
      assert.deepEqual(run('src/orders.js', undefined, after), []);
    });
  });

  describe('Python', () => {
    it('flags an ORM get inside a for loop and a comprehension', () => {
      const after = `def enrich(orders):
    for o in orders:
        o.customer = Customer.objects.get(id=o.customer_id)
    return [Product.objects.get(pk=o.product_id) for o in orders]
`;
      const f = run('shop/views.py', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.equal(f[0].line, 3);
      assert.equal(f[1].line, 4);
    });
    it('does not flag one filter(id__in=…) before the loop or a retry loop', () => {
      const after = `def enrich(orders, cursor):
    customers = {c.id: c for c in Customer.objects.filter(id__in=[o.customer_id for o in orders])}
    for o in orders:
        o.customer = customers[o.customer_id]
    for attempt in range(3):
        cursor.execute("SELECT 1")
`;
      assert.deepEqual(run('shop/views.py', undefined, after), []);
    });
  });

  describe('Java', () => {
    it('flags a repository lookup inside forEach and an enhanced for', () => {
      const after = `public class Enricher {
  public void enrich(List<Order> orders) {
    for (Order o : orders) {
      o.setCustomer(customerRepository.findById(o.getCustomerId()).orElseThrow());
    }
    orders.forEach(o -> {
      o.setItems(jdbcTemplate.query("SELECT * FROM items WHERE order_id = ?", mapper, o.getId()));
    });
  }
}
`;
      const f = run('src/main/java/shop/Enricher.java', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.equal(f[0].line, lineOf(after, 'customerRepository.findById'));
      assert.equal(f[1].line, lineOf(after, 'jdbcTemplate.query'));
    });
    it('does not flag findAllById before the loop', () => {
      const after = `public class Enricher {
  public void enrich(List<Order> orders) {
    Map<Long, Customer> byId = customerRepository.findAllById(ids(orders)).stream().collect(toMap(Customer::getId, c -> c));
    for (Order o : orders) {
      o.setCustomer(byId.get(o.getCustomerId()));
    }
  }
}
`;
      assert.deepEqual(run('src/main/java/shop/Enricher.java', undefined, after), []);
    });
  });
});
