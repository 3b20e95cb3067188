import type { Job as AgendaJob } from "agenda"
import { afterEach, describe, expect, it, vi } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { type Agenda, closeAgenda, jobCollection, makeAgenda } from "./index.ts"

const KIND = "issue-certificate"
const opened: Agenda[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeAgenda))
})

const open = async (uri: string, name: string, processEvery = 300) => {
  const agenda = await makeAgenda({ mongodbUri: uri, name, processEvery, defaultConcurrency: 2 })
  opened.push(agenda)
  return agenda
}

/** A worker that records which jobs it ran, and the filters of the lock updates it sent. */
const worker = async (uri: string, name: string, processEvery?: number) => {
  const agenda = await open(uri, name, processEvery)
  const ran: string[] = []
  agenda.define(KIND, async (job: AgendaJob) => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    ran.push(String((job.attrs.data as { n: number }).n))
  })
  const jobs = jobCollection(agenda)
  const locks = vi.spyOn(jobs, "findOneAndUpdate")
  const scans = vi.spyOn(jobs, "find")
  return {
    agenda,
    ran,
    lockFilters: () => locks.mock.calls.map(([filter]) => filter),
    scans: () => scans.mock.calls.length
  }
}

/** A due job as Agenda stores it, locked at `lockedAt` by `owner`. */
const insertLockedJob = (agenda: Agenda, n: number, lockedAt: Date, owner: string) =>
  jobCollection(agenda).insertOne({
    name: KIND,
    type: "normal",
    priority: 0,
    data: { n },
    nextRunAt: lockedAt,
    lockedAt,
    lastModifiedBy: owner
  })

const until = async (done: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out")
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe("claiming jobs on a database that scans for every filter (FerretDB)", () => {
  it("shares a backlog between workers, locking each job by _id after one scan per poll", async () => {
    const uri = testDatabaseUri("claims")
    const api = await open(uri, "api")
    const a = await worker(uri, "worker-a")
    const b = await worker(uri, "worker-b")
    for (let n = 0; n < 40; n++) await api.create(KIND, { n }).schedule(new Date()).save()
    const startedAt = Date.now()
    await Promise.all([a.agenda.start(), b.agenda.start()])
    await until(() => new Set([...a.ran, ...b.ran]).size === 40)
    const seconds = (Date.now() - startedAt) / 1000

    // A worker holds at most 2 × its concurrency of a kind: neither takes the whole backlog.
    expect(a.ran.length).toBeGreaterThan(0)
    expect(b.ran.length).toBeGreaterThan(0)
    // Every lock names its job; Agenda's own lock query (by kind, sorted) decodes the whole collection.
    for (const filter of [...a.lockFilters(), ...b.lockFilters()]) expect(filter).toHaveProperty("_id")
    // At most one scan per half poll interval, however many jobs were locked.
    expect(a.scans()).toBeLessThanOrEqual(Math.ceil(seconds / 0.15) + 1)
    expect(a.scans()).toBeLessThan(a.lockFilters().length)
  })

  it("takes over a job whose lock expired with its worker", async () => {
    const uri = testDatabaseUri("claims")
    const w = await worker(uri, "worker-a")
    const longAgo = new Date(Date.now() - 10 * 60_000)
    await insertLockedJob(w.agenda, 7, longAgo, "worker-killed")
    await w.agenda.start()
    await until(() => w.ran.includes("7"))
  })

  it("leaves a job another live worker holds", async () => {
    const uri = testDatabaseUri("claims")
    const w = await worker(uri, "worker-a")
    const now = new Date()
    await insertLockedJob(w.agenda, 8, now, "worker-alive")
    await w.agenda.start()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(w.ran).toEqual([])
  })

  it("starts a job this process enqueues at once, without waiting for a poll", async () => {
    const uri = testDatabaseUri("claims")
    const w = await worker(uri, "worker-a", 60_000)
    await w.agenda.start()
    await new Promise((resolve) => setTimeout(resolve, 200))
    const enqueuedAt = Date.now()
    await w.agenda.create(KIND, { n: 9 }).schedule(new Date()).save()
    await until(() => w.ran.includes("9"), 5_000)
    expect(Date.now() - enqueuedAt).toBeLessThan(5_000)
    expect(w.lockFilters().at(-1)).toHaveProperty("_id")
  })

  it("holds at most twice its concurrency of a kind locked, however many scans pass", async () => {
    const uri = testDatabaseUri("claims")
    const agenda = await open(uri, "worker-a")
    let release = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    agenda.define(KIND, () => released)
    for (let n = 0; n < 30; n++) await agenda.create(KIND, { n }).schedule(new Date()).save()
    await agenda.start()
    const jobs = jobCollection(agenda)
    const held = () => jobs.countDocuments({ lastModifiedBy: "worker-a", lockedAt: { $ne: null } })
    const counts: number[] = []
    for (let poll = 0; poll < 8; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      counts.push(await held())
    }
    release()
    expect(Math.max(...counts)).toBe(4)
  })
})
