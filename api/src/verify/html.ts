const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
}

/** Escapes text for HTML element content and quoted attributes. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c] ?? c)

/** A small self-contained page: inline CSS, no scripts, not indexed. */
export const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
main{max-width:40rem;margin:0 auto;padding:1.5rem}
.card{background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 3px #0002}
.status{display:inline-block;padding:.25rem .75rem;border-radius:999px;font-weight:600}
.valid{background:#dcfce7;color:#166534}.revoked{background:#fee2e2;color:#991b1b}.pending{background:#fef9c3;color:#854d0e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{color:#57534e}dd{margin:0;overflow-wrap:anywhere}
img{max-width:100%;height:auto;border:1px solid #e7e5e4;border-radius:.5rem}
code{font-size:.8rem;overflow-wrap:anywhere}a{color:#1d4ed8}
</style>
</head>
<body><main>${body}</main></body>
</html>
`
