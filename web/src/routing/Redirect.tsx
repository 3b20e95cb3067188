import { useEffect } from "react"
import { navigate } from "./navigation.ts"

/** Replaces the current history entry, so Back does not bounce through it. */
export const Redirect = ({ to }: { readonly to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}
