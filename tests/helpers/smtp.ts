import type { Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server received it: the envelope's recipients and the parsed content. */
export interface ReceivedEmail {
  /** The envelope's recipients (RCPT TO), which is where the message really goes. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /**
   * mailparser's headers, keys in lower case; headers it regroups (List-Unsubscribe becomes part of `list`) are also
   * kept under their own name, as the text after the colon.
   */
  headers: Map<string, unknown>;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://user:pass@127.0.0.1:<port>: what SMTP_URL would be. */
  url: string;
  /** Everything received so far, in order of arrival. */
  messages: ReceivedEmail[];
  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs` (default 10 s). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: the app sends to it over TCP as it would to any mail server.
 * `refuse`: every recipient and every DATA is answered with an error. `hang`: a connection is accepted and never
 * answered, as a dead server behind a live socket would.
 */
export async function startSmtpServer(options: { refuse?: boolean; hang?: boolean } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedEmail[] = [];
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    banner: 'tandem test server',
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onRcptTo(_address, _session, callback) {
      if (options.refuse) {
        const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      if (options.refuse) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const headers = new Map<string, unknown>(parsed.headers);
            // mailparser folds the List-* headers into one `list` object; keep each as written too, so a test reads
            // headers.get('list-unsubscribe') as the line the mail client sees.
            for (const line of parsed.headerLines) {
              if (!headers.has(line.key)) headers.set(line.key, line.line.slice(line.line.indexOf(':') + 1).trim());
            }
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers,
              raw,
            });
            callback();
            notify();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', () => {
    // A client that goes away mid-conversation is reported here; the tests look at what arrived, not at this.
  });

  if (options.hang) {
    // Take over the listening socket: connections are accepted and kept, but no greeting is ever sent.
    const { createServer } = await import('node:net');
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    silent.on('error', () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    return {
      url: `smtp://user:pass@127.0.0.1:${port}`,
      messages,
      waitForMessages: (count, timeoutMs) => waitFor(messages, waiters, count, timeoutMs),
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://user:pass@127.0.0.1:${port}`,
    messages,
    waitForMessages: (count, timeoutMs) => waitFor(messages, waiters, count, timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function waitFor(
  messages: ReceivedEmail[],
  waiters: (() => void)[],
  count: number,
  timeoutMs = 10_000,
): Promise<ReceivedEmail[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (messages.length >= count) {
        clearTimeout(timer);
        resolve(messages.slice());
        return true;
      }
      return false;
    };
    const timer = setTimeout(
      () => reject(new Error(`Expected ${count} email(s), received ${messages.length} in ${timeoutMs} ms.`)),
      timeoutMs,
    );
    if (check()) return;
    const again = () => {
      if (!check()) waiters.push(again);
    };
    waiters.push(again);
  });
}

/** The `index`-th message (0: the first) whose envelope goes to `address`, waiting for it if it has not arrived yet. */
export async function messageTo(
  smtp: TestSmtpServer,
  address: string,
  index = 0,
  timeoutMs?: number,
): Promise<ReceivedEmail> {
  let count = 0;
  for (;;) {
    const all = await smtp.waitForMessages(count, timeoutMs);
    const found = all.filter((m) => m.to.includes(address))[index];
    if (found) return found;
    count = all.length + 1;
  }
}
