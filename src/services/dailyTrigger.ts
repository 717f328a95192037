// A feature's daily trigger under the current user's account, in the spreadsheet's zone, replacing this user's own
// trigger of the same handler. Who sends is the feature's record to keep; the setup triggers' owner is left alone.
import { removeTriggers } from './triggers';

export function installDailyTrigger(handler: string, hour: number, timeZone: string): void {
  removeTriggers(handler);
  ScriptApp.newTrigger(handler).timeBased().everyDays(1).atHour(hour).inTimezone(timeZone).create();
}
