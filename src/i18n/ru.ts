// Russian messages; the keys of this catalog define every message the add-on can show.
export const ru = {
  'app.name': 'Картотека',
  'menu.about': 'О Картотеке',
  'about.title': 'О Картотеке',
} as const satisfies Record<string, string>;

export type Messages = { [K in keyof typeof ru]: string };
