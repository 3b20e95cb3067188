export type SandboxGateway = "stripe" | "razorpay"

/** The sandbox's own outage modes; `timeout` is the operator's word for `hang`. */
const OUTAGE_MODES: Readonly<Record<string, string>> = {
  off: "off",
  error: "error",
  timeout: "hang",
  hang: "hang",
  refuse: "refuse"
}

export const gatewayArgument = (value: string | undefined): SandboxGateway => {
  if (value === "stripe" || value === "razorpay") return value
  throw new Error(
    `expected a gateway, stripe or razorpay, got ${value === undefined ? "nothing" : `"${value}"`}`
  )
}

export const outageMode = (value: string | undefined): string => {
  const mode = value === undefined ? undefined : OUTAGE_MODES[value]
  if (mode === undefined)
    throw new Error(`outage mode must be error, timeout, refuse or off, got ${value ?? "nothing"}`)
  return mode
}

export const oneOfArgument = <A extends string>(
  name: string,
  value: string | undefined,
  allowed: ReadonlyArray<A>
): A | undefined => {
  if (value === undefined) return undefined
  if (allowed.includes(value as A)) return value as A
  throw new Error(`--${name} must be one of ${allowed.join(", ")}, got "${value}"`)
}

/** A number option within bounds; the sandbox would silently ignore a non-number. */
export const numberArgument = (
  name: string,
  value: string | undefined,
  bounds: { readonly min: number; readonly max: number; readonly integer?: boolean }
): number | undefined => {
  if (value === undefined) return undefined
  const number = Number(value)
  if (
    value.trim() === "" ||
    !Number.isFinite(number) ||
    number < bounds.min ||
    number > bounds.max ||
    (bounds.integer === true && !Number.isInteger(number))
  )
    throw new Error(
      `--${name} must be ${bounds.integer ? "a whole number" : "a number"} from ${bounds.min} to ${bounds.max}, got "${value}"`
    )
  return number
}
