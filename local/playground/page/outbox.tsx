// The outbox: every email the add-on sent, newest first, with its HTML body (or its plain text) in a sandboxed frame
// whose links open in a new tab.
import { useEffect, useState } from 'preact/hooks';
import { api, type Mail } from './api';
import { dateTime, t } from './i18n';
import { mailDocument } from './mail';

export function Outbox({ onClose, timeZone }: { onClose: () => void; timeZone: string }) {
  const [mails, setMails] = useState<Mail[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    api.outbox().then((m) => {
      setMails(m);
      if (m.length) setOpen(m.length - 1);
    });
  }, []);
  const [plain, setPlain] = useState(false);
  const mail = open === null || !mails ? null : mails[open];
  return (
    <div class="side-panel outbox" role="dialog" aria-label={t.outboxTitle}>
      <header>
        <b>{t.outboxTitle}</b> <span class="muted">{mails ? t.sent(mails.length) : '…'}</span>
        <button type="button" class="close" onClick={onClose} aria-label={t.closeOutbox}>
          ×
        </button>
      </header>
      <div class="outbox-body">
        <ul class="mail-list">
          {mails && mails.length === 0 ? <li class="muted">{t.noMail}</li> : null}
          {(mails ?? [])
            .map((m, i) => (
              <li key={i} class={open === i ? 'open' : ''}>
                <button type="button" class="subject" onClick={() => setOpen(i)}>
                  {m.subject || t.noSubject}
                </button>
                <div class="muted">
                  {t.to} {m.to} · {dateTime(m.at, timeZone)}
                </div>
                <div class="muted">
                  {t.from} {m.sender || t.scriptOwner}
                </div>
              </li>
            ))
            .reverse()}
        </ul>
        {mail ? (
          <div class="mail-view">
            <div>
              <b>{mail.subject}</b>
            </div>
            <div class="muted">
              {t.toLabel}: {mail.to}
              {mail.cc ? ` · Cc: ${mail.cc}` : ''}
              {mail.bcc ? ` · Bcc: ${mail.bcc}` : ''}
            </div>
            <div class="muted">
              {t.fromLabel}: {mail.name ? `${mail.name} ` : ''}&lt;{mail.sender}&gt;
              {mail.replyTo ? ` · Reply-To: ${mail.replyTo}` : ''}
            </div>
            {mail.htmlBody ? (
              <fieldset class="mail-format" aria-label={t.emailFormat}>
                <button type="button" aria-pressed={!plain} onClick={() => setPlain(false)}>
                  HTML
                </button>
                <button type="button" aria-pressed={plain} onClick={() => setPlain(true)}>
                  {t.plainText}
                </button>
              </fieldset>
            ) : null}
            <iframe
              title={t.emailBody}
              class="mail-frame"
              // Links open in a new tab, as a mail client opens them (an unsubscribe link reaches /exec); the
              // letter's own scripts never run.
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              srcdoc={mailDocument(mail, plain)}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}
