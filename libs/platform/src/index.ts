export * from './config';
export * from './environment';
export * from './health';
export * from './logging';
export * from './metrics';
export * from './public-route';
