/**
 * The replay as one self-contained HTML page (inline CSS and SVG, nothing fetched): a summary of
 * which controls would have notified how often, then per control a timeline of its matches per
 * period with the periods in ALARM, its top contributors and the proposed exclusions.
 */
import { CONTRIBUTOR_FIELDS, ContributorField } from "./contributors";
import { actionsNote, alarmText, count, leftOutText, minute, number, principalText } from "./format";
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
${report.notReplayed ? `<p class="note">${escape(report.notReplayed)}</p>` : ""}
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
<p class="facts">${count(control.matched, "matching event")} in ${count(control.periodsWithMatches, "period")};
${count(control.alarmPeriods, "period")} in ALARM.</p>
<dl>
<dt>Pattern</dt><dd><code>${identifier(control.pattern)}</code></dd>
<dt>Alarm</dt><dd>${escape(alarmText(control.metricName, control.alarm))}</dd>
</dl>
${chart(control.timeline)}
${whyInAlarm(control)}
${notifications(control)}
${contributors(control)}
${proposals(control)}
</section>`;
}

/** Notifications listed per control; the rest are counted (all are in --json). */
const SHOWN_NOTIFICATIONS = 100;
/** Principals named per notification. */
const SHOWN_CAUSES = 3;

/** Each notification with its time, as text a printout keeps, and who set it off. */
function notifications(control: ControlReport): string {
  if (control.notifications.length === 0) return "";
  const rows = control.notifications.slice(0, SHOWN_NOTIFICATIONS).map(({ time, causedBy }) => {
    const who = causedBy
      .slice(0, SHOWN_CAUSES)
      .map(
        (c) =>
          `<li>${identifier(principalText(c.principal, c.account))}: ${count(c.events, "matching event")}</li>`,
      );
    if (causedBy.length > SHOWN_CAUSES)
      who.push(`<li>${count(causedBy.length - SHOWN_CAUSES, "more principal")}</li>`);
    const cell = who.length > 0 ? `<ul>${who.join("")}</ul>` : "missing data treated as breaching";
    return `<tr><td class="time">${escape(minute(time))} UTC</td><td>${cell}</td></tr>`;
  });
  const more = control.notifications.length - SHOWN_NOTIFICATIONS;
  return `<h3>Notifications</h3>
<table class="notifications">
<thead><tr><th>Into ALARM at</th><th>Set off by (the matching events of the periods its evaluation counted)</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>${more > 0 ? `\n<p class="note">And ${count(more, "more notification")}: all are listed by <code>--json</code>.</p>` : ""}`;
}

/** Why the events give the periods in ALARM they do: how the alarm keeps its state. */
function whyInAlarm(control: ControlReport): string {
  if (control.alarmPeriods === 0) return "";
  const {
    evaluationPeriods: n,
    datapointsToAlarm: m,
    threshold,
    periodSeconds,
    treatMissingData,
  } = control.alarm;
  const range = n + 2;
  const missing: Record<typeof treatMissingData, string> = {
    notBreaching: "missing ones count as not breaching",
    breaching: "missing ones count as breaching, so quiet periods can keep it in ALARM",
    missing: "only those present count, and a range without any leaves ALARM for INSUFFICIENT_DATA",
    ignore: "only those present count, and a range without any keeps the state it was in",
  };
  const rule =
    n === 1
      ? `while the newest of them breaches (Sum &ge; ${threshold}); in a range without any datapoint,`
      : `while at least ${m} of the newest ${n} of them breach (Sum &ge; ${threshold}); with fewer than ${n},`;
  return `<p class="why">Why ${count(control.matched, "matching event")} ${control.matched === 1 ? "gives" : "give"} ${count(control.alarmPeriods, "period")} in ALARM:
at the end of each ${periodSeconds / 60}-minute period the alarm looks at the datapoints of the last ${range} periods
(only periods with events have one) and is in ALARM ${rule} ${escape(missing[treatMissingData])}. So a breaching
period keeps the alarm in ALARM until newer datapoints that do not breach take its place or it leaves the range:
a lone event keeps ${m === 1 && n === 1 ? "this 1-of-1 alarm" : "the alarm"} there for up to ${range} periods.</p>`;
}

const WIDTH = 1000;
const TOP = 18;
const HEIGHT = 90;
/** Height of the lane under the axis that shows the periods in ALARM. */
const LANE = 7;
/** Narrowest mark, so that one period in a long replay stays visible. */
const THIN = 2;
/** Columns drawn at most: beyond as many periods, each column draws several. */
const COLUMNS = 500;

/** What one column of the timeline draws, for the periods it covers. */
interface Column {
  /** The largest Sum of a period; -1 when no period has a datapoint. */
  most: number;
  alarmPeriods: number;
  entries: number;
}

/**
 * Matches per period as bars, periods in ALARM as red bands, entries into ALARM as triangles. A
 * replay of more periods than COLUMNS draws them in COLUMNS columns, so the page's size follows
 * the events, never the time they span.
 */
function chart(line: Timeline): string {
  if (line.periods === 0) return `<p class="empty">No events to draw.</p>`;
  const shown = Math.min(line.periods, COLUMNS);
  const per = line.periods / shown;
  const columns: Column[] = Array.from({ length: shown }, () => ({ most: -1, alarmPeriods: 0, entries: 0 }));
  /** The column of period `i`, and the first period of column `c`. */
  const columnOf = (i: number) => Math.min(shown - 1, Math.floor(i / per));
  const firstOf = (c: number) => Math.ceil(c * per);
  const { index, sum } = line.points;
  for (let i = 0; i < index.length; i++) {
    const column = columns[columnOf(index[i])];
    column.most = Math.max(column.most, sum[i]);
  }
  for (const run of line.states) {
    if (run.state !== "ALARM") continue;
    const end = run.from + run.length;
    for (let c = columnOf(run.from); c < shown && firstOf(c) < end; c++) {
      columns[c].alarmPeriods += Math.min(end, firstOf(c + 1)) - Math.max(run.from, firstOf(c));
    }
  }
  for (const i of line.entries) columns[columnOf(i)].entries++;

  const unit = WIDTH / shown;
  const x = (c: number) => (c * unit).toFixed(2);
  const when = (c: number) => minute(isoTime(periodAt(line, firstOf(c))));
  const span = (first: number, length: number) =>
    length === 1 && per === 1 ? `${when(first)} UTC` : `${when(first)} to ${when(first + length)} UTC`;
  const most = Math.max(1, ...columns.map((c) => c.most));
  const marks: string[] = [];
  for (const [first, length] of runs(columns.map((c) => c.most < 0))) {
    marks.push(
      `<rect class="missing" x="${x(first)}" y="${TOP}" width="${Math.max(length * unit, THIN / 4).toFixed(2)}" height="${HEIGHT}"><title>${escape(
        `${span(first, length)}: no events (no datapoint: missing data)`,
      )}</title></rect>`,
    );
  }
  // Periods in ALARM: a faint band over the bars, and a solid lane under the axis.
  for (const [first, length] of runs(columns.map((c) => c.alarmPeriods > 0))) {
    const periods = columns.slice(first, first + length).reduce((sum, c) => sum + c.alarmPeriods, 0);
    const width = Math.max(length * unit, THIN).toFixed(2);
    const title = `In ALARM ${count(periods, "period")}, ${span(first, length)}`;
    marks.push(
      `<rect class="alarm-band" x="${x(first)}" y="${TOP}" width="${width}" height="${HEIGHT}"></rect>`,
      `<rect class="alarm" data-periods="${periods}" x="${x(first)}" y="${TOP + HEIGHT + 2}" width="${width}" height="${LANE}"><title>${escape(title)}</title></rect>`,
    );
  }
  columns.forEach((column, c) => {
    if (column.most <= 0) return;
    const height = Math.max(2, Math.sqrt(column.most / most) * HEIGHT);
    const what =
      per === 1
        ? count(column.most, "matching event")
        : `up to ${count(column.most, "matching event")} a period`;
    marks.push(
      `<rect class="bar" x="${x(c)}" y="${(TOP + HEIGHT - height).toFixed(2)}" width="${Math.max(unit, THIN).toFixed(2)}" height="${height.toFixed(2)}"><title>${escape(
        `${span(c, 1)}: ${what}`,
      )}</title></rect>`,
    );
  });
  columns.forEach((column, c) => {
    if (column.entries === 0) return;
    const middle = c * unit + Math.max(unit, THIN) / 2;
    const title =
      column.entries === 1 && per === 1
        ? `Notification: into ALARM at ${when(c)} UTC`
        : `${count(column.entries, "notification")}, ${span(c, 1)}`;
    marks.push(
      `<path class="entry" data-notifications="${column.entries}" d="M${(middle - 5).toFixed(2)} 2 L${(middle + 5).toFixed(2)} 2 L${middle.toFixed(2)} 13 Z"><title>${escape(title)}</title></path>`,
    );
  });
  return `<figure>
<svg class="timeline" viewBox="0 0 ${WIDTH} ${TOP + HEIGHT + LANE + 24}" role="img" aria-label="matches per period and periods in ALARM">
<line class="axis" x1="0" y1="${TOP + HEIGHT}" x2="${WIDTH}" y2="${TOP + HEIGHT}"></line>
${marks.join("\n")}
${ticks(line)}
</svg>
<figcaption><span class="key bar"></span> matching events per ${line.periodSeconds / 60}-minute period (height: square root${per === 1 ? "" : `; each column ${count(Math.round(per), "period")}, drawn at its busiest`})
<span class="key alarm"></span> in ALARM <span class="key entry"></span> notification
<span class="key missing"></span> no CloudTrail event at all: the metric has no datapoint (missing data)
<span class="key blank"></span> events, none of them matching: a datapoint of 0</figcaption>
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

const YEAR = 365 * 86400;

/** Labelled ticks at whole hours, days, weeks or years, at most about ten of them. */
function ticks(line: Timeline): string {
  const start = line.start;
  const end = periodAt(line, line.periods);
  const step =
    [3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400, 90 * 86400].find((s) => (end - start) / s <= 10) ??
    Math.ceil((end - start) / 10 / YEAR) * YEAR;
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
          `<tr><td>${identifier(c.value)}</td>${field === "principal" ? `<td>${escape(c.account ?? "")}</td>` : ""}<td class="num">${number(c.events)}</td><td class="num">${number(c.alarmPeriods)}</td></tr>`,
      )
      .join("\n");
    const account = field === "principal" ? "<th>Account</th>" : "";
    return `<table class="contributors${field === "principal" ? " wide" : ""}"><thead><tr><th>${FIELD_NAMES[field]}</th>${account}<th>Events</th><th>In ALARM</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  });
  return `<h3>Top contributors</h3>\n<div class="grid">\n${tables.join("\n")}\n</div>`;
}

function proposals(control: ControlReport): string {
  if (control.proposals.length === 0) return "";
  const items = control.proposals.map(
    (
      p,
    ) => `<li><p><b>Leave out ${p.exclude.field === "principal" ? "principal" : "event name"} ${identifier(p.exclude.value)}</b>:
${number(p.notifications.before)} → <b>${number(p.notifications.after)}</b> notifications,
${number(p.alarmPeriods.before)} → ${number(p.alarmPeriods.after)} periods in ALARM.</p>
<pre><code>${identifier(p.pattern)}</code></pre>
<p class="tradeoff">Trade-off: ${identifier(p.tradeOff)}.</p>${p.warning ? `\n<p class="warning"><b>Warning:</b> ${identifier(p.warning)}.</p>` : ""}</li>`,
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

/**
 * An ARN or another long identifier, free to wrap after its separators (`:` and `/`) and at spaces,
 * never inside a word (not even at a hyphen, where a browser would).
 */
function identifier(text: string): string {
  return escape(text).replace(/[^:/\s]+|[:/]/g, (part) =>
    part === ":" || part === "/" ? `${part}<wbr>` : `<span class="word">${part}</span>`,
  );
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
pre { white-space: pre-wrap; overflow-wrap: break-word; background: #f6f8fa; padding: 8px; border-radius: 6px; margin: 4px 0; }
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
.grid { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px 32px; }
.contributors td:first-child, .notifications td { overflow-wrap: break-word; }
.contributors.wide { flex-basis: 100%; }
.notifications ul { margin: 0; padding-left: 18px; }
.notifications .time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.word { white-space: nowrap; }
.key.blank { background: #fff; border: 1px solid #d0d7de; }
.why { color: var(--muted); max-width: 80ch; }
.warning { color: var(--alarm); margin: 2px 0; }
.left-out { color: var(--alarm); }
@media print { body { background: #fff; } section { border: none; } }
.proposals li { margin-bottom: 10px; }
.tradeoff { color: #9a6700; margin: 2px 0; }
`;
