/**
 * Stripe's form encoding (`a[b][0][c]=x`) as nested objects and arrays, the way Stripe's API reads
 * what the SDK sends. Numeric and empty brackets make arrays.
 */
export type FormValue = string | FormObject | Array<FormValue>
export interface FormObject {
  [key: string]: FormValue
}

const keyPath = (key: string): Array<string> => {
  const head = key.split("[", 1)[0] ?? key
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? "")
  return [head, ...rest]
}

export const parseStripeForm = (params: URLSearchParams): FormObject => {
  const root: FormObject = {}
  for (const [key, value] of params) {
    const path = keyPath(key)
    let node: FormObject | Array<FormValue> = root
    path.forEach((segment, index) => {
      const last = index === path.length - 1
      const nextIsArray = !last && /^\d*$/.test(path[index + 1] ?? "")
      const container = node as Record<string, FormValue> & Array<FormValue>
      const slot = Array.isArray(node) ? (segment === "" ? node.length : Number(segment)) : segment
      if (last) {
        container[slot as never] = value as never
        return
      }
      const existing = container[slot as never] as FormValue | undefined
      const child = existing !== undefined && typeof existing !== "string" ? existing : nextIsArray ? [] : {}
      container[slot as never] = child as never
      node = child as FormObject | Array<FormValue>
    })
  }
  return root
}

export const text = (value: FormValue | undefined): string | undefined =>
  typeof value === "string" ? value : undefined
export const record = (value: FormValue | undefined): FormObject =>
  value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {}
export const list = (value: FormValue | undefined): Array<FormValue> =>
  Array.isArray(value) ? value : value !== undefined && typeof value === "object" ? Object.values(value) : []
