// Session: who runs the script, in which zone and language.
import { createHash } from 'node:crypto';
import { User } from '../../shared/user';
import type { Runtime } from '../execution';

export class Session {
  constructor(
    private readonly _rt: Runtime,
    private readonly _locales: () => Map<string, string>,
  ) {}
  /** The person at the keyboard; '' for consumer accounts that hide it (wb.as(user, { hideEmail: true })). */
  getActiveUser(): User {
    return new User(this._rt.actingEmail());
  }
  /** Whose authority the script runs under: the trigger owner for installable triggers. */
  getEffectiveUser(): User {
    return new User(this._rt.effectiveUser());
  }
  getScriptTimeZone(): string {
    return this._rt.scriptTimeZone;
  }
  getTimeZone(): string {
    return this._rt.scriptTimeZone;
  }
  /** Language code of the user's setting, e.g. 'ru' for ru_RU. */
  getActiveUserLocale(): string {
    const user = this._rt.effectiveUser();
    const locale = this._locales().get(user) ?? this._rt.options.locale;
    return locale.split(/[_-]/)[0];
  }
  /** A stable key per user and script that reveals no email. */
  getTemporaryActiveUserKey(): string {
    const user = this._rt.effectiveUser();
    return createHash('sha256').update(`kartoteka:${user}`).digest('base64').slice(0, 43);
  }
}
