import type { DataSource } from "typeorm";
import { IsNull, Not, Or } from "typeorm";
import { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { contactIndexes } from "../../entities/cases/contact-indexes";
import { currentKeyId } from "../../entities/field-encryption.transformer";

/**
 * Makes the blind indexes of every contact not yet indexed under the current data key: rows from
 * before the indexes existed, and every row after a key rotation. Batches of `batchSize`, each in
 * its own transaction, so it can run beside the service and be interrupted. Answers how many.
 */
export async function reindexContacts(dataSource: DataSource, batchSize = 500): Promise<number> {
  const keyId = currentKeyId();
  let reindexed = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const contacts = await manager.find(CaseContactEntity, {
        where: { erasedAt: IsNull(), indexKeyId: Or(IsNull(), Not(keyId)) },
        order: { id: "ASC" },
        take: batchSize,
        lock: { mode: "pessimistic_write", onLocked: "skip_locked" },
      });
      for (const contact of contacts)
        await manager.update(CaseContactEntity, { id: contact.id }, contactIndexes(contact));
      return contacts.length;
    });
    reindexed += done;
    if (done < batchSize) return reindexed;
  }
}
