import { useAction } from "../lib/useAction.ts"
import { trpc } from "../trpc/client.ts"
import type { Inputs } from "../trpc/types.ts"

type Start = Omit<Inputs["learner"]["startPurchase"], "requestId">

/**
 * Starts (or, server-side idempotently, resumes) a checkout and leaves for the gateway's hosted page.
 * Resolves false when it could not start, so the caller can refresh what it shows.
 */
export const useStartPurchase = () => {
  const action = useAction(async (start: Start, requestId: string) => {
    const started = await trpc.learner.startPurchase.mutate({ ...start, requestId })
    window.location.assign(started.checkoutUrl)
    return started
  })
  const start = async (input: Start) => (await action.run(input)) !== undefined
  // After success the browser is leaving for the gateway: stay busy so nothing starts twice.
  const running = action.running || action.state.status === "done"
  return { start, state: action.state, running } as const
}
