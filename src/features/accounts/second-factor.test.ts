import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  /** Sets up TOTP through the pages, as a person would; returns the secret and recovery codes. */
  async function enrol(browser: WebClient) {
    await browser.post('/account/second-factor/begin', {}, '/account/second-factor');
    const page = await browser.get('/account/second-factor');
    const secret = /class="secret">([A-Z2-7 ]+)</.exec(page.body)![1]!.replace(/ /g, '');
    assert.match(page.body, /otpauth:\/\/totp\//, 'a set-up link for authenticator apps is offered');
    const qr = await browser.get('/account/second-factor/qr.svg');
    assert.equal(qr.status, 200);
    assert.match(String(qr.headers['content-type']), /image\/svg\+xml/);
    assert.match(qr.body, /^<svg/);
    const wrong = await browser.post('/account/second-factor/confirm', { code: '000000' });
    assert.equal(wrong.status, 400, 'a wrong first code does not turn the factor on');
    const confirmed = await browser.post('/account/second-factor/confirm', { code: t.haven.secondFactor.currentCode(secret) });
    assert.equal(confirmed.status, 200);
    const codes = [...confirmed.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10, 'ten recovery codes are shown once');
    return { secret, codes };
  }

  async function passwordStep(username: string, password: string) {
    const browser = new WebClient(t.app);
    const step = await browser.logIn(username, password);
    assert.equal(step.status, 200, 'the password alone does not log in');
    assert.equal(browser.cookie === null || !(await browser.get('/account')).body.includes('Logged in'), true);
    const challenge = /name="challenge" value="([^"]+)"/.exec(step.body)![1]!;
    return { browser, challenge };
  }

  it('asks for a code from the authenticator app after the password, and accepts each code once', async () => {
    const { password } = await createAccount(t.app, 'totp-user');
    const setup = new WebClient(t.app);
    await setup.logIn('totp-user', password);
    const { secret } = await enrol(setup);

    t.clock.advance(60_000);
    const { browser, challenge } = await passwordStep('totp-user', password);
    const code = t.haven.secondFactor.currentCode(secret);
    const ok = await browser.post('/login/second-factor', { challenge, code });
    assert.equal(ok.status, 303);
    assert.equal((await browser.get('/account')).status, 200);

    const replay = await passwordStep('totp-user', password);
    const again = await replay.browser.post('/login/second-factor', { challenge: replay.challenge, code });
    assert.equal(again.status, 400, 'the same code cannot be replayed');
    assert.equal((await replay.browser.get('/account')).status, 401);
  });

  it('lets a recovery code stand in for the app exactly once', async () => {
    const { password } = await createAccount(t.app, 'lost-phone');
    const setup = new WebClient(t.app);
    await setup.logIn('lost-phone', password);
    const { codes } = await enrol(setup);

    const first = await passwordStep('lost-phone', password);
    assert.equal((await first.browser.post('/login/second-factor', { challenge: first.challenge, code: codes[0]! })).status, 303);
    const second = await passwordStep('lost-phone', password);
    assert.equal((await second.browser.post('/login/second-factor', { challenge: second.challenge, code: codes[0]! })).status, 400);
    const account = await first.browser.get('/account');
    assert.match(account.body, /9 unused recovery code/);
  });

  it('refuses a forged or expired log-in step', async () => {
    const { password } = await createAccount(t.app, 'forged');
    const setup = new WebClient(t.app);
    await setup.logIn('forged', password);
    const { secret } = await enrol(setup);
    const { browser, challenge } = await passwordStep('forged', password);
    const [body] = challenge.split('.');
    const forged = await browser.post('/login/second-factor', { challenge: `${body}.AAAA`, code: t.haven.secondFactor.currentCode(secret) });
    assert.equal(forged.status, 400);
    t.clock.advance(6 * 60_000);
    const late = await browser.post('/login/second-factor', { challenge, code: t.haven.secondFactor.currentCode(secret) });
    assert.equal(late.status, 400);
    assert.match(late.body, /expired/);
  });

  it('stores the TOTP secret encrypted, never in clear', async () => {
    const { id, password } = await createAccount(t.app, 'secret-keeper');
    const browser = new WebClient(t.app);
    await browser.logIn('secret-keeper', password);
    const { secret } = await enrol(browser);
    const row = await t.haven.database.db.selectFrom('accounts').select('totp_secret_enc').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.totp_secret_enc);
    assert.ok(!row.totp_secret_enc.includes(secret));
  });

  it('turns the second factor off only with the password and a valid code', async () => {
    const { password } = await createAccount(t.app, 'switch-off');
    const browser = new WebClient(t.app);
    await browser.logIn('switch-off', password);
    const { secret } = await enrol(browser);
    t.clock.advance(60_000);
    const refused = await browser.post('/account/second-factor/disable', { password: 'wrong password!', code: t.haven.secondFactor.currentCode(secret) }, '/account/second-factor');
    assert.equal(refused.status, 400);
    const done = await browser.post('/account/second-factor/disable', { password, code: t.haven.secondFactor.currentCode(secret) }, '/account/second-factor');
    assert.equal(done.status, 303);
    const login = await new WebClient(t.app).logIn('switch-off', password);
    assert.equal(login.status, 303, 'the password alone logs in again');
  });
});
