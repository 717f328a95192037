// The server API the sidebars and the playground call through google.script.run: JSON-safe requests and responses.
// Dates cross the wire as 'yyyy-mm-dd' (date) or 'yyyy-mm-ddTHH:mm' (date and time, the sheet's wall clock).
import type { Derived } from '../domain/derived';
import type { JournalEntryValues } from '../domain/journal';
import type { ContactKind, SettingsData } from '../domain/settings';
import type {
  ImportCounts,
  ImportPreviewView,
  ImportRequest,
  ImportSource,
  ImportStatusView,
  UndoSummary,
} from './import';
import type { MailingPreview, MailingRequest, MailingsView, SendResult, TestResult } from './mailings';
import type { PreviewView, ReminderPatch, ReminderView, RunProgress, RunSummary } from './reminders';

export type { SettingsData } from '../domain/settings';

/** Every field of a client card a person may enter (all optional except fullName when adding). */
export interface ClientFields {
  fullName: string;
  phone: string;
  email: string;
  stage: string;
  firstContactOn: string;
  visitOn: string;
  firstPurchaseOn: string;
  lostReason: string;
  source: string;
  interest: string;
  responsible: string;
  nextAppointmentOn: string;
  nextAppointmentWork: string;
  nextStep: string;
  nextStepOn: string;
  subscriptionEndsOn: string;
  paymentStatus: string;
  birthDate: string;
  address: string;
  company: string;
  preferredChannel: string;
  callHours: string;
  tags: string;
  notes: string;
  interests: string;
  familyDates: string;
  plannedGesture: string;
  congratulatedOn: string;
  emailConsentOn: string;
  unsubscribedOn: string;
  createdOn: string;
}

export type ClientInput = Partial<ClientFields> & { fullName: string; allowDuplicate?: boolean };
export type ClientPatch = Partial<ClientFields> & { allowDuplicate?: boolean };

/** A client as stored: every field, derived ones included; frequency is a localized label. */
export interface Client extends ClientFields, Omit<Derived, 'frequency'> {
  id: string;
  frequency: string;
  /** Row in the Clients tab (1-based), for "go to row". */
  row: number;
}

/** What logging a contact changes on the card: stage, milestones, totals and next step. */
export type ClientTotals = Pick<
  Client,
  | 'id'
  | 'fullName'
  | 'stage'
  | 'purchases'
  | 'totalSpent'
  | 'lastContactOn'
  | 'lastPurchaseOn'
  | 'frequency'
  | 'loyaltyPoints'
  | 'firstContactOn'
  | 'visitOn'
  | 'firstPurchaseOn'
  | 'nextStep'
  | 'nextStepOn'
>;

export interface ContactInput {
  clientId: string;
  /** Contact type label from Settings (or a kind: call, message, meeting, visit, purchase, email, note). */
  type: string;
  summary?: string;
  item?: string;
  amount?: string | number;
  source?: string;
  nextStep?: string;
  nextStepOn?: string;
  /** Back-dated contacts: 'yyyy-mm-dd' or 'yyyy-mm-ddTHH:mm'; default now. */
  at?: string;
}

/** A journal entry as the card shows it: the stored values, its row and the kind of its contact type. */
export interface JournalEntry extends JournalEntryValues {
  row: number;
  kind: ContactKind | '';
}

export interface DuplicateInfo {
  id: string;
  fullName: string;
  phone: string;
  email: string;
  reasons: Array<'phone' | 'email' | 'name'>;
}

export type FieldErrors = Record<string, string>;

export type Failure =
  | { ok: false; errors: FieldErrors; retryable?: boolean }
  | { ok: false; duplicates: DuplicateInfo[]; errors?: undefined };

export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export interface ClientFacts {
  salutation: string;
  phoneDisplay: string;
  /** Days until the next birthday, and the age the client turns then; null without a birth date. */
  birthdayInDays: number | null;
  turnsAge: number | null;
  daysSinceLastContact: number | null;
  emailConsent: boolean;
  stageMilestone: string;
}

export interface ClientCard {
  client: Client;
  facts: ClientFacts;
  journal: JournalEntry[];
  currency: string;
}

export interface SearchHit {
  id: string;
  fullName: string;
  phone: string;
  phoneDisplay: string;
  email: string;
  stage: string;
  row: number;
  matched: string;
  score: number;
}

export interface SetupSummary {
  created: string[];
  columnsAdded: string[];
  validationsApplied: number;
  protections: number;
  triggers: string;
}

export interface RecomputeSummary {
  clients: number;
  changed: number;
  journalRows: number;
  unknownClientRows: number;
  idsAssigned: number;
  /** IDs standing in more than one row (their rows were not recomputed). */
  duplicateIds?: Array<{ id: string; rows: number[] }>;
  /** Journal rows whose client ID is not on the Clients tab. */
  orphanRows?: number[];
  /** Journal rows whose amount does not read as a number (not counted). */
  unreadableAmountRows?: number[];
}

export interface FormContext {
  lang: 'ru' | 'en';
  settings: SettingsData;
  today: string;
  timeZone: string;
  locale: string;
  user: string;
  /** Client in the selected row of the Clients tab, if any. */
  selectedClientId: string;
  headers: Record<string, string>;
}

/** What google.script.run may call; the sidebars' typed client is built from this. */
export interface ServerApi {
  setupDatabase(): Result<{ summary: SetupSummary; message: string }>;
  addClient(input: ClientInput): Result<{ id: string; row: number; message: string }>;
  updateClient(id: string, patch: ClientPatch): Result<{ id: string; changed: string[]; message: string }>;
  logContact(input: ContactInput): Result<{ clientId: string; totals: ClientTotals; message: string }>;
  getClientCard(id: string): Result<{ card: ClientCard }>;
  searchClients(query: string): Result<{ hits: SearchHit[]; total: number }>;
  /** Likely duplicates of what is being typed, and the server's own verdict on the typed phone and email. */
  checkDuplicates(
    input: Partial<ClientFields> & { excludeId?: string },
  ): Result<{ duplicates: DuplicateInfo[]; fieldErrors: FieldErrors }>;
  mergeClients(keepId: string, dropId: string): Result<{ id: string; moved: number; message: string }>;
  recomputeClients(): Result<{ summary: RecomputeSummary; message: string }>;
  getSettings(): Result<{ settings: SettingsData; problems: string[] }>;
  updateSettings(
    patch: Partial<{ lists: Partial<SettingsData['lists']>; values: Partial<SettingsData['values']> }>,
  ): Result<{
    settings: SettingsData;
    message: string;
  }>;
  getFormContext(): Result<{ context: FormContext }>;
  /** Opens the card sidebar for a client (replaces the current sidebar). */
  showClientCard(clientId?: string): void;
  /** Opens the log-contact sidebar for a client. */
  showLogContact(clientId?: string): void;
  getReminderSettings(): Result<{ reminders: ReminderView }>;
  saveReminderSettings(patch: ReminderPatch): Result<{ reminders: ReminderView; message: string }>;
  enableReminders(opts?: { takeOver?: boolean }): Result<{ reminders: ReminderView; message: string }>;
  disableReminders(): Result<{ reminders: ReminderView; message: string }>;
  /** "Run now": the morning run as the trigger does it (summary null when this account no longer sends). */
  runDailyJob(): Result<{ summary: RunSummary | null; message: string }>;
  /** The dry run: every letter that would go today and why, and the digest; nothing sent or written. */
  previewToday(): Result<{ preview: PreviewView }>;
  /** Where a running morning run is (for the progress line). */
  reminderProgress(): Result<{ progress: RunProgress | null }>;
  /** Tabs that can be imported, and the one on screen when it is one. */
  importSources(): Result<{ sources: ImportSource[]; active: string }>;
  /** The proposed mapping of a tab with samples and the problems of its first rows; nothing is written. */
  previewImport(sheetName: string, request?: ImportRequest): Result<{ preview: ImportPreviewView }>;
  /** Starts an import; returns after it finished, or after its first part with the rest continuing by itself. */
  importClients(
    sheetName: string,
    options?: ImportRequest,
  ): Result<{ importId: string; done: boolean; counts: ImportCounts; status: ImportStatusView; message: string }>;
  /** The last import: how far it got, its counts and summary. */
  importStatus(): Result<{ status: ImportStatusView | null }>;
  undoImport(importId: string): Result<{ summary: UndoSummary; message: string }>;
  /** Segments with sizes, templates with variants, caps, window and the scheduled mailings. */
  mailingsView(): Result<{ view: MailingsView }>;
  /** Who would receive it, who is excluded and why, and the letter for one client (the first by default). */
  previewMailing(request: MailingRequest, clientId?: string): Result<MailingPreview>;
  /** One letter marked [TEST] to the current user, as the given (or first) client would get it; not logged. */
  testMailing(request: MailingRequest, clientId?: string): Result<TestResult>;
  /** Sends now (inside the window) or records the letters for their slot or the scheduled time. */
  sendMailing(request: MailingRequest): Result<SendResult>;
  /** Cancels a scheduled mailing's letters not yet sent. */
  cancelMailing(mailingId: string): Result<{ message: string }>;
}
