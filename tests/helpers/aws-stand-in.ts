/**
 * CloudWatch Logs and SNS stood in by one HTTP server on 127.0.0.1, for code that uses the AWS SDK:
 * point the SDK at it with `AWS_ENDPOINT_URL`. It speaks each service's wire protocol for the one
 * call the alarm details function makes (FilterLogEvents, JSON 1.1; Publish, the query protocol),
 * records every request, and answers as each test tells it.
 */
import * as http from "http";
import { AddressInfo } from "net";

/** An answer: a status and a body, JSON for CloudWatch Logs. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface StandIn {
  readonly url: string;
  /** FilterLogEvents requests, their JSON bodies, in order. */
  readonly filterRequests: Record<string, unknown>[];
  /** Publish requests, their form fields. */
  readonly publishRequests: Record<string, string>[];
  /** How FilterLogEvents is answered; by default, no events. */
  filterLogEvents: (request: Record<string, unknown>) => Answer;
  /** How Publish is answered; by default, a message id. */
  publish: (request: Record<string, string>) => Answer;
  reset(): void;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  const defaults = {
    filterLogEvents: (): Answer => ({ status: 200, body: { events: [] } }),
    publish: (): Answer => ({ status: 200, body: "message-1" }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.headers["x-amz-target"] === "Logs_20140328.FilterLogEvents") {
        const request = JSON.parse(body);
        standIn.filterRequests.push(request);
        const { status, body: answer } = standIn.filterLogEvents(request);
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(answer));
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      if (form.Action === "Publish") {
        standIn.publishRequests.push(form);
        const { status, body: answer } = standIn.publish(form);
        res.writeHead(status, { "content-type": "text/xml" });
        res.end(
          status === 200 ? publishResponse(String(answer)) : errorResponse(answer as Record<string, string>),
        );
        return;
      }
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(
        `the stand-in does not answer ${req.headers["x-amz-target"] ?? form.Action ?? body.slice(0, 80)}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const standIn: StandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    filterRequests: [],
    publishRequests: [],
    ...defaults,
    reset() {
      standIn.filterRequests.length = 0;
      standIn.publishRequests.length = 0;
      Object.assign(standIn, defaults);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return standIn;
}

/** A CloudWatch Logs error answer: `{"__type": "AccessDeniedException", "message": ...}`. */
export function logsError(type: string, message: string, status = 400): Answer {
  return { status, body: { __type: type, message } };
}

function publishResponse(messageId: string): string {
  return (
    `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>` +
    `<MessageId>${messageId}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></PublishResponse>`
  );
}

function errorResponse({ code, message }: Record<string, string>): string {
  return (
    `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>` +
    `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>request-1</RequestId></ErrorResponse>`
  );
}
