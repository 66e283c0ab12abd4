import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dynamicProviderHostEngine, pluginEngine, type EngineLog } from "../../provider/engine-log";
import { resourceLogger } from "../../provider/log";

/** An engine that records each line, or refuses every one. */
function recordingEngine(refuse = false): EngineLog & { lines: string[] } {
  const lines: string[] = [];
  let chain = Promise.resolve();
  return {
    lines,
    log(urn, severity, message, fallback) {
      chain = chain.then(() => (refuse ? fallback() : void lines.push(`${severity} ${urn} ${message}`)));
    },
    flush: () => chain,
  };
}

describe("progress lines on the resource's row", () => {
  const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/asm:ServiceMesh::mesh";

  it("finds the engine's address only in a process the dynamic-provider host runs", () => {
    const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    assert.equal(dynamicProviderHostEngine(["node", host, "127.0.0.1:40123"]), "127.0.0.1:40123");
    assert.equal(dynamicProviderHostEngine(["node", host]), undefined);
    assert.equal(dynamicProviderHostEngine(["node", "/p/tests/provider-process.js", "127.0.0.1:40123"]), undefined);
    assert.equal(dynamicProviderHostEngine(["node", host, "--flag"]), undefined);
  });

  it("finds a provider plugin's engine in its last address argument, after any logging flags", () => {
    assert.equal(pluginEngine(["--logtostderr", "-v=9", "127.0.0.1:40123"]), "127.0.0.1:40123");
    assert.equal(pluginEngine(["--logtostderr"]), undefined);
  });

  it("sends each line once to the engine with the URN, unprefixed and redacted, in order", async () => {
    const engine = recordingEngine();
    let stdout = "";
    const log = resourceLogger("mesh", URN, engine, (line) => (stdout += line));
    log.info("PreChecked: True/Passed");
    log.warn("drift: name");
    log.info("token AccessKeySecret=abc123 used");
    await engine.flush();
    assert.equal(engine.lines[0], `info ${URN} PreChecked: True/Passed`);
    assert.equal(engine.lines[1], `warning ${URN} drift: name`);
    assert.equal(engine.lines.length, 3);
    assert.equal(engine.lines[2]!.includes("abc123"), false, engine.lines[2]);
    assert.equal(stdout, "", "nothing on the Stack's row");
  });

  it("writes a line the engine does not take to stdout, prefixed", async () => {
    const engine = recordingEngine(true);
    let stdout = "";
    resourceLogger("mesh", URN, engine, (line) => (stdout += line)).warn("drift: name");
    await engine.flush();
    assert.equal(stdout, "warning: [ServiceMesh mesh] drift: name\n");
  });

  it("keeps the prefix where no URN is known", async () => {
    let stdout = "";
    resourceLogger("mesh", undefined, recordingEngine(), (line) => (stdout += line)).info("x");
    assert.equal(stdout, "[ServiceMesh mesh] x\n");
  });
});
