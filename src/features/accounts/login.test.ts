import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY, HOUR } from '../../platform/clock.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('logs a person in with the right password and gives them a fresh session cookie', async () => {
    const { password } = await createAccount(t.app, 'robin');
    const browser = new WebClient(t.app);
    await browser.get('/login');
    const before = browser.cookie;
    const response = await browser.logIn('robin', password);
    assert.equal(response.status, 303);
    assert.equal(response.location, '/account');
    assert.notEqual(browser.cookie, before, 'the cookie token is replaced at log-in');
    const account = await browser.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.body, /Logged in as robin/);
  });

  it('sets the cookie HttpOnly and SameSite, and never as a persistent cookie', async () => {
    const response = await t.app.inject('/login');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Max-Age|Expires/i);
  });

  it('refuses a wrong password without saying whether the username exists', async () => {
    await createAccount(t.app, 'sasha');
    const wrongPassword = await new WebClient(t.app).logIn('sasha', 'not the password');
    const noSuchUser = await new WebClient(t.app).logIn('nobody-here', 'not the password');
    assert.equal(wrongPassword.status, 401);
    assert.equal(noSuchUser.status, 401);
    const message = (body: string) => /class="problem"[^>]*>([^<]+)</.exec(body)?.[1];
    assert.equal(message(wrongPassword.body), 'The username or password is not right.');
    assert.equal(message(wrongPassword.body), message(noSuchUser.body));
  });

  it('keeps a suspended person out and ends their sessions', async () => {
    const { id, password } = await createAccount(t.app, 'kept-out');
    const browser = new WebClient(t.app);
    await browser.logIn('kept-out', password);
    await t.haven.accounts.setStatus(id, 'suspended', 'system');
    assert.equal((await browser.get('/account')).status, 401);
    const again = await new WebClient(t.app).logIn('kept-out', password);
    assert.equal(again.status, 403);
  });

  it('logs out, and the old cookie no longer opens the account', async () => {
    const { password } = await createAccount(t.app, 'leaving');
    const browser = new WebClient(t.app);
    await browser.logIn('leaving', password);
    const oldCookie = browser.cookie;
    await browser.post('/logout', {}, '/account');
    const replay = await t.app.inject({ url: '/account', headers: { cookie: `haven=${oldCookie}` } });
    assert.equal(replay.statusCode, 401);
  });

  it('logs out everywhere at once', async () => {
    const { password } = await createAccount(t.app, 'two-devices');
    const laptop = new WebClient(t.app);
    const phone = new WebClient(t.app);
    await laptop.logIn('two-devices', password);
    await phone.logIn('two-devices', password);
    const page = await laptop.get('/account');
    assert.match(page.body, /You have 2 open session/);
    await laptop.post('/account/sessions/close-all', {});
    assert.equal((await phone.get('/account')).status, 401);
    assert.equal((await laptop.get('/account')).status, 401);
  });

  it('ends a session after a day without use, and after two weeks in any case', async () => {
    const { password } = await createAccount(t.app, 'sleepy');
    const idle = new WebClient(t.app);
    await idle.logIn('sleepy', password);
    t.clock.advance(DAY + 1);
    assert.equal((await idle.get('/account')).status, 401);

    const busy = new WebClient(t.app);
    await busy.logIn('sleepy', password);
    for (let hours = 0; hours < 14 * 24; hours += 20) {
      t.clock.advance(20 * HOUR);
      if ((await busy.get('/account')).status !== 200) break;
    }
    assert.equal((await busy.get('/account')).status, 401);
  });

  it('lets anyone create a pseudonymous account, and explains a taken name in French', async () => {
    const browser = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
    const created = await browser.post('/signup', { username: 'pseudo', password: 'une phrase de passe' }, '/signup');
    assert.equal(created.status, 303);
    const taken = await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).post('/signup', { username: 'pseudo', password: 'une phrase de passe' }, '/signup');
    assert.equal(taken.status, 409);
    assert.match(taken.body, /Ce nom d’utilisateur est déjà pris/);
    assert.match(taken.body, /aria-invalid="true"/);
  });

  it('names the field and keeps what was typed when the username is malformed', async () => {
    const response = await new WebClient(t.app).post('/signup', { username: 'Not Valid!', password: 'a long enough passphrase' }, '/signup');
    assert.equal(response.status, 400);
    assert.match(response.body, /username contains characters that are not allowed/);
    assert.match(response.body, /value="Not Valid!"/);
  });

  it('does not send a person to another site after log-in', async () => {
    const { password } = await createAccount(t.app, 'careful');
    const response = await new WebClient(t.app).post('/login', { username: 'careful', password, next: '//evil.example/' }, '/login');
    assert.equal(response.location, '/account');
  });
});
