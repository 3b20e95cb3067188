import { createTRPCClient, httpBatchLink } from "@trpc/client"
import type { AppRouter } from "../../../api/src/trpc/AppRouter.ts"

/** A tRPC client that keeps its session cookie, as a browser would: one per signed-in person. */
export const signedInClient = async (apiUrl: string, username: string, password = "demo") => {
  let cookie = ""
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${apiUrl}/trpc`,
        fetch: async (url, init) => {
          const response = await fetch(url, {
            ...(init as RequestInit),
            headers: { ...(init?.headers as Record<string, string>), cookie }
          })
          const set = response.headers.get("set-cookie")
          if (set) cookie = set.split(";")[0] ?? ""
          return response
        }
      })
    ]
  })
  await client.session.login.mutate({ username, password })
  return { client, cookie: () => cookie }
}

export type SignedInClient = Awaited<ReturnType<typeof signedInClient>>
