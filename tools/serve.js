#!/usr/bin/env node
/* serve.js: a static file server for web/, bound to 127.0.0.1, sending the
   page's strict Content-Security-Policy. Used by `make serve` and the browser
   tests. Usage: node tools/serve.js [root] [port]  (port 0 = any free port). */
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' data:; " +
  "img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

function createServer(root) {
  const base = path.resolve(root);
  return http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch (e) {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    });
  });
}

module.exports = { createServer, CSP };

if (require.main === module) {
  const root = process.argv[2] || path.join(__dirname, '..', 'web');
  const port = Number(process.argv[3] || 8000);
  const server = createServer(root);
  server.on('error', (e) => {
    console.error(e.code === 'EADDRINUSE'
      ? `Port ${port} is in use: stop the other server or choose another port (make serve PORT=8001).`
      : `Cannot serve on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Serving ${path.resolve(root)} at http://127.0.0.1:${server.address().port}/`);
  });
}
