import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDocumentation, documentationFiles, findDeadLinks, formatDeadLink, parsePage } from './support/doc-links';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('documentation links (no network: URLs are parsed, never fetched)', () => {
  it('checks README, CONTRIBUTING, CHANGELOG and every page in docs/', () => {
    const files = documentationFiles(ROOT);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/method.md']));
  });

  it('finds every relative link, anchor and URL of the documentation alive', () => {
    expect(checkDocumentation(ROOT).map(formatDeadLink)).toEqual([]);
  });

  it('reports a missing file, a missing anchor, a link out of the repository and a malformed URL, by line', () => {
    const page = [
      '# A page',
      '',
      'See [the method](method.md) and [nothing](no-such-page.md).',
      'Its [heading](#a-page) and [another](#no-such-heading),',
      'the [statistics](method.md#statistics) and [a lost one](method.md#no-such-heading).',
      '',
      '[outside](../../shared/DESIGN.md), [broken](https://), [fine](https://example.com/a?b#c)',
      '![a picture](first-screen.png) ![no picture](missing.png)',
    ].join('\n');
    const dead = findDeadLinks({ 'docs/test-page.md': page }, ROOT);
    expect(dead.map(({ line, href }) => `${line} ${href}`)).toEqual([
      '3 no-such-page.md',
      '4 #no-such-heading',
      '5 method.md#no-such-heading',
      '7 ../../shared/DESIGN.md',
      '7 https://',
      '8 missing.png',
    ]);
    expect(dead[3]!.reason).toBe('points outside the repository');
  });

  it('makes anchors as GitHub does: rendered text, punctuation dropped, repeats numbered', () => {
    const { anchors } = parsePage(
      [
        '# Known answers in `npm test`',
        '## The noise floor: why the default cannot pass the ±5% load A/A gate here',
        '## Next 15.5.29 against 16.4.5 (seeds 1203 and 1204)',
        '## FAQ',
        '## FAQ',
        '## A [linked](https://example.com) _heading_',
      ].join('\n'),
    );
    expect([...anchors]).toEqual([
      'known-answers-in-npm-test',
      'the-noise-floor-why-the-default-cannot-pass-the-5-load-aa-gate-here',
      'next-15529-against-1645-seeds-1203-and-1204',
      'faq',
      'faq-1',
      'a-linked-heading',
    ]);
  });

  it('does not take code for links', () => {
    const { links } = parsePage('`[not a link](nowhere.md)`\n\n```\n[nor this](nowhere.md)\n```\n');
    expect(links).toEqual([]);
  });
});
