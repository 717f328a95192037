// English messages, one for every key of the Russian catalog.
import type { Messages } from './ru';

export const en: Messages = {
  'app.name': 'Kartoteka',
  'menu.about': 'About Kartoteka',
  'about.title': 'About Kartoteka',
};
