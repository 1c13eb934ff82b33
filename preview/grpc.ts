/**
 * gRPC and the protobuf messages as @pulumi/pulumi itself loads them: a program's SDK and a policy
 * pack only understand messages built from those same copies.
 */
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type { Empty as EmptyMessage } from "google-protobuf/google/protobuf/empty_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
export const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as {
  Empty: new () => EmptyMessage;
};
export const { Struct: PulumiStruct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as {
  Struct: typeof Struct;
};
