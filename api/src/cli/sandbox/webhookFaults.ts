import { numberArgument } from "./knobArguments.ts"

export interface FaultOptions {
  readonly delay?: string | undefined
  readonly duplicate?: string | undefined
  readonly "duplicate-rate"?: string | undefined
  readonly drop?: string | undefined
  readonly reorder?: string | undefined
}

/** Every knob back to a well-behaved gateway (the sandbox's `noFaults`). */
export const NO_FAULTS = { duplicateRate: 0, duplicateCopies: 3, dropRate: 0, delayMs: 0, reorderWindowMs: 0 }

const DAY_MS = 86_400_000

/**
 * The `/__sandbox/faults` body from the CLI's options. `--duplicate N` sends every webhook N times in
 * all unless `--duplicate-rate` makes it a chance; options left out keep the sandbox's current value.
 */
export const webhookFaults = (options: FaultOptions): Record<string, number> => {
  const duplicateCopies = numberArgument("duplicate", options.duplicate, { min: 1, max: 20, integer: true })
  const duplicateRate =
    numberArgument("duplicate-rate", options["duplicate-rate"], { min: 0, max: 1 }) ??
    (duplicateCopies === undefined ? undefined : duplicateCopies > 1 ? 1 : 0)
  const faults = {
    delayMs: numberArgument("delay", options.delay, { min: 0, max: DAY_MS, integer: true }),
    duplicateCopies,
    duplicateRate,
    dropRate: numberArgument("drop", options.drop, { min: 0, max: 1 }),
    reorderWindowMs: numberArgument("reorder", options.reorder, { min: 0, max: DAY_MS, integer: true })
  }
  const given = Object.entries(faults).flatMap(([knob, value]) =>
    value === undefined ? [] : [[knob, value] as const]
  )
  if (given.length === 0)
    throw new Error(
      "faults needs at least one of --delay, --duplicate, --duplicate-rate, --drop, --reorder (or `off`)"
    )
  return Object.fromEntries(given)
}
