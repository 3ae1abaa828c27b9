import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffCharters, isEmptyDiff, type CharterContent } from './charter-content.ts';

const text = (s: string) => ({ en: s, fr: s });
const base: CharterContent = {
  name: text('Charter'),
  summary: text('Summary'),
  principles: [
    {
      key: 'open',
      title: text('Open'),
      summary: text('Be open'),
      criteria: [
        { key: 'free-software', level: 'required', title: text('Free software'), explanation: text('x'), evidence: 'statement', appliesTo: ['hosting-provider'] },
        { key: 'publish-sources', level: 'recommended', title: text('Sources'), explanation: text('y'), evidence: 'document-link', appliesTo: ['hosting-provider'] },
      ],
    },
  ],
};

describe('the list of changes between charter versions', () => {
  it('finds nothing between identical versions', () => {
    assert.ok(isEmptyDiff(diffCharters(base, structuredClone(base))));
  });

  it('names added, removed and changed criteria, and which fields changed', () => {
    const after = structuredClone(base);
    after.principles[0]!.criteria[0]!.level = 'recommended';
    after.principles[0]!.criteria.splice(1, 1);
    after.principles[0]!.criteria.push({ key: 'tls', level: 'required', title: text('TLS'), explanation: text('z'), evidence: 'automated-check', check: 'tls', appliesTo: ['hosting-provider'] });
    const diff = diffCharters(base, after);
    assert.deepEqual(
      diff.criteria.map((c) => [c.kind, c.kind === 'changed' ? c.after.key : c.criterion.key]),
      [['changed', 'free-software'], ['added', 'tls'], ['removed', 'publish-sources']],
    );
    const changed = diff.criteria[0]!;
    assert.ok(changed.kind === 'changed' && changed.fields.length === 1 && changed.fields[0] === 'level');
  });

  it('counts a removed principle’s criteria as removed', () => {
    const diff = diffCharters(base, { ...base, principles: [] });
    assert.equal(diff.principlesRemoved.length, 1);
    assert.equal(diff.criteria.filter((c) => c.kind === 'removed').length, 2);
  });
});
