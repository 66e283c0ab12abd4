// E2E smoke: the real pulumi CLI (engine, file backend, dynamic-provider plugin) runs a tiny program
// through its whole lifecycle, offline. Proves the toolchain works before any real e2e test relies on it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pulumiProject, type PulumiProject } from "../support/pulumi-cli";

describe("the real pulumi CLI on a dynamic-provider program", () => {
  let project: PulumiProject;

  before(async () => {
    project = await pulumiProject({ dir: join(__dirname, "smoke"), config: { "smoke:name": "e2e" } });
  });

  after(async () => {
    await project?.cleanup();
  });

  it("is the pinned v3.248.0 build", async () => {
    const r = await project.run(["version"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "v3.248.0");
  });

  it("previews the creation of the dynamic resource as JSON", async () => {
    const preview = await project.previewJson();
    const steps = preview.steps as { op: string; urn: string }[];
    assert.ok(
      steps.some((s) => s.op === "create" && s.urn.endsWith("pulumi-nodejs:dynamic:Resource::greeting")),
      JSON.stringify(steps, null, 2),
    );
  });

  it("creates the resource and exports its output", async () => {
    await project.up();
    assert.deepEqual(await project.stackOutputs(), { message: "hello, e2e" });
  });

  it("finds nothing to change on a second up", async () => {
    await project.up(["--expect-no-changes"]);
  });

  it("updates the resource in place when its input changes", async () => {
    await project.setConfig("smoke:name", "again");
    const r = await project.up();
    assert.match(r.stdout, /1 updated/);
    assert.deepEqual(await project.stackOutputs(), { message: "hello, again" });
  });

  it("destroys everything it created", async () => {
    await project.destroy();
    const state = await project.exportStack();
    assert.deepEqual(state.deployment.resources ?? [], []);
  });
});
