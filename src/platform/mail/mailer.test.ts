import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, it } from 'node:test';
import * as openpgp from 'openpgp';
import { forEachDialect } from '../../../test/dialects.ts';
import { gpgDecrypt, gpgInstalled } from '../../../test/gpg.ts';
import { assertWellFormed, bodyParts, decodedBody, entity, headerText, mediaType, param, startSmtp, type Entity, type TestSmtp } from '../../../test/smtp-inbox.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { MINUTE } from '../clock.ts';
import type { Locale } from '../i18n/locale.ts';
import { mailText } from './mail.messages.ts';

// ---------------------------------------------------------------------------

let smtp: TestSmtp;
let keys: { privateKey: string; publicKey: string };
before(async () => {
  smtp = await startSmtp();
  keys = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Test person' }], format: 'armored' });
});
after(() => smtp.close());

const secret = {
  subject: 'RED incident 4711 at Riverbank',
  text: 'Nadia K. was detained at the border post near Lake Kivu; her laptop was seized.',
};
const secretFragments = ['4711', 'Riverbank', 'Nadia', 'Kivu', 'laptop'];

function assertNothingOfTheSecret(where: string, label: string): void {
  for (const fragment of secretFragments) assert.ok(!where.includes(fragment), `${label} gives away “${fragment}”`);
}

/** A PGP/MIME message (RFC 3156) decrypted with the person's private key: the inner MIME entity. */
async function openEncrypted(raw: string): Promise<{ outer: Entity; armored: string; inner: Entity }> {
  const outer = entity(raw);
  assert.equal(mediaType(outer), 'multipart/encrypted');
  assert.equal(param(outer, 'protocol'), 'application/pgp-encrypted');
  const parts = bodyParts(outer);
  assert.equal(parts.length, 2, 'exactly two body parts');
  assert.equal(mediaType(parts[0]!), 'application/pgp-encrypted');
  assert.match(parts[0]!.body, /^Version: 1\r\n/, 'the control part says Version: 1');
  assert.equal(mediaType(parts[1]!), 'application/octet-stream');
  const armored = parts[1]!.body;
  assert.match(armored, /^-----BEGIN PGP MESSAGE-----\r\n/);
  assert.match(armored, /\r\n-----END PGP MESSAGE-----\r\n$/);
  const { data } = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: armored }),
    decryptionKeys: await openpgp.readPrivateKey({ armoredKey: keys.privateKey }),
    format: 'binary',
  });
  const inner = Buffer.from(data).toString('latin1');
  assert.doesNotMatch(inner, /[^\r]\n/, 'the encrypted MIME entity is in canonical CRLF form');
  return { outer, armored, inner: entity(inner) };
}

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => {
    t = await startHaven(dialect, { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Haven <haven@haven.test>' } });
  });
  after(() => t.close());

  async function person(options: { email?: string; pgpKey?: string; locale?: Locale } = {}): Promise<string> {
    const username = `person-${crypto.randomBytes(4).toString('hex')}`;
    const { id } = await t.haven.accounts.create({ username, locale: options.locale ?? null }, 'system');
    if (options.email || options.pgpKey) {
      await t.haven.accounts.updateContact(id, { email: options.email ?? null, pgpKey: options.pgpKey ?? null }, 'system');
    }
    return id;
  }

  function address(label: string): string {
    return `${label}-${dialect}-${crypto.randomBytes(3).toString('hex')}@example.org`;
  }

  async function assertAllMailWorkDone(): Promise<void> {
    const open = await t.haven.database.db
      .selectFrom('jobs')
      .select(['state', 'last_error'])
      .where('kind', '=', 'mail.send')
      .where('state', '!=', 'done')
      .execute();
    assert.deepEqual(open, [], 'every mail job is done');
  }

  it('sends sensitive notifications to a person with a key as PGP/MIME that only their key opens', async () => {
    const email = address('keyholder');
    const id = await person({ email, pgpKey: keys.publicKey, locale: 'fr' });
    await t.haven.mailer.notify(id, { ...secret, sensitive: true });
    await t.haven.jobs.runDue();

    const [mail, ...more] = smtp.to(email);
    assert.ok(mail, 'the e-mail arrived');
    assert.equal(more.length, 0, 'exactly once');
    assert.equal(mail.from, 'haven@haven.test');
    assertWellFormed(mail.raw);
    assertNothingOfTheSecret(mail.raw, 'the raw e-mail');

    const { outer, inner } = await openEncrypted(mail.raw);
    assert.equal(headerText(outer, 'subject'), mailText.fr.contentFreeSubject, 'the visible subject says nothing, in French');
    assert.equal(outer.headers.get('to'), email);
    assert.equal(mediaType(inner), 'text/plain');
    assert.equal(param(inner, 'charset')?.toLowerCase(), 'utf-8');
    assert.equal(decodedBody(inner), `${secret.subject}\n\n${secret.text}`, 'the key opens the whole notification');
    await assertAllMailWorkDone();
  });

  it('encrypts ordinary notifications too when the person has a key, even under a long accented subject', async () => {
    const email = address('keyholder');
    const id = await person({ email, pgpKey: keys.publicKey });
    const subject = 'Votre candidature à la coalition a été examinée par le comité : décision rendue après la réunion mensuelle';
    await t.haven.mailer.notify(id, { subject, text: 'Félicitations, elle est acceptée.', sensitive: false });
    await t.haven.jobs.runDue();

    const [mail] = smtp.to(email);
    assert.ok(mail, 'the e-mail arrived');
    assertWellFormed(mail.raw);
    assert.ok(!mail.raw.includes('acceptée') && !mail.raw.includes('Félicitations'), 'the text is not in clear');
    const { outer, inner } = await openEncrypted(mail.raw);
    assert.equal(headerText(outer, 'subject'), subject);
    assert.equal(decodedBody(inner), `${subject}\n\nFélicitations, elle est acceptée.`);
  });

  it('a person’s own GnuPG can read the encrypted notification', { skip: !gpgInstalled && 'gpg is not installed here' }, async () => {
    const email = address('gnupg');
    const id = await person({ email, pgpKey: keys.publicKey });
    await t.haven.mailer.notify(id, { ...secret, sensitive: true });
    await t.haven.jobs.runDue();

    const [mail] = smtp.to(email);
    assert.ok(mail, 'the e-mail arrived');
    const { armored } = await openEncrypted(mail.raw);
    const inner = entity(gpgDecrypt(keys.privateKey, armored));
    assert.equal(mediaType(inner), 'text/plain');
    assert.equal(decodedBody(inner), `${secret.subject}\n\n${secret.text}`);
  });

  it('sends a person without a key only a content-free nudge for sensitive notifications, in their language', async () => {
    const french = address('nokey-fr');
    const english = address('nokey-en');
    const frenchId = await person({ email: french, locale: 'fr' });
    const englishId = await person({ email: english });
    await t.haven.mailer.notify(frenchId, { ...secret, sensitive: true });
    await t.haven.mailer.notify(englishId, { ...secret, sensitive: true });
    await t.haven.jobs.runDue();

    for (const [email, locale] of [
      [french, 'fr'],
      [english, 'en'],
    ] as const) {
      const [mail, ...more] = smtp.to(email);
      assert.ok(mail, `the ${locale} nudge arrived`);
      assert.equal(more.length, 0);
      assertWellFormed(mail.raw);
      const message = entity(mail.raw);
      const body = decodedBody(message);
      const subject = headerText(message, 'subject');
      assertNothingOfTheSecret(mail.raw, 'the raw nudge');
      assertNothingOfTheSecret(body, 'the nudge’s text');
      assertNothingOfTheSecret(subject, 'the nudge’s subject');
      assert.equal(subject, mailText[locale].contentFreeSubject);
      assert.equal(body.trim(), mailText[locale].contentFreeBody(t.config.publicUrl.toString()).trim());
    }
    await assertAllMailWorkDone();
  });

  it('sends ordinary notifications to a person without a key as plain text', async () => {
    const email = address('plain');
    const id = await person({ email });
    const notification = { subject: 'Your application was received', text: 'The review window is now open: 30 days, until the monthly meeting.', sensitive: false };
    await t.haven.mailer.notify(id, notification);
    await t.haven.jobs.runDue();

    const [mail] = smtp.to(email);
    assert.ok(mail, 'the e-mail arrived');
    assertWellFormed(mail.raw);
    const message = entity(mail.raw);
    assert.equal(mediaType(message), 'text/plain');
    assert.equal(headerText(message, 'subject'), notification.subject);
    assert.equal(decodedBody(message).trim(), notification.text);
    assert.equal(mail.from, 'haven@haven.test');
  });

  it('sends nothing to a person without an e-mail address, and does not keep retrying', async () => {
    const id = await person({ locale: 'fr' });
    const before = smtp.received.length;
    await t.haven.mailer.notify(id, { ...secret, sensitive: false });
    const report = await t.haven.jobs.runDue();
    assert.equal(report.failed, 0);
    assert.ok(report.ran >= 1, 'the mail job ran');
    assert.equal(smtp.received.length, before, 'no e-mail was sent to anyone');
    await assertAllMailWorkDone();
  });

  it('sends nothing for a person whose account is gone, and does not keep retrying', async () => {
    const id = await person({ email: address('gone') });
    const before = smtp.received.length;
    await t.haven.mailer.notify(id, { ...secret, sensitive: true });
    await t.haven.accounts.delete(id, 'system');
    const report = await t.haven.jobs.runDue();
    assert.equal(report.failed, 0);
    assert.equal(smtp.received.length, before, 'no e-mail was sent to anyone');
    await assertAllMailWorkDone();
  });

  it('falls back to the content-free nudge when the person’s key has expired since they saved it', async () => {
    const email = address('expired');
    const id = await person({ email, locale: 'fr' });
    const expired = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Old key' }],
      date: new Date(Date.now() - 30 * 24 * 3600 * 1000),
      keyExpirationTime: 24 * 3600,
      format: 'armored',
    });
    await t.haven.database.db
      .updateTable('accounts')
      .set({ pgp_key_enc: t.haven.cipher.encrypt(expired.publicKey, `accounts.pgp_key:${id}`) })
      .where('id', '=', id)
      .execute();
    await t.haven.mailer.notify(id, { ...secret, sensitive: false });
    const report = await t.haven.jobs.runDue();
    assert.equal(report.failed, 0, 'a key that cannot work is not retried');

    const [mail, ...more] = smtp.to(email);
    assert.ok(mail, 'the person still hears that something happened');
    assert.equal(more.length, 0);
    const message = entity(mail.raw);
    assertNothingOfTheSecret(mail.raw, 'the raw fallback');
    assertNothingOfTheSecret(decodedBody(message), 'the fallback’s text');
    assert.equal(headerText(message, 'subject'), mailText.fr.contentFreeSubject);
    await assertAllMailWorkDone();
  });

  it('keeps a notification when the mail server is down and delivers it once the server is back', async () => {
    const outage = await startSmtp();
    const port = outage.port;
    await outage.close(); // the server is down
    const local = await startHaven(dialect, { env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'haven@haven.test' } });
    let back: TestSmtp | undefined;
    try {
      const { id } = await local.haven.accounts.create({ username: 'patient' }, 'system');
      const email = address('patient');
      await local.haven.accounts.updateContact(id, { email, pgpKey: null }, 'system');
      await local.haven.mailer.notify(id, { subject: 'Your report was forwarded', text: 'The organisation has a week to answer.', sensitive: false });

      const report = await local.haven.jobs.runDue();
      assert.equal(report.failed, 1, 'sending failed');
      const [job] = await local.haven.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.send').execute();
      assert.equal(job!.state, 'pending', 'the mail is kept for later');
      assert.equal(job!.attempts, 1);
      assert.ok(job!.payload_enc, 'with its content, still encrypted');
      assert.match(job!.last_error ?? '', /ECONNREFUSED|connect/i);

      back = await startSmtp(port); // the server comes back
      local.clock.advance(MINUTE);
      await local.haven.jobs.runDue();
      assert.equal(back.received.length, 0, 'the retry waits for its time');

      local.clock.advance(MINUTE);
      const retry = await local.haven.jobs.runDue();
      assert.equal(retry.failed, 0);
      assert.equal(back.to(email).length, 1, 'the mail arrives, once');
      assert.equal(headerText(entity(back.to(email)[0]!.raw), 'subject'), 'Your report was forwarded');
      const [sent] = await local.haven.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.send').execute();
      assert.equal(sent!.state, 'done');
      assert.equal(sent!.payload_enc, null);
    } finally {
      await back?.close();
      await local.close();
    }
  });
});
