/** The sandbox gateways' control API (`/__sandbox/*`), as the tests' side of a gateway dashboard. */
export const sandboxControl = async (
  sandboxUrl: string,
  action: string,
  body: Record<string, unknown> = {}
) => {
  const response = await fetch(`${sandboxUrl}/__sandbox/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  if (!response.ok) throw new Error(`sandbox ${action} answered ${response.status}: ${await response.text()}`)
  return response.json() as Promise<unknown>
}

/** One webhook the sandbox sent (test/src/sandbox/webhookDelivery.ts, without its body). */
export interface SandboxDelivery {
  readonly gateway: "stripe" | "razorpay"
  readonly eventId: string
  readonly type: string
  /** HTTP statuses of each attempt (0: no answer). */
  readonly statuses: ReadonlyArray<number>
  readonly dropped: boolean
}

export const sandboxDeliveries = async (sandboxUrl: string): Promise<ReadonlyArray<SandboxDelivery>> => {
  const response = await fetch(`${sandboxUrl}/__sandbox/deliveries`)
  if (!response.ok) throw new Error(`sandbox deliveries answered ${response.status}`)
  return response.json() as Promise<ReadonlyArray<SandboxDelivery>>
}
