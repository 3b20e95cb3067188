import { ObjectId } from "mongodb"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import { type Agenda, closeAgenda, jobCollection, makeAgenda, releaseLocksHeldBy } from "./index.ts"

let agenda: Agenda
beforeAll(async () => {
  agenda = await makeAgenda({ mongodbUri: testDatabaseUri("agenda"), name: "worker-1" })
})
afterAll(() => closeAgenda(agenda))

describe("the Agenda a worker runs on", () => {
  it("reports a failed lock release Agenda does not await, instead of an unhandled rejection", async () => {
    const errors: Array<Error> = []
    agenda.on("error", (error: Error) => errors.push(error))
    const jobs = jobCollection(agenda)
    const updateOne = jobs.updateOne
    jobs.updateOne = () => Promise.reject(new Error("database is locked (5) (SQLITE_BUSY)"))
    try {
      // As Agenda calls it: fire and forget. An unhandled rejection would fail this test run.
      void agenda.db.unlockJob({ _id: new ObjectId().toString(), name: "x" } as never)
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      jobs.updateOne = updateOne
    }
    expect(errors.map((e) => e.message)).toEqual(["database is locked (5) (SQLITE_BUSY)"])
  })

  it("releases, at start, the locks a killed predecessor of the same name still holds", async () => {
    const jobs = jobCollection(agenda)
    const lockedAt = new Date()
    await jobs.insertMany([
      { name: "issue-certificate", lockedAt, lastModifiedBy: "worker-1", nextRunAt: lockedAt },
      { name: "issue-certificate", lockedAt, lastModifiedBy: "worker-2", nextRunAt: lockedAt },
      { name: "issue-certificate", lockedAt: null, lastModifiedBy: "worker-1", nextRunAt: lockedAt },
      // Running when the worker died: Agenda had cleared its next run.
      { name: "send-certificate-email", lockedAt, lastModifiedBy: "worker-1", nextRunAt: null }
    ])
    expect(await releaseLocksHeldBy(agenda)).toBe(2)
    expect(await jobs.countDocuments({ lockedAt: { $ne: null } })).toBe(1)
    expect(await jobs.countDocuments({ lockedAt: { $ne: null }, lastModifiedBy: "worker-2" })).toBe(1)
    // The job cut off mid-run is due again, where a poll finds it.
    const cutOff = await jobs.findOne({ name: "send-certificate-email" })
    expect(cutOff?.nextRunAt).toBeInstanceOf(Date)
    expect(cutOff?.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now())
  })
})
