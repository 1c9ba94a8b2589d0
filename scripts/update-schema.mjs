#!/usr/bin/env node
// Rewrites the lint rules part of schema/blog.config.schema.json from the rules themselves
// (dist/core/lint/rules), so that editors show every rule with its default and description.
// Run after changing a rule: npm run build && node scripts/update-schema.mjs
// tests/unit/core/config-schema.test.ts fails when the schema and the rules disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../dist/core/lint/rules/index.js';

const file = new URL('../schema/blog.config.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(file, 'utf8'));
const rules = schema.properties.lint.properties.rules;
rules.properties = Object.fromEntries(
  RULES.map((r) => [
    r.id,
    { enum: ['error', 'warn', 'warning', 'off'], default: r.severity, description: `${r.description} Default: ${r.severity}. "warning" is the same as "warn".` },
  ]),
);
writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`${RULES.length} rules written to schema/blog.config.schema.json`);
