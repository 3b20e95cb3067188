import { useSyncExternalStore } from "react"

const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}

window.addEventListener("popstate", notify)

/** Client-side navigation: pushes history and re-renders every `useLocation` subscriber. */
export const navigate = (to: string, options: { readonly replace?: boolean } = {}) => {
  if (options.replace) window.history.replaceState(null, "", to)
  else window.history.pushState(null, "", to)
  window.scrollTo(0, 0)
  notify()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const snapshot = () => window.location.pathname + window.location.search

export interface Location {
  readonly pathname: string
  readonly search: URLSearchParams
}

export const useLocation = (): Location => {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, window.location.origin)
  return { pathname: url.pathname, search: url.searchParams }
}
