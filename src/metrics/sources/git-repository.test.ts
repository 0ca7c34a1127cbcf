import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../../test/dora-builders.ts';
import { bareClone, buildReleaseRepository } from '../../../test/git-fixture.ts';
import { gitReleaseFacts } from '../dora/git-facts.ts';
import { GitReadError, GitRepository } from './git-repository.ts';

let repo: { dir: string; remove: () => void };
let bare: string;
beforeAll(() => {
  repo = buildReleaseRepository();
  bare = bareClone(repo.dir);
});
afterAll(() => {
  repo.remove();
  fs.rmSync(bare, { recursive: true, force: true });
});

const JANUARY = { from: at('2024-01-01 00:00'), to: at('2024-01-31 00:00') };

describe('GitRepository', () => {
  it('dates lightweight tags by their commit and annotated tags by the tagger', async () => {
    const tags = await (await GitRepository.open(repo.dir)).tags();
    expect(Object.fromEntries(tags.map((t) => [t.tag, new Date(t.date).toISOString()]))).toEqual({
      'nightly-1': '2024-01-10T12:00:00.000Z',
      'v0.1': '2024-01-01T09:00:00.000Z',
      'v0.2': '2024-01-03T14:00:00.000Z',
      'v0.3': '2024-01-04T10:00:00.000Z',
      'v0.4': '2024-01-10T11:00:00.000Z',
    });
    expect(new Set(tags.map((t) => t.commit)).size).toBe(4);
  });

  it('reads the same commits in batches, on this thread or through the worker, with the worker paused while batches wait', async () => {
    const git = await GitRepository.open(repo.dir);
    const one: unknown[] = [];
    for await (const commit of git.commits()) one.push(commit);
    expect(one.length).toBe(5);
    for (const worker of [false, true]) {
      const batches = [];
      // ahead: 1 makes the worker pause git after every batch until this reader takes it.
      for await (const batch of git.commitBatches([], 2, { worker, ahead: 1 })) batches.push(batch);
      expect(batches.map((b) => b.length), `worker ${worker}`).toEqual([2, 2, 1]);
      expect(batches.flat(), `worker ${worker}`).toEqual(one);
    }
    const tips = await git.refTips();
    const none = [];
    for await (const batch of git.commitBatches(tips, 2, { worker: true })) none.push(batch);
    expect(none).toEqual([]);
  });

  it('refuses through the worker what git refuses', async () => {
    const git = await GitRepository.open(repo.dir);
    const read = async () => {
      for await (const batch of git.commitBatches(['not-a-commit'], 2, { worker: true })) void batch;
    };
    await expect(read()).rejects.toThrow(GitReadError);
  });

  it('streams the author dates of the commits between two tags', async () => {
    const git = await GitRepository.open(repo.dir);
    const tags = new Map((await git.tags()).map((t) => [t.tag, t.commit]));
    const dates: string[] = [];
    await git.authorDatesBetween(tags.get('v0.2')!, tags.get('v0.1')!, (ms) => dates.push(new Date(ms).toISOString()));
    expect(dates.sort()).toEqual(['2024-01-02T10:00:00.000Z', '2024-01-03T08:00:00.000Z']);
  });

  it('refuses a folder that is not a repository, even inside one', async () => {
    const inside = path.join(repo.dir, 'sub');
    fs.mkdirSync(inside, { recursive: true });
    await expect(GitRepository.open(inside)).rejects.toThrow(GitReadError);
    await expect(GitRepository.open(path.join(repo.dir, 'missing'))).rejects.toThrow(/not a git repository/u);
  });
});

describe('gitReleaseFacts', () => {
  it('takes each matching tag as a deployment and each commit it adds as a change (golden)', async () => {
    for (const dir of [repo.dir, bare]) {
      const facts = await gitReleaseFacts(await GitRepository.open(dir), { releaseTags: 'v*', range: JANUARY });
      expect(facts.deploymentFinishes.map((ms) => new Date(ms).toISOString())).toEqual([
        '2024-01-01T09:00:00.000Z',
        '2024-01-03T14:00:00.000Z',
        '2024-01-04T10:00:00.000Z',
        '2024-01-10T11:00:00.000Z',
      ]);
      // v0.2 ships c2 (28 h) and c3 (6 h); v0.3 ships c4 (59.5 min, rounded up); c5 was
      // authored after v0.4 was tagged, so it has no lead time; v0.1 is the first release.
      expect(facts.leadTimes.sort((a, b) => a - b)).toEqual([60, 360, 1680]);
      expect([facts.failures, facts.recoveries]).toEqual([null, null]);
    }
  });

  it('counts only the releases dated in the range', async () => {
    const facts = await gitReleaseFacts(await GitRepository.open(repo.dir), { releaseTags: 'v*', range: { from: at('2024-01-04 00:00'), to: at('2024-01-31 00:00') } });
    expect(facts.leadTimes).toEqual([60]);
  });
});

describe('GitRepository.commits', () => {
  it('streams every commit parents first, with authors, dates, parents and line counts', async () => {
    const git = await GitRepository.open(repo.dir);
    const commits = [];
    for await (const c of git.commits()) commits.push(c);
    expect(commits.map((c) => c.subject)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(commits[0]!.parents).toEqual([]);
    expect(commits[1]!.parents).toEqual([commits[0]!.sha]);
    expect(commits[3]).toMatchObject({ authorEmail: 'dev@example.test', authorName: 'Dev', additions: 1, deletions: 0, filesChanged: 1 });
    expect(new Date(commits[3]!.authoredAt).toISOString()).toBe('2024-01-04T09:00:30.000Z');
    expect(new Date(commits[3]!.committedAt).toISOString()).toBe('2024-01-04T10:00:00.000Z');
  });

  it('streams only what is new since the tips of an earlier run', async () => {
    const git = await GitRepository.open(repo.dir);
    const tips = await git.refTips();
    const all = [];
    for await (const c of git.commits()) all.push(c.sha);
    const again = [];
    for await (const c of git.commits(tips)) again.push(c.sha);
    expect(again).toEqual([]);
    const since = [];
    for await (const c of git.commits([all[2]!])) since.push(c.sha);
    expect(since).toEqual(all.slice(3));
    expect(await git.existing([all[0]!, 'f'.repeat(40)])).toEqual(new Set([all[0]]));
  });
});
