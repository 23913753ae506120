export * from './background-service';
export * from './config';
export * from './environment';
export * from './health';
export * from './logging';
export * from './metrics';
export * from './process-start';
export * from './public-route';
