// Runs inside one test host's network namespace (`ip netns exec <ns> node task-servers.mjs`) and plays
// the containers of that host: one TCP server per task on the task's host port, answering every
// connection with the task's name. Commands on stdin, one a line: `open <port> <name>`, `close <port>`.
// It answers `open <port>` once listening and `closed <port>` once closed; a closed server stops
// accepting and lets connections already made finish, as a stopping container does.
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const servers = new Map();
const say = (line) => process.stdout.write(`${line}\n`);

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [command, portText, name] = line.trim().split(' ');
    const port = Number(portText);
    if (command === 'open' && !servers.has(port)) {
      const server = createServer((socket) => socket.end(`${name}\n`));
      servers.set(port, server);
      server.on('error', (error) => say(`error ${port} ${error.message}`));
      server.listen(port, '0.0.0.0', () => say(`open ${port}`));
    } else if (command === 'close' && servers.has(port)) {
      const server = servers.get(port);
      servers.delete(port);
      server.close(() => say(`closed ${port}`));
    }
  })
  .on('close', () => process.exit(0));
