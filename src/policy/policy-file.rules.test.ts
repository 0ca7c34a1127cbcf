import { describe, expect, it } from 'vitest';
import { AMAZON_POLICY } from './presets.ts';
import { fieldLines, parsePolicyDocument } from './policy-file.rules.ts';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const lineContaining = (text: string, fragment: string, after = 0) => text.split('\n').findIndex((l, i) => i >= after && l.includes(fragment)) + 1;

describe('parsePolicyDocument', () => {
  it('accepts a preset written out as JSON', () => {
    const result = parsePolicyDocument(pretty(AMAZON_POLICY));
    expect(result.ok && result.policy).toEqual(AMAZON_POLICY);
  });

  it('reports each schema problem at the line of its field', () => {
    const policy = structuredClone(AMAZON_POLICY);
    policy.olr.distribution.targets[2]!.minPercent = 12;
    delete (policy.olr.ovMatrix['5'] as Record<string, string>)['3'];
    const text = pretty(policy);
    const result = parsePolicyDocument(text);
    expect(result.ok).toBe(false);
    const targets = lineContaining(text, '"targets"');
    expect(!result.ok && result.problems).toEqual([
      { line: lineContaining(text, '"minPercent": 12', targets), path: 'olr.distribution.targets.2.minPercent', reason: 'minPercent (12) must not exceed maxPercent (10)' },
      { line: lineContaining(text, '"5": {', lineContaining(text, '"ovMatrix"')), path: 'olr.ovMatrix.5.3', reason: 'missing cell for performance 5, potential 3' },
    ]);
  });

  it('reports a JSON syntax error at its line', () => {
    const result = parsePolicyDocument('{\n  "key": "mine",\n  "name": }\n');
    expect(!result.ok && result.problems).toEqual([{ line: 3, path: '-', reason: expect.stringMatching(/^not valid JSON: /u) }]);
  });
});

describe('fieldLines', () => {
  it('maps every field and array item to the line it starts on', () => {
    const lines = fieldLines('{\n "a": [\n  1,\n  {"b": "x\\"y"}\n ],\n "c": null\n}');
    expect(Object.fromEntries(lines)).toEqual({ '': 1, a: 2, 'a.0': 3, 'a.1': 4, 'a.1.b': 4, c: 6 });
  });
});
