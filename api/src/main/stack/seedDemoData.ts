import { demoCompletions } from "../../platform/demoCompletions.ts"

/** The demo learners' completions go through the same platform endpoint the real platform calls. */
export const seedDemoData = async (apiUrl: string, platformApiKey: string) => {
  for (const body of demoCompletions) {
    const response = await fetch(`${apiUrl}/platform/v1/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${platformApiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`seeding demo data failed: ${response.status} ${await response.text()}`)
  }
}
