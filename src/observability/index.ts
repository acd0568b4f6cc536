// Metrics and readiness: what the container wires into the adapters' observer hooks and the ops endpoints.
export { countDecisions } from './decisions.js';
export { createObservability } from './wiring.js';
