import { SMTPServer } from "smtp-server"

export interface ReceivedMail {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

export interface SmtpSink {
  readonly port: number
  readonly received: ReadonlyArray<ReceivedMail>
  close(): Promise<void>
}

/** A real SMTP server in process (no TLS, no auth, like maildev) that keeps what it receives. */
export const startSmtpSink = async (port = 0): Promise<SmtpSink> => {
  const received: Array<ReceivedMail> = []
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8")
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () => resolve())
  })
  const address = server.server.address()
  return {
    port: typeof address === "object" && address !== null ? address.port : port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
