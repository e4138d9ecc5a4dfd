/** The one table the benchmark prints, and the ratios the targets are stated in. */
import type { ServerName } from '../scenarios.js';
import type { Measurement } from './load.js';

export interface Row extends Measurement {
  scenario: string;
  server: ServerName;
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Number((a / b).toFixed(2)) : undefined;

export function report(rows: Row[]) {
  const find = (scenario: string, server: ServerName) =>
    rows.find((r) => r.scenario === scenario && r.server === server);
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const header = [
    'scenario',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'RSS MB',
    'CPU us/req',
    'DB us/req',
    'WAL B/req',
    'busy %',
    'vs floor',
    'vs floor-pl',
    'vs peer',
    'vs baseline',
  ];
  const lines: string[][] = [];
  const ratios: Record<string, Record<string, number | undefined>> = {};
  for (const scenario of scenarios) {
    const floor = find(scenario, 'floor');
    const pipelined = find(scenario, 'floor-pipelined');
    const peer = find(scenario, 'peer');
    const baseline = find(scenario, 'baseline');
    for (const r of rows.filter((x) => x.scenario === scenario)) {
      const own = r.server === 'product';
      lines.push([
        scenario,
        r.server,
        String(r.rps),
        String(r.p50),
        String(r.p99),
        String(r.non2xx + r.errors),
        String(r.rssMb),
        String(r.cpuUs),
        String(r.dbCpuUs),
        String(r.walBytes),
        String(r.machineBusyPct),
        own ? fmt(ratio(r.rps, floor?.rps)) : '',
        own ? fmt(ratio(r.rps, pipelined?.rps)) : '',
        own ? fmt(ratio(r.rps, peer?.rps)) : '',
        own ? fmt(ratio(r.rps, baseline?.rps)) : '',
      ]);
    }
    const product = find(scenario, 'product');
    ratios[scenario] = {
      vs_floor: ratio(product?.rps, floor?.rps),
      vs_floor_pipelined: ratio(product?.rps, pipelined?.rps),
      vs_peer: ratio(product?.rps, peer?.rps),
      vs_baseline: ratio(product?.rps, baseline?.rps),
      cpu_per_request_vs_baseline: ratio(product?.cpuUs, baseline?.cpuUs),
      cpu_per_request_vs_floor_pipelined: ratio(product?.cpuUs, pipelined?.cpuUs),
    };
  }
  // The targets that compare scenarios with each other.
  const p99Growth = ratio(find('list-deep-1m', 'product')?.p99, find('list-deep-10k', 'product')?.p99);
  const tenantScaling = ratio(find('create-20-tenants', 'product')?.rps, find('create', 'product')?.rps);
  const baselineP99Growth = ratio(
    find('list-deep-1m', 'baseline')?.p99,
    find('list-deep-10k', 'baseline')?.p99,
  );
  const baselineScaling = ratio(find('create-20-tenants', 'baseline')?.rps, find('create', 'baseline')?.rps);
  const floorScaling = ratio(
    find('create-20-tenants', 'floor-pipelined')?.rps,
    find('create', 'floor-pipelined')?.rps,
  );
  // A rate is how much of the machine a scenario keeps busy over what one request costs it, so the
  // scaling ratio splits into those two: more of the machine used, or cheaper creates. The ceiling
  // is the most 20 tenants could reach at their CPU per create with the whole machine busy (the
  // load generator's share counted in busy %, so a generous bound).
  const split = (server: ServerName) => {
    const one = find('create', server);
    const many = find('create-20-tenants', server);
    if (!one || !many) return undefined;
    const oneCost = one.cpuUs + one.dbCpuUs;
    const manyCost = many.cpuUs + many.dbCpuUs;
    const ceiling = ratio(100 * oneCost, one.machineBusyPct * manyCost);
    return {
      busy: ratio(many.machineBusyPct, one.machineBusyPct),
      cost: ratio(oneCost, manyCost),
      ceiling,
      text: `machine busy ${many.machineBusyPct}% / ${one.machineBusyPct}%, CPU per create (server + database) ${oneCost} / ${manyCost} us: at most ${fmt(ceiling)} on this machine`,
    };
  };
  const productSplit = split('product');
  ratios['cross'] = {
    deep_list_p99_1m_over_10k: p99Growth,
    create_20_tenants_over_1: tenantScaling,
    floor_pipelined_20_tenants_over_1: floorScaling,
    baseline_deep_list_p99_1m_over_10k: baselineP99Growth,
    baseline_create_20_tenants_over_1: baselineScaling,
    create_20_tenants_over_1_machine_busy: productSplit?.busy,
    create_20_tenants_over_1_cheaper_creates: productSplit?.cost,
    create_20_tenants_over_1_ceiling: productSplit?.ceiling,
  };
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const text = [
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...lines.map(row),
    '',
    `cursor list p99 at 1,000,000 rows / at 10,000 rows (product): ${fmt(p99Growth)}`,
    `create rate, 20 tenants / 1 tenant (product): ${fmt(tenantScaling)}; (floor-pipelined): ${fmt(floorScaling)}`,
    ...(productSplit ? [`  of which (product): ${productSplit.text}`] : []),
  ].join('\n');
  return { text, ratios };
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(2)}x`);
