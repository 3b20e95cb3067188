import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client"
import type { AppRouter } from "./types.ts"

const url = "/trpc"

/**
 * Queries and mutations are batched over fetch (same origin, so the session cookie goes along by
 * fetch's default credentials);
 * subscriptions use Server-Sent Events, which an EventSource reconnects by itself.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (operation) => operation.type === "subscription",
      true: httpSubscriptionLink({ url }),
      false: httpBatchLink({ url })
    })
  ]
})
