import { html } from 'hono/html';

/**
 * A self-contained API reference page: it renders the OpenAPI document in the browser with
 * a few lines of script, because the usual viewers load their code from a CDN.
 */
export function docsPage(specUrl: string) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tandem API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
  .op { margin: .75rem 0; padding: .5rem .75rem; border: 1px solid #d0d7de; border-radius: 8px; }
  .m { display: inline-block; min-width: 4rem; font-weight: 600; text-transform: uppercase; }
  code { background: #f6f8fa; padding: 0 .25rem; border-radius: 4px; }
  details pre { background: #f6f8fa; padding: .5rem; overflow: auto; font-size: 12px; }
</style>
</head>
<body>
<h1>Tandem API v1</h1>
<p>Base path <code>/api/v1</code>. Machine-readable document: <a href="${specUrl}">openapi.json</a>.</p>
<div id="ops">Loading…</div>
<script type="module">
  const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[(op.tags || ['Other'])[0]] ??= []).push({ path, method, op });
  }
  const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
  document.getElementById('ops').innerHTML = Object.entries(byTag).map(([tag, list]) =>
    '<h2>' + esc(tag) + '</h2>' + list.map(({ path, method, op }) =>
      '<div class="op"><span class="m">' + esc(method) + '</span><code>' + esc(path) + '</code> ' + esc(op.summary || '') +
      '<details><summary>Schema</summary><pre>' + esc(JSON.stringify({ request: op.requestBody, responses: op.responses }, null, 2)) + '</pre></details></div>'
    ).join('')).join('');
</script>
</body>
</html>`;
}
