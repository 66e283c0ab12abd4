// A provider process of its own, as each `pulumi up` has one: the real provider module, configured from
// the first line on stdin, then driven one JSON command per line (check + create, or delete), answering
// one line each, `@@answer <json>` (the provider's own log lines go to stdout too). Tests start several to
// race them against one emulator.
//
// Commands: {"op":"warm"} loads the clients (so a race is not decided by module loading);
// {"op":"create","props":{…}} runs check then create; {"op":"delete","props":{…}} runs delete.
// Answers: {"ok":true,"outs":{…}} | {"ok":false,"message":"…","partial":{…}|null}.
import { createInterface } from "node:readline";
import { serviceMeshProvider } from "../../provider";
import { PartialFailure } from "../../provider/pipeline/partial-failure";

export const ANSWER = "@@answer ";

type Command = { op: "warm" } | { op: "create" | "delete"; props: Record<string, unknown> };

async function run(command: Command): Promise<Record<string, unknown>> {
  if (command.op === "warm") {
    require("../../provider/deps/make-deps");
    return { ok: true };
  }
  try {
    if (command.op === "delete") {
      await serviceMeshProvider.delete(String(command.props["clusterId"]), command.props);
      return { ok: true };
    }
    const checked = await serviceMeshProvider.check({}, command.props);
    if (checked.failures?.length) {
      return { ok: false, message: checked.failures.map((f) => f.reason).join("; "), partial: null };
    }
    const { outs } = await serviceMeshProvider.create(checked.inputs);
    return { ok: true, outs };
  } catch (e) {
    const partial = e instanceof PartialFailure ? e.properties : null;
    return { ok: false, message: (e as Error).message, partial };
  }
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const first = await lines.next();
  const config = JSON.parse(String(first.value)) as Record<string, string>;
  await serviceMeshProvider.configure({ config: { get: (key: string) => config[key] } } as never);
  const answer = (body: Record<string, unknown>) => process.stdout.write(`${ANSWER}${JSON.stringify(body)}\n`);
  answer({ ok: true });
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    answer(await run(JSON.parse(next.value) as Command));
  }
}

if (require.main === module) void main();
