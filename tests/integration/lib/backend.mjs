// useBackend: the setup the remote-engine and chat tests share. Starts a fake
// backend (a local server speaking the backend's documented protocol), writes
// an images.conf for it (and any key files, mode 0600) in a temporary folder,
// declares an instance using that configuration, and signs up one client per
// tag in users once the instance is up. The fake, the folder and the instance
// go away after the file's tests.
//
//   const { fake, inst, clients: [alice] } = await useBackend({
//     name: 'a1111', start: () => startA1111(), users: ['a1111'],
//     conf: (fake) => ['engine = a1111', `a1111_base_url = ${fake.url}`],
//   });
import { before, after } from 'node:test';
import path from 'node:path';
import os from 'node:os';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { Instance, uniqueEmail } from '../harness.mjs';

// start: () => a started fake (with stop() or close()); conf: lines, or (fake, files) =>
// lines, where files maps each name of files ({name: content}) to its path; env: more
// environment for the instance.
export async function useBackend({ name, start, conf, files = {}, env = {}, users = [] }) {
  const fake = await start();
  after(() => (fake.stop ? fake.stop() : fake.close()));
  const dir = mkdtempSync(path.join(os.tmpdir(), `images-${name}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const paths = {};
  for (const [file, content] of Object.entries(files)) {
    paths[file] = path.join(dir, file);
    writeFileSync(paths[file], content, { mode: 0o600 });
  }
  const confPath = path.join(dir, 'images.conf');
  const lines = typeof conf === 'function' ? conf(fake, paths) : conf;
  writeFileSync(confPath, [...lines, ''].join('\n'));
  // As useInstance(), with the sign-ups in the same hook: node:test does not wait for
  // one file-level before() to end before it starts the next.
  const inst = new Instance({ env: { IMAGES_CONF: confPath, ...env } });
  const clients = users.map(() => inst.client());
  before(async () => {
    await inst.start();
    for (let i = 0; i < users.length; i++) await clients[i].signup(uniqueEmail(users[i]));
  }, { timeout: 60000 });
  after(() => inst.stop(), { timeout: 60000 });
  return { fake, inst, clients, conf: confPath, files: paths };
}
