import type { Database } from '../../src/db/client.js';

/**
 * Counts flights on the connections transactions reserve: a query issued after an earlier query
 * of the same connection has answered starts a new flight (the client waited); queries issued
 * before any answer came back travel together. Counted on the client's side, so it does not
 * depend on how the driver splits its writes or when the server's bytes arrive.
 */
export function countFlights(db: Database) {
  let flights = 0;
  const reserve = db.sql.reserve.bind(db.sql);
  (db.sql as { reserve: typeof reserve }).reserve = async () => {
    const conn = await reserve();
    let answeredSinceLastIssue = true;
    const issue = <Q extends PromiseLike<unknown>>(query: Q): Q => {
      if (answeredSinceLastIssue) flights++;
      answeredSinceLastIssue = false;
      const answered = () => {
        answeredSinceLastIssue = true;
      };
      query.then(answered, answered);
      return query;
    };
    return new Proxy(conn, {
      apply: (target, self, args) => issue(Reflect.apply(target, self, args) as PromiseLike<unknown>),
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'unsafe' || typeof value !== 'function') return value;
        return (...args: unknown[]) => issue(value.apply(target, args) as PromiseLike<unknown>);
      },
    });
  };
  return {
    /** Flights sent while `fn` ran. */
    async count(fn: () => Promise<unknown>): Promise<number> {
      const before = flights;
      await fn();
      return flights - before;
    },
  };
}
