import { z } from 'zod';

/**
 * Snapshot + delta stream for a keyed collection: a subscriber first gets `init` with every item, then
 * `update` (insert or replace) and `remove`. A reloaded renderer re-subscribes and recovers from `init`.
 */
export function collectionUpdates<T extends z.ZodType<{ id: string }>>(item: T) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('init'), items: z.array(item) }),
    z.object({ type: z.literal('update'), item }),
    z.object({ type: z.literal('remove'), id: z.string() }),
  ]);
}

export type CollectionUpdate<T extends { id: string }> =
  { type: 'init'; items: T[] } | { type: 'update'; item: T } | { type: 'remove'; id: string };

/** Applies one update to a map keyed by id, returning a new map (immutable, for stores). */
export function applyCollectionUpdate<T extends { id: string }>(
  current: ReadonlyMap<string, T>,
  update: CollectionUpdate<T>,
): Map<string, T> {
  switch (update.type) {
    case 'init':
      return new Map(update.items.map((i) => [i.id, i]));
    case 'update': {
      const next = new Map(current);
      next.set(update.item.id, update.item);
      return next;
    }
    case 'remove': {
      const next = new Map(current);
      next.delete(update.id);
      return next;
    }
  }
}
