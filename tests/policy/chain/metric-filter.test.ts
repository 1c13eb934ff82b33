import { strict as assert } from "assert";
import { checkControl, DEFAULT_CHAIN_OPTIONS } from "../../../policy/rules/chain";
import { StackIndex } from "../../../policy/stack";
import {
  aws,
  chain,
  control,
  messages,
  NOT_MONITORED,
  PATTERN,
  resource,
  resources,
  verdict,
} from "../builders";

describe("steps 2 and 3, the trail's log group and the metric filters on it", () => {
  it("names the trail and the missing filter when the log group has none", () => {
    const v = verdict(resources({ ...chain(), filter: undefined }));
    assert.deepEqual(messages(v.violations), [
      `Trail 'audit' ${NOT_MONITORED}: it delivers to log group 'audit-logs', ` +
        `but no metric filter is on that log group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}).`,
    ]);
    assert.equal(v.violations[0].urn, chain().trail.urn);
  });

  it("names the filter and why its pattern does not catch unauthorized calls", () => {
    const c = chain();
    const filter = aws.filter("unauthorized", c.logGroup, { pattern: '{ $.errorCode = "AccessDenied" }' });
    assert.deepEqual(messages(verdict(resources({ ...c, filter })).violations), [
      `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' misses EC2 RunInstances refused with ` +
        "Client.UnauthorizedOperation; EC2 call refused with a bare UnauthorizedOperation; KMS Decrypt refused " +
        `with AccessDeniedException and 1 more (use the pattern ${PATTERN}).`,
    ]);
  });

  it("names a filter whose pattern does not parse, with the parse error and its column, among others' filters", () => {
    const c = chain();
    const unparsable = aws.filter("unauthorized", c.logGroup, {
      pattern: '{ $.errorCode = "AccessDenied*" || }',
    });
    const root = aws.filter("root", c.logGroup, { pattern: '{ $.userIdentity.type = "Root" }' });
    assert.deepEqual(messages(verdict(resources({ ...c, filter: unparsable }, root)).violations), [
      `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' does not parse: expected a selector such as ` +
        `$.field, or '(' at column 36 (use the pattern ${PATTERN}).`,
    ]);
  });

  it("does not count a filter on another log group", () => {
    const c = chain();
    const other = aws.logGroup("app-logs");
    const v = verdict(resources({ ...c, filter: aws.filter("unauthorized", other) }, other));
    assert.equal(
      messages(v.violations)[0],
      `Trail 'audit' ${NOT_MONITORED}: it delivers to log group 'audit-logs', but no metric filter is on that log ` +
        `group (add an aws.cloudwatch.LogMetricFilter on it with the pattern ${PATTERN}); metric filter ` +
        "'unauthorized' has the right pattern but is on log group 'app-logs'; the trail delivers to 'audit-logs'.",
    );
  });

  it("links a filter to the trail's log group by name when no dependency says so", () => {
    const c = chain();
    const filter = { ...c.filter, propertyDependencies: {}, dependencies: [] };
    assert.deepEqual(verdict(resources({ ...c, filter })).violations, []);
  });

  it("accepts a trail delivering to a log group outside the stack, matched by name", () => {
    const c = chain();
    const trail = aws.trail("audit", undefined, {
      cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:org/trail:*",
    });
    const filter = resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f", {
      ...c.filter.props,
      logGroupName: "org/trail",
    });
    assert.deepEqual(verdict(resources({ ...c, logGroup: undefined, trail, filter })).violations, []);
  });

  it("leads with the filter closest to the control when several are on the log group", () => {
    const c = chain();
    const far = aws.filter("bare", c.logGroup, { pattern: '{ $.errorCode = "UnauthorizedOperation" }' });
    const near = aws.filter("denied", c.logGroup, { pattern: '{ $.errorCode = "AccessDenied*" }' });
    const other = aws.filter("root", c.logGroup, { pattern: '{ $.userIdentity.type = "Root" }' });
    const [message] = messages(verdict(resources({ ...c, filter: far }, near, other)).violations);
    const lines = message.split("\n- ");
    assert.equal(lines.length, 3, "a filter for another control is no alternative");
    assert.match(lines[1], /^metric filter 'denied' misses EC2 RunInstances/);
    assert.match(lines[2], /^metric filter 'bare' misses EC2 RunInstances/);
  });

  it("passes a filter that catches more than the control, with an advisory on the filter", () => {
    const root = {
      ...control,
      id: "root",
      catches: "root account usage",
      securityHub: undefined,
      patterns: {
        "security-hub": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS}',
        "cis-latest": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS}',
      },
      samples: { mustMatch: [], mustNotMatch: [] },
    };
    const c = chain();
    const filter = aws.filter("root", c.logGroup, { pattern: '{ $.userIdentity.type = "Root" }' });
    const index = new StackIndex(resources({ ...c, filter }));
    const v = checkControl(index, root, DEFAULT_CHAIN_OPTIONS);
    assert.deepEqual(v.violations, []);
    assert.deepEqual(v.notes, [
      {
        message:
          "Metric filter 'root' catches every event of root account usage (CIS 3.1/4.1/5.1), and more: " +
          '$.userIdentity.invokedBy exists (otherwise $.userIdentity.type = "Root"), which the control leaves out; ' +
          "its alarm will fire more often than needed.",
        urn: filter.urn,
      },
    ]);
  });

  it("with requireSecurityHubPattern, names a filter that is right in other words and the exact string", () => {
    const c = chain();
    const filter = aws.filter("unauthorized", c.logGroup, { pattern: control.patterns["cis-latest"] });
    assert.deepEqual(verdict(resources({ ...c, filter })).violations, []);
    assert.deepEqual(
      messages(verdict(resources({ ...c, filter }), { requireSecurityHubPattern: true }).violations),
      [
        `Trail 'audit' ${NOT_MONITORED}: metric filter 'unauthorized' is not the exact pattern Security Hub ` +
          `CloudWatch.2 requires (${PATTERN}).`,
      ],
    );
  });
});
