-- root-account-usage (athena)
SELECT
  from_unixtime(floor(to_unixtime(from_iso8601_timestamp(eventtime)) / 300) * 300) AS period_start,
  count(*) AS matches
FROM cloudtrail_logs
WHERE eventtime >= '2026-01-01T00:00:00Z'
  AND eventtime < '2026-02-01T00:00:00Z'
  AND (
    useridentity.type = 'Root'
    AND useridentity.invokedby IS NULL
    AND eventtype <> 'AwsServiceEvent'
  )
GROUP BY 1
ORDER BY 1;

-- console-sign-in-without-mfa (athena)
SELECT
  from_unixtime(floor(to_unixtime(from_iso8601_timestamp(eventtime)) / 300) * 300) AS period_start,
  count(*) AS matches
FROM cloudtrail_logs
WHERE eventtime >= '2026-01-01T00:00:00Z'
  AND eventtime < '2026-02-01T00:00:00Z'
  AND (
    eventname = 'ConsoleLogin'
    AND json_extract_scalar(additionaleventdata, '$.MFAUsed') <> 'Yes'
    AND useridentity.type = 'IAMUser'
    AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
  )
GROUP BY 1
ORDER BY 1;

-- all (athena, combined)
SELECT
  c.control,
  from_unixtime(floor(to_unixtime(from_iso8601_timestamp(eventtime)) / c.period) * c.period) AS period_start,
  count(*) AS matches
FROM audit.cloudtrail_org
CROSS JOIN (
  VALUES
    ('root-account-usage', 300),
    ('console-sign-in-without-mfa', 300)
) AS c (control, period)
WHERE eventtime IS NOT NULL
  AND CASE c.control
    WHEN 'root-account-usage' THEN
      useridentity.type = 'Root'
      AND useridentity.invokedby IS NULL
      AND eventtype <> 'AwsServiceEvent'
    WHEN 'console-sign-in-without-mfa' THEN
      eventname = 'ConsoleLogin'
      AND json_extract_scalar(additionaleventdata, '$.MFAUsed') <> 'Yes'
      AND useridentity.type = 'IAMUser'
      AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'
  END
GROUP BY 1, 2
ORDER BY 1, 2;

-- root-account-usage (cloudtrail-lake)
SELECT
  from_unixtime(floor(to_unixtime(eventTime) / 300) * 300) AS period_start,
  count(*) AS matches
FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE
WHERE eventTime >= timestamp '2026-01-01 00:00:00'
  AND eventTime < timestamp '2026-02-01 00:00:00'
  AND (
    userIdentity.type = 'Root'
    AND userIdentity.invokedBy IS NULL
    AND eventType <> 'AwsServiceEvent'
  )
GROUP BY 1
ORDER BY 1;
