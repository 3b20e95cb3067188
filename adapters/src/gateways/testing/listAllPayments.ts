import type { GatewayAdapter } from "../shared/GatewayAdapter.ts"

/** Follows an adapter's listing cursor to the end (at most `maxPages`), as reconciliation does. */
export const listAllPayments = async (adapter: Pick<GatewayAdapter, "listPayments">, maxPages = 10) => {
  const window = { from: new Date(0), to: new Date() }
  const snapshots = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await adapter.listPayments(window, cursor)
    snapshots.push(...page.items)
    cursor = page.next
    pages++
  } while (cursor !== undefined && pages < maxPages)
  return { snapshots, pages }
}
