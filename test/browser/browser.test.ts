import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { describeAccessibility } from './accessibility.suite.ts';
import { describeDirectory } from './directory.suite.ts';
import { launchChromium } from './browser.ts';
import { describeFirstVisit } from './first-visit.suite.ts';
import { describeGuidance } from './guidance.suite.ts';
import { describeEveryPage } from './pages.suite.ts';

/**
 * Haven as people see it, in Debian's Chromium: one browser for the whole run
 * (starting it is the slow part), and each suite on its own fresh Haven. The
 * suites run side by side so that both cores stay busy; the tests inside each
 * suite run in order. Only SQLite: see browser.ts.
 */
describe('Haven in a real browser', { concurrency: true }, () => {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  const shared = () => browser!;

  describeFirstVisit(shared);
  describeEveryPage(shared);
  describeAccessibility(shared);
  describeDirectory(shared);
  describeGuidance(shared);
});
