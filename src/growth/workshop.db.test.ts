import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildGrowthOrg, type GrowthOrg } from '../../test/growth-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';
import { krippendorffAlpha } from './krippendorff.rules.ts';

// The manager calibration workshop: independent ratings of sample packets, then the spread per
// packet and Krippendorff's alpha once the person running it reveals them.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: GrowthOrg;
const clock = new Date('2026-10-20T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  await setActivePolicy(database.db, 'humane');
  org = await buildGrowthOrg(database.db, app, 'ws');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const PACKETS = [
  { title: 'Sample A: the quiet platform engineer', body: 'Cut build times by half; few visible launches; mentored two juniors.' },
  { title: 'Sample B: the launch hero', body: 'Shipped three features; two caused incidents; strong demos.' },
  { title: 'Sample C: steady delivery', body: 'Delivered every committed item; no incidents; little influence beyond the team.' },
];

describe('the calibration workshop', () => {
  let id = 0;
  let packetIds: number[] = [];

  it('is opened by a manager with sample packets on the policy’s performance scale', async () => {
    expect((await http.send(org.cookies.engineer, 'POST', '/api/workshops', { name: 'x', packets: PACKETS, raterAccountIds: [org.accounts.manager.id, org.accounts.otherManager.id] })).statusCode).toBe(403);
    const created = await http.send(org.cookies.lead, 'POST', '/api/workshops', { name: 'Before Forte 2026', packets: PACKETS, raterAccountIds: [org.accounts.manager.id, org.accounts.otherManager.id, org.accounts.lead.id] });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    packetIds = created.json().packets.map((p: { id: number }) => p.id);
    expect(created.json()).toMatchObject({ status: 'open', metric: 'ordinal', viewer: { runs: true, rates: true }, results: null });
    expect(created.json().scale).toHaveLength(7);
    expect((await http.get(org.cookies.engineer, `/api/workshops/${id}`)).statusCode).toBe(404);
  });

  it('keeps each manager’s ratings to themselves until the reveal, and refuses one off the scale', async () => {
    const off = await http.send(org.cookies.manager, 'PUT', `/api/workshops/${id}/ratings`, { ratings: [{ packetId: packetIds[0], value: 9 }, { packetId: packetIds[1], value: 4 }] });
    expect(off.statusCode).toBe(422);
    expect(off.json().errors).toEqual([{ path: 'body.ratings.0.value', message: "9 is not on the workshop's scale (1, 2, 3, 4, 5, 6, 7)" }]);
    expect((await database.db.selectFrom('workshop_ratings').selectAll().execute())).toEqual([]);

    const ratings: Record<'manager' | 'otherManager' | 'lead', number[]> = { manager: [6, 3, 4], otherManager: [3, 6, 4], lead: [5, 4, 4] };
    for (const [who, values] of Object.entries(ratings)) {
      const rated = await http.send(org.cookies[who as keyof typeof ratings], 'PUT', `/api/workshops/${id}/ratings`, { ratings: values.map((value, i) => ({ packetId: packetIds[i], value })) });
      expect(rated.statusCode, rated.body).toBe(200);
    }
    const seen = (await http.get(org.cookies.otherManager, `/api/workshops/${id}`)).json();
    expect(seen.packets.map((p: { myRating: number }) => p.myRating)).toEqual([3, 6, 4]);
    expect(seen.results).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('"value":6,"account');
    expect(seen.raters.every((r: { done: boolean }) => r.done)).toBe(true);
  });

  it('reveals the spread per packet and Krippendorff’s alpha, then fixes the ratings', async () => {
    expect((await http.send(org.cookies.manager, 'POST', `/api/workshops/${id}/reveal`)).statusCode).toBe(403);
    const revealed = await http.send(org.cookies.lead, 'POST', `/api/workshops/${id}/reveal`);
    expect(revealed.statusCode, revealed.body).toBe(200);
    const results = revealed.json().results;
    expect(results.packets.map((p: { range: number; flagged: boolean }) => [p.range, p.flagged])).toEqual([[3, true], [3, true], [0, false]]);
    expect(results.alpha).toBeCloseTo(krippendorffAlpha([[6, 3, 5], [3, 6, 4], [4, 4, 4]], 'ordinal').alpha!, 12);
    expect(results.aligned).toBe(false);
    expect((await http.get(org.cookies.manager, `/api/workshops/${id}`)).json().results.alpha).toBe(results.alpha);
    const late = await http.send(org.cookies.manager, 'PUT', `/api/workshops/${id}/ratings`, { ratings: [{ packetId: packetIds[0], value: 4 }] });
    expect(late.json().rule).toBe('WORKSHOP_REVEALED');
    expect((await http.get(org.cookies.manager, '/api/workshops')).json().workshops).toEqual([{ id, name: 'Before Forte 2026', status: 'revealed', packets: 3, runs: false }]);
  });
});
