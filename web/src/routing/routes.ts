export type Route =
  | { readonly name: "signIn" }
  | { readonly name: "courses" }
  | { readonly name: "purchase"; readonly paymentId: string }
  | { readonly name: "certificates" }
  | { readonly name: "certificate"; readonly certificateId: string }
  | { readonly name: "ops" }
  | { readonly name: "opsPayment"; readonly paymentId: string }
  | { readonly name: "opsReviews" }
  | { readonly name: "opsDeadLetters" }
  | { readonly name: "opsReconciliation" }
  | { readonly name: "opsCertificate"; readonly certificateId: string }
  | { readonly name: "notFound" }

const segment = (value: string) => {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

/** Maps a pathname to a screen. Ids are single path segments; anything else is not found. */
export const parseRoute = (pathname: string): Route => {
  const parts = pathname.split("/").filter((part) => part.length > 0)
  const [first, second, third, ...rest] = parts
  if (rest.length > 0) return { name: "notFound" }
  if (first === undefined) return { name: "signIn" }
  const id = third === undefined && second !== undefined ? segment(second) : undefined
  switch (first) {
    case "courses":
      return second === undefined ? { name: "courses" } : { name: "notFound" }
    case "purchases":
      return id ? { name: "purchase", paymentId: id } : { name: "notFound" }
    case "certificates":
      if (second === undefined) return { name: "certificates" }
      return id ? { name: "certificate", certificateId: id } : { name: "notFound" }
    case "ops":
      return parseOpsRoute(second, third)
    default:
      return { name: "notFound" }
  }
}

const parseOpsRoute = (second: string | undefined, third: string | undefined): Route => {
  if (second === undefined) return { name: "ops" }
  const id = third === undefined ? undefined : segment(third)
  if (third === undefined) {
    if (second === "reviews") return { name: "opsReviews" }
    if (second === "dead-letters") return { name: "opsDeadLetters" }
    if (second === "reconciliation") return { name: "opsReconciliation" }
    return { name: "notFound" }
  }
  if (second === "payments" && id) return { name: "opsPayment", paymentId: id }
  if (second === "certificates" && id) return { name: "opsCertificate", certificateId: id }
  return { name: "notFound" }
}

export const paths = {
  signIn: "/",
  courses: "/courses",
  purchase: (paymentId: string) => `/purchases/${encodeURIComponent(paymentId)}`,
  certificates: "/certificates",
  certificate: (certificateId: string) => `/certificates/${encodeURIComponent(certificateId)}`,
  ops: "/ops",
  opsPayment: (paymentId: string) => `/ops/payments/${encodeURIComponent(paymentId)}`,
  opsReviews: "/ops/reviews",
  opsDeadLetters: "/ops/dead-letters",
  opsReconciliation: "/ops/reconciliation",
  opsCertificate: (certificateId: string) => `/ops/certificates/${encodeURIComponent(certificateId)}`,
  /** Agendash, served by the API: a full page load, not a client route. */
  opsJobs: "/ops/jobs"
} as const

export const isOpsRoute = (route: Route): boolean => route.name.startsWith("ops")
