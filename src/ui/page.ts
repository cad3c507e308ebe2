// The reviewer page's HTML shell. The client script (src/web/) renders the views into it;
// the shell only carries what must work before the script runs.
import { html } from 'hono/html';

export function page(assets: { script: string; style: string }) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Segment builder</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${assets.style}" />
    <script type="module" src="${assets.script}"></script>
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <h1 class="brand"><a href="#/new">Segment builder</a></h1>
      <nav id="nav" aria-label="Main" hidden>
        <a href="#/new" data-nav="new">New segment</a>
        <a href="#/segments" data-nav="segments">Segments</a>
      </nav>
      <div id="session" class="session"></div>
    </header>
    <main id="main" tabindex="-1">
      <noscript><p class="problem">This page needs JavaScript. The same features are available from the JSON API at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
    </main>
  </body>
</html>`;
}
