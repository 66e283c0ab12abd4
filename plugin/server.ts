import type * as grpcTypes from "@grpc/grpc-js";
import * as empty from "google-protobuf/google/protobuf/empty_pb";
import * as structs from "google-protobuf/google/protobuf/struct_pb";
import * as anys from "google-protobuf/google/protobuf/any_pb";
import * as plugins from "@pulumi/pulumi/proto/plugin_pb";
import * as providers from "@pulumi/pulumi/proto/provider_pb";
import * as services from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as statuses from "@pulumi/pulumi/proto/status_pb";
import { plain } from "../provider/plain";
import type { ServiceMeshVerbs } from "../provider/verbs";
import { pluginConfig } from "./config";
import { ResourceCalls, type InitFailure } from "./resource-calls";
import { reveal } from "./wire-values";

// The copy of grpc-js the proto modules were generated for: the one @pulumi/pulumi depends on.
const grpc = require(
  require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/pulumi")] }),
) as typeof grpcTypes;

type Call<Req> = grpcTypes.ServerUnaryCall<Req, unknown>;
type Done<Res> = grpcTypes.sendUnaryData<Res>;

const fromStruct = (s: structs.Struct | undefined): Record<string, unknown> =>
  (s?.toJavaScript() ?? {}) as Record<string, unknown>;
const toStruct = (value: Record<string, unknown>) =>
  structs.Struct.fromJavaScript(plain(value) as Record<string, structs.JavaScriptValue>);

/**
 * The gRPC side of the provider plugin: the ResourceProvider service, each method a translation between
 * protobuf messages and ResourceCalls. Written here rather than with @pulumi/pulumi's `provider.main`,
 * whose server (3.248) answers Configure without passing the provider's configuration on. A diff that
 * names replacements is answered as a change (DIFF_SOME with the keys); one with the inputs changed and
 * nothing to replace is left to the engine (DIFF_UNKNOWN), which then shows the changed fields itself.
 */
export function resourceProviderService(verbs: ServiceMeshVerbs, schema: string, version: string) {
  const calls = new ResourceCalls(verbs);
  const answer =
    <Req, Res>(method: (request: Req) => Promise<Res>) =>
    (call: Call<Req>, done: Done<Res>) => {
      method(call.request).then(
        (response) => done(null, response),
        (error: unknown) => done(grpcError(error)),
      );
    };

  return {
    getPluginInfo: answer(async () => new plugins.PluginInfo().setVersion(version)),
    getSchema: answer(async (req: providers.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new providers.GetSchemaResponse().setSchema(schema);
    }),
    checkConfig: answer(async (req: providers.CheckRequest) => new providers.CheckResponse().setInputs(req.getNews())),
    // Unknown: the engine compares the old and new configuration itself, and no change replaces anything.
    diffConfig: answer(async () => new providers.DiffResponse()),
    configure: answer(async (req: providers.ConfigureRequest) => {
      const args = reveal(fromStruct(req.getArgs())).values;
      // The verbs read the configuration through `get` alone (settings.ts's ConfigSource).
      const config = pluginConfig(args, req.getVariablesMap());
      await verbs.configure({ config } as unknown as Parameters<ServiceMeshVerbs["configure"]>[0]);
      return new providers.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false);
    }),
    check: answer(async (req: providers.CheckRequest) => {
      const result = await calls.check(req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()));
      const failures = result.failures.map((f) =>
        new providers.CheckFailure().setProperty(f.property).setReason(f.reason),
      );
      return new providers.CheckResponse().setInputs(toStruct(result.inputs)).setFailuresList(failures);
    }),
    diff: answer(async (req: providers.DiffRequest) => {
      const result = await calls.diff(req.getId(), req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()));
      const { DIFF_UNKNOWN, DIFF_NONE, DIFF_SOME } = providers.DiffResponse.DiffChanges;
      const changes = result.changes === undefined ? DIFF_UNKNOWN : result.changes ? DIFF_SOME : DIFF_NONE;
      return new providers.DiffResponse()
        .setChanges(result.replaces?.length ? DIFF_SOME : changes)
        .setReplacesList(result.replaces ?? [])
        .setDeletebeforereplace(result.deleteBeforeReplace ?? false);
    }),
    create: answer(async (req: providers.CreateRequest) => {
      const result = await calls.create(req.getUrn(), fromStruct(req.getProperties()));
      return new providers.CreateResponse().setId(result.id).setProperties(toStruct(result.outs));
    }),
    read: answer(async (req: providers.ReadRequest) => {
      const result = await calls.read(req.getId(), req.getUrn(), fromStruct(req.getProperties()));
      const response = new providers.ReadResponse().setId(result.id).setProperties(toStruct(result.props));
      return result.inputs ? response.setInputs(toStruct(result.inputs)) : response;
    }),
    update: answer(async (req: providers.UpdateRequest) => {
      const olds = fromStruct(req.getOlds());
      const result = await calls.update(req.getId(), req.getUrn(), olds, fromStruct(req.getNews()));
      return new providers.UpdateResponse().setProperties(toStruct(result.outs));
    }),
    delete: answer(async (req: providers.DeleteRequest) => {
      await calls.delete(req.getId(), req.getUrn(), fromStruct(req.getProperties()));
      return new empty.Empty();
    }),
    cancel: answer(async () => new empty.Empty()),
    attach: answer(async () => new empty.Empty()),
  };
}

/** Serves the service on a loopback port, which it returns (the engine reads it from stdout). */
export async function serve(service: ReturnType<typeof resourceProviderService>): Promise<number> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.ResourceProviderService, service as unknown as grpcTypes.UntypedServiceImplementation);
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
}

/**
 * An error as the engine reads it. One that carries an id is a resource that exists but did not finish
 * (PartialFailure): ErrorResourceInitFailed keeps it in state, with its outputs, for the next `up`.
 */
function grpcError(error: unknown): Partial<grpcTypes.StatusObject> {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  const failure = error as Partial<InitFailure>;
  if (failure.id && failure.properties) {
    const detail = new providers.ErrorResourceInitFailed()
      .setId(failure.id)
      .setProperties(toStruct(failure.properties))
      .setReasonsList(failure.reasons ?? [message]);
    const packed = new anys.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statuses.Status().setCode(grpc.status.UNKNOWN).setMessage(message).setDetailsList([packed]);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}
