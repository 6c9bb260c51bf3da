import { LRUCache } from "lru-cache";
import type { DataSource } from "typeorm";
import { OfficerEntity } from "../../entities/security/officer.entity";
import { retryOnConnectionError } from "../platform/connection-errors";

/** Officer records one instance keeps at most (a few hundred staff use the service). */
const MAX_OFFICERS = 10_000;

/**
 * The caller's officer record, found by user name, kept by this instance between requests (issue 15
 * §3). It is trusted only while the instance hears every officer change: live updates' LISTEN
 * connection tells it of each (`officerChanged`), and of losing and regaining that connection, when
 * it forgets everything, since changes made meanwhile went unheard. Until it is first told it is
 * listening, it keeps nothing. A user with no record is looked up each time, so a newly registered
 * officer is known on every instance from their next request, announcement or not.
 */
export class OfficerDirectory {
  private readonly records = new LRUCache<string, OfficerEntity>({ max: MAX_OFFICERS });
  private listening = false;
  /** Bumped by every change heard: a read that began before one may hold the old record, so is not kept. */
  private generation = 0;

  constructor(private readonly dataSource: DataSource) {}

  async find(username: string): Promise<OfficerEntity | null> {
    const kept = this.records.get(username);
    if (kept) return copyOf(kept);
    const startedIn = this.generation;
    const officer = await readOfficer(this.dataSource, username);
    if (officer && this.listening && this.generation === startedIn) this.records.set(username, copyOf(officer));
    return officer;
  }

  /** An officer was added, changed or removed; no name: any may have been (the table was emptied). */
  officerChanged(username: string | null): void {
    this.generation++;
    if (username === null) this.records.clear();
    else this.records.delete(username);
  }

  /** Changes may now go unheard: keep nothing until listening again. */
  listeningLost(): void {
    this.listening = false;
    this.officerChanged(null);
  }

  /** Every change from now on will be heard; those made before were not. */
  listeningStarted(): void {
    this.officerChanged(null);
    this.listening = true;
  }
}

/** The officer record of a user name, read from the database (null: they have none). */
export function readOfficer(dataSource: DataSource, username: string): Promise<OfficerEntity | null> {
  return retryOnConnectionError(() => dataSource.manager.findOneBy(OfficerEntity, { username }));
}

// Each request gets its own copy: nothing a request does to its record can reach another's.
function copyOf(officer: OfficerEntity): OfficerEntity {
  return Object.assign(new OfficerEntity(), officer);
}
