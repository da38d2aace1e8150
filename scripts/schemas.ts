import { StudyFileSchema } from '../model/study-file.js';

/**
 * The JSON Schemas rondo publishes in `schemas/`, generated from the model's TypeBox schemas so
 * that they cannot drift from what the server checks: `npm run schemas` writes them, and
 * test/setup/study-file-schema.test.ts fails when a committed file is out of date.
 */
export function renderSchemas(): Record<string, string> {
  return {
    'schemas/study.schema.json': render(StudyFileSchema),
  };
}

function render(schema: object): string {
  // JSON.stringify drops TypeBox's symbol keys; what is left is plain JSON Schema (draft-07).
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...plain }, null, 2) + '\n';
}
