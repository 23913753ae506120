export * from './actor';
export * from './authentication/authentication';
export * from './authentication/dev-tokens';
export * from './authentication/oidc-tokens';
export * from './policy/access-policy';
export * from './audit/audit-log';
export * from './erasure/personal-data-vault';
