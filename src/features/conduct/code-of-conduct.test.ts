import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { codeBlocks } from './code-of-conduct.service.ts';

forEachDialect((dialect) => {
  describe('the code of conduct', () => {
    let t: TestHaven;
    let steward: WebClient;
    let member: WebClient;

    before(async () => {
      t = await startHaven(dialect);
      const s = await createAccount(t.app, 'code-steward', { roles: ['steward'] });
      const m = await createAccount(t.app, 'code-member');
      steward = new WebClient(t.app);
      await steward.logIn('code-steward', s.password);
      member = new WebClient(t.app);
      await member.logIn('code-member', m.password);
    });
    after(() => t.close());

    it('shows the default text in English and French, with a link to report, and is linked from every footer', async () => {
      const en = await new WebClient(t.app).get('/conduct');
      assert.equal(en.status, 200);
      assert.match(en.body, /<h2>What counts as harassment<\/h2>/);
      assert.match(en.body, /<li>threats, intimidation/);
      assert.match(en.body, /href="\/conduct\/report"/);
      const fr = await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).get('/conduct');
      assert.match(fr.body, /Ce qui constitue du harcèlement/);
      for (const path of ['/', '/directory', '/login', '/conduct/report', '/no-such-page']) {
        assert.match((await new WebClient(t.app).get(path)).body, /<footer class="site">[\s\S]*<a href="\/conduct">Code of conduct<\/a>/, path);
      }
      assert.match(fr.body, /<a href="\/conduct">Code de conduite<\/a>/);
    });

    it('lets a steward replace both texts, never as HTML, and go back to the default', async () => {
      assert.equal((await steward.get('/conduct/edit')).status, 200);
      const saved = await steward.post('/conduct/edit', { action: 'save', code_en: 'Be kind.\n\n## Rules\n- no <script>alert(1)</script>\n- listen', code_fr: 'Soyez bienveillant·es.' }, '/conduct/edit');
      assert.equal(saved.status, 303);
      const en = await new WebClient(t.app).get('/conduct');
      assert.match(en.body, /<p>Be kind\.<\/p>/);
      assert.match(en.body, /<li>no &lt;script>alert\(1\)&lt;\/script><\/li>/);
      assert.doesNotMatch(en.body, /<script>/);
      assert.match((await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).get('/conduct')).body, /Soyez bienveillant·es\./);
      const audit = await t.haven.database.db.selectFrom('audit_events').select('action').where('action', 'like', 'conduct.code.%').execute();
      assert.deepEqual(audit.map((a) => a.action), ['conduct.code.edit']);
      const reset = await steward.post('/conduct/edit', { action: 'reset' }, '/conduct/edit');
      assert.equal(reset.status, 303);
      assert.match((await new WebClient(t.app).get('/conduct')).body, /What counts as harassment/);
    });

    it('refuses an empty or oversized text, in English and French, and keeps the text as it was', async () => {
      await steward.post('/conduct/edit', { action: 'save', code_en: 'Version one.', code_fr: 'Version une.' }, '/conduct/edit');
      const empty = await steward.post('/conduct/edit', { action: 'save', code_en: '  ', code_fr: 'x'.repeat(40_001) }, '/conduct/edit');
      assert.equal(empty.status, 400);
      assert.match(empty.body, /The English text cannot be empty\./);
      assert.match(empty.body, /The French text must be at most 40000 characters long\./);
      const french = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
      french.cookie = steward.cookie;
      const frEmpty = await french.post('/conduct/edit', { action: 'save', code_en: 'Fine.', code_fr: '' }, '/conduct/edit');
      assert.equal(frEmpty.status, 400);
      assert.match(frEmpty.body, /Le texte en français ne peut pas être vide\./);
      assert.deepEqual(await t.haven.codeOfConduct.stored(), { en: 'Version one.', fr: 'Version une.' });
    });

    it('lets nobody but a steward edit it', async () => {
      assert.equal((await member.get('/conduct/edit')).status, 403);
      assert.equal((await member.post('/conduct/edit', { action: 'save', code_en: 'Mine now.', code_fr: 'À moi.' }, '/conduct')).status, 403);
      assert.equal((await member.post('/conduct/edit', { action: 'reset' }, '/conduct')).status, 403);
      assert.equal((await new WebClient(t.app).get('/conduct/edit')).status, 401);
      assert.notEqual((await t.haven.codeOfConduct.stored()).en, 'Mine now.');
    });

    it('reads headings, lists and paragraphs from plain text', () => {
      assert.deepEqual(codeBlocks('One\ntwo\n\n## Head\n- a\n- b\nAfter'), [
        { kind: 'paragraph', text: 'One two' },
        { kind: 'heading', text: 'Head' },
        { kind: 'list', items: ['a', 'b'] },
        { kind: 'paragraph', text: 'After' },
      ]);
    });
  });
});
