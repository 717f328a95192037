// Who the spreadsheet's owner is and who is acting, for the role checks of src/domain/roles.ts.
import { readJsonProp, writeJsonProp } from './env';

const RECORDED_OWNER = 'owner';

/**
 * The owner's address: Drive's owner of the file; for a file in a shared drive (no single owner) the person who
 * first set the database up, as recorded then.
 */
export function ownerEmail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  let owner = '';
  try {
    owner = ss.getOwner()?.getEmail() ?? '';
  } catch (_e) {
    owner = '';
  }
  return owner || readJsonProp<string>(RECORDED_OWNER) || '';
}

/** Records the first person to set the database up, where Drive names no owner. */
export function recordOwnerIfNone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, user: string): void {
  if (!user || ownerEmail(ss)) return;
  writeJsonProp(RECORDED_OWNER, user);
}
