/**
 * Step 8: what happened, in the message. When an alarm of step 4 goes into ALARM, an EventBridge rule
 * runs a function (../alert-function/) that looks up the events its metric counted in the trail's
 * log group, with the control's own pattern over the periods the alarm evaluated, and publishes who
 * did what, from where, to the topic of step 5. The alarm keeps its own notification: this one adds
 * to it, and if it fails, people still hear that the alarm fired.
 *
 * The function may read only the trail's log group, publish only to the alarm topic (with its key),
 * and write only its own log group; only this rule may run it.
 */
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Control } from "../../policy/catalog";
import { AlarmSettings } from "../config/settings";
import { CONTROLS_FILE, ENVIRONMENT, MetricControl } from "../alert-function/setup";
import { alertControl } from "./alert-control";
import { FlowContext, policyDocument } from "./context";
import { functionArchive, functionCode } from "./function-archive";
import { Metric } from "./3-metric-filter";
import { AlarmTopic } from "./5-topic";

const HANDLER = path.resolve(__dirname, "../alert-function/handler.ts");

/** Days the function's own log keeps why a lookup or a message failed. */
const FUNCTION_LOG_DAYS = 90;

/**
 * How late a message may still go out: after an hour the on-call engineer has looked for themselves.
 * EventBridge retries handing the event over until then; Lambda never runs the function twice.
 */
const MOST_DELAY_SECONDS = 3600;

export interface AlertDetails {
  readonly functionName: pulumi.Output<string>;
  /** The function's own log group. */
  readonly logGroupName: pulumi.Output<string>;
  /** The function's role, to grant use of an existing topic's key to. */
  readonly roleArn: pulumi.Output<string>;
}

/** Creates the path for the alarms that notify; none if no alarm notifies anyone. */
export function createAlertDetails(
  ctx: FlowContext,
  watched: readonly {
    control: Control;
    metric: Metric;
    alarm: aws.cloudwatch.MetricAlarm;
    alarmSettings: AlarmSettings;
  }[],
  trailLogGroupName: pulumi.Output<string>,
  topic: AlarmTopic,
): AlertDetails | undefined {
  const notifying = watched.filter((w) => w.alarmSettings.actionsEnabled);
  if (notifying.length === 0) return undefined;
  const name = `${ctx.name}-alert-details`;
  const opts = { parent: ctx.parent };

  const logGroup = new aws.cloudwatch.LogGroup(name, { retentionInDays: FUNCTION_LOG_DAYS }, opts);
  const role = new aws.iam.Role(
    name,
    {
      description: "Lets the CIS alarm details function read the trail's events and notify the alarm topic",
      assumeRolePolicy: policyDocument([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
    },
    opts,
  );
  const permissions = new aws.iam.RolePolicy(
    name,
    {
      role: role.id,
      policy: policyDocument(
        alertDetailsPermissions(ctx, { trailLogGroupName, topic, functionLogGroupArn: logGroup.arn }),
      ),
    },
    opts,
  );

  const controls: MetricControl[] = notifying.map(({ control, metric, alarmSettings }) => ({
    namespace: metric.namespace,
    metricName: metric.name,
    control: alertControl(control, metric.pattern, alarmSettings),
  }));
  const code = functionCode(HANDLER, { [CONTROLS_FILE]: JSON.stringify(controls, null, 2) });
  const fn = new aws.lambda.Function(
    name,
    {
      description: "Tells who did what when a CIS alarm goes into ALARM",
      runtime: aws.lambda.Runtime.NodeJS22dX,
      architectures: ["arm64"],
      handler: code.handler,
      code: functionArchive(code),
      role: role.arn,
      memorySize: 256,
      timeout: 60,
      environment: {
        variables: { [ENVIRONMENT.logGroupName]: trailLogGroupName, [ENVIRONMENT.topicArn]: topic.arn },
      },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    },
    { ...opts, dependsOn: [permissions] },
  );
  new aws.lambda.FunctionEventInvokeConfig(
    name,
    { functionName: fn.name, maximumRetryAttempts: 0, maximumEventAgeInSeconds: MOST_DELAY_SECONDS },
    opts,
  );

  const rule = new aws.cloudwatch.EventRule(
    name,
    {
      description: "A CIS alarm of this stack went into ALARM",
      eventPattern: pulumi
        .all(notifying.map((w) => w.alarm.arn))
        .apply((arns) => alarmsIntoAlarm(arns, `${ctx.name}-`)),
    },
    opts,
  );
  const invoke = new aws.lambda.Permission(
    name,
    {
      action: "lambda:InvokeFunction",
      function: fn.name,
      principal: "events.amazonaws.com",
      sourceArn: rule.arn,
    },
    opts,
  );
  new aws.cloudwatch.EventTarget(
    name,
    { rule: rule.name, arn: fn.arn, retryPolicy: { maximumEventAgeInSeconds: MOST_DELAY_SECONDS } },
    { ...opts, dependsOn: [invoke] },
  );
  return { functionName: fn.name, logGroupName: logGroup.name, roleArn: role.arn };
}

/** EventBridge takes event patterns of up to 2048 characters (unless the account's quota is raised). */
const MOST_PATTERN_CHARACTERS = 2048;

/**
 * The event pattern of the alarms going into ALARM: by their ARNs; or, where that many long ARNs do
 * not fit, by the prefix of their names (the function ignores an alarm of no control anyway).
 */
export function alarmsIntoAlarm(alarmArns: readonly string[], namePrefix: string): string {
  const stateChange = { source: ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"] };
  const intoAlarm = { state: { value: ["ALARM"] } };
  const byArn = JSON.stringify({ ...stateChange, resources: alarmArns, detail: intoAlarm });
  if (byArn.length <= MOST_PATTERN_CHARACTERS) return byArn;
  return JSON.stringify({ ...stateChange, detail: { alarmName: [{ prefix: namePrefix }], ...intoAlarm } });
}

/**
 * The function's permissions: FilterLogEvents on the trail's log group (its ARN with the `:*` that
 * CloudWatch Logs authorizes log group actions against), Publish to the topic, the topic's key for
 * SNS only, and writing its own log. An existing topic's key is not known here: whoever owns it
 * grants the function's role (README, "Alarm details").
 */
function alertDetailsPermissions(
  ctx: FlowContext,
  args: {
    trailLogGroupName: pulumi.Output<string>;
    topic: AlarmTopic;
    functionLogGroupArn: pulumi.Output<string>;
  },
): pulumi.Input<object>[] {
  const statements: pulumi.Input<object>[] = [
    {
      Sid: "ReadTrailEvents",
      Effect: "Allow",
      Action: "logs:FilterLogEvents",
      Resource: pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${args.trailLogGroupName}:*`,
    },
    { Sid: "NotifyAlarmTopic", Effect: "Allow", Action: "sns:Publish", Resource: args.topic.arn },
    {
      Sid: "WriteOwnLog",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: pulumi.interpolate`${args.functionLogGroupArn}:log-stream:*`,
    },
  ];
  if (args.topic.keyArn !== undefined) {
    const domain = ctx.partition.apply((p) => (p === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"));
    statements.splice(2, 0, {
      Sid: "EncryptForAlarmTopic",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: args.topic.keyArn,
      Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`sns.${ctx.region}.${domain}` } },
    });
  }
  return statements;
}
