import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePagerDutyLogEntries, parsePagerDutyOncalls, parsePagesCsv, parseShiftsCsv } from './oncall-sources.ts';
import { parseGitHubAlerts, parseOperationalItemsCsv } from './operations-sources.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/metrics/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(`${FIXTURES}${name}`);
const ms = (t: string) => Date.parse(t);
const csv = (text: string) => Buffer.from(text);

describe('operational items CSV', () => {
  it('reads tickets and vulnerabilities with loose and ISO times, open items without resolved_at', () => {
    const parsed = parseOperationalItemsCsv(fixture('operational-items.csv'), 'items.csv');
    expect('value' in parsed && parsed.value).toEqual([
      { source: 'jira', externalId: 'OPS-101', service: 'shop', kind: 'ticket', severity: 'P2', title: 'Refund queue stuck', openedAt: ms('2024-03-01T09:00:00Z'), resolvedAt: ms('2024-03-02T17:30:00Z') },
      { source: 'jira', externalId: 'OPS-102', service: 'shop', kind: 'ticket', severity: 'P3', title: 'Flaky export job', openedAt: ms('2024-03-04T10:00:00Z'), resolvedAt: null },
      { source: 'snyk', externalId: 'SNYK-JS-LODASH-1', service: 'shop', kind: 'vulnerability', severity: 'high', title: 'Prototype pollution in lodash', openedAt: ms('2024-02-20T08:00:00Z'), resolvedAt: ms('2024-03-05T12:00:00Z') },
      { source: 'snyk', externalId: 'SNYK-JS-AXIOS-2', service: 'search', kind: 'vulnerability', severity: 'medium', title: 'SSRF in axios, via redirects', openedAt: ms('2024-03-06T07:00:00Z'), resolvedAt: null },
    ]);
  });

  it('names the line and column of every problem and keeps nothing', () => {
    const parsed = parseOperationalItemsCsv(
      csv('id,service,kind,opened_at,resolved_at\nA,shop,incident,2024-03-01,\nB,,ticket,2024-02-30,\nC,shop,ticket,2024-03-05,2024-03-04\nC,shop,ticket,2024-03-05,\n'),
      'items.csv',
    );
    expect(parsed).toEqual({
      problems: [
        'items.csv:2: column kind: "incident" is not one of vulnerability, ticket',
        'items.csv:3: column service: is empty',
        'items.csv:3: column opened_at: "2024-02-30" is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)',
        'items.csv:4: column resolved_at: is before opened_at',
        'items.csv:5: column id: csv item C repeats line 4',
      ],
    });
    expect(parseOperationalItemsCsv(csv('id,service\nA,shop\n'), 'f.csv')).toEqual({
      problems: ['f.csv:1: column kind: required column of an operational items file is missing from the header', 'f.csv:1: column opened_at: required column of an operational items file is missing from the header'],
    });
  });
});

describe('GitHub alerts', () => {
  it('reads Dependabot alerts: the advisory severity and summary, fixed ones resolved', () => {
    const parsed = parseGitHubAlerts(fixture('github-dependabot-alerts.json').toString(), 'd.json', 'shop');
    expect('value' in parsed && parsed.value).toEqual([
      { source: 'github-dependabot', externalId: 'https://github.com/acme/shop/security/dependabot/2', service: 'shop', kind: 'vulnerability', severity: 'medium', title: 'Axios Cross-Site Request Forgery Vulnerability', openedAt: ms('2024-03-10T09:12:00Z'), resolvedAt: null },
      { source: 'github-dependabot', externalId: 'https://github.com/acme/shop/security/dependabot/1', service: 'shop', kind: 'vulnerability', severity: 'high', title: 'Prototype Pollution in lodash', openedAt: ms('2024-02-01T08:00:00Z'), resolvedAt: ms('2024-02-03T16:00:00Z') },
    ]);
  });

  it('reads code-scanning alerts: the security severity, dismissed ones resolved', () => {
    const parsed = parseGitHubAlerts(fixture('github-code-scanning-alerts.json').toString(), 'c.json', 'shop');
    expect('value' in parsed && parsed.value).toEqual([
      { source: 'github-code-scanning', externalId: 'https://github.com/acme/shop/security/code-scanning/4', service: 'shop', kind: 'vulnerability', severity: 'high', title: 'Arbitrary file write during zip extraction', openedAt: ms('2024-03-02T10:00:00Z'), resolvedAt: ms('2024-03-04T11:00:00Z') },
    ]);
  });

  it('places problems at their line and column', () => {
    const text = '[\n  {"number": 1, "state": "fixed", "created_at": "2024-03-01T00:00:00Z", "html_url": "u1", "security_advisory": {}},\n  {"number": 2, "state": "gone", "created_at": "yesterday", "html_url": "u2", "security_advisory": {}}\n]';
    const parsed = parseGitHubAlerts(text, 'a.json', 'shop');
    expect(parsed).toEqual({
      problems: [
        'a.json:3:48: $[1].created_at: is not an ISO 8601 timestamp',
        'a.json:3:26: $[1].state: Invalid option: expected one of "open"|"dismissed"|"fixed"|"auto_dismissed"',
      ],
    });
    const closedWithoutTime = parseGitHubAlerts(text.split('\n').slice(0, 2).join('\n').replace(/,$/u, '') + '\n]', 'a.json', 'shop');
    expect(closedWithoutTime).toEqual({ problems: ['a.json:2:26: $[0].state: the alert is fixed but has no fixed_at or dismissed_at'] });
  });
});

describe('on-call shifts and pages', () => {
  it('reads shifts as CSV, refusing an end before its start', () => {
    const parsed = parseShiftsCsv(fixture('oncall-shifts.csv'), 's.csv');
    expect('value' in parsed && parsed.value.map((s) => [s.schedule, s.person, s.service, new Date(s.startsAt).toISOString()])).toEqual([
      ['Shop primary', 'ada@example.test', 'shop', '2024-03-04T09:00:00.000Z'],
      ['Shop primary', 'PU2', 'shop', '2024-03-11T09:00:00.000Z'],
      ['Search primary', 'grace@example.test', null, '2024-03-04T09:00:00.000Z'],
    ]);
    expect(parseShiftsCsv(csv('schedule,person,start,end\nS,p,2024-03-02,2024-03-01\n'), 's.csv')).toEqual({ problems: ['s.csv:2: column end: is not after start'] });
  });

  it('reads pages as CSV with their incidents', () => {
    const parsed = parsePagesCsv(fixture('oncall-pages.csv'), 'p.csv');
    expect('value' in parsed && parsed.value[1]).toEqual({ source: 'pagerduty', externalId: 'PAGE2', person: 'PU2', service: 'shop', incidentExternalId: 'PD3', at: ms('2024-03-07T01:01:00Z') });
    expect(parsePagesCsv(csv('id,person,at\nX,,2024-03-01\n'), 'p.csv')).toEqual({ problems: ['p.csv:2: column person: is empty'] });
  });

  it("reads PagerDuty's on-calls: one shift per schedule and person, the policy's name without a schedule, untimed entries skipped", () => {
    const parsed = parsePagerDutyOncalls(fixture('pagerduty-oncalls.json').toString(), 'o.json');
    expect(parsed).toEqual({
      value: {
        rows: [
          { schedule: 'Shop primary', person: 'ada@example.test', service: null, startsAt: ms('2024-03-04T09:00:00Z'), endsAt: ms('2024-03-11T09:00:00Z') },
          { schedule: 'escalation policy Shop', person: 'PU2', service: null, startsAt: ms('2024-03-04T09:00:00Z'), endsAt: ms('2024-03-05T09:00:00Z') },
        ],
        skipped: 1,
      },
    });
  });

  it("reads PagerDuty's log entries: notify entries are pages, the rest skipped", () => {
    const parsed = parsePagerDutyLogEntries(fixture('pagerduty-log-entries.json').toString(), 'l.json');
    expect(parsed).toEqual({
      value: {
        rows: [
          { source: 'pagerduty', externalId: 'RNOTIFY1', person: 'ada@example.test', service: 'shop', incidentExternalId: 'PD1', at: ms('2024-03-05T09:31:00Z') },
          { source: 'pagerduty', externalId: 'RNOTIFY2', person: 'PU2', service: 'shop', incidentExternalId: 'PD3', at: ms('2024-03-07T01:01:00Z') },
        ],
        skipped: 2,
      },
    });
    const text = '{"log_entries": [\n {"id": "N", "type": "notify_log_entry", "created_at": "2024-03-01T00:00:00Z"}\n]}';
    expect(parsePagerDutyLogEntries(text, 'l.json')).toEqual({ problems: ['l.json:2:78: $.log_entries[0].user: a notify_log_entry needs the user it notified'] });
  });
});
