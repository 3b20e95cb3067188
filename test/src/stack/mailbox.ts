/** The mail catcher's received messages (maildev's REST API), as a learner's inbox would see them. */
export interface ReceivedEmail {
  readonly id: string
  readonly subject: string
  readonly messageId?: string
  readonly to: ReadonlyArray<{ readonly address: string }>
  readonly attachments?: ReadonlyArray<{ readonly contentType: string; readonly generatedFileName: string }>
  readonly headers?: Readonly<Record<string, string>>
}

/** The Message-ID as sent (maildev keeps it among the headers). */
export const messageIdOf = (email: ReceivedEmail) => email.messageId ?? email.headers?.["message-id"] ?? ""

export const receivedEmails = async (mailWebUrl: string): Promise<ReadonlyArray<ReceivedEmail>> => {
  const response = await fetch(`${mailWebUrl}/api/email`)
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`)
  return (await response.json()) as ReadonlyArray<ReceivedEmail>
}
