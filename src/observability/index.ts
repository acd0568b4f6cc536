// Metrics and readiness: what the container wires into the adapters' observer hooks and the ops endpoints.
export { countDecisions } from './decisions.js';
export { createMetrics, type Metrics } from './metrics.js';
export { createReadiness, type Readiness, type ReadinessReport } from './readiness.js';
export { createObservability, type Observability } from './wiring.js';
