/** Test helpers for code built on the scheduler: object wrappers and fakes of its ports. */
export { makePod, makeNode, PodWrapper, NodeWrapper } from './builders.js';
export { FakeBinder, FakeEventSink, FakePodWriter, FakeSource } from './fakes.js';
export { newTestFramework, filterAll, scoreAll, reasonsOf, type TestFrameworkOptions } from './harness.js';
