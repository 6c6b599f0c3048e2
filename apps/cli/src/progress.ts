import { createReadStream, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { SingleBar } from 'cli-progress';

export interface FileProgress {
  readonly input: Readable;
  update(rows: number): void;
  stop(): void;
}

/**
 * Reads a file as a stream and shows how far the import has got: on a terminal a progress bar
 * with rows per second and the time left (cli-progress's ETA, from the bytes read over the last 50
 * updates); otherwise (CI, a pipe) one line every 100,000 rows, with the time left.
 */
export function withProgress(path: string, label: string): FileProgress {
  const total = statSync(path).size;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const input = createReadStream(path).pipe(counter);
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted} elapsed, about {eta_formatted} left`, etaBuffer: 50, stream: process.stderr, hideCursor: true });
    bar.start(total, 0, { rows: 0, rate: 0 });
    return {
      input,
      update: (rows) => bar.update(bytes, { rows: rows.toLocaleString('en-US'), rate: rate(rows).toLocaleString('en-US') }),
      stop: () => {
        bar.update(total);
        bar.stop();
      },
    };
  }
  let next = 100_000;
  return {
    input,
    update: (rows) => {
      if (rows < next) return;
      next = (Math.floor(rows / 100_000) + 1) * 100_000;
      const seconds = (Date.now() - started) / 1000;
      const left = bytes > 0 ? Math.max(0, Math.round((seconds * (total - bytes)) / bytes)) : null;
      process.stderr.write(`${label}: ${rows.toLocaleString('en-US')} rows, ${rate(rows).toLocaleString('en-US')} rows/s${left === null ? '' : `, about ${left} s left`}\n`);
    },
    stop: () => undefined,
  };
}
