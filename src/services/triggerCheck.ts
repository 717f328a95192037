// Which of this account's triggers exist (the daily check warns when the edit triggers are gone).

/** Handler names of the current account's triggers of this script. */
export function ownTriggerHandlers(): string[] {
  try {
    return ScriptApp.getProjectTriggers().map((tr) => tr.getHandlerFunction());
  } catch (_e) {
    return [];
  }
}
