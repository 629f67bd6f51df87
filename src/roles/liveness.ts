/**
 * /healthz is the liveness probe: it fails (503) when the process cannot
 * get well by itself, i.e. its embedded Redis is down and could not be
 * restarted (Context.health). Answered ahead of the app, so the serve
 * routes need not know about the context; otherwise the app's /healthz
 * answers.
 */
export function failingLiveness(req: Request, health: { ok: boolean; checks: Record<string, boolean> }): Response | null {
  if (health.ok || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
  if (new URL(req.url).pathname !== '/healthz') return null;
  return Response.json(health, { status: 503, headers: { 'cache-control': 'no-store' } });
}
