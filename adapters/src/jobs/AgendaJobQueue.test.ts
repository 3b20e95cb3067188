import { CertificateId, type Job, JobQueue, JobsAdmin } from "@certify/domain"
import { Effect, Layer, Schema } from "effect"
import { ObjectId } from "mongodb"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { testDatabaseUri } from "../testing/testDatabase.ts"
import {
  type Agenda,
  closeAgenda,
  JOB_NAMES,
  jobCollection,
  layerJobQueue,
  layerJobsAdmin,
  makeAgenda
} from "./index.ts"

let agenda: Agenda
beforeAll(async () => {
  agenda = await makeAgenda({ mongodbUri: testDatabaseUri("jobs"), name: "jobs-test" })
})
afterAll(() => closeAgenda(agenda))

const run = <A>(effect: Effect.Effect<A, never, JobQueue | JobsAdmin>) =>
  Effect.runPromise(effect.pipe(Effect.provide(Layer.merge(layerJobQueue(agenda), layerJobsAdmin(agenda)))))

const email: Job = {
  _tag: "SendCertificateEmail",
  certificateId: Schema.decodeUnknownSync(CertificateId)("7KQ2-M9XD-1F4H-ZC8N"),
  version: 1
}
const key = "send-certificate-email:7KQ2-M9XD-1F4H-ZC8N:v1"

describe("the Agenda job queue (no worker running)", () => {
  it("schedules the same work once while it waits, and again once it is done", async () => {
    const jobs = jobCollection(agenda)
    await run(Effect.all([JobQueue.use((q) => q.enqueue(email)), JobQueue.use((q) => q.enqueue(email))]))
    await run(JobQueue.use((q) => q.enqueue(email)))
    expect(await jobs.countDocuments({ "data.key": key })).toBe(1)
    const queued = await run(JobsAdmin.use((a) => a.forSubject("7KQ2-M9XD-1F4H-ZC8N", 10)))
    expect(queued).toMatchObject([
      { name: JOB_NAMES.SendCertificateEmail, key, state: "queued", attempts: 0 }
    ])

    // What Agenda leaves after a successful run: no next run, no lock.
    await jobs.updateMany({ "data.key": key }, { $set: { nextRunAt: null, lastFinishedAt: new Date() } })
    await run(JobQueue.use((q) => q.enqueue(email)))
    const states = (await run(JobsAdmin.use((a) => a.forSubject("7KQ2-M9XD-1F4H-ZC8N", 10)))).map(
      (j) => j.state
    )
    expect(states.sort()).toEqual(["completed", "queued"])
  })

  it("finds the waiting job by _id alone, and gives work whose job is running a fresh run", async () => {
    const jobs = jobCollection(agenda)
    const reissue: Job = { ...email, version: 2 }
    const reissueKey = "send-certificate-email:7KQ2-M9XD-1F4H-ZC8N:v2"
    const scans = vi.spyOn(jobs, "find")
    const lookups = vi.spyOn(jobs, "findOne")
    const upserts = vi.spyOn(jobs, "findOneAndUpdate")
    try {
      await run(JobQueue.use((q) => q.enqueue(reissue)))
      await run(JobQueue.use((q) => q.enqueue(reissue)))
      expect(await jobs.countDocuments({ "data.key": reissueKey })).toBe(1)
      // An insert under the key's _id, and a read by _id when one is there: no query a server scans for.
      expect(lookups).toHaveBeenCalledTimes(1)
      for (const [filter] of [...scans.mock.calls, ...lookups.mock.calls])
        expect(Object.keys(filter ?? {})).toEqual(["_id"])
      expect(upserts).not.toHaveBeenCalled()
    } finally {
      vi.restoreAllMocks()
    }

    // A worker took it: what it read may predate this enqueue, so the work is scheduled again.
    await jobs.updateMany({ "data.key": reissueKey }, { $set: { lockedAt: new Date(), nextRunAt: null } })
    await run(JobQueue.use((q) => q.enqueue(reissue)))
    await run(JobQueue.use((q) => q.enqueue(reissue)))
    expect(
      await jobs.countDocuments({ "data.key": reissueKey, lockedAt: null, nextRunAt: { $ne: null } })
    ).toBe(1)
    expect(await jobs.countDocuments({ "data.key": reissueKey })).toBe(2)
    await jobs.deleteMany({ "data.key": reissueKey })
  })

  it("shows exhausted jobs as dead letters and stale locks as stuck; retry revives only a dead job", async () => {
    const jobs = jobCollection(agenda)
    const dead = await agenda
      .create(JOB_NAMES.IssueCertificate, { key: "issue-certificate:ent_dead", job: {} })
      .save()
    await jobs.updateOne(
      { _id: new ObjectId(String(dead.attrs._id)) },
      {
        $set: { nextRunAt: null, failCount: 8, failReason: "RendererUnavailable: down", failedAt: new Date() }
      }
    )
    const stuck = await agenda
      .create(JOB_NAMES.IssueCertificate, { key: "issue-certificate:ent_stuck", job: {} })
      .save()
    await jobs.updateOne(
      { _id: new ObjectId(String(stuck.attrs._id)) },
      { $set: { lockedAt: new Date(Date.now() - 600_000) } }
    )

    const admin = await run(
      Effect.gen(function* () {
        const a = yield* JobsAdmin
        return {
          counts: yield* a.counts,
          dead: yield* a.deadLetters(10),
          stuck: yield* a.stuck(60_000, 10),
          notDead: yield* a.retry(String(stuck.attrs._id)),
          missing: yield* a.retry("0123456789abcdef01234567"),
          retried: yield* a.retry(String(dead.attrs._id)),
          after: yield* a.forSubject("ent_dead", 10)
        }
      })
    )
    expect(admin.dead).toMatchObject([
      {
        key: "issue-certificate:ent_dead",
        state: "dead",
        attempts: 8,
        lastError: "RendererUnavailable: down"
      }
    ])
    expect(admin.counts.dead).toBe(1)
    expect(admin.counts.running).toBe(1)
    expect(admin.stuck.map((j) => j.key)).toEqual(["issue-certificate:ent_stuck"])
    expect([admin.notDead, admin.missing, admin.retried]).toEqual(["not_dead", "not_found", "retried"])
    expect(admin.after).toMatchObject([
      { state: "queued", attempts: 0, lastError: "RendererUnavailable: down" }
    ])
  })
})
