/** Test doubles for code built on the client: an in-memory API server Transport and push-fed bodies. */
export { FakeApiServer, type FakeApiServerOptions, type Reactor } from './fake-api-server.js';
export { ChunkStream, bodyOf } from './chunk-stream.js';
export { tick, until } from './until.js';
