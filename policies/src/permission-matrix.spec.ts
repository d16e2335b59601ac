import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { matrixCell, renderPermissionMatrix } from './permission-matrix';

describe('docs/permissions.md', () => {
  it('is up to date with policies/ (regenerate with `npm run permissions:matrix`)', () => {
    const committed = readFileSync(resolve(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
    expect(committed).toBe(renderPermissionMatrix());
  });

  it('describes conditions in words', () => {
    expect(matrixCell('official', 'read', 'AuditEntry')).toBe('own organization');
    expect(matrixCell('auditor', 'read', 'AuditEntry')).toBe('✓');
    expect(matrixCell('partner', 'create', 'ApiKey')).toBe('—');
  });
});
