import { useCallback, useEffect, useRef, useState } from "react"

export type Loaded<T> =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "ready"; readonly data: T }

/**
 * Loads data for a screen and reloads on demand. A response that arrives after a newer request
 * started, or after the screen went away, is dropped.
 */
export const useLoad = <T>(load: () => Promise<T>, key: string) => {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" })
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(() => {
    const current = ++generation.current
    loadRef.current().then(
      (data) => {
        if (generation.current === current) setState({ status: "ready", data })
      },
      (error: unknown) => {
        if (generation.current === current) setState({ status: "failed", error })
      }
    )
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what to load; the loader closure is new every render
  useEffect(() => {
    setState({ status: "loading" })
    reload()
    return () => {
      generation.current++
    }
  }, [key, reload])

  return [state, reload] as const
}
