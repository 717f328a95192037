// Menu commands of the trust features: check the database, restore vanished clients, verify the audit log.
import { trustText } from '../domain/trustMessages';
import { currentLang } from '../services/locale';
import { alert } from '../services/ui';
import { checkIntegrity, restoreClients, verifyAudit } from './api';

type Answer = { ok: boolean; message?: string; errors?: Record<string, string> };

function show(key: 'menu.checkIntegrity' | 'menu.restore' | 'menu.verifyAudit', result: Answer): void {
  const lang = currentLang();
  alert(trustText(lang, key), result.ok ? (result.message ?? '') : Object.values(result.errors ?? {}).join('\n'));
}

export const menuCheckIntegrity = () => show('menu.checkIntegrity', checkIntegrity() as Answer);
export const menuRestoreClients = () => show('menu.restore', restoreClients() as Answer);
export const menuVerifyAudit = () => show('menu.verifyAudit', verifyAudit() as Answer);
