#!/usr/bin/env node
// Tiny loopback listener standing in for a CLI's OAuth callback:
//   node callback-listener.mjs <port> [path=/callback] [out-file]
// Answers the first request to <path> with a small HTML page, writes its query
// parameters as JSON to out-file (or stdout), and exits 0. Exits 3 after 90 s.
import fs from 'node:fs';
import http from 'node:http';

const [port = '0', cbPath = '/callback', out] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname !== cbPath) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>done</title><p id="done">You can close this window.</p>');
  const json = JSON.stringify(Object.fromEntries(url.searchParams));
  if (out) fs.writeFileSync(out, `${json}\n`);
  else console.log(json);
  server.close();
  setTimeout(() => process.exit(0), 50);
});
server.listen(Number(port), '127.0.0.1', () => console.error(`listening on http://127.0.0.1:${server.address().port}${cbPath}`));
setTimeout(() => { console.error('callback-listener: no callback within 90 s'); process.exit(3); }, 90_000).unref();
