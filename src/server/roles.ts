// The role check of the entries that destroy or reconfigure data: the owner and the admins named in Settings.
import { ACTION_TEXT, type AdminAction, adminEmails, mayDo, roleOf } from '../domain/roles';
import { trustText } from '../domain/trustMessages';
import { ownerEmail } from '../services/identity';
import { type Ctx, UserError } from './context';

/** Whether the acting person is the owner or an admin (true while nobody owns the database yet). */
export function isAdmin(ctx: Ctx): boolean {
  const owner = ownerEmail(ctx.ss);
  return !owner || mayDo(roleOf(ctx.user, owner, ctx.settings.lists.admins ?? []), 'settings');
}

/** Who may edit the owner-only tabs: the owner, the admins and the person acting (an admin, or the first setup). */
export function ownerEditors(ctx: Ctx, admins: readonly string[] = ctx.settings.lists.admins ?? []): string[] {
  const out = [ownerEmail(ctx.ss), ...adminEmails(admins), ctx.user].map((e) => e.toLowerCase()).filter(Boolean);
  return [...new Set(out)];
}

/** Refuses, with a localized message and nothing changed, anyone but the owner and the admins. */
export function requireRole(ctx: Ctx, action: AdminAction): void {
  const owner = ownerEmail(ctx.ss);
  if (!owner) return;
  if (mayDo(roleOf(ctx.user, owner, ctx.settings.lists.admins ?? []), action)) return;
  const what = trustText(ctx.lang, ACTION_TEXT[action]);
  const key = ctx.user ? 'role.refused' : 'role.unknownUser';
  throw new UserError({ _: trustText(ctx.lang, key, { owner, action: what }) });
}
