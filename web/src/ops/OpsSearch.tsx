import { type FormEvent, useState } from "react"
import { LoadedView } from "../components/Loaded.tsx"
import { useLoad } from "../lib/useLoad.ts"
import { navigate } from "../routing/navigation.ts"
import { paths } from "../routing/routes.ts"
import { trpc } from "../trpc/client.ts"
import { PaymentsTable } from "./PaymentsTable.tsx"

/** Search by learner, email, gateway reference or certificate id; the query lives in the URL (`?q=`). */
export const OpsSearch = ({ query }: { readonly query: string }) => {
  const [draft, setDraft] = useState(query)
  const [results] = useLoad(() => trpc.ops.search.query({ query }), `search:${query}`)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const q = draft.trim()
    navigate(q ? `${paths.ops}?q=${encodeURIComponent(q)}` : paths.ops)
  }

  return (
    <section>
      <h1>Operator console</h1>
      <search>
        <form className="search" onSubmit={submit}>
          <label htmlFor="ops-search">Find payments</label>
          <input
            id="ops-search"
            type="search"
            placeholder="learner, email, gateway reference or certificate id"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            data-testid="ops-search"
          />
          <button type="submit" className="primary" data-testid="ops-search-submit">
            Search
          </button>
        </form>
      </search>
      <h2>{query ? `Results for “${query}”` : "Recent payments"}</h2>
      <LoadedView state={results}>{(payments) => <PaymentsTable payments={payments} />}</LoadedView>
    </section>
  )
}
