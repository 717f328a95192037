// One import point for the pure import domain: mapping, planning, undo, and their types.
export { buildCard, type CardDraft, type HistorySeed } from './card';
export { type ColumnProfile, cellText, profileColumn } from './content';
export { type DuplicateHit, DuplicateIndex, type DuplicateVerdict } from './dedupe';
export {
  applyMappingOverrides,
  columnDateOrder,
  describeTarget,
  proposeMapping,
  readSourceTable,
  targetChoices,
  targetKey,
  targetOf,
} from './mapping';
export { mergePatch, totalsAfter } from './merge';
export { type ImportMessageKey, importMessages, importText } from './messages';
export { emptyCounts, importIdAt, isFromImport, journalBy, type PlanInput, planImport } from './plan';
export {
  type ImportPreview,
  importSummary,
  PREVIEW_ROWS,
  previewImport,
  reportCells,
  reportHeaders,
} from './report';
export { createRowReader, type RowResult, readDate, readEmail, readPhone } from './rows';
export * from './types';
export {
  beginChunk,
  clientIdRange,
  commitChunk,
  type ImportProgress,
  type ImportUndoChunk,
  planUndo,
  resolveJournal,
  resumeProgress,
  startProgress,
  type UndoConflict,
  type UndoPlan,
  undoRecord,
} from './undo';
