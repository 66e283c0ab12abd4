/**
 * The emulator against a client this project did not write: the official Python SDKs (installed into
 * .venv-contract by scripts/python-sdks.sh) drive every operation the provider uses, and
 * tests/contract/sdk_contract.py fails on any response field their models do not declare, any type
 * mismatch, any meshConfig parameter the official request models lack, and any parameter accepted but
 * not reported back where the provider reads it (the provider's own table is handed over as JSON).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { MESH_CONFIG_FIELDS } from "../../provider/model/mesh-config-fields";
import { rand } from "../support/asm-test-client";
import { sampleFor } from "../support/mesh-config-samples";

const ROOT = resolve(__dirname, "../..");
const PYTHON = join(ROOT, ".venv-contract/bin/python");
const LATENCY = { provisionMs: 50, enrollMs: 50, removeMs: 50, updateMs: 50, deleteMs: 50, responseMs: 0 };

describe("the emulator through the official Python SDKs", () => {
  const keyId = `contract-${rand(6)}`;
  const secret = rand(18);
  let emu: RunningEmulator;
  let dir = "";

  before(async () => {
    emu = await startEmulator({
      accessKeyId: keyId,
      accessKeySecret: secret,
      latency: LATENCY,
      seed: {
        clusters: [
          {
            clusterId: "c-app",
            regionId: "cn-hangzhou",
            vpcId: "vpc-app",
            vswitchIds: ["vsw-app"],
            namespaces: [{ name: "shop", labels: { "istio-injection": "enabled" } }],
            proxies: ["cart-1.shop"],
          },
        ],
      },
    });
    dir = mkdtempSync(join(tmpdir(), "sdk-contract-"));
  });
  after(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every call with declared fields of the declared types, and reads back every meshConfig parameter", async () => {
    assert.ok(existsSync(PYTHON), `${PYTHON} is missing: scripts/python-sdks.sh installs it (npm test runs it)`);
    const fields = join(dir, "fields.json");
    const rows = MESH_CONFIG_FIELDS.map((f) => ({ ...f, kind: undefined, sample: sampleFor(f.kind) }));
    writeFileSync(fields, JSON.stringify(rows));
    const run = promisify(execFile)(
      PYTHON,
      [join(ROOT, "tests/contract/sdk_contract.py"), emu.endpoint, keyId, fields],
      {
        env: { ...process.env, ASM_CONTRACT_SECRET: secret },
      },
    );
    const { stdout } = await run.catch((e: { stdout?: string; stderr?: string }) =>
      assert.fail(`the contract failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`),
    );
    assert.match(stdout, /^0 contract failure\(s\)$/m);
    assert.match(
      stdout,
      new RegExp(
        `UpdateMeshFeature, UpdateControlPlaneLogConfig: all ${MESH_CONFIG_FIELDS.length} parameters read back`,
      ),
    );
  });
});
