import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@app/domain';
import { CureFiles, type WriteBytes } from '@app/persistence';

/** Issue 13: an upload on a full disk answered 500 and left a 0-byte file behind. */
describe('cure files on a failing disk', () => {
  let folder: string;
  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'cure-files-')), 'uploads');
  });
  afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  /** What a full disk does: the file is created, then the write fails with ENOSPC. */
  const fullDisk: WriteBytes = async (path, _bytes, options) => {
    await writeFile(path, new Uint8Array(0), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
  };

  it('ENOSPC: storage_unavailable, and no file at all (no 0-byte file, no partial one)', async () => {
    const files = new CureFiles(folder, fullDisk);
    const failed = await files.write(Buffer.from('%PDF-1.7 a document')).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DomainError);
    expect(failed).toMatchObject({ code: 'storage_unavailable' });
    expect((failed as Error).message).not.toMatch(/ENOSPC|\//);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('an I/O error on a write that wrote part of the file: nothing kept either', async () => {
    const halfway: WriteBytes = async (path, bytes, options) => {
      await writeFile(path, bytes.subarray(0, 3), options);
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO', syscall: 'write' });
    };
    await expect(new CureFiles(folder, halfway).write(Buffer.from('%PDF-1.7 a document'))).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a good disk: the file under its final name only, mode 0600', async () => {
    const files = new CureFiles(folder);
    const name = await files.write(Buffer.from('%PDF-1.7 a document'));
    expect(readdirSync(folder)).toEqual([name]);
    expect((await files.read(name)).toString()).toBe('%PDF-1.7 a document');
  });
});
