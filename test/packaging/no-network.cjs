// Preloaded (NODE_OPTIONS=--require) into the electron-builder process and every Node child it starts
// during the packaging check: any TCP connection to a host other than loopback is refused and written
// to $UCWA_NO_NETWORK_LOG, so the test can prove packaging needs no network at all.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const log = process.env.UCWA_NO_NETWORK_LOG;
const connect = net.Socket.prototype.connect;

function target(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    if (first.path) return null; // IPC / Unix socket
    return `${first.host || 'localhost'}:${first.port}`;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`;
  }
  return null; // a path
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const where = target(args);
  const host = where && where.slice(0, where.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  if (where && !LOOPBACK.has(host)) {
    if (log) fs.appendFileSync(log, `${process.pid} ${where}\n`);
    process.nextTick(() => this.destroy(new Error(`network access blocked by the packaging check: ${where}`)));
    return this;
  }
  return connect.apply(this, args);
};
