import { baseUrl } from './browser';

/** Signs in through the API of the running stack; returns the access token. */
export async function apiLogin(email: string, password = 'convenio-demo'): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
