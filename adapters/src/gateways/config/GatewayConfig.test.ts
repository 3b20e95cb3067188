import { describe, expect, it } from "vitest"
import { configuredGateways, GatewayConfigError, readGatewayConfig } from "./GatewayConfig.ts"

const both = {
  STRIPE_SECRET_KEY: "sk_test_abc",
  STRIPE_WEBHOOK_SECRETS: "whsec_new, whsec_old",
  RAZORPAY_KEY_ID: "rzp_test_abc123",
  RAZORPAY_KEY_SECRET: "secret",
  RAZORPAY_WEBHOOK_SECRETS: "one,two"
}

describe("readGatewayConfig", () => {
  it("offers no gateway when none is configured, with embedded defaults", () => {
    const config = readGatewayConfig({})
    expect(configuredGateways(config)).toEqual([])
    expect(config.publicBaseUrl).toBe("http://127.0.0.1:3000")
    expect(config.resilience.timeoutMs).toBe(10_000)
    expect(config.webhookBodyLimitBytes).toBe(256 * 1024)
  })

  it("reads both gateways, every webhook secret for rotation, and the sandbox URLs", () => {
    const config = readGatewayConfig({
      ...both,
      PUBLIC_BASE_URL: "https://certify.example/",
      STRIPE_API_URL: "http://127.0.0.1:4200",
      RAZORPAY_API_URL: "http://127.0.0.1:4200/razorpay",
      STRIPE_WEBHOOK_TOLERANCE_SECONDS: "120",
      GATEWAY_TIMEOUT_MS: "2500"
    })
    expect(configuredGateways(config)).toEqual(["stripe", "razorpay"])
    expect(config.publicBaseUrl).toBe("https://certify.example")
    expect(config.stripe?.webhookSecrets).toEqual(["whsec_new", "whsec_old"])
    expect(config.stripe?.apiUrl?.port).toBe("4200")
    expect(config.stripe?.webhookToleranceSeconds).toBe(120)
    expect(config.razorpay?.webhookSecrets).toEqual(["one", "two"])
    expect(config.razorpay?.apiUrl?.pathname).toBe("/razorpay")
    expect(config.razorpay?.checkoutScriptUrl).toBe("https://checkout.razorpay.com/v1/checkout.js")
    expect(config.resilience.timeoutMs).toBe(2500)
  })

  it("lists every problem at once", () => {
    try {
      readGatewayConfig({
        STRIPE_SECRET_KEY: "sk_live_real",
        STRIPE_API_URL: "http://127.0.0.1:4200/v1",
        RAZORPAY_KEY_ID: "rzp_test_abc",
        GATEWAY_TIMEOUT_MS: "soon"
      })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError)
      const problems = (error as GatewayConfigError).problems.join("\n")
      expect(problems).toMatch(/STRIPE_API_URL must be scheme, host and port only/)
      expect(problems).toMatch(/STRIPE_WEBHOOK_SECRETS is required/)
      expect(problems).toMatch(/RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET must be set together/)
      expect(problems).toMatch(/GATEWAY_TIMEOUT_MS must be a whole number/)
    }
  })

  it("refuses to send live keys to a stand-in", () => {
    expect(() =>
      readGatewayConfig({
        ...both,
        RAZORPAY_KEY_ID: "rzp_live_abc",
        RAZORPAY_API_URL: "http://127.0.0.1:4200/razorpay"
      })
    ).toThrow(/refusing to send a live RAZORPAY_KEY_ID/)
  })

  it("refuses a sandbox API URL in production, and names each one", () => {
    const sandboxed = {
      ...both,
      STRIPE_API_URL: "http://127.0.0.1:4200",
      RAZORPAY_API_URL: "http://127.0.0.1:4200/razorpay"
    }
    expect(() => readGatewayConfig({ ...sandboxed, NODE_ENV: "production" })).toThrow(
      /STRIPE_API_URL points the gateway at a stand-in \(the sandbox\), which is off in production/
    )
    expect(() => readGatewayConfig({ ...sandboxed, NODE_ENV: "production" })).toThrow(/RAZORPAY_API_URL/)
    expect(configuredGateways(readGatewayConfig({ ...both, NODE_ENV: "production" }))).toEqual([
      "stripe",
      "razorpay"
    ])
    expect(readGatewayConfig({ ...sandboxed, NODE_ENV: "development" }).stripe?.apiUrl?.port).toBe("4200")
  })

  it("defaults the Stripe future-timestamp tolerance to 60 s", () => {
    expect(readGatewayConfig(both).stripe?.webhookFutureToleranceSeconds).toBe(60)
  })
})
