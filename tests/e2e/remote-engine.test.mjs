// The web UI with engine = openai against the fake OpenAI Images API
// (tests/integration/fakes/openai.mjs): a backend failure is shown on the card in
// words, with a Retry button that makes the image; partial previews from the
// stream show while it renders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Instance, uniqueEmail } from '../integration/harness.mjs';
import { startOpenAI } from '../integration/fakes/openai.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync'];
const T = 20000;

const fake = await startOpenAI({ stepMs: 300 });
const confDir = mkdtempSync(path.join(os.tmpdir(), 'images-e2e-remote-'));
after(() => rmSync(confDir, { recursive: true, force: true }));
const conf = path.join(confDir, 'images.conf');
const keyFile = path.join(confDir, 'key');
writeFileSync(keyFile, fake.key, { mode: 0o600 });
writeFileSync(conf, `engine = openai\nopenai_base_url = ${fake.url}\nopenai_key_file = ${keyFile}\nengine_retries = 1\nengine_timeout_s = 10\n`);
const inst = new Instance({ env: { IMAGES_CONF: conf } });
let browser;
let page;
const problems = [];

before(async () => {
  await inst.start();
  const client = inst.client();
  await client.signup(uniqueEmail('e2e-remote'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await ctx.addCookies([...client.jar.cookies].map(([name, value]) => ({ name, value, url: inst.origin })));
  page = await ctx.newPage();
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
}, { timeout: 60000 });

after(async () => {
  await browser?.close();
  await inst.stop();
  await fake.stop();
}, { timeout: 60000 });

test('a backend failure is explained on the card and Retry makes the image', async () => {
  await page.goto(`${inst.origin}/images`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 10000 });
  fake.fault('/v1/images/generations', { kind: 'status', status: 500, times: 2, body: { error: { message: 'The engine is overloaded', type: 'server_error', param: null, code: null } } });
  await page.fill('#prompt', 'a yellow duck on a pond');
  await page.press('#prompt', 'Enter');
  await page.waitForFunction(() => document.querySelector('.job')?.dataset.state === 'error', null, { timeout: T });
  const card = page.locator('.job').first();
  assert.match(await card.locator('.error').textContent(), /failed \(HTTP 500\): The engine is overloaded/);
  await card.locator('.error button', { hasText: 'Retry' }).click();
  const fresh = page.locator('.job').first();
  await fresh.locator('img.partial').waitFor({ state: 'attached', timeout: T });
  await page.waitForFunction(() => document.querySelector('.job')?.dataset.state === 'done' && /yellow duck/.test(document.querySelector('.job').textContent), null, { timeout: T });
  assert.ok(Number(await fresh.getAttribute('data-partials')) >= 1, 'the stream\'s partial images were shown');
  assert.ok(await fresh.locator('.frame img').evaluate((i) => i.complete && i.naturalWidth === 1024), 'the final image loaded');
  assert.equal(await page.locator('.job').count(), 1, 'the failed card was replaced');
  assert.deepEqual(problems.filter((p) => !/status of 500/.test(p)), []);
});

test('a cancelled run offers no retry', async () => {
  // The backend takes 8 s to answer, so the click on Cancel is sure to land mid-run.
  fake.fault('/v1/images/generations', { kind: 'slow', ms: 8000 });
  await page.fill('#prompt', 'a slow red kite');
  await page.press('#prompt', 'Enter');
  const card = page.locator('.job').first();
  await card.locator('.cancel').click({ timeout: T });
  await page.waitForFunction(() => document.querySelector('.job')?.dataset.state === 'error', null, { timeout: T });
  assert.match(await card.locator('.error').textContent(), /Cancelled/);
  assert.equal(await card.locator('.error button').count(), 0);
});
