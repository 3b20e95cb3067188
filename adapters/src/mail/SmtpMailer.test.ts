import { type CertificateEmail, Mailer } from "@certify/domain"
import { Effect } from "effect"
import { SMTPServer } from "smtp-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { layerSmtpMailer, readMailConfig } from "./index.ts"

let server: SMTPServer
let port = 0
const received: Array<string> = []

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) {
        const error = Object.assign(new Error("no such user"), { responseCode: 550 })
        callback(error)
        return
      }
      callback()
    },
    onData(stream, _session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"))
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const address = server.server.address()
  port = typeof address === "object" && address !== null ? address.port : 0
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const email = (to: string): CertificateEmail => ({
  messageId: "<certificate-7KQ2-M9XD-1F4H-ZC8N-v1@certify.local>",
  to,
  learnerName: "Zoë <O'Brien>",
  courseTitle: "TypeScript Foundations",
  certificateId: "7KQ2-M9XD-1F4H-ZC8N",
  verificationUrl: "https://certify.test/verify/7KQ2-M9XD-1F4H-ZC8N",
  downloadUrl: "https://certify.test/certificates/7KQ2-M9XD-1F4H-ZC8N",
  pdf: new TextEncoder().encode("%PDF-1.7 test"),
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47])
})

const send = (smtpPort: number, to: string) =>
  Effect.runPromise(
    Mailer.use((m) => m.sendCertificate(email(to))).pipe(
      Effect.flip,
      Effect.map((error) => error._tag),
      Effect.catchCause(() => Effect.succeed("sent")),
      Effect.provide(
        layerSmtpMailer({ ...readMailConfig({ SMTP_PORT: String(smtpPort) }), timeoutMs: 2_000 })
      )
    )
  )

describe("the SMTP mailer (nodemailer against a real SMTP server)", () => {
  it("sends with the deterministic Message-ID, the PDF and the PNG attached", async () => {
    expect(await send(port, "ada@example.org")).toBe("sent")
    const raw = received.at(-1) ?? ""
    expect(raw).toContain("Message-ID: <certificate-7KQ2-M9XD-1F4H-ZC8N-v1@certify.local>")
    expect(raw).toContain("application/pdf")
    expect(raw).toContain("image/png")
  })

  it("a rejected recipient is permanent (MailRejected); no server is transient (MailUnavailable)", async () => {
    expect(await send(port, "nobody@example.org")).toBe("MailRejected")
    const closed = await new Promise<number>((resolve) => {
      const probe = new SMTPServer({ logger: false })
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.server.address()
        const free = typeof address === "object" && address !== null ? address.port : 0
        probe.close(() => resolve(free))
      })
    })
    expect(await send(closed, "ada@example.org")).toBe("MailUnavailable")
  })
})
