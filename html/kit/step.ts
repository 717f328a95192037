// A logged contact that finished the card's next step: the step leaves the card (the journal keeps the contact).
import { type Lang, tr } from './i18n';
import { run } from './run';

/** Clears the card's next step after a contact finished it; says what became of it. */
export async function finishStep(clientId: string, lang: Lang, logged: string): Promise<string> {
  try {
    const r = await run('updateClient', clientId, { nextStep: '', nextStepOn: '' });
    if (r.ok) return tr(lang, 'stepCleared');
    return tr(lang, 'stepNotCleared', { message: Object.values(r.errors ?? {}).join(' ') || logged });
  } catch (e) {
    return tr(lang, 'stepNotCleared', { message: (e as Error).message });
  }
}
