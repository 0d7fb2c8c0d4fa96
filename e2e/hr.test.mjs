// Browser end-to-end test of the HR pages, in Debian's Chromium driven by
// playwright-core, against the binary that e2e/run.sh starts (TANDEM_URL,
// TANDEM_ADMIN_TOKEN). The story of the issue, step by step:
//   - the first admin is made with the admin token; the admin adds an
//     organiser account and signs out;
//   - the organiser signs in, creates a program and a round, imports the
//     participants from an XLSX file (first one with errors: a preview, row
//     errors, nothing stored; then the corrected one, confirmed), forms
//     1:1, 2:1 and peer tandems, schedules the final survey, opens it and
//     downloads the invitation links as XLSX;
//   - a participant answers on a 390×844 phone with the keyboard alone;
//   - the organiser sees the response rate change, reads the results and
//     downloads the workbook.
// axe-core runs on every HR page (0 WCAG 2.1 A/AA violations), with the
// Content-Security-Policy enforced: axe is evaluated through the DevTools
// protocol, which the CSP does not govern, so the pages are checked exactly
// as they are served. Screenshots of each step (viewport-sized) go to
// e2e/output/hr-*.png, the downloads next to them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { xlsx, zipEntries, sheetRows } from './xlsx.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = process.env.E2E_OUTPUT || path.join(HERE, 'output');
const BASE = (process.env.TANDEM_URL || '').replace(/\/+$/, '');
const ADMIN = process.env.TANDEM_ADMIN_TOKEN || '';
const VERBOSE = !!process.env.E2E_VERBOSE;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

if (!BASE || !ADMIN) {
  console.error('TANDEM_URL and TANDEM_ADMIN_TOKEN must be set; run e2e/run.sh');
  process.exit(2);
}

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'Admin password for the e2e run';
const ORG_EMAIL = 'organiser@example.com';
const ORG_PASSWORD = 'Organiser password 2026';

const HEADER = ['Name', 'E-Mail', 'Rolle', 'Abteilung', 'Generation', 'Land'];
const PEOPLE = [
  ['Jürgen Weiß', 'juergen.weiss@example.com', 'mentee', 'Vertrieb', 'Baby Boomer', 'Deutschland'],
  ['Zoë Brügger', 'zoe.bruegger@example.com', 'mentor', 'IT', 'Gen Z', 'Schweiz'],
  ['Ömer Yıldız', 'oemer.yildiz@example.com', 'mentor', 'IT', 'Gen Z', 'Deutschland'],
  ['Dagmar Köhler', 'dagmar.koehler@example.com', 'mentee', 'Finanzen', 'Gen X', 'Österreich'],
  ['Lea Schäfer', 'lea.schaefer@example.com', 'mentor', 'Marketing', 'Gen Y', 'Deutschland'],
  ['Sam Taylor', 'sam.taylor@example.com', 'peer', 'IT', 'Gen Y', 'UK'],
  ['Kim Berger', 'kim.berger@example.com', 'peer', 'Personal', 'Gen X', 'Deutschland'],
];

let browser;
let desk; // the organiser's desktop browser, CSP enforced
let phone; // the participant's phone, CSP enforced
let shots = 0;

before(async () => {
  await mkdir(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin', acceptDownloads: true });
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true, locale: 'de-DE', timezoneId: 'Europe/Berlin',
  });
});

after(async () => {
  await browser?.close();
});

async function newPage(ctx) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (m) => {
    // A refusal (401, 404, 422, ...) is logged as a failed resource; the
    // steps check every status themselves.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(m.text())) page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

async function runAxe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const r = await page.evaluate(async (values) => {
    // eslint-disable-next-line no-undef
    const res = await axe.run(document, { runOnly: { type: 'tag', values } });
    return {
      passes: res.passes.length,
      violations: res.violations.map((v) => ({
        id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 140)}\n        ${(n.failureSummary || '').replace(/\n/g, ' ')}`),
      })),
    };
  }, WCAG);
  if (VERBOSE) console.log(`axe on ${label}: ${r.passes} rule(s) passed, ${r.violations.length} violated`);
  assert.ok(r.passes > 0, 'axe-core ran no rule at all');
  assert.equal(r.violations.length, 0, `axe-core found WCAG 2.1 A/AA violations on ${label}:\n` +
    r.violations.map((v) => `  - ${v.id}: ${v.help}\n      ${v.nodes.join('\n      ')}`).join('\n'));
}

// check runs the checks every HR page must pass and keeps a screenshot,
// scrolled to focus (a selector) if given.
async function check(page, label, name, focus) {
  const rules = await page.evaluate(() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0));
  assert.ok(rules > 0, `${label}: the stylesheets did not load`);
  const csp = page.problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
  assert.deepEqual(csp, [], `${label}: the page breaks its own Content-Security-Policy`);
  assert.deepEqual(page.problems, [], `${label}: errors in the console`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${label}: the page scrolls sideways by ${wide} px`);
  await runAxe(page, label);
  if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded();
  shots++;
  await page.screenshot({ path: path.join(OUT, `hr-${String(shots).padStart(2, '0')}-${name}.png`) });
}

async function submit(page, formSelector, button = 'button[type="submit"]') {
  await Promise.all([page.waitForNavigation(), page.locator(`${formSelector} ${button}`).first().click()]);
}

async function signIn(page, email, password) {
  await page.goto(BASE + '/hr/signin');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await submit(page, 'form[action="/hr/signin"]');
  assert.match(new URL(page.url()).pathname, /^\/hr\/programs/, `signed in as ${email}`);
}

async function signOut(page) {
  await submit(page, 'form[action="/hr/signout"]');
  assert.match(page.url(), /\/hr\/signin\?done=signedout/);
}

// utc is an <input type="datetime-local"> value: the server runs in UTC.
const utc = (ms) => new Date(Date.now() + ms).toISOString().slice(0, 16);
const DAY = 24 * 3600e3;

// The ids and links the steps hand on.
const state = {};

test('HR pages: set up, invite, watch and download without touching the API', async (t) => {
  const page = await newPage(desk);
  // The steps build on each other: after a failure the rest are skipped
  // rather than timing out one after the other.
  let failed = false;
  const step = (name, fn) => t.test(name, { skip: failed && 'an earlier step failed' }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      throw e;
    }
  });

  await step('the first admin is made with the admin token; the admin adds an organiser', async () => {
    await page.goto(BASE + '/hr/programs');
    assert.match(page.url(), /\/hr\/signin\?next=%2Fhr%2Fprograms$/, 'signed out, the pages send to sign-in');
    await check(page, 'sign-in (no account yet)', 'signin');
    await page.click('a[href="/hr/setup"]');
    await page.fill('#f-token', 'not-the-admin-token');
    await page.fill('#f-email', ADMIN_EMAIL);
    await page.fill('#f-password', ADMIN_PASSWORD);
    await submit(page, 'form[action="/hr/setup"]');
    assert.match(await page.locator('#err-token').innerText(), /Admin-Token stimmt nicht/);
    await check(page, 'setup with a wrong token', 'setup-wrong-token', '#errors');
    await page.fill('#f-token', ADMIN);
    await page.fill('#f-name', 'Anna Admin');
    await page.fill('#f-password', ADMIN_PASSWORD);
    await submit(page, 'form[action="/hr/setup"]');
    assert.match(await page.locator('.flash').innerText(), /Willkommen/);
    await check(page, 'programs (admin, empty)', 'programs-admin');

    await page.click('a[href="/hr/accounts"]');
    await page.fill('#f-email', ORG_EMAIL);
    await page.fill('#f-name', 'Olga Organisation');
    await page.fill('#f-password', ORG_PASSWORD);
    await page.check('#f-role-organiser');
    await submit(page, 'form[action="/hr/accounts"]');
    assert.match(await page.locator('.notice').first().innerText(), new RegExp(ORG_EMAIL));
    await check(page, 'accounts', 'accounts', '.notice');
    await signOut(page);
  });

  await step('the organiser signs in and creates a program and a round', async () => {
    await page.fill('#f-email', ORG_EMAIL);
    await page.fill('#f-password', 'wrong password, sorry');
    await submit(page, 'form[action="/hr/signin"]');
    assert.match(await page.locator('#signin-error').innerText(), /stimmen nicht/);
    await check(page, 'sign-in refused', 'signin-refused');
    await signIn(page, ORG_EMAIL, ORG_PASSWORD);
    await page.fill('#f-name', 'Reverse Mentoring 2026');
    await page.check('#f-language');
    await page.fill('#f-anonymity_threshold', '3');
    await submit(page, 'form[action="/hr/programs"]');
    state.program = new URL(page.url()).pathname.split('/').pop();
    await page.fill('#f-name', 'Erste Runde – Köln & München');
    await page.fill('#f-starts_on', '2026-01-15');
    await page.fill('#f-ends_on', '2026-06-30');
    await check(page, 'program', 'program', 'form[action$="/cohorts"]');
    await submit(page, 'form[action$="/cohorts"]');
    assert.match(page.url(), /\/hr\/cohorts\/[a-z2-7]{16}\?done=cohort_created$/);
    state.cohort = new URL(page.url()).pathname.split('/').pop();
    await check(page, 'cohort (empty)', 'cohort-empty');
  });

  await step('the organiser imports the participants from an XLSX file', async () => {
    await page.click(`a[href="/hr/cohorts/${state.cohort}/participants"]`);
    // First a file with mistakes: a preview naming the rows, nothing stored.
    const bad = [HEADER, ...PEOPLE.slice(0, 5), ['Chris Chef', 'chris(at)example.com', 'Chef', '', '', ''], ...PEOPLE.slice(5)];
    await page.setInputFiles('#f-file', { name: 'teilnehmende-entwurf.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx(bad, 'Teilnehmende') });
    await submit(page, 'form[action$="/participants/preview"]');
    assert.equal(await page.locator('#row-7.bad').count(), 1, 'row 7 of the file is marked');
    assert.match(await page.locator('#errors').innerText(), /Zeile 7/);
    assert.equal(await page.locator('input[name="rows"]').count(), 0, 'no confirmation while rows are wrong');
    await check(page, 'import preview with row errors', 'import-errors', '#errors');
    // Then the corrected file: a preview, then confirmed.
    await page.setInputFiles('#f-file', { name: 'teilnehmende.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx([HEADER, ...PEOPLE], 'Teilnehmende') });
    await submit(page, 'form[action$="/participants/preview"]');
    assert.match(await page.locator('.notice').first().innerText(), /Alle 7 Zeilen/);
    await check(page, 'import preview', 'import-preview', '#preview');
    await submit(page, 'form:has(input[name="rows"])');
    assert.match(await page.locator('.flash').innerText(), /gespeichert/);
    assert.match(await page.locator('#list').innerText(), /\(7\)/);
    await check(page, 'participants', 'participants', '#list');
  });

  await step('the organiser forms 2:1, 1:1 and peer tandems', async () => {
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}/tandems`);
    const tick = (name) => page.locator('label.choice', { hasText: name }).locator('input').check();
    let first = true;
    for (const members of [['Zoë Brügger', 'Ömer Yıldız', 'Jürgen Weiß'], ['Lea Schäfer', 'Dagmar Köhler'], ['Sam Taylor', 'Kim Berger']]) {
      for (const m of members) await tick(m);
      if (first) await check(page, 'tandems, picking a 2:1', 'tandems-pick', 'form[action$="/tandems"]');
      first = false;
      await submit(page, `form[action$="/tandems"]`);
      assert.match(await page.locator('.flash').innerText(), /Tandem gebildet/);
    }
    const shapes = await page.locator('.badge-shape').allInnerTexts();
    assert.deepEqual(shapes.map((s) => s.replace(/\s+/g, ' ')).sort(), ['1 : 1', '2 : 1', 'Peer-Paar']);
    await check(page, 'tandems', 'tandems');
  });

  await step('the organiser schedules the final survey, opens it and downloads the links', async () => {
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}`);
    await page.selectOption('#f-phase', 'final');
    await page.fill('#f-opens_at', utc(DAY));
    await page.fill('#f-closes_at', utc(14 * DAY));
    await submit(page, 'form[action$="/surveys"]');
    state.survey = new URL(page.url()).pathname.split('/').pop();
    assert.match(await page.locator('.badge').first().innerText(), /geplant/);
    await check(page, 'survey (scheduled)', 'survey-scheduled');
    await submit(page, 'form[action$="/open"]');
    assert.match(await page.locator('.badge').first().innerText(), /offen/);
    assert.match(await page.locator('#links').locator('..').innerText(), /7 Teilnehmende haben noch keinen/);
    await check(page, 'survey (open, no links yet)', 'survey-open', '#links');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('form[action$="/links"] button[value="xlsx"]').click(),
    ]);
    assert.match(download.suggestedFilename(), /^tandem-links-final-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(OUT, 'hr-links.xlsx');
    await download.saveAs(file);
    const rows = await sheetRows(await readFile(file));
    assert.deepEqual(rows[0], ['name', 'email', 'role', 'link', 'survey', 'closes']);
    assert.equal(rows.length, 1 + PEOPLE.length, 'one link per participant');
    state.links = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[3]]));
    for (const link of Object.values(state.links)) assert.match(link, /\/s\/[a-z2-7]{32}$/);

    await page.goto(`${BASE}/hr/cohorts/${state.cohort}`);
    state.before = await page.locator(`#bar-${state.survey}-v`).innerText();
    assert.match(state.before, /^0 von 7 beantwortet \(0 %\)/);
    await check(page, 'cohort before any answer', 'cohort-before', `#sv-${state.survey}`);
  });

  await step('a participant answers on a 390×844 phone with the keyboard alone', async () => {
    const p = await newPage(phone);
    // The server's base URL is its listen address, as TANDEM_URL is.
    const link = BASE + new URL(state.links['Jürgen Weiß']).pathname;
    assert.equal((await p.goto(link)).status(), 200);
    assert.equal(await p.evaluate(() => window.innerWidth), 390);
    await runAxe(p, 'participant form');
    await p.screenshot({ path: path.join(OUT, `hr-${String(++shots).padStart(2, '0')}-participant-form.png`) });
    await answerWithKeyboard(p);
    assert.match(await p.locator('h1').innerText(), /Vielen Dank/);
    await check(p, 'participant thanks', 'participant-thanks');
    await p.close();
  });

  await step('the organiser sees the response rate change and reads the results', async () => {
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}`);
    const after = await page.locator(`#bar-${state.survey}-v`).innerText();
    assert.notEqual(after, state.before);
    assert.match(after, /^1 von 7 beantwortet \(14 %\)/);
    const card = page.locator('article', { has: page.locator(`#sv-${state.survey}`) });
    const waiting = await card.locator('details.waiting summary').innerText();
    assert.match(waiting, /6 haben noch nicht geantwortet/);
    await check(page, 'cohort after one answer', 'cohort-after', `#sv-${state.survey}`);

    await page.goto(`${BASE}/hr/surveys/${state.survey}`);
    const table = await page.locator('#waiting').locator('..').innerText();
    assert.match(table, /Zoë Brügger/);
    assert.doesNotMatch(table, /Jürgen Weiß/, 'who answered is not on the list');
    await check(page, 'survey with the non-responders', 'survey-waiting', '#waiting');

    await page.goto(`${BASE}/hr/cohorts/${state.cohort}/results`);
    await check(page, 'cohort results', 'results');
    await page.goto(`${BASE}/hr/surveys/${state.survey}/results?by=role`);
    assert.match(await page.locator('.withheld-text').first().innerText(), /sobald die Befragung beendet ist/,
      'a running survey says that its results wait for the close, and why');
    await check(page, 'survey results by role', 'survey-results');
  });

  await step('the organiser downloads the workbook; the program releases no raw data', async () => {
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}`);
    // A new program releases no per-response rows: no link, and the page
    // says so.
    assert.equal(await page.locator(`a[href="/hr/cohorts/${state.cohort}/responses.csv"]`).count(), 0);
    assert.match(await page.locator('main').innerText(), /gibt dieses Programm nicht heraus/);
    for (const [selector, ext, verify] of [
      [`a[href="/hr/cohorts/${state.cohort}/report.xlsx"]`, 'xlsx', async (buf) => {
        const names = zipEntries(buf);
        assert.ok(names.includes('xl/workbook.xml'), `the workbook holds ${names}`);
        assert.ok(names.filter((n) => n.startsWith('xl/worksheets/')).length >= 3, 'the workbook has its sheets');
      }],
    ]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
      assert.match(download.suggestedFilename(), new RegExp(`^tandem-erste-runde-koeln-muenchen-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`));
      const file = path.join(OUT, `hr-download.${ext}`);
      await download.saveAs(file);
      await verify(await readFile(file));
    }
  });

  await step('in English, on a phone, and the refusals', async () => {
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}`);
    await submit(page, 'form[action="/hr/language"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.locator(`#bar-${state.survey}-v`).innerText(), /^1 of 7 answered/);
    await check(page, 'cohort in English', 'cohort-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await check(page, 'cohort on a phone', 'cohort-phone');
    await page.goto(`${BASE}/hr/cohorts/${state.cohort}/results`);
    await check(page, 'results on a phone', 'results-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    // An organiser may not manage accounts; an unknown page says so.
    assert.equal((await page.goto(BASE + '/hr/accounts')).status(), 403);
    await check(page, 'forbidden', 'forbidden');
    assert.equal((await page.goto(BASE + '/hr/programs/aaaaaaaaaaaaaaaa')).status(), 404);
    await check(page, 'not found', 'not-found');
    await signOut(page);
    await check(page, 'signed out', 'signed-out');
  });
  await page.close();
});

// answerWithKeyboard fills the form with Tab, Space, the arrow keys and
// typing, and sends it with Enter. Every scale gets an answer; the first
// text field a comment.
async function answerWithKeyboard(page) {
  const press = (k) => page.keyboard.press(k);
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    const cs = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(), type: e.getAttribute('type') || '', name: e.getAttribute('name') || '', value: 'value' in e ? e.value : '',
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
    };
  });
  const plan = { overall_satisfaction: '5', recommend: '9', continue: 'yes' };
  await press('Tab'); // the skip link
  await press('Enter'); // past the header
  const stops = [];
  let typed = false;
  for (let i = 0; i < 400; i++) {
    await press('Tab');
    const f = await focused();
    stops.push(f.name ? `${f.tag}[${f.name}=${f.value}]` : f.tag);
    assert.ok(f.outline || f.tag === 'body', `no visible focus on ${JSON.stringify(f)}`);
    if (f.tag === 'button' && f.type === 'submit') {
      await page.screenshot({ path: path.join(OUT, `hr-${String(++shots).padStart(2, '0')}-participant-filled.png`) });
      await Promise.all([page.waitForURL(/\/thanks(\?|$)/), press('Enter')]);
      await page.waitForLoadState('load');
      if (VERBOSE) console.log(`keyboard tab stops: ${stops.join(' → ')}`);
      return;
    }
    if (f.tag === 'input' && f.type === 'radio') {
      const values = await page.evaluate((n) => [...document.querySelectorAll('input[type="radio"]')].filter((e) => e.name === n).map((e) => e.value), f.name);
      const want = plan[f.name] ?? (values[0] === '1' && values.length === 5 ? '4' : null);
      if (!want) continue;
      await press('Space');
      for (let k = 0; k < values.indexOf(want); k++) await press('ArrowRight');
    } else if (f.tag === 'textarea' && !typed) {
      await page.keyboard.type('Sehr hilfreich – danke, Zoë & Ömer!');
      typed = true;
    } else if (f.tag === 'body') {
      assert.fail(`focus fell off the page after: ${stops.join(' → ')}`);
    }
  }
  assert.fail(`never reached the submit button: ${stops.join(' → ')}`);
}
