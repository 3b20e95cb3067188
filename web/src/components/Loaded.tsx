import type { ReactNode } from "react"
import type { Loaded } from "../lib/useLoad.ts"
import { ErrorNotice, Loading } from "./Notice.tsx"

/** Renders the loading and failure states of a screen's data the same way everywhere. */
export const LoadedView = <T,>({
  state,
  children
}: {
  readonly state: Loaded<T>
  readonly children: (data: T) => ReactNode
}) => {
  if (state.status === "loading") return <Loading />
  if (state.status === "failed") return <ErrorNotice error={state.error} title="Could not load this page" />
  return <>{children(state.data)}</>
}
