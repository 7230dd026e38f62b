import { contentHash } from './hash.ts';
import type { ItemContent } from './item.ts';

/** The content hash of an item version: what snapshots, papers and the audit trail name it by. */
export const itemContentHash = (content: ItemContent): string => contentHash(content);
