interface CaughtEmail {
  readonly to: ReadonlyArray<{ readonly address: string }>
  readonly date?: string
}

/**
 * Watches the mail catcher for the first email to each address, polling its REST API.
 * The arrival time is the poll that saw it (at most one poll interval late). Not maildev's `time`: it comes
 * from the message's Date header, which has whole seconds, and made sub-second latencies look shorter.
 */
export const watchMailbox = (mailWebUrl: string, pollMillis = 250) => {
  const arrivals = new Map<string, number>()
  let stopped = false
  let lastError: unknown
  const poll = async () => {
    while (!stopped) {
      try {
        const emails = (await (await fetch(`${mailWebUrl}/api/email`)).json()) as ReadonlyArray<CaughtEmail>
        const seenAt = Date.now()
        for (const email of emails)
          for (const { address } of email.to) {
            if (arrivals.has(address)) continue
            arrivals.set(address, seenAt)
          }
      } catch (error) {
        lastError = error
      }
      await new Promise((resolve) => setTimeout(resolve, pollMillis))
    }
  }
  const running = poll()
  return {
    arrivals: () => arrivals as ReadonlyMap<string, number>,
    lastError: () => lastError,
    stop: async () => {
      stopped = true
      await running
    }
  }
}

export const clearMailbox = async (mailWebUrl: string) => {
  await fetch(`${mailWebUrl}/api/email/all`, { method: "DELETE" })
}
