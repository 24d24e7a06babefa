import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { repoRoot } from './cli.js';

export const articleSchema = JSON.parse(readFileSync(resolve(repoRoot, 'schema/article.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
};

const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validate = ajv.compile(articleSchema);

/** Empty when `value` is a valid article.json; else one readable line per problem. */
export function validateArchivedArticle(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
  );
}
