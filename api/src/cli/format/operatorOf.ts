import { userInfo } from "node:os"

/** Who runs the CLI, as an operator id (the id alphabet is strict): the OS user, or "cli" if it has none. */
export const operatorOf = (explicit: string | undefined): string => {
  if (explicit !== undefined) return explicit
  const name = (() => {
    try {
      return userInfo().username
    } catch {
      return ""
    }
  })()
  const safe = name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80)
  return safe === "" ? "cli" : safe
}
