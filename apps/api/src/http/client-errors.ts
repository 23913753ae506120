import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

/** What Node's HTTP parser refuses before any route sees the request, by its error code. */
const REFUSALS: Record<string, { status: number; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: 'Request Header Fields Too Large',
    detail: 'the address or the headers are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request Timeout',
    detail: 'the request took too long to arrive',
  },
};

/**
 * Requests the HTTP parser cannot read (a NUL or other control character in a header, an address or headers of
 * many kilobytes, garbage) are answered as problems too, instead of Node's bare status line: the same
 * `application/problem+json` every other error gets, and the connection closed.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = REFUSALS[error.code ?? ''] ?? {
      status: 400,
      title: 'Bad Request',
      detail: 'the request cannot be read as HTTP',
    };
    const body = JSON.stringify({ type: problemType('malformed-request'), ...refusal });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
