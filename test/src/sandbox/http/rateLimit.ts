/** A fixed one-second window per bucket: what Stripe and Razorpay answer 429 for when exceeded. */
export const makeRateLimiter = (perSecond: number, now: () => number = Date.now) => {
  const windows = new Map<string, { second: number; count: number }>()
  return (bucket: string): boolean => {
    if (perSecond <= 0) return true
    const second = Math.floor(now() / 1000)
    const window = windows.get(bucket)
    if (window === undefined || window.second !== second) {
      windows.set(bucket, { second, count: 1 })
      return true
    }
    window.count += 1
    return window.count <= perSecond
  }
}
