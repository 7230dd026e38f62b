export { createApp, type App, type AppOptions } from './app.ts';
export { serverOptionsFromEnv } from './config.ts';
export { DEFAULT_LIMITS, type Limits } from './routes/limits.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { FRONT_ENDS } from './static.ts';
