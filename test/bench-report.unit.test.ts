import { describe, expect, it } from 'vitest';
import type { Row } from '../bench/lib/table.js';
import { report } from '../bench/lib/table.js';

const row = (scenario: string, server: Row['server'], m: Partial<Row>): Row => ({
  scenario,
  server,
  rps: 0,
  requests: 0,
  p50: 1,
  p99: 2,
  non2xx: 0,
  errors: 0,
  rssMb: 100,
  cpuUs: 0,
  dbCpuUs: 0,
  walBytes: 0,
  machineBusyPct: 0,
  failures: {},
  ...m,
});

describe('bench report', () => {
  it('splits the 20-tenant scaling into machine use and cost per create', () => {
    const { text, ratios } = report([
      row('create', 'product', { rps: 900, cpuUs: 600, dbCpuUs: 1000, machineBusyPct: 90 }),
      row('create', 'floor-pipelined', { rps: 1000, cpuUs: 500, dbCpuUs: 1000, machineBusyPct: 90 }),
      row('create-20-tenants', 'product', { rps: 1350, cpuUs: 400, dbCpuUs: 700, machineBusyPct: 81 }),
    ]);
    expect(ratios['create']?.vs_floor_pipelined).toBe(0.9);
    expect(ratios['cross']).toMatchObject({
      create_20_tenants_over_1: 1.5,
      create_20_tenants_over_1_machine_busy: 0.9,
      create_20_tenants_over_1_cheaper_creates: 1.45,
      // The whole machine busy at 20 tenants' CPU per create: 100 / 90 x 1600 / 1100.
      create_20_tenants_over_1_ceiling: 1.62,
    });
    expect(text).toContain('create rate, 20 tenants / 1 tenant (product): 1.50x');
    expect(text).toContain('machine busy 81% / 90%, CPU per create (server + database) 1600 / 1100 us');
    expect(text).toContain('at most 1.62x on this machine');
  });

  it('leaves the split out when a scenario was not run', () => {
    const { text, ratios } = report([row('get', 'product', { rps: 100 })]);
    expect(ratios['cross']?.create_20_tenants_over_1_machine_busy).toBeUndefined();
    expect(ratios['cross']?.create_20_tenants_over_1_ceiling).toBeUndefined();
    expect(text).not.toContain('of which');
  });
});
