// Who may do what: the owner and the admins named in Settings may destroy or reconfigure data; editors work with
// clients. Plain data in and out: the caller finds out who the owner and the user are (src/services/identity.ts).
import type { TrustKey } from './trustMessages';

export type Role = 'owner' | 'admin' | 'editor';

/** Actions that change how the database works or remove data: only the owner and admins. */
export type AdminAction = 'settings' | 'merge' | 'setup' | 'triggers' | 'restore' | 'undoImport' | 'audit';

export const ACTION_TEXT: Record<AdminAction, TrustKey> = {
  settings: 'action.settings',
  merge: 'action.merge',
  setup: 'action.setup',
  triggers: 'action.triggers',
  restore: 'action.restore',
  undoImport: 'action.undoImport',
  audit: 'action.audit',
};

const norm = (email: string) =>
  String(email ?? '')
    .trim()
    .toLowerCase();

/** Email addresses in a Settings list (one per cell; a cell may hold several separated by commas or spaces). */
export function adminEmails(items: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    for (const part of String(item ?? '').split(/[\s,;]+/)) {
      const email = norm(part);
      if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) && !out.includes(email)) out.push(email);
    }
  }
  return out;
}

/** The role of a user: '' (hidden) is an editor whatever else is true, so nothing is granted by a missing address. */
export function roleOf(user: string, owner: string, admins: readonly string[]): Role {
  const me = norm(user);
  if (!me) return 'editor';
  if (me === norm(owner)) return 'owner';
  return adminEmails(admins).includes(me) ? 'admin' : 'editor';
}

export function mayDo(role: Role, _action: AdminAction): boolean {
  return role === 'owner' || role === 'admin';
}
