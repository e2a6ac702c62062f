/**
 * File-system errors and non-regular files described in words a user can
 * act on.
 * @module
 */
import type { Stats } from 'node:fs';

/**
 * What a non-regular file is, for messages. @internal
 * @lemma def:instance
 */
export function notRegular(st: Stats): string {
  if (st.isDirectory()) return 'it is a directory';
  if (st.isFIFO()) return 'it is a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'it is a character device';
  if (st.isBlockDevice()) return 'it is a block device';
  if (st.isSocket()) return 'it is a socket';
  return 'it is not a regular file';
}

/**
 * A system error as words a user can act on. @internal
 * @lemma def:instance
 */
export function systemReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a parent is not a directory',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large (a file-size limit, e.g. ulimit -f)',
    EROFS: 'read-only file system',
    EXDEV: 'the temporary file and the target are on different file systems',
  };
  return (code && known[code]) ?? (e as Error).message ?? String(e);
}
