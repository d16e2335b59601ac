import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import { receiveMultipart, type MultipartSpec } from './multipart-upload';

class FormError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

const spec = (overrides: Partial<MultipartSpec> = {}): MultipartSpec => ({
  fileField: 'file',
  maxFileBytes: 10,
  envelopeBytes: 4096,
  textFields: ['policy'],
  maxFieldBytes: 20,
  errors: { upload: (message, path) => new FormError(400, message, path), tooLarge: () => new FormError(413, 'too large'), fieldTooLarge: (name) => new FormError(413, `${name} too large`) },
  ...overrides,
});

/** A real HTTP server whose one route reads the form with `receiveMultipart` and answers what it got, or the error. */
async function serve(form: MultipartSpec): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let bytes = 0;
    receiveMultipart(request as Request, form, async (file) => {
      for await (const chunk of file) bytes += (chunk as Buffer).length;
    }).then(
      (received) => response.end(JSON.stringify({ status: 200, bytes, fileName: received.fileName, fields: Object.fromEntries(received.fields) })),
      (error: FormError) => response.end(JSON.stringify({ status: error.status, message: error.message, path: error.path })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function send(url: string, parts: Array<[string, string | Blob, string?]>): Promise<Record<string, unknown>> {
  const body = new FormData();
  for (const [name, value, fileName] of parts) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, fileName);
  }
  return (await (await fetch(url, { method: 'POST', body })).json()) as Record<string, unknown>;
}

const csv = (bytes: number) => new Blob(['x'.repeat(bytes)], { type: 'text/csv' });

describe('receiveMultipart', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  async function url(form: MultipartSpec): Promise<string> {
    const { server, url } = await serve(form);
    servers.push(server);
    return url;
  }

  it('takes a file of exactly the limit, and refuses one byte more with the too-large error', async () => {
    const at = await url(spec());
    expect(await send(at, [['policy', '{}'], ['file', csv(10), 'a.csv']])).toEqual({ status: 200, bytes: 10, fileName: 'a.csv', fields: { policy: '{}' } });
    expect(await send(at, [['file', csv(11), 'a.csv']])).toMatchObject({ status: 413, message: 'too large' });
  });

  it('refuses unknown fields by default, naming them; ignores them when told, listing them if the file is missing', async () => {
    const strict = await url(spec());
    expect(await send(strict, [['polcy', '{}'], ['file', csv(3), 'a.csv']])).toMatchObject({ status: 400, path: 'polcy', message: 'Unknown field "polcy"; the form takes "file" and "policy"' });
    const lenient = await url(spec({ textFields: [], otherFields: 'ignore', maxTextFields: 3 }));
    expect(await send(lenient, [['note', 'hola'], ['file', csv(3), 'a.csv']])).toMatchObject({ status: 200, bytes: 3, fields: {} });
    expect(await send(lenient, [['note', 'hola']])).toMatchObject({ status: 400, message: 'No file: send the CSV in the multipart field "file"; got "note"' });
  });

  it('refuses a field sent twice, an oversized field and a file in the wrong field', async () => {
    const at = await url(spec());
    expect(await send(at, [['policy', '{}'], ['policy', '{}'], ['file', csv(3), 'a.csv']])).toMatchObject({ status: 400, path: 'policy', message: 'The field "policy" is sent twice' });
    expect(await send(at, [['policy', 'y'.repeat(30)], ['file', csv(3), 'a.csv']])).toMatchObject({ status: 413, message: 'policy too large' });
    expect(await send(at, [['data', csv(3), 'a.csv']])).toMatchObject({ status: 400, message: 'The CSV must be in the multipart field "file", not "data"' });
  });
});
