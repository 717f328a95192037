// Segments: definitions (the Segments tab), the condition language, the TypeScript selection and the formulas.
export * from './definitions';
export * from './evaluate';
export * from './grammar';
export * from './messages';
export * from './plan';
export * from './render';
