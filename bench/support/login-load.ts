/**
 * The load generator of `bench login`, in its own process: autocannon cycling through the
 * sign-ins of many different people (real traffic is many people signing in once each, not one
 * account hammered, which would only measure that account's lockout slots).
 * argv: url, path to a JSON file {cookie, csrfToken, logins: [{login, password}]}, seconds, connections.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

const [url, file, seconds, connections] = process.argv.slice(2);
const { cookie, csrfToken, logins } = JSON.parse(readFileSync(file, 'utf8')) as {
  cookie: string;
  csrfToken: string;
  logins: { login: string; password: string }[];
};

let next = 0;
process.send?.('started'); // bench/login.ts starts counting the server's CPU here
const result = await autocannon({
  url: `${url}/api/login`,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
  requests: [
    {
      setupRequest: (request: any) => {
        const person = logins[next++ % logins.length];
        return { ...request, body: JSON.stringify(person) };
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
process.disconnect?.();
