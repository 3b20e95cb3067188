import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import {
  ArtifactStore,
  Certificate,
  Certificates,
  CertificateVersion,
  LearnerId,
  OperatorReads
} from "@certify/domain"
import { certificateDraft } from "@certify/domain/contracts"
import { layerMemoryAll, layerMemoryOperations, MemoryArtifactStore } from "@certify/domain/testing"
import { Effect, Layer, ManagedRuntime, Option, Schema, Stream } from "effect"
import express from "express"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Authenticator } from "../auth/Authenticator.ts"
import { logger } from "../observability/logger.ts"
import { makeRateLimits } from "../ratelimit/RateLimits.ts"
import { makeDownloadLinks } from "./DownloadLinks.ts"
import { downloadRoutes } from "./downloadRoutes.ts"

const unused = () => Effect.die(new Error("not used by downloads"))
const layerNoOperatorReads = Layer.succeed(
  OperatorReads,
  OperatorReads.of({ paymentsByLearner: unused, recentPayments: unused, inboxEventsFor: unused })
)

const piecesOf = (bytes: Uint8Array) =>
  Array.from({ length: Math.ceil(bytes.length / 16_384) }, (_, i) =>
    bytes.subarray(i * 16_384, (i + 1) * 16_384)
  )

/**
 * The memory store in 16 KiB chunks, except that reading a whole file fails (downloads must stream),
 * and a pdf under a `FAIL` certificate breaks after its first chunk.
 */
const layerStreamingOnly = Layer.effect(
  ArtifactStore,
  Effect.gen(function* () {
    const store = yield* ArtifactStore
    return ArtifactStore.of({
      ...store,
      get: (key) => Effect.die(new Error(`a download read ${key} whole`)),
      stream: (key) =>
        Effect.map(
          store.stream(key),
          Option.map(({ size, chunks }) => {
            const pieces = Stream.flatMap(chunks, (bytes) => Stream.fromIterable(piecesOf(bytes)))
            return {
              size,
              chunks: key.includes("broken")
                ? Stream.concat(Stream.take(pieces, 1), Stream.die(new Error("store went away")))
                : pieces
            }
          })
        )
    })
  })
).pipe(Layer.provide(MemoryArtifactStore.layerMemory))

const runtime = ManagedRuntime.make(
  Layer.mergeAll(layerMemoryAll(), layerMemoryOperations(), layerNoOperatorReads, layerStreamingOnly)
)
const links = makeDownloadLinks({ secret: "test-download-secret", publicBaseUrl: "http://127.0.0.1" })
const signedOut: Authenticator["Service"] = {
  sessionFrom: () => Effect.succeed(undefined),
  signIn: () => Effect.succeed(undefined),
  signOutCookie: ""
}
const pdf = new Uint8Array(100_000).map((_, i) => (i * 7) % 256)
const ada = Schema.decodeUnknownSync(LearnerId)("ada")

/** An issued certificate of ada's whose pdf is stored under `<prefix>/…`. */
const issued = (prefix: string) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const draft = certificateDraft()
      const store = yield* ArtifactStore
      const certificates = yield* Certificates
      yield* certificates.create(new Certificate({ ...draft, learnerId: ada }))
      const png = yield* store.put(`${prefix}/${draft.certificateId}/v1.png`, pdf, "image/png")
      const stored = yield* store.put(`${prefix}/${draft.certificateId}/v1.pdf`, pdf, "application/pdf")
      yield* certificates.recordVersion(
        draft.certificateId,
        new CertificateVersion({
          version: 1,
          printedName: draft.printedName,
          templateId: draft.templateId,
          templateVersion: 1,
          png,
          pdf: stored,
          issuedAt: new Date()
        })
      )
      yield* certificates.project(draft.certificateId, {
        status: "issued",
        currentVersion: 1,
        attempts: 1,
        version: 1
      })
      return draft.certificateId
    })
  )

let server: Server
let base: string
const download = (certificateId: string, learnerId = "ada") => {
  const { url } = links.create({ certificateId, format: "pdf", learnerId })
  return fetch(`${base}${new URL(url).pathname}${new URL(url).search}`)
}

beforeAll(async () => {
  const app = express().use(
    downloadRoutes({
      runtime,
      authenticator: signedOut,
      downloadLinks: links,
      rateLimits: makeRateLimits(),
      logger
    })
  )
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => server?.close(() => resolve()))
  await runtime.dispose()
})

describe("a learner downloads a certificate file", () => {
  it("streams the owner's file from the store, with the stored size as Content-Length", async () => {
    const certificateId = await issued("certificates")
    const response = await download(certificateId)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-length")).toBe(String(pdf.length))
    expect(response.headers.get("content-type")).toBe("application/pdf")
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true)
  })

  it("shows another learner's certificate as missing", async () => {
    const certificateId = await issued("certificates")
    expect((await download(certificateId, "ravi")).status).toBe(404)
  })

  it("fails the download when the store breaks mid-file, instead of sending a short file as complete", async () => {
    const certificateId = await issued("broken")
    const response = await download(certificateId)
    expect(response.status).toBe(200)
    await expect(response.arrayBuffer()).rejects.toThrow()
  })
})
