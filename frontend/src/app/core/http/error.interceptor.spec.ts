import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ErrorResponse } from '@convenio/contracts';
import { firstValueFrom } from 'rxjs';
import { errorInterceptor } from './error.interceptor';

describe('errorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([errorInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function failureOf(answer: (url: string) => void): Promise<HttpErrorResponse> {
    const request = firstValueFrom(http.get('/api/thing'));
    answer('/api/thing');
    const error = await request.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpErrorResponse);
    return error as HttpErrorResponse;
  }

  it('passes the API error shape through unchanged', async () => {
    const body: ErrorResponse = { statusCode: 404, error: 'Not Found', message: 'No such thing' };
    const error = await failureOf((url) => backend.expectOne(url).flush(body, { status: 404, statusText: 'Not Found' }));
    expect(error.status).toBe(404);
    expect(error.error).toEqual(body);
  });

  it('turns a body that is not the error shape (a proxy page) into one', async () => {
    const error = await failureOf((url) => backend.expectOne(url).flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.error).toEqual(expect.objectContaining({ statusCode: 502, error: 'Bad Gateway' }));
    expect(typeof error.error.message).toBe('string');
  });

  it('turns a network failure into statusCode 0', async () => {
    const error = await failureOf((url) => backend.expectOne(url).error(new ProgressEvent('error')));
    expect(error.status).toBe(0);
    expect(error.error).toEqual(expect.objectContaining({ statusCode: 0, error: 'Network Error' }));
  });
});
