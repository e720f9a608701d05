// Runs inside the test's load-balancer namespace and plays the load balancer: every `intervalMs` it opens
// one TCP connection to each target (`address:port`), reads the answer (the serving task's name) and
// prints one JSON line per request: { target, ok, body } or { target, ok: false, error }. A request that
// gets no answer within 1 s fails. Ends when stdin closes.
import { connect } from 'node:net';

const [intervalText, ...targets] = process.argv.slice(2);
const intervalMs = Number(intervalText);

const request = (target) =>
  new Promise((resolve) => {
    const [host, port] = target.split(':');
    const socket = connect({ host, port: Number(port) });
    let body = '';
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, error: 'timeout' }), 1000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      body += chunk;
    });
    socket.on('end', () =>
      body === '' ? done({ ok: false, error: 'empty answer' }) : done({ ok: true, body: body.trim() }),
    );
    socket.on('error', (error) => done({ ok: false, error: error.code ?? error.message }));
  });

const timer = setInterval(() => {
  for (const target of targets) {
    const at = Date.now();
    request(target).then((result) => process.stdout.write(`${JSON.stringify({ at, target, ...result })}\n`));
  }
}, intervalMs);
process.stdin.resume();
process.stdin.on('end', () => {
  clearInterval(timer);
  setTimeout(() => process.exit(0), 1100);
});
