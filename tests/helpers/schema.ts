import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { repoRoot } from './cli.js';

export const articleSchemaPath = resolve(repoRoot, 'schema/article.schema.json');

/** The published schema, read from disk as a consumer would read it. */
export const articleSchema = JSON.parse(readFileSync(articleSchemaPath, 'utf8')) as {
  properties: Record<string, unknown>;
  required: string[];
  $defs: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }>;
};

// ajv and ajv-formats are CommonJS: under NodeNext their classes sit on `.default`.
// strict: a typo in the schema (an unknown keyword) fails here instead of being ignored;
// allowUnionTypes: the schema spells nullable fields as ["string", "null"], on purpose.
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
addFormats.default(ajv);
const validate = ajv.compile(articleSchema);

/** Empty when `value` is a valid article.json; otherwise one readable line per problem, led by its JSON pointer. */
export function validateArchivedArticle(value: unknown): string[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // Inside an anyOf every failed branch reports too; the anyOf's own line says it better.
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  return errors
    .filter((error) => error.keyword === 'anyOf' || !(anyOfPaths.has(error.instancePath) && error.schemaPath.includes('/anyOf/')))
    .map(describeError);
}

function describeError(error: ErrorObject): string {
  const path = error.instancePath || '/';
  const at = (name: string) => `${error.instancePath}/${name}`;
  switch (error.keyword) {
    case 'required':
      return `${at(String(error.params.missingProperty))}: is missing (every field is required; unknown values are null)`;
    case 'additionalProperties':
      return `${at(String(error.params.additionalProperty))}: is not a field of article.json`;
    case 'const':
      return `${path}: must be ${JSON.stringify(error.params.allowedValue)} (got ${shortJson(error.data)})`;
    case 'enum':
      return `${path}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${shortJson(error.data)})`;
    case 'anyOf': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return `${path}: must be ${description ? lowerFirst(description) : 'one of the allowed forms'} (got ${shortJson(error.data)})`;
    }
    default:
      return `${path}: ${error.message ?? error.keyword} (got ${shortJson(error.data)})`;
  }
}

function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** "An ISO 8601 date…; or null." → "an ISO 8601 date…; or null", to follow "must be". */
function lowerFirst(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}
