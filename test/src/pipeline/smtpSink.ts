import { SMTPServer } from "smtp-server"

export interface ReceivedMail {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

export interface SmtpSink {
  readonly port: number
  readonly received: ReadonlyArray<ReceivedMail>
  /** Recipients refused at RCPT TO, one entry per attempt. */
  readonly rejected: ReadonlyArray<string>
  close(): Promise<void>
}

export interface SmtpSinkOptions {
  readonly port?: number
  /** Recipients this server refuses with a permanent 550 at RCPT TO, as a mailbox that does not exist. */
  readonly rejectRecipients?: ReadonlyArray<string>
}

/** A real SMTP server in process (no TLS, no auth, like maildev) that keeps what it receives. */
export const startSmtpSink = async (options: number | SmtpSinkOptions = {}): Promise<SmtpSink> => {
  const { port = 0, rejectRecipients = [] } = typeof options === "number" ? { port: options } : options
  const received: Array<ReceivedMail> = []
  const rejected: Array<string> = []
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejectRecipients.includes(address.address)) return callback()
      rejected.push(address.address)
      callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }))
    },
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
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
