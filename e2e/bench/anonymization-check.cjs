// Re-checks an anonymized CSV with the engine's independent k/ℓ checker (built into
// backend/dist; it shares no code with the engine). Prints one JSON line.
// Usage: node anonymization-check.cjs <file> <delimiter> <column,column,…>
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { checkAnonymity } = require(join(__dirname, '..', '..', 'backend', 'dist', 'modules', 'anonymization', 'engine', 'testing', 'anonymity-checker'));
const [file, delimiter, columns] = process.argv.slice(2);
const result = checkAnonymity(readFileSync(file, 'utf8'), delimiter, columns.split(','));
process.stdout.write(JSON.stringify({ k: result.k, records: result.records, classes: result.classes }) + '\n');
