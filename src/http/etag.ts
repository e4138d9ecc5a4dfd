import { validationFailed } from './problem.js';

/** Mutable resources carry `version`; their ETag is the quoted version. */
export const etag = (version: number) => `"${version}"`;

const ENTITY_TAG = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * Reads If-Match: a version (`"3"`, `W/"3"` or `3`), a list of them, or `*`.
 * Returns the acceptable versions, or undefined when any version is acceptable.
 */
export function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const versions = header.split(',').map((part) => ENTITY_TAG.exec(part.trim())?.[1]);
  if (versions.length === 0 || versions.some((v) => v === undefined)) {
    throw validationFailed([
      { path: 'headers.if-match', message: 'must be an ETag from this API, e.g. "3"' },
    ]);
  }
  return versions.map(Number);
}

export const matches = (ifMatch: number[] | undefined, version: number) =>
  ifMatch === undefined || ifMatch.includes(version);
