import type { INestApplication } from '@nestjs/common';
import type { NotificationList } from '@convenio/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../../../src/modules/notifications/notifications.service';
import { createTestApp } from '../support/create-app';
import { bearer, loginAll, type Persona, type Session } from '../support/personas';
import { createIsolatedDatabase, type IsolatedDatabase } from '../pipeline/isolated-database';

describe('the bell: /api/v1/notifications', () => {
  let iso: IsolatedDatabase;
  let app: INestApplication;
  let sessions: Record<Persona, Session>;

  const http = () => request(app.getHttpServer());
  const list = async (persona: Persona, query = ''): Promise<NotificationList> => (await http().get(`/api/v1/notifications${query}`).set(bearer(sessions[persona])).expect(200)).body;

  beforeAll(async () => {
    iso = await createIsolatedDatabase('notifications');
    app = await createTestApp({ DATABASE_URL: iso.url });
    sessions = await loginAll(app);
    const notifications = app.get(NotificationsService);
    await app.get(DataSource).transaction(async (manager) => {
      for (const [index, kind] of (['approval_assigned', 'approval_reminder', 'agreement_approved'] as const).entries()) {
        await notifications.notify(manager, { userIds: [sessions.official.userId], kind, params: { reference: `CNV-${index}` }, link: `/convenios/${index}` });
        // Distinct timestamps, so "newest first" is well defined.
        await manager.query(`UPDATE notifications SET created_at = now() - make_interval(mins => $1) WHERE params->>'reference' = $2`, [10 - index, `CNV-${index}`]);
      }
      await notifications.notify(manager, { userIds: [sessions.steward.userId], kind: 'data_request_received', params: { topic: 'empleo' }, dedupeKey: 'dr-1' });
      // The same dedupe key for the same person is stored once.
      expect(await notifications.notify(manager, { userIds: [sessions.steward.userId], kind: 'data_request_received', dedupeKey: 'dr-1' })).toBe(0);
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await iso?.drop();
  });

  it("lists only the caller's notifications, newest first, with the unread count", async () => {
    const official = await list('official');
    expect(official.unread).toBe(3);
    expect(official.items.map((n) => n.kind)).toEqual(['agreement_approved', 'approval_reminder', 'approval_assigned']);
    expect(official.items[0]).toEqual({
      id: expect.any(String), kind: 'agreement_approved', params: { reference: 'CNV-2' }, link: '/convenios/2', readAt: null, createdAt: expect.any(String),
    });
    const steward = await list('steward');
    expect(steward).toEqual({ items: [expect.objectContaining({ kind: 'data_request_received', params: { topic: 'empleo' }, link: null })], unread: 1 });
    expect(await list('partner')).toEqual({ items: [], unread: 0 });
  });

  it('honours limit and unread, and refuses a bad limit with 400', async () => {
    expect((await list('official', '?limit=2')).items).toHaveLength(2);
    await http().get('/api/v1/notifications?limit=0').set(bearer(sessions.official)).expect(400);
    await http().get('/api/v1/notifications?unread=maybe').set(bearer(sessions.official)).expect(400);
  });

  it("marks one read; someone else's or a malformed id answers 404", async () => {
    const [newest] = (await list('official')).items;
    const stranger = await http().post(`/api/v1/notifications/${newest.id}/read`).set(bearer(sessions.steward)).expect(404);
    expect(stranger.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Notification not found' });
    await http().post('/api/v1/notifications/not-a-uuid/read').set(bearer(sessions.official)).expect(404);
    expect((await list('official')).unread).toBe(3);

    const read = await http().post(`/api/v1/notifications/${newest.id}/read`).set(bearer(sessions.official)).expect(200);
    expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });
    // Marking again keeps the first time it was read.
    const again = await http().post(`/api/v1/notifications/${newest.id}/read`).set(bearer(sessions.official)).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await list('official');
    expect(after.unread).toBe(2);
    expect((await list('official', '?unread=true')).items.map((n) => n.id)).not.toContain(newest.id);
  });

  it("marks all of the caller's read, and nobody else's", async () => {
    const response = await http().post('/api/v1/notifications/read-all').set(bearer(sessions.official)).expect(200);
    expect(response.body).toEqual({ updated: 2 });
    expect((await list('official')).unread).toBe(0);
    expect((await list('official', '?unread=true')).items).toEqual([]);
    expect((await list('steward')).unread).toBe(1);
  });

  it('needs a signed-in caller', async () => {
    await http().get('/api/v1/notifications').expect(401);
    await http().post('/api/v1/notifications/read-all').expect(401);
  });
});
