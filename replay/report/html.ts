/**
 * The replay as one self-contained HTML page (inline CSS and SVG, nothing fetched): a summary of
 * which controls would have notified how often, then per control a timeline of its matches per
 * period with the periods in ALARM, its top contributors and the proposed exclusions.
 */
import { CONTRIBUTOR_FIELDS, ContributorField } from "./contributors";
import { actionsNote, alarmText, count, leftOutText, minute, number } from "./format";
import { ControlReport, ReplayReport } from "./build";
import { isoTime } from "../time";
import { periodAt, Timeline } from "../alarm/timeline";

const FIELD_NAMES: Record<ContributorField, string> = {
  principal: "Principal",
  eventName: "Event name",
  errorCode: "Error code",
  sourceIPAddress: "Source IP address",
  region: "Region",
};

export function renderReplayHtml(report: ReplayReport): string {
  const ranked = [...report.controls].sort(
    (a, b) => b.alarmTransitions - a.alarmTransitions || b.matched - a.matched,
  );
  const title = `What would the alarms have done? Stack ${report.stack}`;
  const leftOut = leftOutText(report.leftOut);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>What would the alarms have done?</h1>
<p>Stack <b>${escape(report.stack)}</b>, pattern set <b>${escape(report.patternSet)}</b>:
${count(report.events, "CloudTrail event")} in ${count(report.files, "file")}${
    report.from ? `, ${escape(minute(report.from))} to ${escape(minute(report.to!))} UTC` : ""
  }.</p>
${leftOut ? `<p class="left-out">${escape(leftOut)}</p>` : ""}
</header>
<main>
<section class="summary">
<h2>Notifications per control</h2>
${summary(ranked)}
</section>
${ranked.map(section).join("\n")}
</main>
</body>
</html>
`;
}

function summary(controls: readonly ControlReport[]): string {
  const most = Math.max(1, ...controls.map((c) => c.alarmTransitions));
  const rows = controls.map((c) => {
    const width = (c.alarmTransitions / most) * 200;
    return `<tr data-control="${escape(c.id)}">
<td><a href="#${escape(c.id)}">${escape(c.title)}</a><div class="id">${escape(c.id)}</div></td>
<td class="num ${c.alarmTransitions > 0 ? "paged" : "quiet"}">${number(c.alarmTransitions)}</td>
<td><svg class="meter" width="200" height="12" role="img" aria-label="${c.alarmTransitions} notifications">
<rect width="${width.toFixed(1)}" height="12" rx="2"></rect></svg></td>
<td class="num">${number(c.alarmPeriods)}</td>
<td class="num">${number(c.matched)}</td>
</tr>`;
  });
  return `<table class="summary">
<thead><tr><th>Control</th><th>Notifications</th><th></th><th>Periods in ALARM</th><th>Matching events</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}

function section(control: ControlReport): string {
  const verdict =
    control.alarmTransitions === 0
      ? `<p class="verdict quiet">Would not have notified anyone.</p>`
      : `<p class="verdict paged">Would have notified ${count(control.alarmTransitions, "time")}${actionsNote(control.alarm)}.</p>`;
  return `<section class="control" id="${escape(control.id)}" data-control="${escape(control.id)}"
 data-alarm-periods="${control.alarmPeriods}" data-notifications="${control.alarmTransitions}">
<h2>${escape(control.title)} <span class="id">${escape(control.id)}</span></h2>
${verdict}
<p class="facts">${number(control.matched)} matching events in ${number(control.periodsWithMatches)} periods;
${number(control.alarmPeriods)} periods in ALARM.</p>
<dl>
<dt>Pattern</dt><dd><code>${escape(control.pattern)}</code></dd>
<dt>Alarm</dt><dd>${escape(alarmText(control.metricName, control.alarm))}</dd>
</dl>
${chart(control.timeline)}
${contributors(control)}
${proposals(control)}
</section>`;
}

const WIDTH = 1000;
const TOP = 18;
const HEIGHT = 90;
/** Height of the lane under the axis that shows the periods in ALARM. */
const LANE = 7;
/** Narrowest mark, so that one period in a long replay stays visible. */
const THIN = 2;

/** Matches per period as bars, periods in ALARM as red bands, entries into ALARM as triangles. */
function chart(line: Timeline): string {
  const n = line.datapoints.length;
  if (n === 0) return `<p class="empty">No events to draw.</p>`;
  const unit = WIDTH / n;
  const x = (i: number) => i * unit;
  const most = Math.max(1, ...line.datapoints.map((d) => d ?? 0));
  const when = (i: number) => minute(isoTime(periodAt(line, i)));
  const marks: string[] = [];
  for (const [first, length] of runs(line.datapoints.map((d) => d === undefined))) {
    marks.push(
      `<rect class="missing" x="${x(first).toFixed(2)}" y="${TOP}" width="${Math.max(length * unit, THIN / 4).toFixed(2)}" height="${HEIGHT}"><title>${escape(
        `${when(first)} to ${when(first + length)}: no events (missing data)`,
      )}</title></rect>`,
    );
  }
  // Periods in ALARM: a faint band over the bars, and a solid lane under the axis.
  for (const [first, length] of runs(line.states.map((s) => s === "ALARM"))) {
    const left = x(first).toFixed(2);
    const width = Math.max(length * unit, THIN).toFixed(2);
    const title = `In ALARM from ${when(first)} to ${when(first + length)} UTC (${count(length, "period")})`;
    marks.push(
      `<rect class="alarm-band" x="${left}" y="${TOP}" width="${width}" height="${HEIGHT}"></rect>`,
      `<rect class="alarm" data-periods="${length}" x="${left}" y="${TOP + HEIGHT + 2}" width="${width}" height="${LANE}"><title>${escape(title)}</title></rect>`,
    );
  }
  line.datapoints.forEach((sum, i) => {
    if (!sum) return;
    const height = Math.max(2, Math.sqrt(sum / most) * HEIGHT);
    marks.push(
      `<rect class="bar" x="${x(i).toFixed(2)}" y="${(TOP + HEIGHT - height).toFixed(2)}" width="${Math.max(unit, THIN).toFixed(2)}" height="${height.toFixed(2)}"><title>${escape(
        `${when(i)} UTC: ${count(sum, "matching event")}`,
      )}</title></rect>`,
    );
  });
  for (const i of line.entries) {
    const middle = x(i) + Math.max(unit, THIN) / 2;
    marks.push(
      `<path class="entry" d="M${(middle - 5).toFixed(2)} 2 L${(middle + 5).toFixed(2)} 2 L${middle.toFixed(2)} 13 Z"><title>${escape(
        `Notification: into ALARM at ${when(i)} UTC`,
      )}</title></path>`,
    );
  }
  return `<figure>
<svg class="timeline" viewBox="0 0 ${WIDTH} ${TOP + HEIGHT + LANE + 24}" role="img" aria-label="matches per period and periods in ALARM">
<line class="axis" x1="0" y1="${TOP + HEIGHT}" x2="${WIDTH}" y2="${TOP + HEIGHT}"></line>
${marks.join("\n")}
${ticks(line)}
</svg>
<figcaption><span class="key bar"></span> matching events per ${line.periodSeconds / 60}-minute period (height: square root)
<span class="key alarm"></span> in ALARM <span class="key entry"></span> notification <span class="key missing"></span> no events</figcaption>
</figure>`;
}

/** Runs of consecutive true values: [first index, length]. */
function runs(flags: readonly boolean[]): [number, number][] {
  const found: [number, number][] = [];
  flags.forEach((flag, i) => {
    if (!flag) return;
    const last = found[found.length - 1];
    if (last !== undefined && last[0] + last[1] === i) last[1]++;
    else found.push([i, 1]);
  });
  return found;
}

/** Labelled ticks at whole hours, days or weeks, at most about ten of them. */
function ticks(line: Timeline): string {
  const start = line.start;
  const end = periodAt(line, line.datapoints.length);
  const step =
    [3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400].find((s) => (end - start) / s <= 10) ?? 90 * 86400;
  const labels: string[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    const x = ((t - start) / (end - start)) * WIDTH;
    const label = step < 86400 ? isoTime(t).slice(5, 16).replace("T", " ") : isoTime(t).slice(0, 10);
    labels.push(
      `<line class="tick" x1="${x.toFixed(2)}" y1="${TOP + HEIGHT}" x2="${x.toFixed(2)}" y2="${TOP + HEIGHT + LANE + 6}"></line>` +
        `<text x="${x.toFixed(2)}" y="${TOP + HEIGHT + LANE + 20}" text-anchor="${x < 40 ? "start" : x > WIDTH - 40 ? "end" : "middle"}">${label}</text>`,
    );
  }
  return labels.join("\n");
}

function contributors(control: ControlReport): string {
  if (control.matched === 0) return "";
  const tables = CONTRIBUTOR_FIELDS.map((field) => {
    const rows = control.contributors[field]
      .map(
        (c) =>
          `<tr><td>${escape(c.value)}</td><td class="num">${number(c.events)}</td><td class="num">${number(c.alarmPeriods)}</td></tr>`,
      )
      .join("\n");
    return `<table class="contributors"><thead><tr><th>${FIELD_NAMES[field]}</th><th>Events</th><th>In ALARM</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  });
  return `<h3>Top contributors</h3>\n<div class="grid">\n${tables.join("\n")}\n</div>`;
}

function proposals(control: ControlReport): string {
  if (control.proposals.length === 0) return "";
  const items = control.proposals.map(
    (
      p,
    ) => `<li><p><b>Leave out ${p.exclude.field === "principal" ? "principal" : "event name"} ${escape(p.exclude.value)}</b>:
${number(p.notifications.before)} → <b>${number(p.notifications.after)}</b> notifications,
${number(p.alarmPeriods.before)} → ${number(p.alarmPeriods.after)} periods in ALARM.</p>
<pre><code>${escape(p.pattern)}</code></pre>
<p class="tradeoff">Trade-off: ${escape(p.tradeOff)}.</p></li>`,
  );
  return `<h3>Proposed exclusions</h3>
<p class="note">Not applied: each is checked on these events and still catches the control's must-match samples, but every exclusion is a blind spot.</p>
<ol class="proposals">
${items.join("\n")}
</ol>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { --alarm: #d93025; --bar: #1a4f8b; --missing: #eef0f2; --ink: #1f2328; --muted: #656d76; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 0 0 6px; font-size: 20px; }
h3 { margin: 18px 0 6px; font-size: 15px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 18px 20px; margin: 18px 0; }
.id { color: var(--muted); font: 12px ui-monospace, monospace; }
h2 .id { margin-left: 8px; }
table { border-collapse: collapse; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 13px; white-space: nowrap; }
td, th { padding: 4px 10px 4px 0; vertical-align: top; }
.summary td { border-top: 1px solid #eaeef2; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary .num.paged { color: var(--alarm); font-weight: 700; font-size: 17px; }
.summary .num.quiet { color: #1a7f37; }
.meter rect { fill: var(--alarm); }
.verdict { font-size: 17px; margin: 4px 0; font-weight: 600; }
.verdict.paged { color: var(--alarm); }
.verdict.quiet { color: #1a7f37; }
.facts, .note { color: var(--muted); margin: 2px 0 8px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dt { color: var(--muted); }
dd { margin: 0; }
code, pre { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 8px; border-radius: 6px; margin: 4px 0; }
figure { margin: 10px 0; }
svg.timeline { width: 100%; height: auto; display: block; }
.timeline .bar { fill: var(--bar); }
.timeline .alarm { fill: var(--alarm); }
.timeline .alarm-band { fill: var(--alarm); fill-opacity: 0.15; }
.timeline .missing { fill: var(--missing); }
.timeline .entry { fill: var(--alarm); }
.timeline .axis, .timeline .tick { stroke: #8c959f; stroke-width: 1; }
.timeline text { font-size: 11px; fill: var(--muted); }
figcaption { color: var(--muted); font-size: 13px; }
.key { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin-left: 10px; }
.key.bar { background: var(--bar); margin-left: 0; }
.key.alarm { background: var(--alarm); height: 6px; vertical-align: 1px; }
.key.entry { background: var(--alarm); clip-path: polygon(0 0, 100% 0, 50% 100%); }
.key.missing { background: var(--missing); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 8px 20px; }
.contributors td:first-child { word-break: break-all; }
.proposals li { margin-bottom: 10px; }
.tradeoff { color: #9a6700; margin: 2px 0; }
`;
