// MailApp as the add-on sees it: outbox, per-recipient daily quota renewed after 24 hours, failures, permissions.
import { workbookWith } from './helpers';

const CODE = `
function send(to, cc) { MailApp.sendEmail({ to: to, cc: cc || '', subject: 'Напоминание', body: 'Завтра приём', htmlBody: '<b>Завтра</b>', name: 'Клиника' }); return MailApp.getRemainingDailyQuota(); }
function sendPlain(to) { MailApp.sendEmail(to, 'S', 'B'); }
function sendWithReplyTo(to) { MailApp.sendEmail(to, 'desk@clinic.test', 'S', 'B'); }
function quota() { return MailApp.getRemainingDailyQuota(); }
function safeSend(to) { try { MailApp.sendEmail(to, 'S', 'B'); return 'sent'; } catch (e) { return e.message; } }
function onEdit(e) { MailApp.sendEmail('x@clinic.test', 'S', 'B'); }
`;

describe('MailApp', () => {
  it('records each message in the outbox with its sender, recipients and virtual time', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('send', 'ivan@mail.test', 'olga@mail.test');
    expect(wb.outbox).toHaveLength(1);
    expect(wb.outbox[0]).toMatchObject({
      from: 'anna@clinic.test',
      to: 'ivan@mail.test',
      cc: 'olga@mail.test',
      subject: 'Напоминание',
      body: 'Завтра приём',
      htmlBody: '<b>Завтра</b>',
      name: 'Клиника',
      recipients: ['ivan@mail.test', 'olga@mail.test'],
    });
    expect(wb.outbox[0].at.toISOString()).toBe('2026-03-15T06:00:00.000Z');
  });

  it('reads the four-string form as (to, replyTo, subject, body)', () => {
    const { wb, addon } = workbookWith(CODE);
    addon.call('sendWithReplyTo', 'ivan@mail.test');
    expect(wb.outbox[0]).toMatchObject({ to: 'ivan@mail.test', replyTo: 'desk@clinic.test', subject: 'S', body: 'B' });
  });

  it('counts the quota per recipient (to + cc + bcc)', () => {
    const { addon } = workbookWith(CODE, { mailQuota: 10 });
    expect(addon.call('send', 'a@x.test,b@x.test', 'c@x.test')).toBe(7);
  });

  it("throws Google's error once the day's quota is spent, and sends nothing", () => {
    const { wb, addon } = workbookWith(CODE, { mailQuota: 3 });
    addon.call('send', 'a@x.test,b@x.test');
    expect(() => addon.call('send', 'c@x.test,d@x.test')).toThrow('Service invoked too many times for one day: email.');
    expect(wb.outbox).toHaveLength(1);
    expect(addon.call('quota')).toBe(1);
  });

  it('renews the quota 24 hours after the first send of the window', () => {
    const { wb, addon } = workbookWith(CODE, { mailQuota: 2 });
    addon.call('send', 'a@x.test,b@x.test');
    wb.clock.advance(23 * 3600 * 1000);
    expect(addon.call('safeSend', 'c@x.test')).toBe('Service invoked too many times for one day: email.');
    wb.clock.advance(3600 * 1000);
    expect(addon.call('quota')).toBe(2);
    expect(addon.call('safeSend', 'c@x.test')).toBe('sent');
  });

  it('keeps a separate quota for each sender', () => {
    const { wb, addon } = workbookWith(CODE, { mailQuota: 1 });
    addon.call('sendPlain', 'a@x.test');
    wb.as('boris@clinic.test');
    expect(addon.call('quota')).toBe(1);
    addon.call('sendPlain', 'b@x.test');
    expect(wb.outbox.map((m) => m.from)).toEqual(['anna@clinic.test', 'boris@clinic.test']);
  });

  it('failOnSend(n) makes the nth next send throw without consuming quota', () => {
    const { wb, addon } = workbookWith(CODE, { mailQuota: 5 });
    wb.mail.failOnSend(2);
    expect(addon.call('safeSend', 'a@x.test')).toBe('sent');
    expect(addon.call('safeSend', 'b@x.test')).toBe('Service error: Mail');
    expect(addon.call('safeSend', 'c@x.test')).toBe('sent');
    expect(wb.outbox.map((m) => m.to)).toEqual(['a@x.test', 'c@x.test']);
    expect(addon.call('quota')).toBe(3);
  });

  it('rejects an invalid address and a message without recipients', () => {
    const { addon } = workbookWith(CODE);
    expect(addon.call('safeSend', 'not-an-email')).toBe('Invalid email: not-an-email');
    expect(addon.call('safeSend', '')).toBe('Failed to send email: no recipient');
  });

  it('refuses to send from a simple trigger (AuthMode.LIMITED)', () => {
    const { wb, addon } = workbookWith(CODE);
    expect(() => addon.call('onEdit', { authMode: 'LIMITED' })).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(wb.outbox).toHaveLength(0);
  });

  it('refuses when the manifest does not declare the send_mail scope', () => {
    const { addon } = workbookWith(CODE, {}, { scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    expect(() => addon.call('sendPlain', 'a@x.test')).toThrow(
      /Specified permissions are not sufficient to call MailApp.sendEmail/,
    );
  });
});
