import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Validates bodies against the official DocSpace OpenAPI schemas (../shared/docspace-openapi.json), following the
 * recipe in docspace-openapi.md: Ajv 2020 in loose mode, formats, `allOf` flattened (the EmployeeFullDto spec bug),
 * a `date-span` format, and ApiDateTime widened to the date strings the real server sends.
 */
type JsonObject = Record<string, unknown>;
export interface SchemaValidation {
  readonly valid: boolean;
  readonly errors: string[];
}

const SPEC_URL = new URL('../../../shared/docspace-openapi.json', import.meta.url);
const SCHEMA_ID = 'docspace';
const API_DATE_TIME_STRING = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ApiDateTime as the server serializes it: a date string with offset.',
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveLocal(schemas: JsonObject, part: unknown): JsonObject {
  if (!isObject(part)) return {};
  const ref = part['$ref'];
  if (typeof ref !== 'string') return part;
  const target = schemas[ref.replace('#/components/schemas/', '')];
  return isObject(target) ? target : {};
}

/** Merges each `allOf` into one object schema so `additionalProperties: false` sees every property. */
function flattenAllOf(schemas: JsonObject): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || !Array.isArray(schema['allOf'])) continue;
    const parts = schema['allOf'].map((part) => resolveLocal(schemas, part));
    const properties = Object.assign({}, ...parts.map((p) => (isObject(p['properties']) ? p['properties'] : {})));
    const required = parts.flatMap((p) => (Array.isArray(p['required']) ? p['required'] : []));
    const { allOf: _ignored, ...rest } = schema;
    schemas[name] = { ...rest, type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }
}

function loadSchemas(): JsonObject {
  const spec: unknown = JSON.parse(readFileSync(SPEC_URL, 'utf8'));
  const components = isObject(spec) ? spec['components'] : undefined;
  const schemas = isObject(components) ? components['schemas'] : undefined;
  if (!isObject(schemas)) throw new Error(`No components.schemas in ${SPEC_URL.pathname}`);
  const copy = structuredClone(schemas);
  flattenAllOf(copy);
  copy['ApiDateTime'] = API_DATE_TIME_STRING;
  return copy;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: silentLogger });
  const addFormats = addFormatsModule as unknown as (instance: Ajv2020) => Ajv2020;
  addFormats(ajv);
  ajv.addFormat('date-span', true);
  ajv.addSchema({ $id: SCHEMA_ID, components: { schemas: loadSchemas() } });
  return ajv;
}

const ajv = createAjv();

function describe(error: ErrorObject): string {
  const extra = error.params['additionalProperty'];
  const suffix = typeof extra === 'string' ? ` (${extra})` : '';
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${suffix}`;
}

/** Validates `value` against `components.schemas[schemaName]`, e.g. 'GroupWrapper' or 'GroupRequestDto'. */
export function validateAgainstSchema(schemaName: string, value: unknown): SchemaValidation {
  const validate = ajv.getSchema(`${SCHEMA_ID}#/components/schemas/${schemaName}`);
  if (!validate) return { valid: false, errors: [`unknown schema ${schemaName}`] };
  const valid = validate(value) === true;
  const errors = (validate.errors ?? []).map(describe);
  return { valid, errors };
}
