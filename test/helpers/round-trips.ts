import { connect } from 'node:net';

/**
 * A postgres.js socket factory that counts flights: a flight starts with the first write after
 * the server last spoke, so statements pipelined together count once, as the database sees them.
 */
export function flightCounter() {
  let flights = 0;
  const socket = (o: { host: string[]; port: number[] }) => {
    const s = connect(o.port[0]!, o.host[0]!);
    let serverSpoke = true;
    const write = s.write.bind(s) as (...args: unknown[]) => boolean;
    (s as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      if (serverSpoke) flights++;
      serverSpoke = false;
      return write(...args);
    };
    s.on('data', () => {
      serverSpoke = true;
    });
    return s;
  };
  return {
    socket: socket as () => unknown,
    /** Flights sent while `fn` ran. */
    async count(fn: () => Promise<unknown>): Promise<number> {
      const before = flights;
      await fn();
      return flights - before;
    },
  };
}
