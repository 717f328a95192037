// The unsubscribe web app (being built).
export function doGet(_e?: { parameter?: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput('<p>Not ready.</p>');
}
