/**
 * "Applied, then failed" faults of the fake CKAN (issue 14): the action runs and its change is stored,
 * then the client gets a proxy's 502 page or a dropped connection instead of CKAN's answer, as happens
 * behind government proxies when CKAN committed but the gateway gave up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type AppliedFaultKind = 'applied502' | 'appliedReset';

export const APPLIED_FAULTS: AppliedFaultKind[] = ['applied502', 'appliedReset'];

export function isAppliedFault(kind: string): kind is AppliedFaultKind {
  return (APPLIED_FAULTS as string[]).includes(kind);
}

export function answerAfterApplied(kind: AppliedFaultKind, call: { status: number }, req: IncomingMessage, res: ServerResponse): void {
  if (kind === 'appliedReset') {
    call.status = -2;
    req.socket.destroy();
    return;
  }
  call.status = 502;
  const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
  res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
  res.end(page);
}
