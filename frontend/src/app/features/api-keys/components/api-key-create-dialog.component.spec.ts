import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { ApiKey, CreatedApiKey } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { ORGANIZATION_ID, signInAs } from '../../../../testing/session-testing';
import { provideAuthz } from '../../../core/authz/authz.service';
import { errorInterceptor } from '../../../core/http/error.interceptor';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { authInterceptor } from '../../../core/session/auth.interceptor';
import { API_KEYS_URL } from '../data-access/api-keys.api';
import { ApiKeyCreateDialogComponent } from './api-key-create-dialog.component';

const SECRET = 'cvk_AbCdEfGhIjKl_5up3r-s3cr3t-v4lu3';

function created(): CreatedApiKey {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    name: 'Cargador nocturno',
    prefix: 'cvk_AbCdEfGhIjKl',
    organizationId: ORGANIZATION_ID,
    createdById: '00000000-0000-4000-8000-000000000001',
    permissions: [{ action: 'read', subject: 'Organization' }],
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt: '2026-01-15T10:00:00.000Z',
    key: SECRET,
  };
}

describe('ApiKeyCreateDialogComponent', () => {
  let backend: HttpTestingController;
  let dialog: MatDialog;

  const q = (testId: string): HTMLElement | null => document.querySelector(`[data-testid="${testId}"]`);
  const checkbox = (action: string, subject: string): HTMLInputElement | null =>
    document.querySelector(`[data-testid="api-key-permission-${action}-${subject}"] input[type="checkbox"]`);

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        provideI18n(),
        provideAuthz(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    await initializeApp();
    backend = TestBed.inject(HttpTestingController);
    dialog = TestBed.inject(MatDialog);
    await signInAs(['steward']);
  });

  afterEach(() => {
    dialog.closeAll();
    backend.verify();
  });

  async function open() {
    const ref = dialog.open<ApiKeyCreateDialogComponent, void, ApiKey>(ApiKeyCreateDialogComponent);
    await settle();
    return ref;
  }

  async function fillAndSave(): Promise<void> {
    const name = q('api-key-name') as HTMLInputElement;
    name.value = 'Cargador nocturno';
    name.dispatchEvent(new Event('input'));
    checkbox('read', 'Organization')?.click();
    await settle();
    q('api-key-save')?.click();
    await settle();
  }

  it("offers only the creator's own permissions, never manage", async () => {
    await open();
    for (const [action, subject] of [['read', 'ApiKey'], ['create', 'ApiKey'], ['delete', 'ApiKey'], ['read', 'Organization'], ['read', 'User']]) {
      expect(checkbox(action, subject)).not.toBeNull();
    }
    expect(checkbox('read', 'AuditEntry')).toBeNull();
    expect(checkbox('create', 'Organization')).toBeNull();
    expect(document.querySelector('[data-testid^="api-key-permission-manage-"]')).toBeNull();
  });

  it('shows the new key once, with the warning; closing returns the record without the secret', async () => {
    const ref = await open();
    let result: ApiKey | undefined;
    ref.afterClosed().subscribe((value) => (result = value));
    await fillAndSave();
    const request = backend.expectOne(API_KEYS_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: 'Cargador nocturno', permissions: [{ action: 'read', subject: 'Organization' }], expiresAt: null });
    request.flush(created(), { status: 201, statusText: 'Created' });
    await settle();

    expect(q('api-key-secret-value')?.textContent?.trim()).toBe(SECRET);
    expect(q('api-key-secret')?.textContent).toContain('no volverá a verla');
    expect(q('api-key-copy')).not.toBeNull();
    expect(ref.disableClose).toBe(true);

    q('api-key-done')?.click();
    await settle();
    expect(result).toBeDefined();
    expect(result?.name).toBe('Cargador nocturno');
    expect(result).not.toHaveProperty('key');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(document.body.textContent).not.toContain(SECRET);

    await open();
    expect(q('api-key-secret')).toBeNull();
    expect(q('api-key-name')).not.toBeNull();
  });

  it('puts a 422 refusal next to the permission the creator does not hold', async () => {
    await open();
    await fillAndSave();
    backend.expectOne(API_KEYS_URL).flush(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'An API key may only carry permissions its creator holds',
        details: [{ path: 'body.permissions.0', message: 'you do not hold "read Organization", so a key of yours cannot either' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    const permission = q('api-key-permission-read-Organization')?.parentElement?.textContent ?? '';
    expect(permission).toContain('you do not hold "read Organization"');
    expect(q('api-key-form-error')?.textContent).toContain('Algunos permisos no se pueden delegar');
    expect(q('api-key-secret')).toBeNull();
  });

  it('asks for at least one permission before sending', async () => {
    await open();
    const name = q('api-key-name') as HTMLInputElement;
    name.value = 'Sin permisos';
    name.dispatchEvent(new Event('input'));
    q('api-key-save')?.click();
    await settle();
    backend.expectNone(API_KEYS_URL);
    expect(q('api-key-permissions-error')?.textContent).toContain('Elija al menos un permiso');
  });
});
