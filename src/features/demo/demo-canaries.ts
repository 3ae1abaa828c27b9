import * as openpgp from 'openpgp';
import type { Haven } from '../../haven.ts';
import { DAY } from '../../platform/clock.ts';
import { signCanary } from '../transparency/canary-statement.ts';

const STATEMENT = 'Demo statement: as of the date above, we have received no secret order, gag order or warrant for the data of the people we host.';

/**
 * Three demo canaries, one of each kind a visitor should learn to read:
 * a current one, an overdue one, and one whose key has since changed.
 * The keys are made at load time and their private halves are not kept.
 */
export async function loadDemoCanaries(haven: Haven): Promise<void> {
  const now = haven.clock.now();
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const demos = [
    { slug: 'demo-riverbank-hosting', date: day(-3), nextUpdate: day(27), replaceKey: false },
    { slug: 'demo-lanterne-libre', date: day(-60), nextUpdate: day(-30), replaceKey: false },
    { slug: 'demo-shieldline', date: day(-5), nextUpdate: day(25), replaceKey: true },
  ];
  for (const demo of demos) {
    const organisation = await haven.organisations.getBySlug(demo.slug);
    if ((await haven.canaries.status(organisation.id)).latest) continue;
    const key = await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', date: new Date(now.getTime() - 90 * DAY), userIDs: [{ name: `${organisation.name} canary` }], format: 'armored' });
    await haven.canaries.setKey(organisation.id, key.publicKey, 'system');
    await haven.canaries.publish(organisation.id, demo.slug, await signCanary({ provider: demo.slug, date: demo.date, nextUpdate: demo.nextUpdate, text: STATEMENT }, key.privateKey, undefined, now), 'system');
    if (demo.replaceKey) {
      const next = await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', date: new Date(now.getTime() - DAY), userIDs: [{ name: `${organisation.name} canary (new key)` }], format: 'armored' });
      await haven.canaries.setKey(organisation.id, next.publicKey, 'system');
    }
  }
}
