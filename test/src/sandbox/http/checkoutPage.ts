import { escapeHtml } from "./httpTools.ts"

export interface CheckoutPageModel {
  readonly title: string
  readonly amountLabel: string
  readonly description: string
  /** Where the three buttons post: `${action}/pay`, `/decline`, `/cancel`. */
  readonly action: string
  readonly hidden?: Readonly<Record<string, string>>
  readonly notice?: { readonly id: string; readonly text: string }
  readonly closed?: string
}

/**
 * A hosted payment page with stable ids (`#pay-button`, `#decline-button`, `#cancel-button`) so a
 * person or a browser test can pay, decline, or abandon.
 */
export const checkoutPage = (model: CheckoutPageModel): string => {
  const hidden = Object.entries(model.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("")
  const button = (id: string, verb: string, label: string) =>
    `<form method="post" action="${escapeHtml(`${model.action}/${verb}`)}">${hidden}<button id="${id}" type="submit">${label}</button></form>`
  const body = model.closed
    ? `<p id="checkout-closed">${escapeHtml(model.closed)}</p>`
    : `${model.notice ? `<p id="${model.notice.id}" role="alert">${escapeHtml(model.notice.text)}</p>` : ""}
<div class="actions">${button("pay-button", "pay", "Pay")}${button("decline-button", "decline", "Decline")}${button("cancel-button", "cancel", "Cancel")}</div>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto}.actions{display:flex;gap:.5rem}.amount{font-size:1.6rem}</style>
</head><body><h1>${escapeHtml(model.title)}</h1>
<p class="sandbox-note">Sandbox gateway: no real money moves.</p>
<p id="checkout-description">${escapeHtml(model.description)}</p>
<p class="amount" id="checkout-amount">${escapeHtml(model.amountLabel)}</p>
${body}
</body></html>`
}

export const amountLabel = (minor: unknown, currency: unknown) =>
  `${(Number(minor) / 100).toFixed(2)} ${String(currency).toUpperCase()}`
