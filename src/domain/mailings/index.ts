// Mailings: templates with variants and buttons, holidays, caps and the sending window, audiences, unsubscribe tokens.
export * from './holidays';
export * from './messages';
export * from './plan';
export * from './schedule';
export * from './templates';
export * from './token';
