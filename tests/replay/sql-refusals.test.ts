import { strict as assert } from "assert";
import {
  athena,
  cloudTrailLake,
  compilePatternToSql,
  emitQueries,
  EmitOptions,
  SqlOptionError,
  SqlUnsupportedError,
} from "../../replay/sql";

const ATHENA = athena().columns;
const LAKE = cloudTrailLake("EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE").columns;

/** Pattern, the construct the message must name, and what the reason must say. */
const REFUSED_ON_ATHENA: [string, string, RegExp][] = [
  ["ERROR -DEBUG", "ERROR -DEBUG", /term patterns search the raw event text/],
  ["{ $.errorCode = %^Access% }", "$.errorCode = %^Access%", /%regex% would need regexp_like/],
  [
    "{ $.eventVersion = 1.08 }",
    "$.eventVersion = 1.08",
    /column eventversion holds a number and its text alike/,
  ],
  [
    "{ $.requestParameters.maxResults > 10 }",
    "$.requestParameters.maxResults > 10",
    /json_extract_scalar reads a number and its text alike; quote the value/,
  ],
  ["{ $.errorCode IS NULL }", "$.errorCode IS NULL", /NULL alike for a JSON null and a missing field/],
  ["{ $.responseElements NOT EXISTS }", "$.responseElements NOT EXISTS", /CloudTrail writes null there/],
  [
    "{ $.requestParameters.bucketName NOT EXISTS }",
    "$.requestParameters.bucketName NOT EXISTS",
    /NULL alike for a missing field, a null, an object and an array/,
  ],
  [
    "{ $.readOnly IS TRUE }",
    "$.readOnly IS TRUE",
    /column readonly holds the JSON boolean true and the string "true" alike/,
  ],
  ['{ $.resources[0].ARN = "x" }', "$.resources[0].ARN", /array of structs.*UNNEST/],
  [
    '{ $.userIdentity.* = "x" }',
    "$.userIdentity.* =",
    /\.\* on useridentity: steps by position or over any field/,
  ],
  [
    '{ $.requestParameters.items[*].id = "x" }',
    "$.requestParameters.items[*].id",
    /\[\*\] \(any element or field\)/,
  ],
  ['{ $.requestParameters.x-y = "a" }', "$.requestParameters.x-y", /field name "x-y" would need quoting/],
  ['{ $.EventName = "x" }', '$.EventName = "x"', /no column for "EventName"; CloudTrail writes it eventName/],
  [
    "{ $.managementEvent IS TRUE }",
    "$.managementEvent IS TRUE",
    /the table has no column for "managementEvent"/,
  ],
  [
    '{ $.userIdentity.sessionContext.webIdFederationData.federatedProvider = "x" }',
    "webIdFederationData",
    /useridentity.sessioncontext has no field for "webIdFederationData"/,
  ],
  [
    '{ $.eventName.length = "x" }',
    "$.eventName.length",
    /eventname holds a single value, which has no \.length/,
  ],
];

const REFUSED_ON_LAKE: [string, RegExp][] = [
  [
    '{ $.requestParameters.policy.Version = "2012-10-17" }',
    /requestParameters is a map of strings: the value of its key "policy" is text, with no fields of its own/,
  ],
  [
    "{ $.additionalEventData.MFAUsed NOT EXISTS }",
    /element_at gives NULL alike for a missing key and a null/,
  ],
  ["{ $.additionalEventData NOT EXISTS }", /CloudTrail writes null there as well as leaving it out/],
  [
    "{ $.additionalEventData.MFAUsed IS TRUE }",
    /the map's values hold the JSON boolean true and the string "true" alike/,
  ],
  ['{ $.eventTime = "2026-*" }', /eventTime: CloudTrail Lake stores it as a timestamp/],
  ['{ $.readOnly = "true" }', /readOnly is a boolean column: only IS TRUE, IS FALSE and NOT EXISTS/],
];

describe("patterns that have no faithful SQL form are refused, naming the construct and why", () => {
  for (const [pattern, construct, reason] of REFUSED_ON_ATHENA) {
    it(`Athena: ${pattern}`, () => {
      assert.throws(
        () => compilePatternToSql(pattern, ATHENA),
        (e: unknown) => {
          assert.ok(e instanceof SqlUnsupportedError);
          assert.ok(e.construct.includes(construct), `${e.construct} names ${construct}`);
          assert.match(e.reason, reason);
          assert.doesNotMatch(e.message, /\n/);
          return true;
        },
      );
    });
  }

  for (const [pattern, reason] of REFUSED_ON_LAKE) {
    it(`CloudTrail Lake: ${pattern}`, () => {
      assert.throws(() => compilePatternToSql(pattern, LAKE), reason);
    });
  }

  it("says which control and which engine, when emitting queries", () => {
    assert.throws(
      () =>
        emitQueries({
          target: "cloudtrail-lake",
          eventDataStore: "EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE",
          controls: [
            {
              id: "s3-bucket-policy-version",
              pattern: '{ $.requestParameters.policy.Version = "2012-10-17" }',
              periodSeconds: 300,
            },
          ],
        }),
      {
        name: "SqlUnsupportedError",
        message:
          'control s3-bucket-policy-version for CloudTrail Lake: cannot compile $.requestParameters.policy.Version = "2012-10-17" ' +
          'to SQL: requestParameters is a map of strings: the value of its key "policy" is text, with no fields of its own',
      },
    );
  });
});

describe("patterns whose meaning the table keeps compile, including the odd ones", () => {
  const cases: [string, string, string][] = [
    ['{ $.userIdentity = "x" }', "Athena", "FALSE"],
    ['{ $.requestParameters != "x" }', "Athena", "FALSE"],
    ['{ $.errorCode != "*" }', "Athena", "FALSE"],
    ['{ $.errorCode = "*" }', "Athena", "errorcode IS NOT NULL"],
    ['{ $.errorCode = "" }', "Athena", "COALESCE(\n  errorcode = '',\n  FALSE\n)"],
    ["{ $.userIdentity.invokedBy NOT EXISTS }", "Athena", "useridentity.invokedby IS NULL"],
    [
      '{ $.errorMessage = "*100%_done\\\\*" }',
      "Athena",
      "COALESCE(\n  errormessage LIKE '%100\\%\\_done\\\\%' ESCAPE '\\',\n  FALSE\n)",
    ],
    ['{ $.errorCode = "it\'s*" }', "Athena", "COALESCE(\n  errorcode LIKE 'it''s%',\n  FALSE\n)"],
    ["{ $.readOnly IS FALSE }", "CloudTrail Lake", "COALESCE(\n  readOnly = FALSE,\n  FALSE\n)"],
    [
      '{ $.additionalEventData.MFAUsed != "Yes" }',
      "CloudTrail Lake",
      "COALESCE(\n  element_at(additionalEventData, 'MFAUsed') <> 'Yes',\n  FALSE\n)",
    ],
    ['{ $.additionalEventData = "x" }', "CloudTrail Lake", "FALSE"],
  ];
  for (const [pattern, engine, sql] of cases) {
    it(`${engine}: ${pattern} → ${sql.replace(/\s+/g, " ")}`, () => {
      assert.equal(compilePatternToSql(pattern, engine === "Athena" ? ATHENA : LAKE), sql);
    });
  }
});

describe("emitting queries: options a user gets wrong", () => {
  const control = {
    id: "unauthorized-api-calls",
    pattern: '{ $.errorCode = "AccessDenied*" }',
    periodSeconds: 300,
  };
  const refused: [Partial<EmitOptions>, RegExp][] = [
    [{ table: "logs; DROP TABLE x" }, /table name "logs; DROP TABLE x" is not a plain Athena table name/],
    [{ from: "2026-02-30" }, /--from "2026-02-30" is not a day: write it as YYYY-MM-DD \(UTC\)/],
    [{ to: "yesterday" }, /--to "yesterday" is not a day/],
    [{ from: "2026-03-02", to: "2026-03-01" }, /the --from day 2026-03-02 is after the --to day 2026-03-01/],
    [{ eventDataStore: "abc" }, /--event-data-store is for --emit cloudtrail-lake; Athena reads --table/],
    [{ target: "cloudtrail-lake" }, /--emit cloudtrail-lake needs --event-data-store ID \(or its ARN\)/],
    [{ target: "cloudtrail-lake", eventDataStore: "x", table: "t" }, /--table is for --emit athena/],
    [
      { target: "cloudtrail-lake", eventDataStore: "a b" },
      /event data store "a b" is neither an event data store ID nor its ARN/,
    ],
    [{ controls: [] }, /no controls chosen/],
    [{ combined: true, query: "contributors" }, /contributors are counted per control/],
    [
      { controls: [{ ...control, periodSeconds: 0.5 }] },
      /control unauthorized-api-calls: the alarm period must be whole seconds, not 0.5/,
    ],
  ];
  for (const [options, message] of refused) {
    it(`refuses ${JSON.stringify(options)} with a one-line message`, () => {
      assert.throws(
        () => emitQueries({ target: "athena", controls: [control], ...options }),
        (e: unknown) => {
          assert.ok(e instanceof SqlOptionError, String(e));
          assert.match(e.message, message);
          assert.doesNotMatch(e.message, /\n/);
          return true;
        },
      );
    });
  }

  it("reads the event data store from its ARN, and queries a database-qualified Athena table", () => {
    const [lake] = emitQueries({
      target: "cloudtrail-lake",
      eventDataStore: "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852-4e8f",
      controls: [control],
    });
    assert.match(lake.sql, /\nFROM EXAMPLE-f852-4e8f\n/);
    const [athenaQuery] = emitQueries({
      target: "athena",
      table: "security.cloudtrail_org",
      controls: [control],
    });
    assert.match(athenaQuery.sql, /\nFROM security\.cloudtrail_org\n/);
  });
});
