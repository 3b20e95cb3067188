import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CertificateCredentials, type CredentialClaims } from "@certify/domain"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import {
  DEV_KEY_FILE,
  generateSigningKeyPem,
  layerCertificateCredentials,
  loadSigningKey,
  verifyCredential
} from "./index.ts"

const dataDir = mkdtempSync(join(tmpdir(), "certify-keys-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const claims: CredentialClaims = {
  certificateId: "7KQ2-M9XD-1F4H-ZC8N",
  version: 1,
  learnerName: "Ada Lovelace",
  courseTitle: "TypeScript Foundations",
  issuedAt: "2025-01-02T03:04:05.000Z",
  issuer: "Certify Academy",
  verificationUrl: "https://certify.example/verify/7KQ2-M9XD-1F4H-ZC8N",
  pdfSha256: "a".repeat(64)
}

const signAndPublish = (key: Awaited<ReturnType<typeof loadSigningKey>>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const credentials = yield* CertificateCredentials
      return { jws: yield* credentials.sign(claims), jwks: yield* credentials.jwks }
    }).pipe(Effect.provide(layerCertificateCredentials(key)))
  )

describe("signed certificate credentials", () => {
  it("verify offline with only the published JWKS, and a tampered one fails", async () => {
    const key = await loadSigningKey({ env: {}, dataDir })
    const { jws, jwks } = await signAndPublish(key)
    const published = JSON.parse(JSON.stringify(jwks))
    expect(published.keys[0]).not.toHaveProperty("d")
    await expect(verifyCredential(jws, published)).resolves.toEqual(claims)

    const [header, , signature] = jws.split(".")
    const forged = Buffer.from(JSON.stringify({ ...claims, learnerName: "Mallory" })).toString("base64url")
    await expect(verifyCredential(`${header}.${forged}.${signature}`, published)).rejects.toThrow()

    const other = await loadSigningKey({
      env: { CREDENTIAL_SIGNING_KEY: await generateSigningKeyPem() },
      dataDir
    })
    const { jwks: otherJwks } = await signAndPublish(other)
    await expect(verifyCredential(jws, JSON.parse(JSON.stringify(otherJwks)))).rejects.toThrow()
  })

  it("signs the same claims to the same JWS (Ed25519 and canonical JSON are deterministic)", async () => {
    const key = await loadSigningKey({ env: {}, dataDir })
    expect((await signAndPublish(key)).jws).toBe((await signAndPublish(key)).jws)
  })

  it("generates the dev key once, private to its owner, and reuses it", async () => {
    const first = await loadSigningKey({ env: {}, dataDir })
    const second = await loadSigningKey({ env: {}, dataDir })
    expect(second.kid).toBe(first.kid)
    expect(second.origin).toBe("dev-file")
    expect(statSync(join(dataDir, DEV_KEY_FILE)).mode & 0o077).toBe(0)
  })

  it("takes the configured key from CREDENTIAL_SIGNING_KEY, with escaped newlines", async () => {
    const pem = await generateSigningKeyPem()
    const key = await loadSigningKey({ env: { CREDENTIAL_SIGNING_KEY: pem.replace(/\n/g, "\\n") }, dataDir })
    expect(key.origin).toBe("configured")
    expect(key.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: key.kid })
  })
})
