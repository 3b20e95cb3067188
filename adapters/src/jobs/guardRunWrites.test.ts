import { ObjectId } from "mongodb"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { type Agenda, closeAgenda, jobCollection, makeAgenda } from "./index.ts"

let agenda: Agenda
beforeAll(async () => {
  agenda = await makeAgenda({
    mongodbUri: testDatabaseUri("run-writes"),
    name: "worker-1",
    processEvery: 200
  })
  await agenda.start()
})
afterAll(() => closeAgenda(agenda))

const waitFor = async (condition: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** A job kind whose runs wait until the test lets them finish. */
const defineHeldJob = (name: string) => {
  const started: Array<string> = []
  let finish = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  agenda.define(name, async (job) => {
    started.push(String(job.attrs._id))
    await finished
  })
  return { started, finish }
}

describe("a run's writes to its job", () => {
  it("removes the job after a successful run, as Agenda does without the guard", async () => {
    const held = defineHeldJob("guard-own-run")
    const job = await agenda.now("guard-own-run", { n: 1 })
    await waitFor(async () => held.started.length === 1, "the run to start")
    held.finish()
    const jobs = jobCollection(agenda)
    await waitFor(
      async () => (await jobs.countDocuments({ _id: new ObjectId(String(job.attrs._id)) })) === 0,
      "removal"
    )
  })

  it("leaves a newer job in the same slot alone when a late run ends", async () => {
    const held = defineHeldJob("guard-late-run")
    const job = await agenda.now("guard-late-run", { n: 2 })
    const _id = new ObjectId(String(job.attrs._id))
    await waitFor(async () => held.started.length === 1, "the run to start")

    // Meanwhile the run's lock expired and its job finished elsewhere; the same `_id` now holds new work,
    // locked by another worker and not started yet.
    const jobs = jobCollection(agenda)
    const newer = {
      lockedAt: new Date(Date.now() + 5_000),
      nextRunAt: new Date(),
      lastModifiedBy: "worker-2"
    }
    await jobs.updateOne({ _id }, { $set: { ...newer, data: { n: 3 } } })
    held.finish()
    await new Promise((resolve) => setTimeout(resolve, 500))

    expect(await jobs.findOne({ _id })).toMatchObject({ ...newer, data: { n: 3 } })
  })

  it("never removes a waiting, running or dead job by its id", async () => {
    const jobs = jobCollection(agenda)
    const now = new Date()
    const docs = [
      { name: "guard-kinds", nextRunAt: now, lockedAt: null, lastFinishedAt: null },
      { name: "guard-kinds", nextRunAt: null, lockedAt: now, lastFinishedAt: null },
      { name: "guard-kinds", nextRunAt: null, lockedAt: null, lastFinishedAt: null, failedAt: now },
      { name: "guard-kinds", nextRunAt: null, lockedAt: null, lastFinishedAt: now }
    ]
    const { insertedIds } = await jobs.insertMany(docs)
    const removed = []
    for (const id of Object.values(insertedIds)) removed.push(await agenda.cancel({ id: id.toHexString() }))
    expect(removed).toEqual([0, 0, 0, 1])
  })

  it("does not start a run whose lock another worker wrote over", async () => {
    const jobs = jobCollection(agenda)
    const lockedAt = new Date()
    const { insertedId } = await jobs.insertOne({ name: "guard-lost-lock", nextRunAt: null, lockedAt })
    const attrs = {
      _id: insertedId.toHexString(),
      name: "guard-lost-lock",
      lockedAt: new Date(lockedAt.getTime() - 1)
    }
    await expect(agenda.db.saveJobState(attrs as never, {})).rejects.toThrow("no longer held by this run")
    expect(await jobs.findOne({ _id: insertedId })).toMatchObject({ lockedAt })
  })

  it("releases only the lock it holds", async () => {
    const jobs = jobCollection(agenda)
    const theirs = new Date()
    const { insertedId } = await jobs.insertOne({ name: "guard-unlock", nextRunAt: theirs, lockedAt: theirs })
    await agenda.db.unlockJob({
      _id: insertedId.toHexString(),
      name: "guard-unlock",
      lockedAt: new Date(0)
    } as never)
    expect(await jobs.findOne({ _id: insertedId })).toMatchObject({ lockedAt: theirs })
    await agenda.db.unlockJob({
      _id: insertedId.toHexString(),
      name: "guard-unlock",
      lockedAt: theirs
    } as never)
    expect((await jobs.findOne({ _id: insertedId }))?.lockedAt).toBeUndefined()
  })
})
