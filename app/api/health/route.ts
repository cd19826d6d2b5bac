export const dynamic = 'force-dynamic';

/** Liveness for scripts and tests that wait for the web server; reveals nothing else. */
export function GET() {
  return Response.json({ ok: true });
}
