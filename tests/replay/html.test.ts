import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { BrowserContext, chromium } from "playwright-core";
import { CONTROLS } from "../../policy/catalog";
import { chromiumFor } from "../helpers/chromium";
import { ROOT } from "../helpers/program";
import { replay, scenario, writeS3Archive } from "./archive";
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

  before(async function () {
    const executable = chromiumFor(this);
    writeS3Archive(path.join(folder, "archive"), scenario(layout));
    const run = await replay(["--html", page, path.join(folder, "archive")]);
    assert.equal(run.status, 0, run.stderr);
    browser = await launchChromium(executable, profile);
    const tab = await browser.newPage();
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
    assert.deepEqual(
      found.map((f) => f.control),
      CONTROLS.map((c) => c.id),
    );
    for (const f of found) assert.equal(f.lane, f.declared, f.control);
  });

  it("starts with a summary of which controls would have notified, the noisiest first", () => {
    assert.equal(summary.length, found.length);
    assert.deepEqual(summary[0], ["unauthorized-api-calls", "4"]);
  });
});
