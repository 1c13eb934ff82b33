/**
 * The CloudTrail record fields the SQL compiler knows, and how each engine stores them.
 *
 * A field is named as CloudTrail writes it (`userIdentity.invokedBy`); each target names its
 * column (Athena: lower case, `useridentity.invokedby`; CloudTrail Lake: as written) and has its own
 * column type. Fields outside this list are refused rather than guessed.
 */

/** What CloudTrail writes in a field. */
export type RecordField =
  | "string"
  /** JSON true/false. */
  | "boolean"
  /** An ISO-8601 time as a string. */
  | "time"
  /** A free-form JSON object (requestParameters...), which CloudTrail also writes as null. */
  | "object"
  /** An array of objects. */
  | "array"
  | RecordFields;

export interface RecordFields {
  readonly [name: string]: RecordField;
}

const SESSION_ISSUER: RecordFields = {
  type: "string",
  principalId: "string",
  arn: "string",
  accountId: "string",
  userName: "string",
};

/** The fields of AWS's documented Athena table for CloudTrail logs, as CloudTrail names them. */
export const CLOUDTRAIL_RECORD: RecordFields = {
  eventVersion: "string",
  userIdentity: {
    type: "string",
    principalId: "string",
    arn: "string",
    accountId: "string",
    invokedBy: "string",
    accessKeyId: "string",
    userName: "string",
    onBehalfOf: { userId: "string", identityStoreArn: "string" },
    sessionContext: {
      attributes: { mfaAuthenticated: "string", creationDate: "time" },
      sessionIssuer: SESSION_ISSUER,
      ec2RoleDelivery: "string",
    },
  },
  eventTime: "time",
  eventSource: "string",
  eventName: "string",
  awsRegion: "string",
  sourceIPAddress: "string",
  userAgent: "string",
  errorCode: "string",
  errorMessage: "string",
  requestParameters: "object",
  responseElements: "object",
  additionalEventData: "object",
  serviceEventDetails: "object",
  requestID: "string",
  eventID: "string",
  resources: "array",
  eventType: "string",
  apiVersion: "string",
  readOnly: "boolean",
  recipientAccountId: "string",
  sharedEventID: "string",
  vpcEndpointId: "string",
  vpcEndpointAccountId: "string",
  eventCategory: "string",
  tlsDetails: { tlsVersion: "string", cipherSuite: "string", clientProvidedHostHeader: "string" },
};

/** A column (or struct field) as the compiler sees it; `sql` is its full reference. */
export type Column =
  /** Text: a string column, or a scalar's text read from JSON. */
  | { readonly kind: "text"; readonly sql: string }
  /** A string column holding JSON text; fields inside are read with json_extract_scalar. */
  | { readonly kind: "json"; readonly sql: string }
  /** A map of strings (CloudTrail Lake's free-form objects): a key's value is read with element_at. */
  | { readonly kind: "map"; readonly sql: string }
  | { readonly kind: "struct"; readonly sql: string; readonly fields: ReadonlyMap<string, Column> }
  | { readonly kind: "boolean"; readonly sql: string }
  /** A column whose values the compiler cannot compare faithfully; `why` says so. */
  | { readonly kind: "opaque"; readonly sql: string; readonly why: string };

/** How one engine stores the record's fields. */
export interface ColumnTypes {
  /** The column name of a field. */
  readonly name: (field: string) => string;
  readonly column: (field: Exclude<RecordField, RecordFields>, sql: string) => Column;
}

export const ATHENA_COLUMNS: ColumnTypes = {
  name: (field) => field.toLowerCase(),
  column(field, sql) {
    switch (field) {
      case "string":
      case "time":
      case "boolean": // a STRING column: the table reads true as "true"
        return { kind: "text", sql };
      case "object":
        return { kind: "json", sql };
      case "array":
        return { kind: "opaque", sql, why: ARRAY_WHY };
    }
  },
};

export const LAKE_COLUMNS: ColumnTypes = {
  name: (field) => field,
  column(field, sql) {
    switch (field) {
      case "string":
        return { kind: "text", sql };
      case "boolean":
        return { kind: "boolean", sql };
      case "time":
        return {
          kind: "opaque",
          sql,
          why: "CloudTrail Lake stores it as a timestamp, whose text is not the text the pattern compares",
        };
      case "object":
        return { kind: "map", sql };
      case "array":
        return { kind: "opaque", sql, why: ARRAY_WHY };
    }
  },
};

const ARRAY_WHY =
  "it is an array of structs, and selecting its elements needs UNNEST or lambda functions " +
  "outside the SQL this compiler emits";

/** The columns of a CloudTrail table, as `types` stores its fields. */
export function tableColumns(types: ColumnTypes): Column {
  return struct(CLOUDTRAIL_RECORD, types, undefined);
}

function struct(fields: RecordFields, types: ColumnTypes, sql: string | undefined): Column {
  const columns = new Map<string, Column>();
  for (const [field, type] of Object.entries(fields)) {
    const name = sql === undefined ? types.name(field) : `${sql}.${types.name(field)}`;
    columns.set(field, typeof type === "string" ? types.column(type, name) : struct(type, types, name));
  }
  return { kind: "struct", sql: sql ?? "", fields: columns };
}
