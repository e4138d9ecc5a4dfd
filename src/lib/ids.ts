import { uuidv7 } from 'uuidv7';

/** Resource ids are UUIDv7: time ordered, so keyset pagination by id follows creation order. */
export const newId = (): string => uuidv7();
