/**
 * Everything the pack's GetAnalyzerInfo answers, as Pulumi Cloud reads it when the pack is published:
 * beyond what PolicyPackServer.info() returns, each policy's display name, severity, framework,
 * remediation steps, URL and tags, and the pack's display name, readme, provider and tags.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "../../preview/grpc";
import { PolicyPackServer } from "../../preview/pack";

export async function analyzerInfo(pack: PolicyPackServer): Promise<AnalyzerInfo.AsObject> {
  // The server's own gRPC client, which it keeps to itself.
  const { client } = pack as unknown as { client: AnalyzerClient };
  const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
    client.getAnalyzerInfo(new Empty(), (err: grpcTypes.ServiceError | null, res?: AnalyzerInfo) =>
      err ? reject(err) : resolve(res!),
    ),
  );
  return info.toObject();
}
