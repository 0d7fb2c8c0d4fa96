// Browser end-to-end test of the participant pages, on a phone viewport.
//
// Run through e2e/run.sh, which starts a server and sets TANDEM_URL and
// TANDEM_ADMIN_TOKEN. Checks, in Debian's Chromium driven by playwright-core:
//   - axe-core finds no WCAG 2.0/2.1 A/AA violation on the form (German,
//     English, re-rendered with errors) and on the unknown-link, not-yet-open,
//     closed, already-answered and thank-you pages;
//   - none of those pages scrolls sideways at 390×844;
//   - a form can be filled in and sent with the keyboard alone.
// Screenshots go to e2e/output/ (or $E2E_OUTPUT).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = process.env.E2E_OUTPUT || path.join(HERE, 'output');
const BASE = (process.env.TANDEM_URL || '').replace(/\/+$/, '');
const ADMIN = process.env.TANDEM_ADMIN_TOKEN || '';
const WIDTH = 390;
const HEIGHT = 844;
const VERBOSE = !!process.env.E2E_VERBOSE;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

if (!BASE || !ADMIN) {
  console.error('TANDEM_URL and TANDEM_ADMIN_TOKEN must be set; run e2e/run.sh');
  process.exit(2);
}

// ---------------------------------------------------------------- admin API

async function api(method, p, body, want) {
  const res = await fetch(BASE + '/api/v1' + p, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, want, `${method} ${p}: status ${res.status}, body ${text}`);
  return text ? JSON.parse(text) : null;
}

const iso = (ms) => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
const HOUR = 3600e3;

// Links by name, filled in by before().
const links = {};
let keyboardSurvey = '';

async function setup() {
  const program = await api('POST', '/programs',
    { name: 'Reverse Mentoring 2026', language: 'de', anonymity_threshold: 3, mode: 'confidential' }, 201);
  const cohort = await api('POST', `/programs/${program.id}/cohorts`,
    { name: 'Jahrgang 2026 – Köln & München', starts_on: '2026-01-01', ends_on: '2026-12-31' }, 201);
  const people = [
    { key: 'mentor1', name: 'Jürgen Weiß', email: 'juergen.weiss@example.com', role: 'mentor', department: 'Vertrieb', generation: 'Gen Z', region: 'Köln' },
    { key: 'mentor2', name: 'Zoë Ähnlich', email: 'zoe.aehnlich@example.com', role: 'mentor', department: 'IT-Betrieb', generation: 'Gen Y', region: 'Düsseldorf' },
    { key: 'mentee1', name: 'Hans-Jörg Großmann', email: 'hj.grossmann@example.com', role: 'mentee', department: 'Geschäftsführung', generation: 'Baby Boomer', region: 'München' },
    { key: 'mentor3', name: 'Çağla Öztürk', email: 'cagla.oeztuerk@example.com', role: 'mentor', department: 'Marketing', generation: 'Gen Z', region: 'Köln' },
    { key: 'mentee2', name: 'Bärbel Schäfer', email: 'baerbel.schaefer@example.com', role: 'mentee', department: 'Personal', generation: 'Gen X', region: 'Nürnberg' },
  ];
  const { ids } = await api('POST', `/cohorts/${cohort.id}/participants`,
    people.map(({ key, ...p }) => p), 201);
  assert.equal(ids.length, people.length);
  const id = Object.fromEntries(people.map((p, i) => [p.key, ids[i]]));
  await api('POST', `/cohorts/${cohort.id}/tandems`, { members: [id.mentor1, id.mentor2, id.mentee1] }, 201);
  await api('POST', `/cohorts/${cohort.id}/tandems`, { members: [id.mentor3, id.mentee2] }, 201);

  const survey = async (opens, closes) =>
    (await api('POST', `/cohorts/${cohort.id}/surveys`, { phase: 'final', opens_at: iso(opens), closes_at: iso(closes) }, 201)).id;
  const invite = async (sid) => {
    const invs = await api('POST', `/surveys/${sid}/invitations`, undefined, 201);
    assert.equal(invs.length, people.length, 'one invitation per participant');
    const byParticipant = Object.fromEntries(invs.map((i) => [i.participant_id, i.url]));
    for (const u of Object.values(byParticipant)) assert.match(u, /\/s\/[a-z2-7]{32}$/);
    // The server's base URL is its listen address, as TANDEM_URL is.
    return (key) => BASE + new URL(byParticipant[id[key]]).pathname;
  };

  const open = await survey(-HOUR, 24 * HOUR);
  const openLink = await invite(open);
  links.mentee = openLink('mentee1');
  links.mentor = openLink('mentor1');

  keyboardSurvey = await survey(-HOUR, 24 * HOUR);
  links.keyboard = (await invite(keyboardSurvey))('mentee2');

  const scheduled = await survey(24 * HOUR, 48 * HOUR);
  links.notOpen = (await invite(scheduled))('mentee1');

  const closed = await survey(-HOUR, 24 * HOUR);
  links.closed = (await invite(closed))('mentee1');
  const st = await api('POST', `/surveys/${closed}/close`, undefined, 200);
  assert.equal(st.status, 'closed');
}

// ------------------------------------------------------------------ browser

let browser;
let strict; // the pages as a participant gets them: CSP enforced
let axeCtx; // CSP bypassed so that axe-core can be injected

const phone = {
  viewport: { width: WIDTH, height: HEIGHT },
  screen: { width: WIDTH, height: HEIGHT },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'de-DE',
  timezoneId: 'Europe/Berlin',
};

before(async () => {
  await mkdir(OUT, { recursive: true });
  await setup();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // The machine's network is closed: keep Chromium from phoning home.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  strict = await browser.newContext({ ...phone });
  axeCtx = await browser.newContext({ ...phone, bypassCSP: true });
});

after(async () => {
  await browser?.close();
});

// newPage opens a page that records CSP violations and page errors.
async function newPage(ctx) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

async function runAxe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (values) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations', 'incomplete'] });
    const pick = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
    }));
    return { violations: pick(r.violations), incomplete: pick(r.incomplete), passes: r.passes.length };
  }, WCAG);
  const fmt = (v) => `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n` +
    v.nodes.map((n) => `      at ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n');
  if (VERBOSE) console.log(`axe on ${label}: ${result.passes} rule(s) passed, ${result.violations.length} violated`);
  if (result.incomplete.length) {
    console.log(`axe on ${label}: ${result.incomplete.length} rule(s) need a human look:\n` +
      result.incomplete.map((v) => `  - ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`).join('\n'));
  }
  assert.ok(result.passes > 0, 'axe-core ran no rule at all');
  assert.equal(result.violations.length, 0,
    `axe-core found ${result.violations.length} WCAG 2.1 A/AA violation(s) on ${label}:\n` + result.violations.map(fmt).join('\n'));
}

async function assertNoSidewaysScroll(page, label) {
  const m = await page.evaluate(() => {
    const de = document.documentElement;
    const vw = window.innerWidth;
    const wide = [];
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > de.clientWidth + 0.5) {
        wide.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} (right edge ${Math.round(r.right)} px)`);
      }
    }
    window.scrollTo(10000, window.scrollY);
    const scrollX = window.scrollX;
    window.scrollTo(0, 0);
    return { scrollWidth: de.scrollWidth, bodyScrollWidth: document.body.scrollWidth, clientWidth: de.clientWidth, innerWidth: vw, scrollX, wide: wide.slice(0, 15) };
  });
  const detail = `${label}: ${JSON.stringify(m, null, 1)}`;
  // A page wider than the screen makes a phone zoom out: the viewport must stay 390 px wide.
  assert.equal(m.innerWidth, WIDTH, `viewport is not ${WIDTH} px wide: ${detail}`);
  assert.ok(m.scrollWidth <= m.innerWidth, `page scrolls sideways: ${detail}`);
  assert.equal(m.scrollX, 0, `page scrolls sideways: ${detail}`);
  assert.deepEqual(m.wide, [], `elements reach past the right edge: ${detail}`);
}

async function assertStylesheetApplied(page, label) {
  const rules = await page.evaluate(() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0));
  assert.ok(rules > 0, `${label}: the stylesheet did not load`);
  const csp = page.problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
  assert.deepEqual(csp, [], `${label}: the page breaks its own Content-Security-Policy`);
}

// ---------------------------------------------------------------- the pages

// Each page is opened twice: once as a participant gets it (CSP enforced:
// layout, screenshot) and once with axe-core injected.
const pages = [
  {
    name: 'form (German, the program language)',
    shot: 'form-de',
    status: 200,
    open: (page) => page.goto(links.mentee),
    check: async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'de');
      assert.ok(await page.locator('input[name="overall_satisfaction"]').count() === 5);
    },
  },
  {
    name: 'form (?lang=en)',
    shot: 'form-en',
    status: 200,
    open: (page) => page.goto(links.mentee + '?lang=en'),
    check: async (page) => assert.equal(await page.getAttribute('html', 'lang'), 'en'),
  },
  {
    name: 'form (mentor)',
    shot: 'form-mentor',
    status: 200,
    open: (page) => page.goto(links.mentor),
  },
  {
    name: 'form re-rendered with errors (422)',
    shot: 'form-errors',
    status: 422,
    open: async (page) => {
      const r = await page.goto(links.mentee);
      assert.equal(r.status(), 200);
      const [res] = await Promise.all([
        page.waitForResponse((x) => x.request().method() === 'POST'),
        page.locator('button[type="submit"]').click(),
      ]);
      await page.waitForLoadState('load');
      return res;
    },
    check: async (page) => {
      const summary = page.locator('.error-summary');
      assert.equal(await summary.count(), 1, 'an error summary');
      assert.equal(await summary.locator('a[href="#f-overall_satisfaction-1"]').count(), 1,
        'the summary links to the required question');
      const described = await page.getAttribute('#q-overall_satisfaction', 'aria-describedby');
      assert.match(described || '', /\berr-overall_satisfaction\b/, 'the error describes its question');
      assert.match(await page.title(), /^Fehler: /);
    },
  },
  {
    name: 'unknown link (404)',
    shot: 'unknown',
    status: 404,
    open: (page) => page.goto(BASE + '/s/' + 'a'.repeat(32)),
    check: async (page) => assert.match(await page.locator('h1').innerText(), /Link nicht gefunden|Link not found/),
  },
  {
    name: 'malformed link (404)',
    shot: null,
    status: 404,
    open: (page) => page.goto(BASE + '/s/not-a-token'),
  },
  {
    name: 'not yet open (410)',
    shot: 'not-open',
    status: 410,
    open: (page) => page.goto(links.notOpen),
    check: async (page) => assert.match(await page.locator('h1').innerText(), /Noch nicht geöffnet/),
  },
  {
    name: 'closed (410)',
    shot: 'closed',
    status: 410,
    open: (page) => page.goto(links.closed),
    check: async (page) => assert.match(await page.locator('h1').innerText(), /Befragung beendet/),
  },
  {
    name: 'thank-you page',
    shot: 'thanks',
    status: 200,
    // First visit: answer and send (a click is fine here; the keyboard test is below).
    open: async (page, first) => {
      if (!first) return page.goto(links.mentee + '/thanks');
      assert.equal((await page.goto(links.mentee)).status(), 200);
      await page.locator('#f-overall_satisfaction-4').check();
      await page.locator('#f-recommend-8').check();
      await Promise.all([page.waitForURL(/\/thanks(\?|$)/), page.locator('button[type="submit"]').click()]);
      return page.goto(page.url());
    },
    check: async (page) => assert.match(await page.locator('h1').innerText(), /Vielen Dank/),
  },
  {
    name: 'already answered (409)',
    shot: 'already',
    status: 409,
    open: (page) => page.goto(links.mentee),
    check: async (page) => assert.match(await page.locator('h1').innerText(), /Schon beantwortet/),
  },
];

test('participant pages on a 390×844 phone: no WCAG 2.1 A/AA violation, no sideways scrolling', async (t) => {
  for (const p of pages) {
    await t.test(p.name, async () => {
      const page = await newPage(strict);
      try {
        const res = await p.open(page, true);
        assert.equal(res.status(), p.status, `${p.name}: HTTP status`);
        await p.check?.(page);
        await assertStylesheetApplied(page, p.name);
        await assertNoSidewaysScroll(page, p.name);
        if (p.shot) await page.screenshot({ path: path.join(OUT, `${p.shot}.png`), fullPage: true });
      } finally {
        await page.close();
      }
      const a = await newPage(axeCtx);
      try {
        const res = await p.open(a, false);
        assert.equal(res.status(), p.status, `${p.name} (axe pass): HTTP status`);
        await runAxe(a, p.name);
      } finally {
        await a.close();
      }
    });
  }
});

// ---------------------------------------------------------------- keyboard

const GREETING = 'Grüße aus Köln – Zoë 👋';
const IMPROVE = 'Mehr Zeit für „KI“-Übungen; öfter in Präsenz.';

test('a form can be filled in and sent with the keyboard alone', async () => {
  const page = await newPage(strict);
  const res = await page.goto(links.keyboard);
  assert.equal(res.status(), 200);

  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    const cs = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(), type: e.getAttribute('type') || '', name: e.getAttribute('name') || '',
      id: e.id, cls: typeof e.className === 'string' ? e.className : '', value: 'value' in e ? e.value : '',
      checked: !!e.checked, text: (e.textContent || '').trim().slice(0, 60),
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
      rect: (({ top, bottom, left, right }) => ({ top, bottom, left, right }))(e.getBoundingClientRect()),
    };
  });
  const press = (k) => page.keyboard.press(k);

  // Focus starts on the document; the first Tab reaches the skip link, which shows itself.
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  await press('Tab');
  let f = await focused();
  assert.equal(f.cls, 'skip', `the first Tab stop is the skip link, got ${JSON.stringify(f)}`);
  assert.ok(f.rect.left >= 0 && f.rect.right <= WIDTH && f.rect.top >= 0, 'the focused skip link is on screen');
  assert.ok(f.outline, 'the focused skip link has a visible focus outline');
  await press('Enter'); // jump past the header to the questionnaire

  // The answers to give. Likert items not listed get a value from a cycle;
  // every fifth of them is skipped, which is allowed.
  const plan = { overall_satisfaction: '4', recommend: '9', continue: 'yes' };
  const cycle = ['4', '5', '3', '2', null];
  const ticks = new Set(['top_benefits=perspective_change', 'top_benefits=personal_contact']);
  const texts = { went_well: GREETING, improve: IMPROVE };
  const expected = {}; // name -> [values]
  const seenGroups = new Set();
  const stops = [];
  let likert = 0;
  let sent = false;

  for (let i = 0; i < 300 && !sent; i++) {
    await press('Tab');
    f = await focused();
    stops.push(f.name ? `${f.tag}[${f.name}=${f.value}]` : `${f.tag}.${f.cls}`);
    assert.ok(f.outline, `no visible focus on ${JSON.stringify(f)}`);
    assert.ok(f.rect.bottom > 0 && f.rect.top < HEIGHT, `the focused element is scrolled into view: ${JSON.stringify(f)}`);
    if (f.tag === 'button' && f.type === 'submit') {
      assert.ok(expected.overall_satisfaction, 'overall_satisfaction was answered before reaching the button');
      // What the form would send, read without touching it.
      const data = await page.evaluate(() => {
        const out = {};
        for (const e of document.querySelector('form').elements) {
          if (!e.name || e.type === 'hidden' || e.type === 'submit') continue;
          if ((e.type === 'radio' || e.type === 'checkbox') && !e.checked) continue;
          (out[e.name] ||= []).push(e.value);
        }
        return out;
      });
      assert.deepEqual(data, expected, 'the form holds exactly the answers typed');
      await page.screenshot({ path: path.join(OUT, 'keyboard-filled.png'), fullPage: true });
      await Promise.all([page.waitForURL(/\/thanks(\?|$)/), press('Enter')]);
      sent = true;
    } else if (f.tag === 'input' && f.type === 'radio') {
      assert.ok(!seenGroups.has(f.name), `Tab came back to the radio group ${f.name}`);
      seenGroups.add(f.name);
      const values = await page.evaluate((n) =>
        [...document.querySelectorAll('input[type="radio"]')].filter((e) => e.name === n).map((e) => e.value), f.name);
      assert.equal(f.value, values[0], `Tab into the unanswered group ${f.name} lands on its first option`);
      let want = plan[f.name];
      if (want === undefined && values.length === 5 && values[0] === '1') want = cycle[likert++ % cycle.length];
      if (!want) continue; // leave this item unanswered
      const idx = values.indexOf(want);
      assert.ok(idx >= 0, `${f.name} offers ${want}`);
      await press('Space'); // selects the focused (first) option
      for (let k = 0; k < idx; k++) await press('ArrowRight'); // moves and selects
      const g = await focused();
      assert.deepEqual([g.name, g.value, g.checked], [f.name, want, true], `arrow keys picked ${want} in ${f.name}`);
      expected[f.name] = [want];
      if (f.name === 'overall_satisfaction') {
        // Shift+Tab comes back from the next group to the chosen option.
        await press('Tab');
        const next = await focused();
        assert.notEqual(next.name, f.name);
        await press('Shift+Tab');
        const back = await focused();
        assert.deepEqual([back.name, back.value, back.checked], [f.name, want, true], 'Shift+Tab returns to the chosen option');
      }
    } else if (f.tag === 'input' && f.type === 'checkbox') {
      if (ticks.has(`${f.name}=${f.value}`)) {
        await press('Space');
        assert.equal((await focused()).checked, true, `Space ticks ${f.name}=${f.value}`);
        (expected[f.name] ||= []).push(f.value);
      }
    } else if (f.tag === 'textarea') {
      const text = texts[f.name] ?? '';
      if (text) {
        await page.keyboard.type(text);
        assert.equal((await focused()).value, text, `typed into ${f.name}`);
      }
      expected[f.name] = [text];
    } else if (f.tag === 'body') {
      assert.fail(`focus fell off the page after: ${stops.join(' → ')}`);
    }
  }
  if (VERBOSE) console.log(`keyboard tab stops: ${stops.join(' → ')}`);
  assert.ok(sent, `never reached the submit button; tab stops: ${stops.join(' → ')}`);
  assert.ok(!stops.some((s) => s.startsWith('a.lang')), 'the skip link skipped the header');
  assert.ok(seenGroups.has('overall_satisfaction') && seenGroups.has('recommend') && seenGroups.has('continue'));

  await page.waitForLoadState('load');
  assert.match(await page.locator('h1').innerText(), /Vielen Dank/);
  await page.screenshot({ path: path.join(OUT, 'keyboard-thanks.png'), fullPage: true });
  await page.close();

  const sv = await api('GET', `/surveys/${keyboardSurvey}`, undefined, 200);
  assert.equal(sv.submitted, 1, `submitted: ${JSON.stringify(sv)}`);
  assert.ok(sv.opened >= 1, `opened: ${JSON.stringify(sv)}`);
  assert.equal(sv.status, 'open');
});
