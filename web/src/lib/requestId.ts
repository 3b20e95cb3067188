/** A fresh idempotency key for one user action. */
export const newRequestId = (): string => crypto.randomUUID()
