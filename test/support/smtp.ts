import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** A message as the test SMTP server received it, decoded enough to read. */
export interface ReceivedMail {
  readonly raw: string;
  readonly envelopeTo: readonly string[];
  readonly header: (name: string) => string | undefined;
  readonly subject: string;
  readonly text: string;
}

export interface TestSmtpServer {
  /** `smtp://notices:secret@127.0.0.1:<port>`: the only credentials it accepts. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** How many times a client reached DATA, accepted or not. */
  readonly dataCommands: () => number;
  /** Answer the next `n` messages with `451` (Infinity: every one until told otherwise). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Parses a single-part plain-text message (what the notices send). */
export function parseMail(raw: string, envelopeTo: readonly string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const header = (name: string) => {
    const value = headers.get(name.toLowerCase());
    return value === undefined ? undefined : decodeWords(value);
  };
  const text = decodeBody(raw.slice(split + 4), headers.get('content-transfer-encoding')).replace(/\r\n/g, '\n');
  return { raw, envelopeTo, header, subject: header('subject') ?? '', text };
}

/** A real SMTP server on 127.0.0.1 and a port the kernel picks: plain SMTP, no TLS. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let failures = 0;
  let data = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'notices' && auth.password === 'secret') return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        data += 1;
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (failures > 0) {
          failures -= 1;
          // Servers often name the recipient in their answer: the dispatcher must not store it.
          const error: SMTPServerError = new Error(`4.3.0 <${to.join(', ')}> mailbox busy, try again later`);
          error.responseCode = 451;
          return callback(error);
        }
        messages.push(parseMail(Buffer.concat(chunks).toString('latin1'), to));
        return callback(null, 'OK: queued as test');
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    const listening = server.listen(0, '127.0.0.1', () => {
      const address = listening.address();
      if (typeof address === 'object' && address !== null) resolve(address.port);
      else reject(new Error('the SMTP server has no port'));
    });
  });
  return {
    url: `smtp://notices:secret@127.0.0.1:${port}`,
    messages,
    dataCommands: () => data,
    failNext(n: number) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
