import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files voters upload to cure a ballot: kept under the data folder's `uploads/` (mode 0700)
 * with a random name (mode 0600), never served as a static file; what a file is, and what the
 * clerk decided, is in `cure_submissions`.
 */
export class CureFiles {
  constructor(readonly folder: string) {}

  /** Writes a new file and returns its random name; never over an existing one. */
  async write(bytes: Uint8Array): Promise<string> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const name = randomBytes(24).toString('hex');
    await writeFile(join(this.folder, name), bytes, { mode: 0o600, flag: 'wx' });
    return name;
  }

  read(name: string): Promise<Buffer> {
    return readFile(join(this.folder, this.checked(name)));
  }

  /** Removes a file that was written but not recorded (a refused or failed upload keeps nothing). */
  async remove(name: string): Promise<void> {
    await rm(join(this.folder, this.checked(name)), { force: true });
  }

  /** A stored name is 48 hex digits: nothing else ever reaches the file system. */
  private checked(name: string): string {
    if (!/^[0-9a-f]{48}$/.test(name)) throw new Error('not a stored upload name');
    return name;
  }
}
