import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { BrowserContext, chromium, Page } from "playwright-core";
import { CONTROLS } from "../../policy/catalog";
import { chromiumFor } from "../helpers/chromium";
import { ROOT } from "../helpers/program";
import { ACCOUNT, replay, rootSignIn, scenario, START, writeS3Archive } from "./archive";
import { temporaryFolder } from "../helpers/temp-files";

const SCREENSHOT = path.join(ROOT, ".test-output", "replay-report.png");

/** A Chromium, headless, with a fresh profile and nothing that reaches the network by itself. */
async function launchChromium(executable: string, profile: string): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (e) {
    throw new Error(`cannot start ${executable} to check the HTML page: ${(e as Error).message}`);
  }
}

describe("npm run replay --html, in a browser", function () {
  this.timeout(120_000);
  // 5-minute periods: 0 an ignored event, X an unauthorized call, - no event. With the dev stack's
  // alarm (1 of 1, notBreaching): 4 notifications, 9 periods in ALARM (see the alarm model's tests).
  const layout = "0 X 0 X X 0 - - - - X - - - - 0 0 X - X 0";
  const folder = temporaryFolder("html");
  const page = path.join(folder, "report.html");
  const profile = temporaryFolder("chromium");
  let browser: BrowserContext;
  let errors: string[];
  let requests: string[];
  let found: { control: string; declared: number; lane: number; entries: number; width: number }[];
  let summary: string[][];
  let tab: Page;

  before(async function () {
    const executable = chromiumFor(this);
    // The root user of the archive's account signs in 40 minutes after the run starts.
    writeS3Archive(path.join(folder, "archive"), [...scenario(layout), rootSignIn(ACCOUNT, START + 40 * 60)]);
    const run = await replay(["--html", page, path.join(folder, "archive")]);
    assert.equal(run.status, 0, run.stderr);
    browser = await launchChromium(executable, profile);
    tab = await browser.newPage();
    errors = [];
    requests = [];
    tab.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    tab.on("pageerror", (error) => errors.push(String(error)));
    tab.on("request", (request) => requests.push(request.url()));
    await tab.goto(`file://${page}`);
    found = await tab.$$eval("section.control", (sections) =>
      sections.map((s) => ({
        control: s.getAttribute("data-control")!,
        declared: Number(s.getAttribute("data-alarm-periods")),
        lane: [...s.querySelectorAll("svg.timeline rect.alarm")].reduce(
          (sum, r) => sum + Number(r.getAttribute("data-periods")),
          0,
        ),
        entries: s.querySelectorAll("svg.timeline path.entry").length,
        width: s.querySelector("svg.timeline")?.getBoundingClientRect().width ?? 0,
      })),
    );
    summary = await tab.$$eval("table.summary tbody tr", (rows) =>
      rows.map((r) => [r.getAttribute("data-control")!, r.querySelectorAll("td")[1].textContent!.trim()]),
    );
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await tab.screenshot({ path: SCREENSHOT, fullPage: true });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it("renders without console errors and fetches nothing but itself", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [`file://${page}`]);
  });

  it("shows the ALARM periods and notifications of the unauthorized-API-calls control on its timeline", () => {
    const control = found.find((f) => f.control === "unauthorized-api-calls")!;
    assert.deepEqual(
      { ...control, width: control.width > 500 },
      {
        control: "unauthorized-api-calls",
        declared: 9,
        lane: 9,
        entries: 4,
        width: true,
      },
    );
  });

  it("shows every control, each timeline with as many ALARM periods as its section states", () => {
    assert.deepEqual(found.map((f) => f.control).sort(), CONTROLS.map((c) => c.id).sort());
    for (const f of found) assert.equal(f.lane, f.declared, f.control);
  });

  it("lists each notification with its time as text, kept in a printout, and who set it off with their account", async () => {
    await tab.emulateMedia({ media: "print" });
    const rows = await tab.$$eval("#root-account-usage table.notifications tbody tr", (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent!.replace(/\s+/g, " ").trim()).join(" | "),
      ),
    );
    const visible = await tab.$eval(
      "#unauthorized-api-calls table.notifications",
      (t) => t.getBoundingClientRect().height > 0,
    );
    await tab.emulateMedia({ media: "screen" });
    assert.deepEqual(rows, [`2026-03-01 00:40 UTC | Root in account ${ACCOUNT}: 1 matching event`]);
    assert.ok(visible, "the notifications print");
    const times = await tab.$$eval("#unauthorized-api-calls table.notifications td.time", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(times, [
      "2026-03-01 00:05 UTC",
      "2026-03-01 00:15 UTC",
      "2026-03-01 00:50 UTC",
      "2026-03-01 01:25 UTC",
    ]);
  });

  it("names the root user's account among the contributors, and explains the legend's empty slots and the periods in ALARM", async () => {
    const root = await tab.$eval("#root-account-usage table.contributors", (t) =>
      [...t.querySelectorAll("tbody td")].slice(0, 2).map((td) => td.textContent),
    );
    assert.deepEqual(root, ["Root", ACCOUNT]);
    const legend = await tab.$eval("#unauthorized-api-calls figcaption", (f) =>
      f.textContent!.replace(/\s+/g, " "),
    );
    assert.match(legend, /no CloudTrail event at all: the metric has no datapoint \(missing data\)/);
    assert.match(legend, /events, none of them matching: a datapoint of 0/);
    const why = await tab.$eval("#unauthorized-api-calls p.why", (p) => p.textContent!.replace(/\s+/g, " "));
    assert.match(
      why,
      /^Why 6 matching events give 9 periods in ALARM: .* a lone event keeps this 1-of-1 alarm there for up to 3 periods\.$/,
    );
  });

  it("wraps long ARNs after their separators, never inside a word, wherever the page names them", async () => {
    await tab.setViewportSize({ width: 360, height: 800 });
    const breaks = await tab.$$eval(
      "#unauthorized-api-calls :is(table.contributors tbody td:first-child, table.notifications li, .proposals li b)",
      (cells) =>
        cells.flatMap((cell) => {
          // Where each line of the cell's text starts, from the boxes of its characters.
          const text = cell.textContent!;
          const range = cell.ownerDocument.createRange();
          // Each character with the top of its box; white space the browser collapsed has none.
          const chars: { char: string; top?: number }[] = [];
          const visit = (node: typeof cell.firstChild): void => {
            if (node === null) return;
            if (node.nodeType === node.TEXT_NODE) {
              for (let i = 0; i < node.textContent!.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getBoundingClientRect();
                chars.push({ char: node.textContent![i], top: box.width > 0 ? box.top : undefined });
              }
            }
            node.childNodes.forEach(visit);
          };
          visit(cell);
          // A line starts at a character below the last one shown: the break is after the one before it.
          let lastTop: number | undefined;
          return chars.flatMap(({ top }, i) => {
            if (top === undefined) return [];
            const starts = lastTop !== undefined && top > lastTop + 2;
            lastTop = top;
            return starts ? [`${text}: after '${chars[i - 1].char}'`] : [];
          });
        }),
    );
    await tab.setViewportSize({ width: 1280, height: 720 });
    assert.ok(breaks.length > 0, "some ARN is wider than the narrow page");
    assert.ok(breaks.some((b) => /after ':'$/.test(b)));
    for (const b of breaks) assert.match(b, /after '[:/\s]'$/);
  });

  it("starts with a summary of which controls would have notified, the noisiest first", () => {
    assert.equal(summary.length, found.length);
    assert.deepEqual(summary[0], ["unauthorized-api-calls", "4"]);
  });
});
