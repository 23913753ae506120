export * from './ijw-message';
export { parseIjwMessage, isRealDate } from './parse-ijw-message';
export { XML_LIMITS } from './xml-tree';
export * from './ijw-decision';
export * from './ijw-inbox';
export * from './ijw-intake';
