/** RFC 9457 problem details: every error response, never cacheable. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** The query parameter at fault, when there is one. */
  param?: string;
}

export const ERROR_HEADERS = {
  'content-type': 'application/problem+json; charset=utf-8',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
};

export function problemResponse(p: Problem, extra: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { type: 'about:blank', title: p.title, status: p.status, detail: p.detail };
  if (p.param) {
    body.param = p.param;
    body['invalid-params'] = [{ name: p.param, reason: p.detail }];
  }
  return new Response(JSON.stringify(body), { status: p.status, headers: { ...ERROR_HEADERS, ...extra } });
}

export const notFound = (detail: string): Problem => ({ status: 404, title: 'Not Found', detail });
export const badParam = (param: string, detail: string): Problem => ({ status: 400, title: 'Bad Request', detail: `${param}: ${detail}`, param });
