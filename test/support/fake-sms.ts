import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { throwIllegalValue } from '@app/domain';

/**
 * A text-message provider of the common HTTP shape, on 127.0.0.1, for tests: it takes a
 * form-encoded POST to `/2010-04-01/Accounts/<account>/Messages.json` with HTTP Basic credentials,
 * checks the credentials and the form (`To` as + and digits, `Body`, and `From` or
 * `MessagingServiceSid`), records each message it accepts, answers a repeated idempotency key with
 * the first answer instead of sending again, and can be told how to answer the next requests.
 */

export interface FakeSms {
  readonly id: string;
  readonly to: string;
  readonly from: string | null;
  readonly messagingServiceSid: string | null;
  readonly body: string;
  readonly statusCallback: string | null;
  readonly idempotencyKey: string | null;
}

/**
 * How to answer: `accept` (201 with an id); `reject_number` (400, the provider's invalid-number
 * code); `opted_out` (400, the number replied STOP); `rate_limit` (429 with Retry-After);
 * `down` (500); `unavailable` (503 with Retry-After); `hang` (never answer); `drop` (close the
 * connection before answering); `accept_then_drop` (take the message, then lose the answer, as a
 * crash or a broken connection would).
 */
export type FakeAnswer = 'accept' | 'reject_number' | 'opted_out' | 'rate_limit' | 'down' | 'unavailable' | 'hang' | 'drop' | 'accept_then_drop';

export interface FakeSmsProvider {
  /** The Messages resource to configure as SMS_API_URL. */
  readonly url: string;
  readonly accountId: string;
  readonly authToken: string;
  /** The messages it took, each once whatever the retries. */
  readonly messages: FakeSms[];
  /** Every POST that reached it, taken or not. */
  requests(): number;
  /** Requests answered from the idempotency record instead of sending again. */
  replays(): number;
  /** Answer the next `times` requests so (default once); `retryAfter` is the header's value for 429 and 503. */
  answerNext(answer: FakeAnswer, times?: number, retryAfter?: string): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;

export async function startFakeSmsProvider(options: { accountId?: string; authToken?: string } = {}): Promise<FakeSmsProvider> {
  const accountId = options.accountId ?? 'AC0123456789abcdef';
  const authToken = options.authToken ?? 'test-token-0123456789';
  const path = `/2010-04-01/Accounts/${accountId}/Messages.json`;
  const messages: FakeSms[] = [];
  const answered = new Map<string, { status: number; body: string }>();
  const queue: { answer: FakeAnswer; retryAfter: string }[] = [];
  const sockets = new Set<Socket>();
  let requests = 0;
  let replays = 0;

  const json = (response: ServerResponse, status: number, body: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> = {}): string => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(text);
    return text;
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string): void => {
    requests += 1;
    if (request.method !== 'POST' || request.url !== path) return void json(response, 404, { code: 20404, message: 'The requested resource was not found' });
    const expected = `Basic ${Buffer.from(`${accountId}:${authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return void json(response, 401, { code: 20003, message: 'Authenticate' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return void json(response, 400, { code: 21000, message: 'the body must be form-encoded' });
    const form = new URLSearchParams(raw);
    const key = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
    if (key !== null) {
      const first = answered.get(key);
      if (first !== undefined) {
        replays += 1;
        response.writeHead(first.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
        return void response.end(first.body);
      }
    }
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    if (!E164.test(to)) return void json(response, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
    if ((from === null) === (service === null)) return void json(response, 400, { code: 21603, message: 'A From number or a MessagingServiceSid is required, not both' });
    if (body === '') return void json(response, 400, { code: 21602, message: 'Message body is required' });

    const next = queue.shift() ?? { answer: 'accept', retryAfter: '30' };
    switch (next.answer) {
      case 'reject_number':
        return void json(response, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      case 'opted_out':
        return void json(response, 400, { code: 21610, message: `Attempt to send to unsubscribed recipient ${to}`, status: 400 });
      case 'rate_limit':
        return void json(response, 429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'retry-after': next.retryAfter });
      case 'down':
        return void json(response, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
      case 'unavailable':
        return void json(response, 503, { code: 20503, message: 'Service Unavailable', status: 503 }, { 'retry-after': next.retryAfter });
      case 'hang':
        return;
      case 'drop':
        return void request.socket.destroy();
      case 'accept':
      case 'accept_then_drop': {
        const id = `SM${randomBytes(16).toString('hex')}`;
        messages.push({ id, to, from, messagingServiceSid: service, body, statusCallback: form.get('StatusCallback'), idempotencyKey: key });
        const answer = { status: 201, body: JSON.stringify({ sid: id, status: 'queued', to, body }) };
        if (key !== null) answered.set(key, answer);
        if (next.answer === 'accept_then_drop') return void request.socket.destroy();
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        return void response.end(answer.body);
      }
      default:
        return throwIllegalValue(next.answer, 'fake SMS answer');
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address !== null) resolve(address.port);
      else reject(new Error('the fake SMS provider has no port'));
    });
  });

  return {
    url: `http://127.0.0.1:${port}${path}`,
    accountId,
    authToken,
    messages,
    requests: () => requests,
    replays: () => replays,
    answerNext(answer, times = 1, retryAfter = '30') {
      for (let i = 0; i < times; i += 1) queue.push({ answer, retryAfter });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
