export * from './ijw-fixtures';
