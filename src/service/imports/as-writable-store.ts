import type { Store } from '../../io/store/store.js';
import type { WritableStore } from './import-service.js';

/**
 * The store as a WritableStore: itself when it has `write` (ReopenableStore), else a view whose `write(fn)`
 * runs `fn` on the store directly (PostgreSQL, a read-write DuckDbStore; a read-only one refuses the write
 * with StoreError STORE_FAILED).
 */
export function asWritableStore(store: Store): WritableStore {
  if (typeof (store as Partial<WritableStore>).write === 'function') return store as WritableStore;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'write') return <T>(fn: (s: Store) => Promise<T>): Promise<T> => fn(target);
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as WritableStore;
}
