import type { AddressInfo } from "node:net"
import { closeAgenda, makeAgenda } from "@certify/adapters/jobs"
import { testDatabaseUri } from "@certify/adapters/testing"
import express from "express"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { agendashHandler } from "./agendash.ts"
import type { Agenda } from "./appLayer.ts"

/** Agendash as the API process mounts it: on an Agenda that enqueues but never processes. */
describe("the job dashboard in the API process", () => {
  let agenda: Agenda
  let server: ReturnType<ReturnType<typeof express>["listen"]>
  let base: string

  beforeAll(async () => {
    agenda = await makeAgenda({ mongodbUri: testDatabaseUri("api_agendash"), name: "api-agendash-test" })
    await agenda.now("issue-certificate", { paymentId: "pay_dashboard" })
    const app = express().use("/ops/jobs", agendashHandler(agenda))
    server = app.listen(0, "127.0.0.1")
    await new Promise((resolve) => server.once("listening", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ops/jobs`
  }, 30_000)

  afterAll(async () => {
    server?.close()
    if (agenda) await closeAgenda(agenda)
  })

  it("answers the 5-second stats poll from the jobs collection instead of 'agenda not running!'", async () => {
    const response = await fetch(`${base}/api/stats`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      queuedJobs: 1,
      runningJobs: 0,
      totalQueueSizeDB: expect.any(Number)
    })
  })

  it("still lists the jobs", async () => {
    const response = await fetch(`${base}/api`)
    expect(response.status).toBe(200)
    expect(JSON.stringify(await response.json())).toContain("issue-certificate")
  })

  it("shows the processor's own stats where the Agenda processes jobs", async () => {
    await agenda.start()
    const response = await fetch(`${base}/api/stats`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { version: string }).version).not.toBe("enqueue-only")
  })
})
